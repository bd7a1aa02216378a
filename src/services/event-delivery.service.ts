import type { Logger } from 'pino';
import type { ClaimedDelivery, EventDeliveryStore } from '../core/event-ports.ts';
import type { Store } from '../core/ports.ts';
import { type EgressGuard, EgressRefused } from './egress.ts';
import { decodeWhsec, legacySignature, signWebhook } from './event-signature.ts';
import type { SecretBox } from './secret-box.ts';

/** How hard Jalon tries to deliver one event to one subscriber. */
export interface EventDeliverySettings {
  /** Attempts in all, the first included; then the delivery is `failed`. */
  readonly maxAttempts: number;
  /** Delay before the 2nd attempt; each later one doubles, up to `retryMaxDelayMs`, ±20 % jitter. */
  readonly retryBaseMs: number;
  readonly retryMaxDelayMs: number;
  /** How long one POST may take, answer included. */
  readonly timeoutMs: number;
}

export type AttemptResult = 'delivered' | 'retry' | 'failed' | 'cancelled' | 'skipped';

export interface EventDeliveryService {
  /** Fans undispatched outbox events out to their subscriptions and queues one job per delivery. */
  dispatch(): Promise<{ events: number; deliveries: number }>;
  /**
   * One attempt at one delivery. Skipped unless the row is pending and due (a delivered row is
   * never sent again); on failure the row records the attempt and the next one is queued.
   */
  deliver(deliveryId: number): Promise<{ status: AttemptResult }>;
}

/** Schedules the attempt numbered `attempt + 1` of a delivery after `delayMs`. */
export type EnqueueDelivery = (deliveryId: number, attempt: number, delayMs: number) => Promise<void>;

const DISPATCH_BATCH = 200;
const MAX_BATCHES_PER_RUN = 25;
/** A queued attempt may start this much before its recorded time (clocks, timer slack). */
const EARLY_TOLERANCE_MS = 1000;
/** Beyond the POST's timeout: time for recording the outcome before another worker may retry. */
const LEASE_MARGIN_MS = 30_000;

interface PostResult {
  readonly ok: boolean;
  readonly statusCode: number | null;
  readonly error: string | null;
}

export function createEventDeliveryService(deps: {
  store: Pick<Store, 'transaction' | 'eventDeliveries'>;
  box: SecretBox;
  settings: EventDeliverySettings;
  enqueue: EnqueueDelivery;
  logger: Logger;
  now?: () => Date;
  random?: () => number;
  fetch?: typeof fetch;
  /** Refuses targets inside Jalon's own network (checked before every attempt). */
  egress?: EgressGuard;
}): EventDeliveryService {
  const now = deps.now ?? (() => new Date());
  const random = deps.random ?? Math.random;
  const deliveries: EventDeliveryStore = deps.store.eventDeliveries;
  const { settings, logger } = deps;

  const enqueue = async (id: number, attempt: number, delayMs: number) => {
    try {
      await deps.enqueue(id, attempt, delayMs);
    } catch (err) {
      // The row is pending and due: the relay queues it once Redis is back.
      logger.warn({ deliveryId: id, err: { message: (err as Error).message } }, 'delivery not queued');
    }
  };

  /** Exponential, capped, with ±20 % jitter so failed receivers are not hit in lockstep. */
  const backoffMs = (attempt: number) =>
    Math.round(
      Math.min(settings.retryMaxDelayMs, settings.retryBaseMs * 2 ** (attempt - 1)) * (0.8 + 0.4 * random()),
    );

  async function post(claimed: ClaimedDelivery): Promise<PostResult> {
    let secret: string;
    try {
      secret = deps.box.open(claimed.subscription.secretEnc, claimed.subscription.id);
    } catch {
      // JALON_SECRET_KEY changed since the subscription was made: no attempt can succeed.
      return { ok: false, statusCode: null, error: 'the signing secret cannot be decrypted' };
    }
    const timestamp = Math.floor(now().getTime() / 1000);
    try {
      const refused = await deps.egress?.refusal(claimed.subscription.url);
      if (refused) return { ok: false, statusCode: null, error: `refused: ${refused}` };
      const dispatcher = deps.egress?.dispatcher;
      const res = await (deps.fetch ?? fetch)(claimed.subscription.url, {
        ...signedRequest(claimed.event, secret, timestamp),
        redirect: 'manual',
        signal: AbortSignal.timeout(settings.timeoutMs),
        // Node's fetch is undici's: it takes the guard's client, which checks the address it connects to.
        ...(dispatcher ? ({ dispatcher } as unknown as RequestInit) : {}),
      });
      await res.body?.cancel().catch(() => {});
      if (res.status >= 200 && res.status < 300) return { ok: true, statusCode: res.status, error: null };
      const redirect = res.status >= 300 && res.status < 400 ? ' (redirects are not followed)' : '';
      return { ok: false, statusCode: res.status, error: `HTTP ${res.status}${redirect}` };
    } catch (err) {
      const cause = (err as { cause?: unknown }).cause;
      if (cause instanceof EgressRefused)
        return { ok: false, statusCode: null, error: `refused: ${cause.message}` };
      return { ok: false, statusCode: null, error: describeFailure(err, settings.timeoutMs) };
    }
  }

  async function record(claimed: ClaimedDelivery, result: PostResult): Promise<AttemptResult> {
    const at = now();
    const attempt = claimed.attempts + 1;
    const base = { at, statusCode: result.statusCode, error: result.error };
    if (result.ok) {
      await deliveries.recordAttempt(claimed.id, claimed.attempts, { ...base, status: 'delivered' });
      return 'delivered';
    }
    if (attempt >= settings.maxAttempts) {
      await deliveries.recordAttempt(claimed.id, claimed.attempts, { ...base, status: 'failed' });
      return 'failed';
    }
    const delay = backoffMs(attempt);
    const nextAttemptAt = new Date(at.getTime() + delay);
    const recorded = await deliveries.recordAttempt(claimed.id, claimed.attempts, {
      ...base,
      status: 'pending',
      nextAttemptAt,
    });
    if (recorded) await enqueue(claimed.id, attempt, delay);
    return 'retry';
  }

  return {
    async dispatch() {
      let events = 0;
      let created = 0;
      for (let i = 0; i < MAX_BATCHES_PER_RUN; i++) {
        const batch = await deps.store.transaction((repos) =>
          repos.eventDeliveries.dispatch(DISPATCH_BATCH, now()),
        );
        events += batch.events;
        created += batch.deliveryIds.length;
        for (const id of batch.deliveryIds) await enqueue(id, 0, 0);
        if (batch.events < DISPATCH_BATCH) break;
      }
      if (events > 0) logger.debug({ events, deliveries: created }, 'events dispatched');
      return { events, deliveries: created };
    },

    async deliver(id) {
      const claimed = await deliveries.claim(
        id,
        now(),
        settings.timeoutMs + LEASE_MARGIN_MS,
        EARLY_TOLERANCE_MS,
      );
      if (!claimed) return { status: 'skipped' };
      if (claimed.subscription.deletedAt) {
        await deliveries.cancel(id, 'the subscription was deleted');
        return { status: 'cancelled' };
      }
      const result = await post(claimed);
      const status = await record(claimed, result);
      const log = {
        deliveryId: id,
        eventId: claimed.event.id,
        subscriptionId: claimed.subscription.id,
        attempt: claimed.attempts + 1,
        statusCode: result.statusCode,
      };
      if (result.ok) logger.info(log, 'event delivered');
      else logger.info({ ...log, error: result.error, outcome: status }, 'event delivery attempt failed');
      return { status };
    },
  };
}

/**
 * The POST a subscriber receives: the event's JSON signed at `timestamp` as Standard Webhooks
 * says (`webhook-id` is the event id, the same on every attempt). A subscription whose secret is
 * not a `whsec_` one predates that: it also gets the earlier `Jalon-*` headers.
 */
function signedRequest(event: ClaimedDelivery['event'], secret: string, timestamp: number) {
  const body = JSON.stringify(payloadOf(event));
  const legacy = decodeWhsec(secret)
    ? {}
    : {
        'jalon-event-id': event.id,
        'jalon-timestamp': String(timestamp),
        'jalon-signature': legacySignature(secret, timestamp, body),
      };
  return {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Jalon-Events/1',
      'webhook-id': event.id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook([secret], event.id, timestamp, body),
      'jalon-event-type': event.type,
      ...legacy,
    },
    body,
  };
}

/** What a subscriber receives. */
function payloadOf(event: ClaimedDelivery['event']) {
  return {
    id: event.id,
    type: event.type,
    occurredAt: event.occurredAt.toISOString(),
    subject: { type: event.subjectType, id: event.subjectId },
    engagementId: event.engagementId,
    providerId: event.providerId,
    data: event.data,
  };
}

/** A short, secret-free reason for the log: a timeout, a refused connection, a DNS failure. */
function describeFailure(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const cause = e.cause?.code ?? e.cause?.message;
  return `${e.message ?? 'request failed'}${cause ? `: ${cause}` : ''}`.slice(0, 500);
}
