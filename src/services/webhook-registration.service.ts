import type { Logger } from 'pino';
import { NotFound } from '../core/errors.ts';
import type { Store } from '../core/ports.ts';
import type { HandshakeGate, TrackerLimiter, WebhookRegistrationRecord } from '../core/sync-ports.ts';
import { TrackerAuthFailed, TrackerRateLimited, type WebhookRegistration } from '../core/tracker.ts';
import type { ConnectionService } from './connections.service.ts';

export interface RegisteredWebhooks {
  readonly connectionId: string;
  readonly callbackUrl: string;
  readonly links: readonly { linkId: string; webhooks: readonly WebhookRegistration[] }[];
}

export interface RefreshReport {
  /** Registrations extended through the adapter's `refreshWebhooks`. */
  readonly refreshed: number;
  /** Connections whose webhooks were registered again (no refresh call, or already expired). */
  readonly reRegistered: number;
  readonly failed: readonly { connectionId: string; error: string }[];
}

export interface WebhookRegistrationService {
  /** Registers (or refreshes) the tracker webhooks of every link of the connection, and records them. */
  register(connectionId: string): Promise<RegisteredWebhooks>;
  /** Refreshes every recorded registration that expires within REFRESH_MARGIN_MS. */
  refreshDue(): Promise<RefreshReport>;
}

/** Jira's dynamic webhooks live 30 days; they are refreshed once less than 7 days are left. */
export const REFRESH_MARGIN_MS = 7 * 24 * 3600_000;
const BATCH = 500;

/**
 * The callback is exactly `${JALON_PUBLIC_URL}/webhooks/{tracker}/{connectionId}`: Trello signs
 * over it, and Asana's handshake reaches the receiver while the create call is still in flight.
 * Adapters reuse a webhook that already exists for the same scope and URL, so calling this again
 * refreshes rather than duplicates (Jira dynamic webhooks get their 30-day expiry pushed back).
 * What each call registered is kept in `webhook_registrations` with its expiry, which the
 * webhook-refresh job reads.
 */
export function createWebhookRegistrationService(deps: {
  store: Pick<Store, 'links' | 'webhookRegistrations'>;
  connections: Pick<ConnectionService, 'adapterFor' | 'setIntegrationAccount' | 'noteHealth'>;
  limiter: TrackerLimiter;
  /** Opened around the tracker's create call, so the receiver answers Jalon's own handshakes only. */
  handshakes: Pick<HandshakeGate, 'expect'>;
  publicUrl: string;
  logger?: Logger;
  now?: () => Date;
}): WebhookRegistrationService {
  const now = deps.now ?? (() => new Date());
  const registrations = deps.store.webhookRegistrations;

  async function register(connectionId: string): Promise<RegisteredWebhooks> {
    const found = await deps.connections.adapterFor(connectionId);
    if (!found) throw new NotFound('Connection', connectionId);
    const { adapter, connection } = found;
    const callbackUrl = `${deps.publicUrl}/webhooks/${connection.tracker}/${connection.id}`;
    if (!connection.integrationAccountId) {
      const me = await deps.limiter.run(connection.id, adapter.tracker, 'read', 1, () => adapter.whoAmI());
      await deps.connections.setIntegrationAccount(connection.id, me.accountId);
    }
    const links = await deps.store.links.listByConnection(connectionId);
    const result: { linkId: string; webhooks: readonly WebhookRegistration[] }[] = [];
    const hooks = { expectHandshake: () => deps.handshakes.expect(connection.id) };
    for (const link of links) {
      const webhooks = await deps.limiter.run(connection.id, adapter.tracker, 'write', 2, () =>
        adapter.registerWebhooks(link.scope, callbackUrl, hooks),
      );
      await registrations.save(connection.id, link.scopeKey, webhooks, now());
      result.push({ linkId: link.id, webhooks });
    }
    await registrations.prune(
      connection.id,
      result.flatMap((l) => l.webhooks.map((w) => w.externalId)),
    );
    await deps.connections.noteHealth(connectionId, { health: 'healthy', lastError: null });
    return { connectionId, callbackUrl, links: result };
  }

  /** Refreshes one connection's due registrations; how many were refreshed, or 're-registered'. */
  async function refreshConnection(
    connectionId: string,
    due: readonly WebhookRegistrationRecord[],
    at: Date,
  ): Promise<number | 're-registered'> {
    const found = await deps.connections.adapterFor(connectionId);
    if (!found) return 0; // deleted meanwhile: nothing to keep alive
    const { adapter, connection } = found;
    // A webhook already expired is gone at the tracker: only registering it again brings it back.
    const expired = due.some((r) => r.expiresAt !== null && r.expiresAt.getTime() <= at.getTime());
    if (!adapter.refreshWebhooks || expired) {
      await register(connectionId);
      return 're-registered';
    }
    const refresh = adapter.refreshWebhooks;
    const ids = due.map((r) => r.externalId);
    const result = await deps.limiter.run(connection.id, adapter.tracker, 'write', 1, () => refresh(ids));
    await registrations.noteRefreshed(connection.id, result, at);
    return result.length;
  }

  return {
    register,
    async refreshDue() {
      const at = now();
      const due = await registrations.expiringBefore(new Date(at.getTime() + REFRESH_MARGIN_MS), BATCH);
      const byConnection = Map.groupBy(due, (r) => r.connectionId);
      let refreshed = 0;
      let reRegistered = 0;
      const failed: { connectionId: string; error: string }[] = [];
      for (const [connectionId, regs] of byConnection) {
        try {
          const outcome = await refreshConnection(connectionId, regs, at);
          if (outcome === 're-registered') reRegistered += 1;
          else refreshed += outcome;
        } catch (err) {
          // The tracker asked to wait: the job is delayed and runs again (done ones are no longer due).
          if (err instanceof TrackerRateLimited) throw err;
          const error = err instanceof Error ? err.message : String(err);
          failed.push({ connectionId, error });
          deps.logger?.warn({ connectionId, err: { message: error } }, 'webhook refresh failed');
          await deps.connections.noteHealth(connectionId, {
            ...(err instanceof TrackerAuthFailed ? { health: 'unhealthy' as const } : {}),
            lastError: `webhook refresh: ${error}`,
          });
        }
      }
      const report = { refreshed, reRegistered, failed };
      if (due.length > 0) deps.logger?.info(report, 'webhooks refreshed');
      return report;
    },
  };
}
