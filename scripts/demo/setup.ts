import type { Schemas } from '../../clients/typescript/src/index.ts';
import type { ControlClient } from '../../sandbox/client.ts';
import { civilDay } from './days.ts';
import { type JalonClient, must } from './jalon-client.ts';
import { connectSandbox, linkScope, registerWebhooks, type SandboxInfo } from './sandbox-connections.ts';

/**
 * The demo's starting point, four weeks ago by the sandbox's clock: a provider tracking its work
 * in Jira (checkout), Trello (marketing site) and Asana (mobile onboarding), the checkout's page
 * design and test plan also in Trello and Asana; in Jalon, the engagement with the checkout fed by
 * all three trackers, the site by Trello, the onboarding by Asana, two payment milestones with penalties and
 * retention, the three connections, their links and webhooks, and the kickoff.
 */

export const TZ = 'Europe/Paris';

export interface DemoKeys {
  readonly admin: JalonClient;
  readonly pmo: JalonClient;
  readonly finance: JalonClient;
  readonly provider: JalonClient;
}

export interface DemoWorld {
  readonly providerId: string;
  readonly engagementId: string;
  readonly deliverables: { readonly checkout: string; readonly site: string; readonly onboarding: string };
  readonly milestones: { readonly checkout: string; readonly launch: string };
  readonly connections: { readonly jira: string; readonly trello: string; readonly asana: string };
  /** Tracker ids by short name: Jira issue ids (and keys), Trello card ids, Asana task gids. */
  readonly jira: Readonly<Record<'cart' | 'payment' | 'emails' | 'tooling', { id: string; key: string }>>;
  readonly trello: Readonly<Record<'home' | 'pricing' | 'blog' | 'legal' | 'checkoutDesign', string>>;
  readonly asana: Readonly<Record<'welcome' | 'optIn' | 'linking' | 'analytics' | 'checkoutQa', string>>;
  readonly boardId: string;
  readonly projectGid: string;
}

async function trackerData(sb: ControlClient) {
  await sb.jira.createProject('SHOP', 'Webshop');
  const issue = async (summary: string, labels: string[], storyPoints: number) => {
    const created = await sb.jira.createIssue({ projectKey: 'SHOP', summary, labels, storyPoints });
    return { id: created.id, key: created.key };
  };
  const jira = {
    cart: await issue('Cart service', ['checkout'], 3),
    payment: await issue('Payment provider integration', ['checkout'], 5),
    emails: await issue('Order confirmation e-mails', ['checkout'], 2),
    tooling: await issue('Internal deployment tooling', ['ops'], 3),
  };
  const board = await sb.trello.createBoard('Marketing site', ['To Do', 'Doing', 'Done']);
  const card = async (name: string, label = 'site') =>
    (await sb.trello.createCard({ boardId: board.id, list: 'To Do', name, labels: [label] })).id;
  const trello = {
    home: await card('Home page'),
    pricing: await card('Pricing page'),
    blog: await card('Blog'),
    legal: await card('Legal pages'),
    checkoutDesign: await card('Checkout page design', 'checkout'),
  };
  const project = await sb.asana.createProject('Mobile onboarding', ['To Do', 'In Progress', 'Done']);
  const task = async (name: string, tag = 'onboarding') =>
    (await sb.asana.createTask({ project: project.gid, name, section: 'To Do', tags: [tag] })).gid;
  const asana = {
    welcome: await task('Welcome screens'),
    optIn: await task('Push-notification opt-in'),
    linking: await task('Account linking'),
    analytics: await task('Analytics events'),
    checkoutQa: await task('Checkout test plan', 'checkout'),
  };
  return { jira, trello, asana, boardId: board.id, projectGid: project.gid };
}

const criteria = (...items: string[]) => items;

async function contract(api: JalonClient) {
  const provider = await must(
    api.api.POST('/v1/providers', {
      body: {
        name: 'Atelier Nord',
        references: [{ client: 'Maison Lumière', contact: 'Inès Roy', outcome: 'E-shop delivered on time' }],
      },
    }),
  );
  const engagement = await must(
    api.api.POST('/v1/engagements', {
      body: {
        providerId: provider.id,
        title: 'Customer portal relaunch',
        objective: 'A new checkout, a marketing site and a mobile onboarding before the summer sales',
        specificationUrl: 'https://client.example/specs/portal-relaunch.pdf',
        currency: 'EUR',
        contractValueMinor: 15_000_000,
        paymentTermsDays: 30,
        clientContact: { name: 'Claire Martin (PMO)', email: 'claire.martin@client.example' },
        providerContact: { name: 'Paul Durand', email: 'paul@atelier-nord.example' },
        startDate: civilDay(-35, TZ),
        endDate: civilDay(60, TZ),
        timeZone: TZ,
      },
    }),
  );
  const path = { path: { id: engagement.id } };
  const deliverable = async (body: Schemas['NewDeliverable']) =>
    (await must(api.api.POST('/v1/engagements/{id}/deliverables', { params: path, body }))).id;
  const deliverables = {
    checkout: await deliverable({
      title: 'Checkout',
      description: 'Cart, payment and e-mails (Jira), page design (Trello), test plan (Asana)',
      dueDate: civilDay(-4, TZ),
      acceptanceCriteria: criteria('Card and SEPA payments work', 'Confirmation e-mail within a minute'),
      weight: 3,
      selector: {
        jira: { labels: ['checkout'] },
        trello: { labels: ['checkout'] },
        asana: { tags: ['checkout'] },
      },
    }),
    site: await deliverable({
      title: 'Marketing site',
      dueDate: civilDay(7, TZ),
      acceptanceCriteria: criteria('All pages reviewed by marketing', 'Lighthouse score ≥ 90'),
      weight: 2,
      selector: { trello: { labels: ['site'] } },
    }),
    onboarding: await deliverable({
      title: 'Mobile onboarding',
      dueDate: civilDay(-2, TZ),
      acceptanceCriteria: criteria('New users reach the home screen in under two minutes'),
      weight: 2,
      selector: { asana: { tags: ['onboarding'] } },
    }),
  };
  const milestone = async (body: Schemas['NewMilestone']) =>
    (await must(api.api.POST('/v1/engagements/{id}/milestones', { params: path, body }))).id;
  const milestones = {
    checkout: await milestone({
      label: 'Checkout go-live',
      amountMinor: 6_000_000,
      requiredDeliverableIds: [deliverables.checkout],
      retentionBps: 500,
      latePenalty: { bpsPerDay: 50, graceDays: 2, capBps: 1000 },
    }),
    launch: await milestone({
      label: 'Site and app launch',
      amountMinor: 9_000_000,
      requiredDeliverableIds: [deliverables.site, deliverables.onboarding],
      retentionBps: 500,
      latePenalty: { bpsPerDay: 30, graceDays: 0, capBps: 800 },
      earlyBonus: { bpsPerDay: 10, capBps: 200 },
    }),
  };
  return { providerId: provider.id, engagementId: engagement.id, deliverables, milestones };
}

/** Creates everything, then activates the engagement; the sandbox clock is where the story starts. */
export async function setUpDemo(
  keys: Pick<DemoKeys, 'admin' | 'pmo'>,
  sb: ControlClient,
  info: SandboxInfo,
  log: (line: string) => void,
): Promise<DemoWorld> {
  const items = await trackerData(sb);
  log('  sandbox: Jira project SHOP, Trello board "Marketing site", Asana project "Mobile onboarding"');
  const c = await contract(keys.admin);
  log('  Jalon: provider Atelier Nord, engagement "Customer portal relaunch", 3 deliverables, 2 milestones');
  const scopes = {
    jira: { projectKey: 'SHOP' },
    trello: { boardId: items.boardId },
    asana: { projectGid: items.projectGid },
  };
  const connections = { jira: '', trello: '', asana: '' };
  for (const tracker of ['jira', 'trello', 'asana'] as const) {
    connections[tracker] = await connectSandbox(keys.admin, info, tracker, {
      name: `Atelier Nord ${tracker}`,
    });
    await linkScope(keys.admin, c.engagementId, connections[tracker], scopes[tracker]);
    const registered = await registerWebhooks(keys.admin, connections[tracker]);
    const hooks = registered.links.flatMap((l) => l.webhooks.map((h) => h.externalId));
    log(`  ${tracker}: connection ${connections[tracker]}, linked, webhook ${hooks.join(', ')} registered`);
  }
  const path = { params: { path: { id: c.engagementId } } };
  await must(keys.admin.api.POST('/v1/engagements/{id}/activate', path));
  await must(
    keys.pmo.api.POST('/v1/engagements/{id}/journal', {
      ...path,
      body: {
        kind: 'kickoff',
        occurredAt: (await sb.clock()).now,
        participants: ['Claire Martin (PMO)', 'Paul Durand (Atelier Nord)'],
        summary: 'Kickoff: scope, deliverables, acceptance criteria and payment milestones walked through',
        decisions: ['Weekly status meeting on Mondays', 'Acceptance on the staging environment'],
      },
    }),
  );
  log('  engagement activated; kickoff recorded in the journal');
  return { ...c, connections, ...items };
}
