import { type Markdown, mdCell, mdLink, mdText } from './markdown.ts';
import { wholePercent } from './percent.ts';
import type { StatusReport } from './report.ts';

/** A status report as Markdown a PMO can paste into an e-mail or a wiki. Pure. */

const pct = (p: number | null) => (p === null ? '—' : `${wholePercent(p)} %`);
/** Minor units as a decimal amount with the currency's own digits (EUR 2, JPY 0), exact by string. */
function amount(minor: number, currency: string): string {
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const s = String(Math.abs(minor)).padStart(digits + 1, '0');
  const whole = digits > 0 ? `${s.slice(0, -digits)}.${s.slice(-digits)}` : s;
  return `${minor < 0 ? '-' : ''}${whole} ${currency}`;
}
/** Every cell is escaped (tracker and user text: markup, pipes, line breaks) unless Jalon built it. */
const table = (head: string[], rows: (string | Markdown)[][]) =>
  rows.length === 0
    ? ['_None._']
    : [
        `| ${head.join(' | ')} |`,
        `|${head.map(() => ' --- |').join('')}`,
        ...rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`),
      ];

export function reportMarkdown(r: StatusReport): string {
  const { period, engagement: e } = r;
  const lines = [
    `# Status report: ${mdText(e.title)}`,
    '',
    `Period ${period.from} to ${period.to} (${period.timeZone}) · engagement ${e.status} · generated ${r.generatedAt}`,
    '',
    `## Progress: ${pct(r.progress.overall)}`,
    '',
    ...table(
      ['Deliverable', 'Due', 'Status', 'Progress', 'Forecast', 'Schedule', 'Reasons'],
      r.progress.deliverables.map((d) => [
        d.title,
        d.dueDate,
        d.status,
        pct(d.progress),
        d.forecastDate ?? '—',
        d.scheduleStatus ?? 'not computed',
        d.reasons.join('; ') || '—',
      ]),
    ),
    '',
    `## Blockers (${r.blockers.length})`,
    '',
    ...table(
      ['Task', 'Tracker', 'Title'],
      r.blockers.map((b) => [mdLink(b.key ?? b.taskId, b.url), b.tracker, b.title]),
    ),
    '',
    `## Awaiting a decision (${r.awaitingDecision.length})`,
    '',
    ...table(
      ['Deliverable', 'Due'],
      r.awaitingDecision.map((d) => [d.title, d.dueDate]),
    ),
    '',
    `## Milestones unlocked (${r.milestonesUnlocked.length})`,
    '',
    ...table(
      // Each row adds up: Gross + Bonus − Penalty − Retention = Net.
      [
        'Milestone',
        'Unlocked',
        'Days late',
        'Days charged',
        'Gross',
        'Bonus',
        'Penalty',
        'Retention',
        'Net',
        'Status',
      ],
      r.milestonesUnlocked.map((m) => [
        m.label,
        m.unlockedAt,
        String(m.daysLateRaw),
        String(m.daysCharged),
        amount(m.amountMinor, e.currency),
        amount(m.bonusMinor, e.currency),
        amount(m.penaltyMinor, e.currency),
        amount(m.retentionMinor, e.currency),
        amount(m.netMinor, e.currency),
        m.status,
      ]),
    ),
    '',
    `## Decisions (${r.decisions.length})`,
    '',
    ...table(
      ['Deliverable', 'Decision', 'When', 'Note'],
      r.decisions.map((d) => [
        d.title,
        d.override ? `${d.decision} (override)` : d.decision,
        d.decidedAt,
        d.note ?? '',
      ]),
    ),
    '',
    `## Change requests approved (${r.changeRequestsApproved.length})`,
    '',
    ...table(
      ['Change request', 'Approved', 'Contract version', 'Cost impact', 'Schedule impact', 'Quality impact'],
      r.changeRequestsApproved.map((c) => [
        c.title,
        c.approvedAt,
        c.contractVersion === null ? '—' : String(c.contractVersion),
        amount(c.impact.costMinor, e.currency),
        `${c.impact.scheduleDays > 0 ? '+' : ''}${c.impact.scheduleDays} day(s)`,
        c.impact.quality ?? '—',
      ]),
    ),
    '',
  ];
  return lines.join('\n');
}
