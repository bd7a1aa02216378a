import type { ControlClient } from '../../sandbox/client.ts';
import { civilDay, DAY_MS } from './days.ts';
import { type JalonClient, must, waitUntil } from './jalon-client.ts';
import type { DemoKeys, DemoWorld } from './setup.ts';
import { TZ } from './setup.ts';

/**
 * Four weeks of provider activity played on the sandbox's clock, each change made in the
 * provider's own tool and carried to Jalon by the tracker's webhook: the checkout finishes two
 * days after its due date, the marketing site has a blocked card and gets two more weeks through
 * a change request (proposed by the provider, approved by the PMO), the mobile onboarding falls
 * behind. After each week the demo waits until Jalon shows what the trackers show.
 */

type Category = 'todo' | 'in_progress' | 'done';

export interface Features {
  readonly decision: boolean;
  readonly payments: boolean;
  readonly providersDashboard: boolean;
  readonly engagementDashboard: boolean;
  readonly ui: boolean;
}

export interface PlayResult {
  readonly changeRequest: { id: string; from: string; to: string } | null;
}

const JIRA_CATEGORY: Record<string, Category> = {
  'To Do': 'todo',
  'In Progress': 'in_progress',
  'In Review': 'in_progress',
  Done: 'done',
};

function tracked(sb: ControlClient, w: DemoWorld) {
  const expected = new Map<string, { category: Category; blocked: boolean }>();
  for (const i of Object.values(w.jira)) expected.set(i.id, { category: 'todo', blocked: false });
  for (const id of [...Object.values(w.trello), ...Object.values(w.asana)])
    expected.set(id, { category: 'todo', blocked: false });
  const set = (id: string, category: Category, blocked = false) => expected.set(id, { category, blocked });
  return {
    expected,
    jira: async (item: { id: string; key: string }, status: string) => {
      await sb.jira.transition(item.key, status, status === 'Done' ? 'Done' : undefined);
      set(item.id, JIRA_CATEGORY[status] ?? 'todo');
    },
    trello: async (card: string, list: 'Doing' | 'Done') => {
      await sb.trello.moveCard(card, list);
      set(card, list === 'Done' ? 'done' : 'in_progress', expected.get(card)?.blocked ?? false);
    },
    block: async (card: string, why: string) => {
      await sb.trello.addLabel(card, 'Blocked', 'red');
      await sb.trello.comment(card, why);
      set(card, expected.get(card)?.category ?? 'todo', true);
    },
    asana: async (gid: string, section: 'In Progress' | 'Done') => {
      await sb.asana.moveToSection(gid, section);
      if (section === 'Done') await sb.asana.completeTask(gid);
      set(gid, section === 'Done' ? 'done' : 'in_progress');
    },
    day: () => sb.advanceClock(DAY_MS),
  };
}

/** Waits until the sandbox has delivered everything and Jalon's tasks say what the trackers say. */
async function untilJalonAgrees(
  api: JalonClient,
  sb: ControlClient,
  engagementId: string,
  expected: ReadonlyMap<string, { category: Category; blocked: boolean }>,
): Promise<void> {
  await sb.settle(30_000);
  await waitUntil(
    async () => {
      const { items } = await must(
        api.api.GET('/v1/tasks', { params: { query: { engagementId, limit: 500 } } }),
      );
      const byId = new Map(items.map((t) => [t.externalId, t]));
      return [...expected].every(([id, want]) => {
        const got = byId.get(id);
        return got?.statusCategory === want.category && got.blocked === want.blocked;
      });
    },
    'Jalon to show what the trackers show',
    60_000,
    300,
  );
}

async function changeRequest(keys: DemoKeys, w: DemoWorld): Promise<PlayResult['changeRequest']> {
  const from = civilDay(7, TZ);
  const to = civilDay(21, TZ);
  const cr = await must(
    keys.provider.api.POST('/v1/engagements/{id}/change-requests', {
      params: { path: { id: w.engagementId } },
      body: {
        title: 'Avenant 1: marketing site after the legal review',
        rationale: 'The legal pages wait for the client’s legal team; the site ships two weeks later.',
        changes: [{ op: 'modify_deliverable', deliverableId: w.deliverables.site, set: { dueDate: to } }],
        impact: { costMinor: 0, scheduleDays: 14, quality: 'No change to the acceptance criteria' },
      },
    }),
  );
  const path = { params: { path: { id: cr.id } } };
  await must(keys.provider.api.POST('/v1/change-requests/{id}/submit', path));
  // Approval takes no body (a note is optional).
  await must(keys.pmo.api.POST('/v1/change-requests/{id}/approve', path));
  return { id: cr.id, from, to };
}

export async function playWeeks(
  keys: DemoKeys,
  sb: ControlClient,
  w: DemoWorld,
  log: (line: string) => void,
): Promise<PlayResult['changeRequest']> {
  const t = tracked(sb, w);
  const settle = () => untilJalonAgrees(keys.pmo, sb, w.engagementId, t.expected);
  const week = async (n: number, what: string, changes: () => Promise<void>) => {
    await changes();
    await settle();
    log(`  week ${n} (${(await sb.clock()).now.slice(0, 10)}): ${what}`);
  };
  await settle();

  await sb.advanceClock(7 * DAY_MS);
  await week(1, 'work starts on the cart, the home page and the welcome screens', async () => {
    await t.jira(w.jira.cart, 'In Progress');
    await t.trello(w.trello.home, 'Doing');
    await t.asana(w.asana.welcome, 'In Progress');
  });

  await sb.advanceClock(5 * DAY_MS);
  await week(
    2,
    'cart, home page and welcome screens done; payment, pricing and opt-in under way',
    async () => {
      await t.jira(w.jira.cart, 'Done');
      await t.trello(w.trello.home, 'Done');
      await t.day();
      await t.jira(w.jira.payment, 'In Progress');
      await t.trello(w.trello.pricing, 'Doing');
      await t.trello(w.trello.checkoutDesign, 'Doing');
      await t.asana(w.asana.welcome, 'Done');
      await t.asana(w.asana.optIn, 'In Progress');
    },
  );

  await sb.advanceClock(5 * DAY_MS);
  let cr: PlayResult['changeRequest'] = null;
  await week(3, 'payment in review, pricing done, the legal pages blocked; a change request', async () => {
    await t.jira(w.jira.payment, 'In Review');
    await t.jira(w.jira.emails, 'In Progress');
    await t.trello(w.trello.pricing, 'Done');
    await t.trello(w.trello.checkoutDesign, 'Done');
    await t.trello(w.trello.blog, 'Doing');
    await t.trello(w.trello.legal, 'Doing');
    await t.block(w.trello.legal, 'Blocked: waiting for the client’s legal team to send the terms.');
    await t.asana(w.asana.linking, 'In Progress');
    await t.asana(w.asana.checkoutQa, 'In Progress');
    cr = await changeRequest(keys, w);
  });

  await sb.advanceClock(7 * DAY_MS);
  await week(
    4,
    'checkout done two days late (payment, e-mails, test plan); opt-in done; onboarding late',
    async () => {
      await t.jira(w.jira.payment, 'Done');
      await t.day();
      await t.jira(w.jira.emails, 'Done');
      await t.asana(w.asana.checkoutQa, 'Done');
      await t.asana(w.asana.optIn, 'Done');
    },
  );
  await sb.setClock(new Date().toISOString());
  return cr;
}
