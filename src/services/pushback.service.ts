import type { Logger } from 'pino';
import type { PushBackStore, TrackerLimiter } from '../core/sync-ports.ts';
import { TrackerAuthFailed } from '../core/tracker.ts';
import type { ConnectionService } from './connections.service.ts';

export interface PushBackService {
  /**
   * Writes one decision onto one task in its tracker. Idempotent twice over: the row's status
   * skips work already done, and the adapter looks for the decision marker before commenting.
   */
  deliver(pushBackId: string): Promise<{ status: 'done' | 'already_done' | 'missing' | 'connection_gone' }>;
}

/** Write calls a push-back makes at most (read comments, comment, label/field, transition). */
const PUSH_COST = 3;

export function createPushBackService(deps: {
  pushBacks: Pick<PushBackStore, 'get' | 'markDone' | 'markFailed' | 'noteAttempt'>;
  connections: Pick<ConnectionService, 'adapterFor' | 'noteHealth'>;
  limiter: TrackerLimiter;
  logger: Logger;
}): PushBackService {
  return {
    async deliver(id) {
      const row = await deps.pushBacks.get(id);
      if (!row) return { status: 'missing' };
      if (row.status === 'done') return { status: 'already_done' };
      const found = await deps.connections.adapterFor(row.connectionId);
      if (!found) {
        await deps.pushBacks.markFailed(id, 'the connection no longer exists');
        return { status: 'connection_gone' };
      }
      const { adapter } = found;
      try {
        const result = await deps.limiter.run(row.connectionId, adapter.tracker, 'write', PUSH_COST, () =>
          adapter.pushDecision({ externalId: row.taskExternalId, key: row.taskKey }, row.mark),
        );
        await deps.pushBacks.markDone(id, result);
        deps.logger.info({ pushBackId: id, decisionId: row.decisionId, ...result }, 'decision pushed back');
        return { status: 'done' };
      } catch (err) {
        await deps.pushBacks.noteAttempt(id, (err as Error).message);
        if (err instanceof TrackerAuthFailed) {
          // Retrying cannot help until someone fixes the credentials: fail now, say why, flag the connection.
          await deps.connections.noteHealth(row.connectionId, {
            health: 'unhealthy',
            lastError: err.message,
          });
          await deps.pushBacks.markFailed(id, err.message);
        }
        throw err;
      }
    },
  };
}
