import type { Logger } from 'pino';
import { JalonError } from '../core/errors.ts';
import type { HandshakeGate, InboxDelivery, InboxStore } from '../core/sync-ports.ts';
import type { Tracker } from '../core/task.ts';
import type { RawWebhook } from '../core/tracker.ts';
import type { ConnectionService } from './connections.service.ts';
import { createGroupCommit } from './group-commit.ts';

export type ReceiveOutcome =
  | { readonly kind: 'stored'; readonly inboxId: number; readonly duplicate: boolean }
  | { readonly kind: 'handshake'; readonly headers: Readonly<Record<string, string>> }
  | { readonly kind: 'probe' }
  | { readonly kind: 'unknown_connection' }
  | { readonly kind: 'rejected'; readonly reason: string };

export interface WebhookReceiver {
  /** Verifies and durably records one delivery; resolves only once it is stored. */
  receive(tracker: Tracker, connectionId: string, raw: RawWebhook): Promise<ReceiveOutcome>;
}

export interface WebhookMetrics {
  webhook(tracker: Tracker, result: string): void;
}

/** The headers an adapter reads when parsing again later; signatures are not kept. */
const KEPT_HEADERS = [
  'content-type',
  'x-atlassian-webhook-identifier',
  'x-atlassian-webhook-retry',
  'user-agent',
];

export function createWebhookReceiver(deps: {
  connections: Pick<ConnectionService, 'adapterFor' | 'storeHandshakeSecret' | 'noteHealth'>;
  inbox: Pick<InboxStore, 'recordMany'>;
  /** Asana handshakes are answered only while Jalon's own registration expects one. */
  handshakes: Pick<HandshakeGate, 'consume'>;
  /**
   * Called once per stored batch with the ids it inserted (the pipeline gathers a few
   * milliseconds of these into one ingest job); not awaited by the acknowledgement, and the relay
   * covers a failure here.
   */
  enqueueIngest: (inboxIds: readonly number[]) => Promise<void>;
  metrics?: WebhookMetrics;
  logger: Logger;
}): WebhookReceiver {
  const batcher = createGroupCommit<InboxDelivery, { id: number; inserted: boolean }>(
    async (items) => {
      const stored = await deps.inbox.recordMany(items);
      const fresh = stored.filter((r) => r.inserted).map((r) => r.id);
      if (fresh.length > 0) {
        deps.enqueueIngest(fresh).catch((err: unknown) => {
          // Stored but not queued (Redis down): the relay will pick them up.
          deps.logger.warn(
            { inboxIds: fresh.length, code: err instanceof JalonError ? err.code : 'error' },
            'ingest not queued',
          );
        });
      }
      return stored;
    },
    // Two batches in flight: a request arriving while one commits starts the next at once instead
    // of waiting for it (each batch still commits before its callers are answered).
    { maxInFlight: 2 },
  );
  const count = (tracker: Tracker, result: string) => deps.metrics?.webhook(tracker, result);
  /** Refused: nothing stored; logged so an operator sees forgeries and misconfigured secrets. */
  const reject = (tracker: Tracker, connectionId: string, reason: string): ReceiveOutcome => {
    count(tracker, 'rejected');
    deps.logger.warn({ tracker, connectionId, reason }, 'webhook rejected');
    return { kind: 'rejected', reason };
  };
  const noteDelivery = latestOnly((connectionId, at) =>
    deps.connections.noteHealth(connectionId, { lastDeliveryAt: at }),
  );

  return {
    async receive(tracker, connectionId, raw) {
      const found = await deps.connections.adapterFor(connectionId);
      if (!found || found.connection.tracker !== tracker) {
        count(tracker, 'unknown_connection');
        return { kind: 'unknown_connection' };
      }
      const verdict = found.adapter.verifyWebhook(raw);
      if (verdict.kind === 'reject') return reject(tracker, connectionId, verdict.reason);
      if (verdict.kind === 'probe') return { kind: 'probe' };
      if (verdict.kind === 'handshake') {
        // Unauthenticated by design: only the one Jalon's own create call is waiting for counts,
        // else anyone could plant a signing secret (and push the genuine ones out).
        if (!(await deps.handshakes.consume(connectionId))) {
          return reject(tracker, connectionId, 'no webhook registration is expecting a handshake');
        }
        await deps.connections.storeHandshakeSecret(connectionId, verdict.secret);
        count(tracker, 'handshake');
        deps.logger.warn({ tracker, connectionId }, 'webhook handshake answered, secret stored');
        return { kind: 'handshake', headers: verdict.responseHeaders };
      }
      // The key only (a header or a hash for Jira): the body is parsed once, by the ingest worker,
      // which fails a stored delivery it cannot read with a malformed_webhook error.
      const deliveryKey = found.adapter.deliveryKey(raw);
      const headers: Record<string, string> = {};
      for (const h of KEPT_HEADERS) {
        const value = raw.headers[h];
        if (value) headers[h] = value;
      }
      const { id, inserted } = await batcher.submit({ connectionId, deliveryKey, headers, body: raw.body });
      count(tracker, inserted ? 'stored' : 'duplicate');
      if (inserted) noteDelivery(connectionId, raw.receivedAt);
      return { kind: 'stored', inboxId: id, duplicate: !inserted };
    },
  };
}

/**
 * Writes "last delivery at" at most once per `minIntervalMs` per connection, one write in flight;
 * deliveries arriving meanwhile fold into one follow-up write of the newest time. Under a burst,
 * one update per delivery queued on the same connections row lock and held the pool connections
 * the inbox inserts then waited for (bench/ saw ~34 queries waiting for a connection on average;
 * ~1 with one in flight); back to back, the updates still cost ~1,000 statements a second at full
 * speed for a time the health view shows to the second.
 */
export function latestOnly(
  write: (connectionId: string, at: Date) => Promise<void>,
  minIntervalMs = 1000,
): (connectionId: string, at: Date) => void {
  /** Present: a write is in flight or waiting for its turn; value: the newest time arrived since. */
  const pending = new Map<string, Date | null>();
  /** When each connection's last write began. */
  const began = new Map<string, number>();
  const start = (connectionId: string, at: Date): void => {
    pending.set(connectionId, null);
    began.set(connectionId, Date.now());
    void write(connectionId, at)
      .catch(() => {})
      .finally(() => {
        const next = pending.get(connectionId);
        if (next) later(connectionId);
        else pending.delete(connectionId);
      });
  };
  /** Writes the newest time waiting once the interval since the last write has passed. */
  const later = (connectionId: string): void => {
    const last = began.get(connectionId);
    const wait = last === undefined ? 0 : last + minIntervalMs - Date.now();
    const go = () => start(connectionId, pending.get(connectionId) ?? new Date());
    if (wait <= 0) go();
    else setTimeout(go, wait).unref();
  };
  return (connectionId: string, at: Date): void => {
    if (!pending.has(connectionId)) {
      pending.set(connectionId, at);
      later(connectionId);
      return;
    }
    const newest = pending.get(connectionId);
    if (!newest || at > newest) pending.set(connectionId, at);
  };
}
