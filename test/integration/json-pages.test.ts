import { serializerCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { SYSTEM_ACTOR } from '../../src/core/auth.ts';
import { newId } from '../../src/core/ids.ts';
import { pageRequest, toPage } from '../../src/http/paging.ts';
import { ProviderPortfolio } from '../../src/http/routes/dashboard.schemas.ts';
import { PaymentMilestone } from '../../src/http/routes/payments.schemas.ts';
import { encodeCursor, page } from '../../src/http/schemas.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';

/**
 * GET /v1/payment-milestones and GET /v1/dashboard/providers send a page already written as JSON
 * (issue 6's read benchmark: the finance list by PostgreSQL, the portfolio once per shared query).
 * Their answers must be, byte for byte, what the mapping code (drizzle rows → toPayment /
 * toPortfolio) and the route's zod serializer wrote before: compared here on a data set made to
 * differ (currencies, NULLs, removed rows, microsecond instants, escapes, extra and reordered keys
 * in stored JSON, ties, a rate PostgreSQL would write with an exponent) with every filter and
 * every page boundary, on PostgreSQL and on PGlite.
 */

const serialize = (schema: ZodType) =>
  serializerCompiler({ schema, method: 'GET', url: 'json-pages.test' }) as (data: unknown) => string;
const paymentsJson = serialize(page(PaymentMilestone));
const portfolioJson = serialize(page(ProviderPortfolio));

const TRICKY = 'Ünïcode "quoted" \\ back\nline\ttab \u0001 ctl \u007f 😀 =1+2 </script>';
const at = (iso: string) => new Date(iso).getTime();

interface Seeded {
  providers: string[];
  engagements: string[];
}

/** The data set, through the app's own database (a fresh one per test app). */
async function seed(t: TestApp): Promise<Seeded> {
  return t.container.database.rawTransaction(async (tx) => {
    const q = (text: string, params: unknown[] = []) => tx.query(text, params);
    const base = at('2027-01-01T00:00:00Z');
    let clock = 0;
    const id = (prefix: string) => newId(prefix, base + clock++);
    const providers = [id('prv'), id('prv'), id('prv'), id('prv')];
    const names = ['Atelier Durand', TRICKY, 'Ünïcode Ltd', 'No engagements'];
    for (const [i, p] of providers.entries()) {
      await q('insert into providers (id, name) values ($1, $2)', [p, names[i]]);
    }
    const engagements: string[] = [];
    const engagement = async (providerId: string, currency: string, status: string, timeZone = 'UTC') => {
      const e = id('eng');
      engagements.push(e);
      await q(
        `insert into engagements (id, provider_id, title, currency, contract_value_minor, start_date, end_date,
           time_zone, status) values ($1, $2, 'E', $3, 100000000, '2026-01-01', '2027-12-31', $4, $5)`,
        [e, providerId, currency, timeZone, status],
      );
      return e;
    };
    const due = (engagementId: string, dueDate: string, extra: Record<string, unknown> = {}) => ({
      title: extra.title ?? `Deliverable due ${dueDate}`,
      ...extra,
      deliverableId: id('dlv'),
      engagementId,
      dueDate,
      status: 'in_progress',
      scheduleStatus: 'late',
    });
    const progress = async (
      engagementId: string,
      providerId: string,
      f: {
        late: number;
        accepted: number;
        onTime: number;
        overdue: unknown[];
        nextDue: unknown[];
        raw?: string;
      },
    ) =>
      q(
        `insert into engagement_progress (engagement_id, provider_id, deliverables, on_track, at_risk, late,
           accepted, accepted_on_time, awaiting_review, blocked_tasks, progress, overdue, next_due)
         values ($1, $2, $3, 2, 1, $4, $5, $6, 1, 3, 0.5, $7::json, $8::json)`,
        [
          engagementId,
          providerId,
          3 + f.late + f.accepted,
          f.late,
          f.accepted,
          f.onTime,
          f.raw ?? JSON.stringify(f.overdue),
          JSON.stringify(f.nextDue),
        ],
      );

    // Provider 0: three active engagements in three currencies, a closed one, a draft one, one
    // active engagement no recompute has seen (with a removed deliverable).
    const [p0 = '', p1 = '', p2 = ''] = providers;
    const e0 = await engagement(p0, 'EUR', 'active', 'Europe/Paris');
    const e1 = await engagement(p0, 'USD', 'active', 'America/New_York');
    const e2 = await engagement(p0, 'JPY', 'active', 'Asia/Tokyo');
    const closed = await engagement(p0, 'EUR', 'closed');
    await engagement(p0, 'GBP', 'draft');
    const unseen = await engagement(p0, 'CHF', 'active');
    for (const removed of [null, null, '2027-01-02T00:00:00Z']) {
      await q(
        `insert into deliverables (id, engagement_id, title, due_date, removed_at) values ($1, $2, 'D', '2027-05-01', $3)`,
        [id('dlv'), unseen, removed],
      );
    }
    await progress(e0, p0, {
      late: 4,
      accepted: 3,
      onTime: 1,
      overdue: [
        due(e0, '2026-11-01', { title: TRICKY }),
        due(e0, '2026-10-01'),
        due(e0, '2026-12-01', { extra: 'stripped by the schema' }),
        due(e0, '2026-10-01'),
      ],
      nextDue: [due(e0, '2027-02-01'), due(e0, '2027-03-01'), due(e0, '2027-02-01')],
    });
    // Stored JSON with spaces and keys in another order: written again in the schema's.
    const odd = due(e1, '2026-09-15');
    await progress(e1, p0, {
      late: 2,
      accepted: 7,
      onTime: 2,
      overdue: [],
      raw: `[ { "scheduleStatus" : "late", "status": "in_progress", "dueDate": "2026-09-15", "title": "Spaced\\u00e9 \\/ out",
        "engagementId": "${odd.engagementId}", "deliverableId": "${odd.deliverableId}" }, ${JSON.stringify(due(e1, '2026-10-01'))} ]`,
      nextDue: [due(e1, '2027-01-20'), due(e1, '2027-04-01'), due(e1, '2027-02-01'), due(e1, '2027-02-01')],
    });
    await progress(e2, p0, {
      late: 0,
      accepted: 0,
      onTime: 0,
      overdue: [due(e2, '2026-01-01')],
      nextDue: [],
    });
    // Closed: counts in the on-time rate only, which becomes 4 / 100,010: PostgreSQL would write
    // 3.99960003999600e-05, JavaScript 0.0000399960003999600.
    await progress(closed, p0, {
      late: 1,
      accepted: 100_000,
      onTime: 1,
      overdue: [due(closed, '2020-01-01')],
      nextDue: [due(closed, '2020-02-01')],
    });
    // Provider 1 (the tricky name): one engagement, accepted all on time.
    const e3 = await engagement(p1, 'EUR', 'active');
    await progress(e3, p1, {
      late: 0,
      accepted: 2,
      onTime: 2,
      overdue: [],
      nextDue: [due(e3, '2027-06-30')],
    });
    // Provider 2: an active engagement, computed, no deliverables due, nothing accepted.
    const e4 = await engagement(p2, 'GBP', 'active');
    await progress(e4, p2, { late: 0, accepted: 0, onTime: 0, overdue: [], nextDue: [] });

    // Milestones over every status, NULLs, removed rows, microsecond instants, evidence shapes.
    const evidence = (timeZone: string, items: { late: number; override: boolean; title?: string }[]) =>
      JSON.stringify({
        deliverables: items.map((d, i) => ({
          override: d.override,
          daysLate: d.late,
          title: d.title ?? `Deliverable ${i}`,
          acceptedAt: '2027-04-03T10:00:00.000Z',
          decisionId: id('dec'),
          dueDate: '2027-03-31',
          deliverableId: id('dlv'),
          extra: 'stripped by the schema',
        })),
        lateness: Math.max(0, ...items.map((d) => d.late)),
        timeZone,
      });
    const milestone = async (engagementId: string, m: Record<string, unknown>) =>
      q(
        `insert into payment_milestones (id, engagement_id, label, amount_minor, not_before, status, bonus_minor,
           penalty_minor, retention_minor, net_minor, days_late, days_early, unlocked_at, invoice_ref, invoiced_at,
           payment_ref, paid_at, unlock_evidence, removed_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18::jsonb, $19)`,
        [
          id('mil'),
          engagementId,
          m.label ?? 'Milestone',
          m.amount ?? 6_000_000,
          m.notBefore ?? null,
          m.status ?? 'locked',
          m.bonus ?? null,
          m.penalty ?? null,
          m.retention ?? null,
          m.net ?? null,
          m.daysLate ?? null,
          m.daysEarly ?? null,
          m.unlockedAt ?? null,
          m.invoiceRef ?? null,
          m.invoicedAt ?? null,
          m.paymentRef ?? null,
          m.paidAt ?? null,
          m.evidence ?? null,
          m.removedAt ?? null,
        ],
      );
    const settled = (evidenceJson: string, over: Record<string, unknown> = {}) => ({
      status: 'unlocked',
      bonus: 0,
      penalty: 30_000,
      retention: 300_000,
      net: 5_670_000,
      daysLate: 1,
      daysEarly: 0,
      unlockedAt: '2027-04-03T10:00:00.123999Z',
      evidence: evidenceJson,
      ...over,
    });
    const engs = [e0, e1, e2, closed, unseen, e3, e4];
    for (const [i, e] of engs.entries()) {
      await milestone(e, {
        label: i === 1 ? TRICKY : `Kick-off ${i}`,
        notBefore: i % 2 ? '2027-02-28' : null,
      });
      await milestone(e, settled(evidence('Europe/Paris', [{ late: 3, override: true }])));
      await milestone(
        e,
        settled(
          evidence('America/New_York', [
            { late: -2, override: false, title: TRICKY },
            { late: 0, override: false },
          ]),
          { status: 'invoiced', invoiceRef: `INV-${i}`, invoicedAt: '2027-04-10T23:59:59.999999+02:00' },
        ),
      );
      await milestone(
        e,
        settled(evidence('Asia/Tokyo', []), {
          status: 'paid',
          // Two of them per currency stay below 2^53 (the mapping code read sums as numbers).
          amount: 4_503_599_627_370_495 - i,
          net: 4_000_000_000_000_000 + i,
          bonus: 12_345,
          invoiceRef: 'INV "q"',
          invoicedAt: '2027-04-10T00:00:00Z',
          paymentRef: 'SEPA,1',
          paidAt: '2027-04-30T12:34:56.000001Z',
          unlockedAt: '2027-03-30T00:00:00Z',
        }),
      );
      await milestone(e, {
        ...settled(evidence('UTC', [{ late: 9, override: false }])),
        removedAt: '2027-04-05T00:00:00Z',
      });
      // Unlocked with a settlement still NULL (gross in the portfolio's money), JSON null evidence.
      await milestone(e, {
        status: 'unlocked',
        amount: 1_000 + i,
        unlockedAt: '2027-05-01T00:00:00Z',
        evidence: 'null',
      });
    }
    return { providers, engagements };
  });
}

for (const backend of ['postgres', 'pglite'] as const) {
  describe(`the pages PostgreSQL writes as JSON (${backend})`, () => {
    let t: TestApp;
    let finance: { authorization: string };
    let data: Seeded;
    beforeAll(async () => {
      t = await buildTestApp({ backend });
      finance = await t.keyFor('finance');
      data = await seed(t);
    }, 120_000);
    afterAll(async () => {
      if (backend === 'pglite') await t?.container.queues.queue('recompute').obliterate({ force: true });
      await t?.close();
    });

    const get = async (url: string) => {
      const res = await t.app.inject({ url, headers: finance });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      return res.body;
    };

    /** Every page of `query`, new route against the old mapping, until the last page. */
    async function walk(
      path: string,
      query: Record<string, string>,
      before: (q: URLSearchParams) => Promise<string>,
    ) {
      let cursor: string | null = null;
      let pages = 0;
      let items = 0;
      do {
        const q = new URLSearchParams(query);
        if (cursor) q.set('cursor', cursor);
        const body = await get(`${path}?${q}`);
        expect(body).toBe(await before(q));
        const parsed = JSON.parse(body) as { items: unknown[]; nextCursor: string | null };
        cursor = parsed.nextCursor;
        items += parsed.items.length;
        pages += 1;
      } while (cursor && pages < 100);
      return { pages, items };
    }

    const parsedQuery = (q: URLSearchParams) => ({
      limit: Number(q.get('limit') ?? 50),
      cursor: q.get('cursor') ?? undefined,
    });

    it('lists payment milestones exactly as the mapping code did, with every filter and page size', async () => {
      const before = async (q: URLSearchParams) => {
        const paging = parsedQuery(q);
        const since = q.get('unlockedSince');
        const items = await t.container.services.payments.list(
          {
            status: (q.get('status') ?? undefined) as never,
            providerId: q.get('providerId') ?? undefined,
            engagementId: q.get('engagementId') ?? undefined,
            currency: q.get('currency') ?? undefined,
            unlockedSince: since ? new Date(since.length === 10 ? `${since}T00:00:00Z` : since) : undefined,
          },
          pageRequest(paging),
        );
        return paymentsJson(toPage(items, paging.limit));
      };
      const [e0 = '', , , , , e3 = ''] = data.engagements;
      const queries: Record<string, string>[] = [
        {},
        { limit: '500' },
        { status: 'unlocked' },
        { status: 'locked' },
        { status: 'invoiced' },
        { status: 'paid' },
        { currency: 'EUR' },
        { currency: 'JPY', status: 'paid' },
        { currency: 'ZZZ' },
        { providerId: data.providers[0] ?? '' },
        { providerId: data.providers[3] ?? '' },
        { engagementId: e0 },
        { engagementId: e3, status: 'invoiced' },
        { unlockedSince: '2027-04-01' },
        { unlockedSince: '2027-04-03T10:00:00.123Z', status: 'unlocked' },
        { unlockedSince: '2027-04-03T10:00:00.124Z' },
      ];
      let total = 0;
      for (const query of queries) {
        for (const limit of ['1', '2', '5', '50']) {
          const { items } = await walk('/v1/payment-milestones', { limit, ...query }, before);
          if (limit === '1') total += items;
        }
      }
      // The walks covered rows (not only empty pages): 7 engagements × 5 milestones not removed.
      expect(total).toBeGreaterThan(35);
      expect(JSON.parse(await get('/v1/payment-milestones?limit=500')).items).toHaveLength(35);
    }, 120_000);

    it('keeps each stored entry right when its engagement changes currency or provider', async () => {
      // The entries are kept as text by a trigger (migration 0016); they name their engagement's
      // currency and provider, which change here under them.
      const all = async () => {
        const items = await t.container.services.payments.list({}, pageRequest({ limit: 500 }));
        return paymentsJson(toPage(items, 500));
      };
      const [e1 = ''] = data.engagements.slice(1);
      const [, p2 = ''] = data.providers;
      const sql = (text: string, params: unknown[]) =>
        t.container.database.rawTransaction((tx) =>
          tx.query<{ currency: string; provider_id: string }>(text, params),
        );
      const [was] = await sql('select currency, provider_id from engagements where id = $1', [e1]);
      await sql(`update engagements set currency = 'CHF', provider_id = $2 where id = $1`, [e1, p2]);
      const body = await get('/v1/payment-milestones?limit=500');
      expect(body).toBe(await all());
      const moved = (
        JSON.parse(body).items as { engagementId: string; currency: string; providerId: string }[]
      ).filter((i) => i.engagementId === e1);
      expect(moved.length).toBeGreaterThan(0);
      expect(moved.every((i) => i.currency === 'CHF' && i.providerId === p2)).toBe(true);
      // Back as it was (the portfolio test below reads the same data), and the entries with it.
      await sql('update engagements set currency = $2, provider_id = $3 where id = $1', [
        e1,
        was?.currency,
        was?.provider_id,
      ]);
      expect(await get('/v1/payment-milestones?limit=500')).toBe(await all());
    });

    it('writes the PMO portfolio exactly as the mapping code did, on every page size', async () => {
      const before = async (q: URLSearchParams) => {
        const paging = parsedQuery(q);
        const items = await t.container.services.dashboard.providers(SYSTEM_ACTOR, pageRequest(paging));
        const pageItems = items.slice(0, paging.limit);
        const last = pageItems.at(-1);
        return portfolioJson({
          items: pageItems,
          nextCursor: items.length > paging.limit && last ? encodeCursor(last.providerId) : null,
        });
      };
      for (const limit of ['1', '2', '3', '50', '500']) {
        const { items } = await walk('/v1/dashboard/providers', { limit }, before);
        expect(items).toBe(4);
      }
      const portfolio = JSON.parse(await get('/v1/dashboard/providers')).items as Record<string, unknown>[];
      // The data set reaches what it was made for: a rate JavaScript writes without an exponent…
      expect(portfolio[0]).toMatchObject({ onTime: { accepted: 100_010, onTime: 4, rate: 4 / 100_010 } });
      // …five items of several engagements, a NULL rate, a name to escape, and no figures at all.
      expect((portfolio[0] as { overdue: { items: unknown[] } }).overdue.items).toHaveLength(5);
      expect(portfolio[2]).toMatchObject({ onTime: { rate: null } });
      expect(portfolio[1]).toMatchObject({ name: TRICKY });
      expect(portfolio[3]).toMatchObject({ activeEngagements: 0, money: [], nextDue: [] });
    }, 120_000);
  });
}
