import type { Actor } from '../core/auth.ts';
import type { PaymentFilter, PaymentMilestone } from '../core/decision-ports.ts';
import type { JsonPage, PageRequest } from '../core/engagement-ports.ts';
import { NotFound } from '../core/errors.ts';
import type { EventType } from '../core/events.ts';
import { type MilestoneAction, milestoneLifecycle } from '../core/lifecycle.ts';
import type { Repos, Store } from '../core/ports.ts';
import { todayIn } from '../core/progress.ts';
import { type RetentionAction, retentionTransition } from '../core/retention.ts';
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
  /**
   * One step of the milestone's retention (retention.ts): `release` (PMO; 409 before the milestone
   * is paid or its warranty ends; `milestone.retention_released`), then finance's `invoice` and
   * `pay` with their reference. Audited; idempotent by key.
   */
  retention(
    actor: Actor,
    id: string,
    action: RetentionAction,
    ref: string | null,
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
  now?: () => Date;
}): PaymentService {
  const { store } = deps;
  const clock = deps.now ?? (() => new Date());
  /** Identical list reads share one query and one written page (shared-reads.ts: never older than the request). */
  const shared = sharedReads<JsonPage>();

  /** One finance move under the milestone's row lock, with its audit row and event. */
  async function move(repos: Repos, actor: Actor, id: string, action: 'invoice' | 'pay', ref: string) {
    const before = await repos.payments.findById(id, { forUpdate: true });
    if (!before) throw new NotFound('Payment milestone', id);
    milestoneLifecycle.transition(before.status, action satisfies MilestoneAction);
    const now = clock();
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

  /** One step of the retention under the milestone's row lock, audited; a release announces itself. */
  async function moveRetention(
    repos: Repos,
    actor: Actor,
    id: string,
    action: RetentionAction,
    ref: string | null,
  ) {
    const before = await repos.payments.findById(id, { forUpdate: true });
    if (!before) throw new NotFound('Payment milestone', id);
    const engagement = await repos.engagements.findById(before.engagementId);
    if (!engagement) throw new NotFound('Engagement', before.engagementId);
    const now = clock();
    retentionTransition(before, action, todayIn(now, engagement.timeZone));
    const after = await repos.payments.retention(id, action, ref, now);
    await repos.audit.append(actor, {
      entityType: 'payment_milestone',
      entityId: id,
      action: `${action}_retention`,
      before,
      after,
    });
    if (action === 'release')
      await repos.outbox.append({
        type: 'milestone.retention_released',
        subjectType: 'milestone',
        subjectId: id,
        engagementId: after.engagementId,
        providerId: after.providerId,
        data: {
          milestoneId: id,
          label: after.label,
          currency: after.currency,
          retentionMinor: after.retentionMinor,
          warrantyEndsOn: after.warrantyEndsOn,
          releasedAt: after.retentionReleasedAt,
        },
        dedupeKey: `milestone.retention_released:${id}`,
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
    retention: (actor, id, action, ref, idem) =>
      idempotent(store, idem, 200, (repos) => moveRetention(repos, actor, id, action, ref)),
  };
}
