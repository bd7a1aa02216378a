import type { Actor } from '../core/auth.ts';
import type { PaymentFilter, PaymentMilestone } from '../core/decision-ports.ts';
import type { JsonPage, PageRequest } from '../core/engagement-ports.ts';
import { NotFound } from '../core/errors.ts';
import type { EventType } from '../core/events.ts';
import { type MilestoneAction, milestoneLifecycle } from '../core/lifecycle.ts';
import type { Repos, Store } from '../core/ports.ts';
import { type IdempotencyRequest, type IdempotentResult, idempotent } from './idempotency.ts';
import { sharedReads } from './shared-reads.ts';

export interface PaymentService {
  list(filter: PaymentFilter, page: PageRequest): Promise<PaymentMilestone[]>;
  /** The same page as `list`, already written as JSON by the database (the finance list route). */
  listPage(filter: PaymentFilter, page: PageRequest): Promise<JsonPage>;
  get(id: string): Promise<PaymentMilestone>;
  /** `unlocked → invoiced` (409 otherwise), audited, `milestone.invoiced`; idempotent by key. */
  invoice(
    actor: Actor,
    id: string,
    invoiceRef: string,
    idem: IdempotencyRequest | null,
  ): Promise<IdempotentResult<PaymentMilestone>>;
  /** `invoiced → paid` (409 otherwise), audited, `milestone.paid`; idempotent by key. */
  pay(
    actor: Actor,
    id: string,
    paymentRef: string,
    idem: IdempotencyRequest | null,
  ): Promise<IdempotentResult<PaymentMilestone>>;
}

const EVENTS: Record<'invoice' | 'pay', EventType> = { invoice: 'milestone.invoiced', pay: 'milestone.paid' };

/**
 * Payment milestones as finance sees them: reads across engagements (finance and PMO read all; the
 * routes keep provider keys out) and the two moves finance makes.
 */
export function createPaymentService(deps: {
  store: Pick<Store, 'transaction' | 'payments'>;
}): PaymentService {
  const { store } = deps;
  /** Identical list reads share one query and one written page (shared-reads.ts: never older than the request). */
  const shared = sharedReads<JsonPage>();

  /** One finance move under the milestone's row lock, with its audit row and event. */
  async function move(repos: Repos, actor: Actor, id: string, action: 'invoice' | 'pay', ref: string) {
    const before = await repos.payments.findById(id, { forUpdate: true });
    if (!before) throw new NotFound('Payment milestone', id);
    milestoneLifecycle.transition(before.status, action satisfies MilestoneAction);
    const now = new Date();
    const after =
      action === 'invoice'
        ? await repos.payments.invoice(id, ref, now)
        : await repos.payments.pay(id, ref, now);
    await repos.audit.append(actor, { entityType: 'payment_milestone', entityId: id, action, before, after });
    await repos.outbox.append({
      type: EVENTS[action],
      subjectType: 'milestone',
      subjectId: id,
      engagementId: after.engagementId,
      providerId: after.providerId,
      data: {
        milestoneId: id,
        label: after.label,
        currency: after.currency,
        amountMinor: after.amountMinor,
        netMinor: after.netMinor,
        ...(action === 'invoice'
          ? { invoiceRef: after.invoiceRef, invoicedAt: after.invoicedAt }
          : { invoiceRef: after.invoiceRef, paymentRef: after.paymentRef, paidAt: after.paidAt }),
      },
      dedupeKey: `${EVENTS[action]}:${id}`,
    });
    return after;
  }

  return {
    list: (filter, page) => store.payments.list(filter, page),
    listPage: (filter, page) =>
      shared(
        JSON.stringify([
          filter.status,
          filter.providerId,
          filter.engagementId,
          filter.currency,
          filter.unlockedSince?.toISOString(),
          page.afterId,
          page.limit,
        ]),
        () => store.payments.listPage(filter, page),
      ),
    async get(id) {
      const found = await store.payments.findById(id);
      if (!found) throw new NotFound('Payment milestone', id);
      return found;
    },
    invoice: (actor, id, invoiceRef, idem) =>
      idempotent(store, idem, 200, (repos) => move(repos, actor, id, 'invoice', invoiceRef)),
    pay: (actor, id, paymentRef, idem) =>
      idempotent(store, idem, 200, (repos) => move(repos, actor, id, 'pay', paymentRef)),
  };
}
