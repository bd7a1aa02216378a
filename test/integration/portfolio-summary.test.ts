import { serializerCompiler } from 'fastify-type-provider-zod';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, SYSTEM_ACTOR } from '../../src/core/auth.ts';
import { newId } from '../../src/core/ids.ts';
import { ProviderPortfolio } from '../../src/http/routes/dashboard.schemas.ts';
import { page } from '../../src/http/schemas.ts';
import { createLogger } from '../../src/logger.ts';
import { createDecisionService } from '../../src/services/decisions.service.ts';
import { createProgressService } from '../../src/services/progress.service.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { contractApi, milestoneBody, rawQuery } from '../support/engagement.ts';
import { progressKit } from '../support/progress-kit.ts';

/**
 * GET /v1/dashboard/providers reads provider_portfolio, a row per provider the database keeps in
 * every writing transaction (migrations/0014_provider_portfolio.sql). It must answer exactly what
 * the live aggregation over engagements, progress summaries, deliverables and milestones answers
 * (the service's `providers`, written by the route's serializer): compared byte for byte after
 * each kind of write, through the API where one exists, on PostgreSQL and PGlite; and, on
 * PostgreSQL, after concurrent writers of one provider.
 */

const portfolioJson = serializerCompiler({
  schema: page(ProviderPortfolio),
  method: 'GET',
  url: 'portfolio-summary.test',
}) as (data: unknown) => string;
const PMO: Actor = { keyId: 'key_portfolio_test', role: 'pmo', providerId: null };
const logger = createLogger('silent');
const TRICKY = 'Ünïcode "quoted" \\ back\nline 😀 </script>';

for (const backend of ['postgres', 'pglite'] as const) {
  describe(`the kept portfolio is the live aggregation (${backend})`, () => {
    let t: TestApp;
    let kit: ReturnType<typeof progressKit>;
    let api: ReturnType<typeof contractApi>;
    let finance: { authorization: string };
    beforeAll(async () => {
      t = await buildTestApp({ backend });
      kit = progressKit(t);
      api = contractApi(t);
      finance = await t.keyFor('finance');
    }, 120_000);
    afterAll(async () => {
      await t?.container.queues.queue('recompute').obliterate({ force: true });
      await t?.close();
    });

    /** The route's page (the kept rows) against the live aggregation, for every provider. */
    async function same(step: string) {
      const res = await t.app.inject({ url: '/v1/dashboard/providers?limit=500', headers: t.admin });
      expect(res.statusCode, res.body).toBe(200);
      const live = await t.container.services.dashboard.providers(SYSTEM_ACTOR, {
        afterId: null,
        limit: 501,
      });
      expect(live.length, step).toBeLessThan(501);
      expect(res.body, step).toBe(portfolioJson({ items: live, nextCursor: null }));
      return JSON.parse(res.body).items as Record<string, unknown>[];
    }
    const ok = async (method: 'POST' | 'PATCH', url: string, body?: unknown, headers = t.admin) => {
      const res = await api.call(method, url, headers, body);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
      return res.json();
    };
    const approve = async (engagementId: string, changes: unknown[]) => {
      const id = await api.changeRequest(engagementId, t.admin, changes, { affectsUnlockedMilestones: true });
      await ok('POST', `/v1/change-requests/${id}/submit`);
      await ok('POST', `/v1/change-requests/${id}/approve`, {});
    };
    const accept = (deliverableId: string, at: string) =>
      createDecisionService({
        store: t.container.store,
        afterDecision: async () => {},
        now: () => new Date(at),
        logger,
      }).decide(PMO, deliverableId, { decision: 'accept', override: true });

    it('after every kind of write, through the API and the recompute', async () => {
      await same('empty');
      const providerId = await api.provider();
      await same('provider created');
      await ok('PATCH', `/v1/providers/${providerId}`, { name: TRICKY });
      expect((await same('provider renamed')).find((p) => p.providerId === providerId)).toMatchObject({
        name: TRICKY,
        activeEngagements: 0,
      });

      const e = await kit.linked({
        providerId,
        link: false,
        deliverables: [
          { dueDate: '2026-06-30', title: TRICKY },
          { dueDate: '2027-03-31' },
          { dueDate: '2027-03-31' },
        ],
      });
      const [first = '', second = '', third = ''] = e.deliverableIds;
      await same('draft engagement with deliverables');
      const milestoneId = await api.milestone(e.engagementId, [first]);
      await api.milestone(e.engagementId, [second], t.admin, { amountMinor: 2_500_000 });
      await same('milestones added');
      await ok('POST', `/v1/engagements/${e.engagementId}/activate`);
      expect((await same('activated, not computed')).find((p) => p.providerId === providerId)).toMatchObject({
        activeEngagements: 1,
        deliverables: { total: 3, bySchedule: { not_computed: 3 } },
      });
      await kit.recompute(e.engagementId);
      expect((await same('progress recomputed')).find((p) => p.providerId === providerId)).toMatchObject({
        deliverables: { total: 3, bySchedule: { not_computed: 0 } },
        overdue: { count: 1, items: [{ deliverableId: first, title: TRICKY }] },
      });

      // A second engagement of the provider in another currency, and one of another provider.
      const other = await kit.linked({
        providerId,
        link: false,
        activate: true,
        engagement: { currency: 'USD', timeZone: 'America/New_York' },
        deliverables: [{ dueDate: '2027-02-01' }, { dueDate: '2027-05-01' }],
      });
      const elsewhere = await kit.linked({
        link: false,
        activate: true,
        deliverables: [{ dueDate: '2027-01-15' }],
      });
      await kit.recompute(other.engagementId);
      await kit.recompute(elsewhere.engagementId);
      await same('two more engagements');

      await accept(first, '2026-07-03T10:00:00Z');
      expect(
        (await same('milestone unlocked by a decision')).find((p) => p.providerId === providerId),
      ).toMatchObject({ money: [{ currency: 'EUR', unlockedMinor: expect.any(Number), paidMinor: 0 }] });
      await kit.recompute(e.engagementId);
      await same('recomputed after the acceptance');
      const pay = `/v1/payment-milestones/${milestoneId}`;
      await ok('POST', `${pay}/invoice`, { invoiceRef: 'INV-1' }, finance);
      await same('invoiced');
      await ok('POST', `${pay}/pay`, { paymentRef: 'SEPA-1' }, finance);
      await same('paid');

      // Change requests: a deliverable added and one removed, a milestone added.
      await approve(e.engagementId, [
        {
          op: 'add_deliverable',
          ref: 'extra',
          deliverable: { title: 'Extra', dueDate: '2027-04-30', acceptanceCriteria: ['Done'] },
        },
        { op: 'remove_deliverable', deliverableId: third },
        {
          op: 'add_milestone',
          milestone: milestoneBody(['extra'], { label: 'Extra paid', amountMinor: 1_000_000 }),
        },
      ]);
      await same('change request: deliverable added and removed, milestone added');
      await kit.recompute(e.engagementId);
      await same('recomputed after the change');

      // An unlocked milestone settled again, then removed.
      const [o1 = ''] = other.deliverableIds;
      await accept(o1, '2027-02-05T10:00:00Z');
      const unlocked = await rawQuery<{ id: string }>(
        t,
        `select id from payment_milestones where engagement_id = $1 and status = 'unlocked'`,
        [other.engagementId],
      );
      const [{ id: unlockedId = '' } = {}] = unlocked;
      await same('second milestone unlocked');
      await approve(other.engagementId, [
        { op: 'modify_milestone', milestoneId: unlockedId, set: { amountMinor: 7_000_000 } },
      ]);
      await same('unlocked milestone settled again');
      await approve(other.engagementId, [
        { op: 'add_milestone', milestone: milestoneBody([o1], { label: 'Replacement' }) },
        { op: 'remove_milestone', milestoneId: unlockedId },
      ]);
      await same('unlocked milestone removed');

      // Days pass: the recompute (as its daily run does) moves deliverables to late.
      const later = createProgressService({
        store: t.container.store,
        logger,
        now: () => new Date('2027-06-01T12:00:00Z'),
      });
      await later.recompute(e.engagementId);
      await later.recompute(other.engagementId);
      expect((await same('days passed')).find((p) => p.providerId === providerId)).toMatchObject({
        overdue: { count: 3 },
      });

      await ok('POST', `/v1/engagements/${other.engagementId}/close`);
      await same('engagement closed');
    }, 120_000);

    it('after writes no route makes: ties and more than five due items, removals, moves, rollbacks', async () => {
      const providerId = await api.provider();
      const engagements: string[] = [];
      for (let i = 0; i < 3; i++) {
        const e = await kit.linked({
          providerId,
          link: false,
          activate: true,
          deliverables: [{ dueDate: '2027-01-10' }],
        });
        await kit.recompute(e.engagementId);
        engagements.push(e.engagementId);
      }
      // Stored lists with equal due dates across engagements, ids out of order, extra keys, and
      // spaces and keys in another order: the first five by due date then id, written again.
      const item = (engagementId: string, dueDate: string, scheduleStatus: string, id?: string) => ({
        scheduleStatus,
        extra: 'dropped',
        status: 'in_progress',
        dueDate,
        title: `Due ${dueDate} "q"`,
        engagementId,
        deliverableId: id ?? newId('dlv', Date.parse('2027-01-01') + Math.floor(Math.random() * 1e6)),
      });
      for (const [i, engagementId] of engagements.entries()) {
        const late = ['2026-10-01', '2026-11-01', '2026-10-01', '2026-09-15'].map((d) =>
          item(engagementId, d, 'late'),
        );
        const next = ['2027-02-01', '2027-02-01', '2027-03-01'].map((d) => item(engagementId, d, 'at_risk'));
        // Ids whose code-unit order is not the locale's: the database's and firstDue's order agree.
        if (i === 2)
          for (const id of ['dlv_é', 'dlv_a', 'dlv_B'])
            next.push(item(engagementId, '2027-01-20', 'at_risk', id));
        await rawQuery(
          t,
          `update engagement_progress set late = $2, overdue = $3::json, next_due = $4::json
           where engagement_id = $1`,
          [
            engagementId,
            late.length,
            i === 1 ? ` ${JSON.stringify(late).replaceAll(',', ' , ')} ` : JSON.stringify(late),
            JSON.stringify(next),
          ],
        );
      }
      const mine = (items: Record<string, unknown>[]) => items.find((p) => p.providerId === providerId);
      expect(mine(await same('ties and more than five items'))).toMatchObject({
        overdue: {
          count: 12,
          items: Array(5).fill(expect.objectContaining({ dueDate: expect.any(String) })),
        },
        nextDue: [{ deliverableId: 'dlv_B' }, { deliverableId: 'dlv_a' }, { deliverableId: 'dlv_é' }, {}, {}],
      });
      const [e0 = '', e1 = '', e2 = ''] = engagements;

      await rawQuery(t, 'delete from engagement_progress where engagement_id = $1', [e1]);
      await same('a progress summary deleted');
      await rawQuery(t, `update deliverables set removed_at = now() where engagement_id = $1`, [e1]);
      await same('a deliverable of a not-computed engagement removed');
      await rawQuery(t, `update engagements set status = 'closed' where id = $1`, [e2]);
      await same('engagement closed in SQL');
      await rawQuery(t, `update engagements set currency = 'CHF' where id = $1`, [e0]);
      await rawQuery(
        t,
        `update payment_milestones set status = 'paid', net_minor = 123 where engagement_id = $1`,
        [e0],
      );
      await same('currency and milestones changed in SQL');

      // An engagement moved to another provider: both providers change.
      const newcomer = await api.provider();
      await rawQuery(t, 'update engagements set provider_id = $2 where id = $1', [e0, newcomer]);
      expect(mine(await same('engagement moved to another provider'))).toMatchObject({
        activeEngagements: 1,
      });

      // A savepoint rolled back forgets its writes and its marks; what follows it still counts.
      await t.container.database.rawTransaction(async (tx) => {
        await tx.query('savepoint s');
        await tx.query(`update payment_milestones set status = 'invoiced' where engagement_id = $1`, [e0]);
        await tx.query('rollback to savepoint s');
        await tx.query(`update payment_milestones set net_minor = 456 where engagement_id = $1`, [e0]);
      });
      await same('savepoint rolled back, then a write');
      // Several providers in one transaction.
      await t.container.database.rawTransaction(async (tx) => {
        await tx.query('update engagements set provider_id = $2 where id = $1', [e0, providerId]);
        await tx.query(`update engagements set status = 'active' where id = $1`, [e2]);
        await tx.query('delete from payment_milestones where engagement_id = $1', [e1]);
      });
      await same('several writes and providers in one transaction');
    }, 120_000);

    // PGlite serves one connection: its transactions never overlap.
    if (backend === 'postgres')
      it('after concurrent writers of one provider: none loses the others’ change', async () => {
        const providerId = await api.provider();
        const milestones: string[] = [];
        for (let i = 0; i < 8; i++) {
          const c = await api.activeContract(providerId);
          milestones.push(c.milestoneId);
        }
        await same('before the writers');
        const pool = new pg.Pool({ connectionString: t.config.databaseUrl ?? '', max: 8 });
        try {
          // Each writer unlocks one milestone and lingers before COMMIT, so that the commits (and
          // their refreshes of the provider) overlap.
          await Promise.all(
            milestones.map(async (id, i) => {
              const client = await pool.connect();
              try {
                await client.query('begin');
                await client.query(
                  `update payment_milestones set status = 'unlocked', net_minor = $2 where id = $1`,
                  [id, 1_000 + i],
                );
                await client.query('select pg_sleep(0.05)');
                await client.query('commit');
              } finally {
                client.release();
              }
            }),
          );
        } finally {
          await pool.end();
        }
        const items = await same('after the writers');
        expect(items.find((p) => p.providerId === providerId)).toMatchObject({
          money: [{ currency: 'EUR', unlockedMinor: 8 * 1_000 + 28, invoicedMinor: 0, paidMinor: 0 }],
        });
      }, 60_000);
  });
}
