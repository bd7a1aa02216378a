import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ASANA_ROOT, type AsanaDeps, asanaActor, asanaError } from './asana.ts';
import { eventJson } from './asana-json.ts';
import { queryString } from './common.ts';

/**
 * `GET /events` (https://developers.asana.com/reference/getevents): without a sync token, or with
 * one that is unknown or older than the token lifetime (24 h), a 412 carrying a fresh token;
 * otherwise up to 100 events since the token, `has_more` and the next token.
 */

const SYNC_EXPIRED =
  'Sync token invalid or too old. If you are attempting to keep resources in sync, you must fetch the full dataset for this query now and use the new sync token for the next sync.';

export interface AsanaEventsApi {
  /** Every outstanding sync token becomes too old: the next `GET /events` answers 412. */
  expireSyncTokens(): number;
  /** How many 412s the events API answered. */
  expired(): number;
}

export const asanaResourceExists = (deps: AsanaDeps, gid: string): boolean =>
  deps.world.projects.has(gid) || (deps.world.tasks.has(gid) && !deps.world.tasks.get(gid)?.deleted);

export function registerAsanaEvents(
  app: FastifyInstance,
  deps: AsanaDeps,
  syncTokenTtlMs: number,
): AsanaEventsApi {
  const { world, clock } = deps;
  const tokens = new Map<string, { resource: string; seq: number; issuedAt: number }>();
  let expired = 0;
  const issueToken = (resource: string, seq: number) => {
    const token = randomBytes(16).toString('hex');
    tokens.set(token, { resource, seq, issuedAt: clock.now() });
    return token;
  };

  app.get(
    `${ASANA_ROOT}/events`,
    async (req: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply) => {
      asanaActor(req, deps);
      const resource = queryString(req.query.resource) ?? '';
      if (!asanaResourceExists(deps, resource))
        throw asanaError(404, `resource: ${resource}: Not a recognized ID.`);
      const sync = queryString(req.query.sync);
      const known = sync ? tokens.get(sync) : undefined;
      const latest = world.events.length;
      if (!known || known.resource !== resource || clock.now() - known.issuedAt > syncTokenTtlMs) {
        expired += 1;
        return reply
          .code(412)
          .send({ errors: [{ message: SYNC_EXPIRED }], sync: issueToken(resource, latest) });
      }
      const relevant = world.events.filter((e) => e.seq > known.seq && e.scope.includes(resource));
      const batch = relevant.slice(0, 100);
      const hasMore = relevant.length > batch.length;
      const upTo = hasMore ? (batch.at(-1)?.seq ?? known.seq) : latest;
      return { data: batch.map(eventJson), sync: issueToken(resource, upTo), has_more: hasMore };
    },
  );

  return {
    expireSyncTokens() {
      const n = tokens.size;
      tokens.clear();
      return n;
    },
    expired: () => expired,
  };
}
