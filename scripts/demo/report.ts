import type { ControlClient, PushedRecord } from '../../sandbox/client.ts';
import type { SandboxUrls } from '../../sandbox/control.ts';
import { wholePercent } from '../../src/core/percent.ts';
import type { Decision } from './decide.ts';
import { must, waitUntil } from './jalon-client.ts';
import type { Features, PlayResult } from './play.ts';
import type { DemoKeys, DemoWorld } from './setup.ts';

/** What the demo prints at the end: the state of the engagement and where to look. */

interface DeliverableLine {
  readonly title: string;
  readonly dueDate: string;
  readonly status: string;
  readonly figures?: {
    progress: number | null;
    scheduleStatus: string;
    reasons: string[];
    forecastDate: string | null;
  } | null;
}

export interface ReportInput {
  readonly keys: DemoKeys;
  readonly sb: ControlClient;
  readonly sandboxUrls: SandboxUrls;
  readonly world: DemoWorld;
  readonly features: Features;
  readonly changeRequest: PlayResult['changeRequest'];
  readonly decision: Decision | null;
  readonly skipped: readonly string[];
  readonly logFile: string;
}

const money = (minor: number | null | undefined, currency: string) =>
  `${((minor ?? 0) / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })} ${currency}`;
const pad = (s: string, n: number) => (s.length >= n ? `${s} ` : s.padEnd(n));

async function readDeliverables(r: ReportInput): Promise<readonly DeliverableLine[]> {
  const { keys, world } = r;
  if (!r.features.engagementDashboard)
    return (
      await must(
        keys.pmo.api.GET('/v1/engagements/{id}/deliverables', {
          params: { path: { id: world.engagementId } },
        }),
      )
    ).items;
  const read = async () =>
    (
      await must(
        keys.pmo.api.GET('/v1/engagements/{id}/dashboard', { params: { path: { id: world.engagementId } } }),
      )
    ).deliverables;
  // The recompute that follows a decision lands about a second later.
  const settled = (items: readonly DeliverableLine[]) =>
    items.every((d) => d.status !== 'accepted' || d.figures?.scheduleStatus === 'accepted') && items;
  return waitUntil(async () => settled(await read()), 'the recompute after the decision', 10_000).catch(read);
}

async function deliverableLines(r: ReportInput): Promise<string[]> {
  const items = await readDeliverables(r);
  return items.map((d) => {
    const f = d.figures;
    const progress =
      f?.progress === null || f?.progress === undefined ? '' : `${wholePercent(f.progress)} % `;
    const schedule = f ? `${f.scheduleStatus}${f.reasons.length ? ` (${f.reasons.join('; ')})` : ''}` : '';
    return `    ${pad(d.title, 20)}due ${d.dueDate}  ${pad(d.status, 17)}${progress}${schedule}`;
  });
}

async function milestoneLines(r: ReportInput): Promise<string[]> {
  const { keys, world } = r;
  const items = r.features.payments
    ? (
        await must(
          keys.finance.api.GET('/v1/payment-milestones', {
            params: { query: { engagementId: world.engagementId } },
          }),
        )
      ).items
    : (
        await must(
          keys.pmo.api.GET('/v1/engagements/{id}/milestones', {
            params: { path: { id: world.engagementId } },
          }),
        )
      ).items;
  return items.map((m) => {
    const head = `    ${pad(m.label, 20)}${pad(m.status, 9)}gross ${money(m.amountMinor, m.currency)}`;
    if (m.status === 'locked' || m.netMinor === null || m.netMinor === undefined) return head;
    // Builds without daysLateRaw/daysCharged only had daysLate, the days after grace.
    const late = m.daysLateRaw ?? m.daysLate ?? 0;
    const charged = m.daysCharged ?? m.daysLate ?? 0;
    const retention = m.retentionStatus
      ? ` (${m.retentionStatus}${m.retentionStatus === 'held' && 'warrantyEndsOn' in m && m.warrantyEndsOn ? ` until ${m.warrantyEndsOn}` : ''})`
      : '';
    return (
      `${head} + bonus ${money(m.bonusMinor, m.currency)}` +
      ` − penalty ${money(m.penaltyMinor, m.currency)} (${late} day(s) late, ${charged} charged after grace)` +
      ` − retention ${money(m.retentionMinor, m.currency)}${retention} = net ${money(m.netMinor, m.currency)}`
    );
  });
}

function pushedLines(pushed: readonly PushedRecord[]): string[] {
  if (pushed.length === 0) return ['    (nothing yet)'];
  return pushed.map((p) => {
    const d = p.detail;
    const item = String(d.key ?? d.shortLink ?? d.name ?? p.itemId);
    const what = String(d.text ?? d.label ?? d.tag ?? d.status ?? JSON.stringify(d)).replace(/\s+/g, ' ');
    return `    ${pad(p.tracker, 7)}${pad(item, 30)}${pad(p.kind, 12)}${what.slice(0, 90)}`;
  });
}

export async function printReport(r: ReportInput, print: (text: string) => void): Promise<void> {
  const url = r.keys.admin.url;
  const admin = r.keys.admin.key;
  const auth = `-H "authorization: Bearer ${admin}"`;
  const lines: string[] = [
    '',
    'Where things stand (today, after four weeks of sandbox time):',
    '',
    '  Deliverables',
  ];
  lines.push(...(await deliverableLines(r)));
  if (r.changeRequest)
    lines.push(
      `    (Marketing site: change request ${r.changeRequest.id} moved its due date from ${r.changeRequest.from} to ${r.changeRequest.to}; approved)`,
    );
  lines.push('', '  Payment milestones', ...(await milestoneLines(r)));
  lines.push('', `  What Jalon wrote back into the trackers (sandbox GET ${r.sandboxUrls.control}/pushed)`);
  lines.push(...pushedLines(await r.sb.pushed()));
  if (r.decision)
    lines.push(
      `    (each comment carries [jalon:decision:${r.decision.id}]: a retried write-back finds it and never comments twice)`,
    );
  lines.push('', 'Where to look', `  API docs        ${url}/docs`);
  if (r.features.ui)
    lines.push(`  PMO dashboard   ${url}/app   (sign in with the PMO key: ${r.keys.pmo.key})`);
  lines.push(`  admin key       ${admin}`, '');
  if (r.features.providersDashboard) lines.push(`  curl -s ${url}/v1/dashboard/providers ${auth}`);
  if (r.features.engagementDashboard)
    lines.push(`  curl -s ${url}/v1/engagements/${r.world.engagementId}/dashboard ${auth}`);
  if (r.features.payments) lines.push(`  curl -s '${url}/v1/payment-milestones?status=unlocked' ${auth}`);
  lines.push(
    `  curl -s '${url}/v1/tasks?engagementId=${r.world.engagementId}' ${auth}`,
    `  curl -s ${r.sandboxUrls.control}/pushed        (comments and labels Jalon wrote, per tracker)`,
    `  curl -s ${r.sandboxUrls.control}/counters      (requests, 429s, webhook deliveries)`,
    '',
    `  Sandbox trackers: Jira ${r.sandboxUrls.jira}  Trello ${r.sandboxUrls.trello}  Asana ${r.sandboxUrls.asana}`,
    `  Jalon's log: ${r.logFile}`,
  );
  if (r.skipped.length > 0)
    lines.push('', 'Skipped (not in this build yet):', ...r.skipped.map((s) => `  - ${s}`));
  lines.push(
    '',
    'Everything keeps running (change things through the sandbox control API and watch Jalon follow).',
  );
  lines.push('Ctrl-C stops Jalon and the sandbox.');
  print(lines.join('\n'));
}
