import type { Actor } from '../core/auth.ts';
import { NotFound, ValidationFailed } from '../core/errors.ts';
import type { DeliveryRecord, DeliveryStatus, SubscriptionRecord } from '../core/event-ports.ts';
import type { EventType } from '../core/events.ts';
import { newId } from '../core/ids.ts';
import type { Store } from '../core/ports.ts';
import type { EgressGuard } from './egress.ts';
import type { SecretBox } from './secret-box.ts';

export interface NewSubscriptionInput {
  readonly url: string;
  readonly events: readonly EventType[];
  /** Write-only: sealed at rest, never returned, never logged, never audited. */
  readonly secret: string;
}

/** A subscription as the API shows it: never its secret. */
export interface SubscriptionView {
  readonly id: string;
  readonly url: string;
  readonly events: EventType[];
  readonly createdBy: string;
  readonly createdAt: string;
  readonly deletedAt: string | null;
}

export interface DeliveryView {
  readonly id: string;
  readonly eventId: string;
  readonly eventType: EventType;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  readonly lastAttemptAt: string | null;
  /** When the next attempt is due; null once the delivery is final. */
  readonly nextAttemptAt: string | null;
  readonly deliveredAt: string | null;
  readonly createdAt: string;
}

export interface SubscriptionService {
  create(actor: Actor, input: NewSubscriptionInput): Promise<SubscriptionView>;
  /** Live subscriptions in id order. */
  list(page: { afterId: string | null; limit: number }): Promise<SubscriptionView[]>;
  /** Live or deleted (a deleted one shows `deletedAt`, and its delivery log stays readable). */
  get(id: string): Promise<SubscriptionView>;
  /** Soft-deletes and cancels its pending deliveries; deleting twice changes nothing. */
  remove(actor: Actor, id: string): Promise<void>;
  /** The delivery log, newest first. */
  deliveries(
    id: string,
    filter: { status?: DeliveryStatus | undefined; eventId?: string | undefined },
    page: { beforeId: number | null; limit: number },
  ): Promise<DeliveryView[]>;
}

const view = (s: SubscriptionRecord): SubscriptionView => ({
  id: s.id,
  url: s.url,
  events: [...s.events],
  createdBy: s.createdBy,
  createdAt: s.createdAt.toISOString(),
  deletedAt: s.deletedAt?.toISOString() ?? null,
});

const deliveryView = (d: DeliveryRecord): DeliveryView => ({
  id: String(d.id),
  eventId: d.eventId,
  eventType: d.eventType,
  status: d.status,
  attempts: d.attempts,
  lastStatusCode: d.lastStatusCode,
  lastError: d.lastError,
  lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
  nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt.toISOString() : null,
  deliveredAt: d.deliveredAt?.toISOString() ?? null,
  createdAt: d.createdAt.toISOString(),
});

/** An http(s) URL without credentials in it (they would be stored and shown in clear). */
function checkUrl(raw: string, egress: EgressGuard | undefined): string {
  const fail = (message: string) => new ValidationFailed([{ path: 'body.url', message }]);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw fail('must be an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw fail('must be an http or https URL');
  if (url.username || url.password)
    throw fail('must not carry credentials (user:password@); the signature authenticates Jalon');
  if (!url.hostname) throw fail('must name a host');
  const refused = egress?.literalRefusal(url.toString());
  if (refused) throw fail(`must not point inside Jalon's network: ${refused}`);
  return url.toString();
}

export function createSubscriptionService(deps: {
  store: Pick<Store, 'transaction' | 'subscriptions' | 'eventDeliveries'>;
  box: SecretBox;
  /** Refuses URLs that name an internal address outright (DNS is checked at each delivery). */
  egress?: EgressGuard;
  now?: () => Date;
}): SubscriptionService {
  const now = deps.now ?? (() => new Date());
  const load = async (id: string) => {
    const s = await deps.store.subscriptions.get(id);
    if (!s) throw new NotFound('Subscription', id);
    return s;
  };

  return {
    async create(actor, input) {
      const url = checkUrl(input.url, deps.egress);
      const id = newId('sub');
      const created = await deps.store.transaction(async (repos) => {
        const row = await repos.subscriptions.insert({
          id,
          url,
          events: [...new Set(input.events)],
          secretEnc: deps.box.seal(input.secret, id),
          createdBy: actor.keyId,
        });
        await repos.audit.append(actor, {
          entityType: 'subscription',
          entityId: id,
          action: 'create',
          before: null,
          after: view(row),
        });
        return row;
      });
      return view(created);
    },

    list: async (page) => (await deps.store.subscriptions.list(page)).map(view),

    get: async (id) => view(await load(id)),

    async remove(actor, id) {
      const before = await load(id);
      if (before.deletedAt) return;
      await deps.store.transaction(async (repos) => {
        const after = await repos.subscriptions.markDeleted(id, now());
        if (!after) return; // deleted meanwhile by another call
        const cancelled = await repos.eventDeliveries.cancelPending(id, 'the subscription was deleted');
        await repos.audit.append(actor, {
          entityType: 'subscription',
          entityId: id,
          action: 'delete',
          before: view(before),
          after: { ...view(after), cancelledDeliveries: cancelled },
        });
      });
    },

    async deliveries(id, filter, page) {
      await load(id);
      return (await deps.store.eventDeliveries.list(id, filter, page)).map(deliveryView);
    },
  };
}
