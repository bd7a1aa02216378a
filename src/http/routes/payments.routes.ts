import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PaymentMilestone as Payment } from '../../core/decision-ports.ts';
import type { Services } from '../../services/services.ts';
import { actorOf } from '../auth.ts';
import { toCsv, wantsCsv } from '../csv.ts';
import { IdempotencyHeaders, idempotencyOf, sendIdempotent } from '../idempotency.ts';
import { sendJsonPage } from '../json-page.ts';
import { pageRequest, toPage } from '../paging.ts';
import { IdParams, page, problems, withHeaders } from '../schemas.ts';
import { InvoiceRequest, PaymentMilestone, PaymentQuery, PaymentRequest } from './payments.schemas.ts';

const tags = ['finance'];

const CSV_HEADER = [
  'id',
  'engagementId',
  'providerId',
  'label',
  'status',
  'currency',
  'amountMinor',
  'bonusMinor',
  'penaltyMinor',
  'retentionMinor',
  'netMinor',
  'daysLate',
  'daysLateRaw',
  'daysCharged',
  'unlockedAt',
  'invoiceRef',
  'invoicedAt',
  'paymentRef',
  'paidAt',
  'warrantyEndsOn',
  'retentionStatus',
  'retentionInvoiceRef',
  'retentionPaymentRef',
  'acceptedDeliverableIds',
  'decisionIds',
  'acceptedAt',
] as const;

/** One CSV row per milestone; the evidence lists are `;`-separated in the same order. */
function csvRow(p: Payment) {
  const accepted = p.evidence?.deliverables ?? [];
  return [
    p.id,
    p.engagementId,
    p.providerId,
    p.label,
    p.status,
    p.currency,
    p.amountMinor,
    p.bonusMinor,
    p.penaltyMinor,
    p.retentionMinor,
    p.netMinor,
    p.daysLate,
    p.daysLateRaw,
    p.daysCharged,
    p.unlockedAt,
    p.invoiceRef,
    p.invoicedAt,
    p.paymentRef,
    p.paidAt,
    p.warrantyEndsOn,
    p.retentionStatus,
    p.retentionInvoiceRef,
    p.retentionPaymentRef,
    accepted.map((d) => d.deliverableId).join(';'),
    accepted.map((d) => d.decisionId).join(';'),
    accepted.map((d) => d.acceptedAt).join(';'),
  ];
}

const sinceOf = (value: string | undefined) =>
  value === undefined ? undefined : new Date(value.length === 10 ? `${value}T00:00:00Z` : value);

export const paymentRoutes: FastifyPluginAsync<{ services: Services }> = async (root, { services }) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const reader = app.requireRole('finance', 'pmo');

  app.get(
    '/v1/payment-milestones',
    {
      schema: {
        operationId: 'listPaymentMilestones',
        tags,
        summary: 'List payment milestones across engagements, with their settlement and evidence',
        description:
          'Milestones in the contracts (not removed by a change request), oldest first. `Accept: text/csv` returns the same page as CSV (a header line, amounts as integers in minor units with a currency column; the next page’s cursor in the X-Next-Cursor header).',
        querystring: PaymentQuery,
        response: {
          200: withHeaders(
            {
              'application/json': { schema: page(PaymentMilestone) },
              'text/csv': {
                schema: z.string().describe('RFC 4180 CSV: a header line, then one line per milestone'),
              },
            },
            {
              'X-Next-Cursor': z
                .string()
                .describe('CSV only: the cursor of the next page, absent on the last'),
            },
          ),
          ...problems(403),
        },
      },
      preHandler: reader,
    },
    async (req, reply) => {
      const { status, providerId, engagementId, currency, unlockedSince } = req.query;
      const filter = { status, providerId, engagementId, currency, unlockedSince: sinceOf(unlockedSince) };
      // JSON: PostgreSQL writes the page (src/store/payments.repo.ts listPage), Node sends it as is.
      if (!wantsCsv(req.headers.accept))
        return sendJsonPage(reply, await services.payments.listPage(filter, pageRequest(req.query)));
      const result = toPage(await services.payments.list(filter, pageRequest(req.query)), req.query.limit);
      if (result.nextCursor) reply.header('x-next-cursor', result.nextCursor);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="payment-milestones.csv"')
        .send(toCsv(CSV_HEADER, result.items.map(csvRow)));
    },
  );

  app.get(
    '/v1/payment-milestones/:id',
    {
      schema: {
        operationId: 'getPaymentMilestone',
        tags,
        summary: 'Read a payment milestone with its settlement and evidence',
        params: IdParams,
        response: { 200: PaymentMilestone, ...problems(403, 404) },
      },
      preHandler: reader,
    },
    async (req) => services.payments.get(req.params.id),
  );

  const MOVE =
    'Idempotent with the Idempotency-Key header: the same key and body replay the first answer; the same key with another body is 409 idempotency_key_reused. 409 invalid_transition when the milestone is not in the status this move starts from.';

  app.post(
    '/v1/payment-milestones/:id/invoice',
    {
      schema: {
        operationId: 'invoicePaymentMilestone',
        tags,
        summary: 'Record the invoice of an unlocked milestone (unlocked → invoiced)',
        description: MOVE,
        params: IdParams,
        headers: IdempotencyHeaders,
        body: InvoiceRequest,
        response: { 200: PaymentMilestone, ...problems(403, 404, 409) },
      },
      preHandler: app.requireRole('finance'),
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const result = await services.payments.invoice(
        actor,
        req.params.id,
        req.body.invoiceRef,
        idempotencyOf(req, actor),
      );
      return sendIdempotent(reply, result);
    },
  );

  app.post(
    '/v1/payment-milestones/:id/pay',
    {
      schema: {
        operationId: 'payPaymentMilestone',
        tags,
        summary: 'Record the payment of an invoiced milestone (invoiced → paid)',
        description: MOVE,
        params: IdParams,
        headers: IdempotencyHeaders,
        body: PaymentRequest,
        response: { 200: PaymentMilestone, ...problems(403, 404, 409) },
      },
      preHandler: app.requireRole('finance'),
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const result = await services.payments.pay(
        actor,
        req.params.id,
        req.body.paymentRef,
        idempotencyOf(req, actor),
      );
      return sendIdempotent(reply, result);
    },
  );

  const RETENTION =
    'The retention held back at unlock has its own life: held → released (PMO, once the milestone is paid and its warranty period is over: 409 milestone_not_paid or warranty_not_over before) → invoiced → paid (finance). 409 no_retention when nothing is held back, invalid_transition out of order. Audited; idempotent with the Idempotency-Key header.';

  app.post(
    '/v1/payment-milestones/:id/release-retention',
    {
      schema: {
        operationId: 'releasePaymentMilestoneRetention',
        tags,
        summary: 'Release the retention of a paid milestone after its warranty period (held → released)',
        description: `${RETENTION} Announced as milestone.retention_released.`,
        params: IdParams,
        headers: IdempotencyHeaders,
        response: { 200: PaymentMilestone, ...problems(403, 404, 409) },
      },
      preHandler: app.requireRole('pmo'),
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const idem = idempotencyOf(req, actor);
      return sendIdempotent(
        reply,
        await services.payments.retention(actor, req.params.id, 'release', null, idem),
      );
    },
  );

  app.post(
    '/v1/payment-milestones/:id/invoice-retention',
    {
      schema: {
        operationId: 'invoicePaymentMilestoneRetention',
        tags,
        summary: 'Record the invoice of a released retention (released → invoiced)',
        description: RETENTION,
        params: IdParams,
        headers: IdempotencyHeaders,
        body: InvoiceRequest,
        response: { 200: PaymentMilestone, ...problems(403, 404, 409) },
      },
      preHandler: app.requireRole('finance'),
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const idem = idempotencyOf(req, actor);
      const ref = req.body.invoiceRef;
      return sendIdempotent(
        reply,
        await services.payments.retention(actor, req.params.id, 'invoice', ref, idem),
      );
    },
  );

  app.post(
    '/v1/payment-milestones/:id/pay-retention',
    {
      schema: {
        operationId: 'payPaymentMilestoneRetention',
        tags,
        summary: 'Record the payment of an invoiced retention (invoiced → paid)',
        description: RETENTION,
        params: IdParams,
        headers: IdempotencyHeaders,
        body: PaymentRequest,
        response: { 200: PaymentMilestone, ...problems(403, 404, 409) },
      },
      preHandler: app.requireRole('finance'),
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const idem = idempotencyOf(req, actor);
      const ref = req.body.paymentRef;
      return sendIdempotent(reply, await services.payments.retention(actor, req.params.id, 'pay', ref, idem));
    },
  );
};
