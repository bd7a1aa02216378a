import { addDays, todayIn } from '../../src/core/progress.ts';
import type { TestApp } from '../support/app.ts';
import { contractApi } from '../support/engagement.ts';
import { JIRA_SECRET, JIRA_SETTINGS, jiraDelivery } from '../support/jira-deliveries.ts';

/**
 * The dashboard's demo data, made only through the public API and signed Jira webhooks: three
 * providers, deliverables on track, at risk, late and accepted, milestones unlocked in EUR and JPY.
 */

type Category = 'todo' | 'in_progress' | 'done';
type Headers = Record<string, string>;

const PARIS = 'Europe/Paris';
const CRITERIA = ['Components documented', 'WCAG 2.1 AA audit passed'];
let nextIssueId = 10_001;
const day = (offset: number, timeZone = PARIS) => addDays(todayIn(new Date(), timeZone), offset);

export async function until<T>(probe: () => Promise<T | null | undefined | false>, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not in time`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface Demo {
  readonly pmo: Headers;
  readonly portalId: string;
  readonly portalProviderId: string;
  readonly providerNames: readonly string[];
}

interface DeliverableSpec {
  readonly title: string;
  readonly due: number;
  readonly tasks: readonly [key: string, category: Category][];
}

/** One active engagement of `project` with its deliverables, milestones, Jira link and tasks. */
async function engagement(
  t: TestApp,
  spec: {
    providerId: string;
    connectionId: string;
    project: string;
    title: string;
    currency: string;
    timeZone: string;
    amount: number;
    deliverables: readonly DeliverableSpec[];
  },
) {
  const api = contractApi(t);
  const { timeZone } = spec;
  const engagementId = await api.draft(spec.providerId, t.admin, {
    title: spec.title,
    currency: spec.currency,
    contractValueMinor: spec.amount * 2,
    timeZone,
    startDate: day(-90, timeZone),
    endDate: day(120, timeZone),
  });
  const ids: string[] = [];
  for (const d of spec.deliverables) {
    const keys = d.tasks.map(([key]) => `${spec.project}-${key}`);
    ids.push(
      await api.deliverable(engagementId, t.admin, {
        title: d.title,
        dueDate: day(d.due, timeZone),
        acceptanceCriteria: CRITERIA,
        selector: { jira: { issueKeys: keys } },
      }),
    );
  }
  const first = await api.milestone(engagementId, ids.slice(0, 1), t.admin, {
    label: `${spec.deliverables[0]?.title} delivered`,
    amountMinor: spec.amount,
  });
  await api.milestone(engagementId, ids.slice(1), t.admin, {
    label: 'Final delivery',
    amountMinor: spec.amount,
  });
  await api.expectStatus(
    api.call('POST', `/v1/engagements/${engagementId}/links`, t.admin, {
      connectionId: spec.connectionId,
      scope: { projectKey: spec.project },
    }),
    201,
  );
  await api.expectStatus(api.call('POST', `/v1/engagements/${engagementId}/activate`, t.admin), 200);
  for (const d of spec.deliverables) {
    for (const [key, category] of d.tasks) {
      const delivery = jiraDelivery({
        id: String(nextIssueId++),
        key: `${spec.project}-${key}`,
        category,
        updated: new Date(),
        project: spec.project,
      });
      const res = await t.app.inject({
        method: 'POST',
        url: `/webhooks/jira/${spec.connectionId}`,
        headers: delivery.headers,
        payload: delivery.body,
      });
      if (res.statusCode !== 200) throw new Error(`webhook answered ${res.statusCode}: ${res.body}`);
    }
  }
  return { engagementId, deliverableIds: ids, firstMilestoneId: first };
}

const api = (t: TestApp) => contractApi(t);

async function provider(t: TestApp, name: string) {
  const res = await api(t).expectStatus(api(t).call('POST', '/v1/providers', t.admin, { name }), 201);
  return String(res.id);
}

async function jiraConnection(t: TestApp) {
  const res = await api(t).expectStatus(
    api(t).call('POST', '/v1/connections', t.admin, {
      tracker: 'jira',
      name: 'Acme Jira',
      baseUrl: 'http://127.0.0.1:9', // nothing listens: the first syncs fail, the webhooks carry the tasks
      credentials: { email: 'bot@acme.example', apiToken: 'token' },
      webhookSecret: JIRA_SECRET,
      settings: JIRA_SETTINGS,
    }),
    201,
  );
  return String(res.id);
}

const dashboardOf = async (t: TestApp, engagementId: string, pmo: Headers) =>
  (await t.app.inject({ url: `/v1/engagements/${engagementId}/dashboard`, headers: pmo })).json() as {
    deliverables: { id: string; status: string; figures: { scheduleStatus: string } | null }[];
  };

/** Accepts the deliverable once the recompute worker has made it ready for review. */
async function accept(t: TestApp, deliverableId: string, pmo: Headers) {
  await until(async () => {
    const res = await t.app.inject({ url: `/v1/deliverables/${deliverableId}`, headers: pmo });
    return res.json().status === 'ready_for_review';
  }, `deliverable ${deliverableId} ready for review`);
  await api(t).expectStatus(
    api(t).call('POST', `/v1/deliverables/${deliverableId}/decision`, pmo, {
      decision: 'accept',
      note: 'All criteria met at the review meeting',
      criteria: CRITERIA.map((criterion) => ({ criterion, met: true })),
    }),
    201,
  );
}

async function journalAndChange(t: TestApp, engagementId: string, deliverableId: string, pmo: Headers) {
  for (const [kind, offset, summary] of [
    ['kickoff', -88, 'Kickoff: scope, contacts and weekly status meetings agreed'],
    ['status_meeting', -3, 'Checkout flow waits on the payment provider sandbox'],
  ] as const) {
    await api(t).expectStatus(
      api(t).call('POST', `/v1/engagements/${engagementId}/journal`, pmo, {
        kind,
        occurredAt: new Date(Date.now() + offset * 86_400_000).toISOString(),
        participants: ['Claire Martin', 'Paul Durand'],
        summary,
      }),
      201,
    );
  }
  const change = await api(t).changeRequest(
    engagementId,
    pmo,
    [{ op: 'modify_deliverable', deliverableId, set: { dueDate: day(75) } }],
    { title: 'Analytics: add cohort reports', impact: { costMinor: 250_000, scheduleDays: 15 } },
  );
  await api(t).expectStatus(api(t).call('POST', `/v1/change-requests/${change}/submit`, pmo), 200);
}

/** Seeds the demo and waits until the recompute worker has computed every deliverable. */
export async function seedDemo(t: TestApp): Promise<Demo> {
  const pmo = await t.keyFor('pmo');
  const connectionId = await jiraConnection(t);
  const names = ['Atelier Durand', 'Nordlicht Studio', 'Kaizen Works'] as const;
  const [atelier, nordlicht, kaizen] = [
    await provider(t, names[0]),
    await provider(t, names[1]),
    await provider(t, names[2]),
  ];
  const portal = await engagement(t, {
    providerId: atelier,
    connectionId,
    project: 'PORT',
    title: 'Customer portal redesign',
    currency: 'EUR',
    timeZone: PARIS,
    amount: 6_000_000,
    deliverables: [
      {
        title: 'Design system',
        due: -10,
        tasks: [
          ['1', 'done'],
          ['2', 'done'],
        ],
      },
      {
        title: 'Checkout flow',
        due: 5,
        tasks: [
          ['3', 'in_progress'],
          ['4', 'todo'],
        ],
      },
      {
        title: 'Usage analytics',
        due: 60,
        tasks: [
          ['5', 'done'],
          ['6', 'in_progress'],
        ],
      },
    ],
  });
  const mobile = await engagement(t, {
    providerId: nordlicht,
    connectionId,
    project: 'MOB',
    title: 'Field service app',
    currency: 'EUR',
    timeZone: PARIS,
    amount: 4_500_000,
    deliverables: [
      {
        title: 'Offline mode',
        due: -5,
        tasks: [
          ['1', 'in_progress'],
          ['2', 'done'],
        ],
      },
      { title: 'Store release', due: 30, tasks: [['3', 'todo']] },
    ],
  });
  const scanner = await engagement(t, {
    providerId: kaizen,
    connectionId,
    project: 'WHS',
    title: 'Warehouse scanner',
    currency: 'JPY',
    timeZone: 'Asia/Tokyo',
    amount: 1_200_000,
    deliverables: [
      { title: 'Scanner firmware', due: -4, tasks: [['1', 'done']] },
      { title: 'Pilot rollout', due: 20, tasks: [['2', 'in_progress']] },
    ],
  });
  await accept(t, portal.deliverableIds[0] as string, pmo);
  await accept(t, scanner.deliverableIds[0] as string, pmo);
  await journalAndChange(t, portal.engagementId, portal.deliverableIds[2] as string, pmo);
  const accepted = new Set([portal.deliverableIds[0], scanner.deliverableIds[0]]);
  for (const e of [portal, mobile, scanner]) {
    await until(async () => {
      const dash = await dashboardOf(t, e.engagementId, pmo);
      return dash.deliverables.every(
        (d) => d.figures !== null && (d.figures.scheduleStatus === 'accepted') === accepted.has(d.id),
      );
    }, `figures of ${e.engagementId}`);
  }
  return { pmo, portalId: portal.engagementId, portalProviderId: atelier, providerNames: names };
}
