import { getJson } from '../api.js';
import { badge, externalLink, h, link, plural, progressBar, scheduleBar, section, table } from '../dom.js';
import { formatDate, words } from '../format.js';
import { changeRequestsTable, journalList, milestonesTable } from './engagement-money.js';

/** @typedef {import('../types.js').EngagementDashboard} EngagementDashboard */
/** @typedef {import('../types.js').DeliverableDashboard} DeliverableDashboard */
/** @typedef {import('../types.js').TaskGroup} TaskGroup */

/** @param {string | null | undefined} date */
const day = (date) =>
  date ? h('time', { datetime: date }, formatDate(date)) : h('span', { class: 'muted' }, '—');

/** @param {DeliverableDashboard} d */
function deliverableRow(d) {
  const f = d.figures;
  const reasons = f?.reasons ?? [];
  return [
    d.title,
    f ? progressBar(f.progress, `Progress of ${d.title}`) : h('span', { class: 'muted' }, 'not computed yet'),
    day(d.dueDate),
    day(f?.forecastDate),
    badge(f?.scheduleStatus ?? 'not_computed'),
    reasons.length > 0
      ? h(
          'ul',
          { class: 'reasons' },
          reasons.map((r) => h('li', {}, r)),
        )
      : '',
    badge(d.status),
  ];
}

/**
 * One deliverable's tasks, a table per tracker, each task linking to its tracker.
 * @param {DeliverableDashboard} d
 */
function taskTables(d) {
  /** @type {Map<string, TaskGroup[]>} */
  const byTracker = new Map();
  for (const g of d.tasks.groups) byTracker.set(g.tracker, [...(byTracker.get(g.tracker) ?? []), g]);
  const summary = `${d.title}: ${plural(d.tasks.total, 'task')}`;
  return h(
    'details',
    { class: 'tasks' },
    h('summary', {}, summary),
    d.tasks.total === 0 ? h('p', { class: 'muted' }, 'No task selected yet.') : null,
    [...byTracker].map(([tracker, groups]) =>
      table({
        caption: `${words(tracker)} tasks of ${d.title}`,
        columns: [{ label: 'Task' }, { label: 'Title' }, { label: 'Status' }, { label: 'Flags' }],
        rows: groups.flatMap((g) =>
          g.items.map((t) => [
            externalLink(t.url, t.key ?? t.title),
            t.title,
            `${t.status} (${words(g.statusCategory).toLowerCase()})`,
            [t.blocked ? 'blocked' : '', t.cancelled ? 'cancelled' : ''].filter(Boolean).join(', '),
          ]),
        ),
      }),
    ),
    d.tasks.shown < d.tasks.total
      ? h('p', { class: 'note' }, `${d.tasks.shown} of ${d.tasks.total} tasks listed.`)
      : null,
  );
}

/**
 * @param {EngagementDashboard} dash
 * @param {string} providerName
 */
function header(dash, providerName) {
  const e = dash.engagement;
  return [
    h(
      'p',
      { class: 'crumbs' },
      link('/portfolio', 'Portfolio'),
      ' › ',
      link(`/providers/${encodeURIComponent(e.providerId)}`, providerName),
      ' › ',
      e.title,
    ),
    h('h1', { tabindex: -1 }, e.title),
    h(
      'dl',
      { class: 'facts' },
      h('div', {}, h('dt', {}, 'Status'), h('dd', {}, badge(e.status))),
      h('div', {}, h('dt', {}, 'Period'), h('dd', {}, day(e.startDate), ' – ', day(e.endDate))),
      h('div', {}, h('dt', {}, 'Contract version'), h('dd', {}, String(e.contractVersion))),
      h('div', {}, h('dt', {}, 'Today'), h('dd', {}, day(dash.today), ` (${e.timeZone})`)),
      h(
        'div',
        {},
        h('dt', {}, 'Progress'),
        h('dd', {}, progressBar(dash.summary.progress, `Progress of ${e.title}`)),
      ),
      h('div', {}, h('dt', {}, 'Deliverables'), h('dd', {}, scheduleBar(dash.summary.bySchedule))),
    ),
  ];
}

/** @param {string} engagementId */
export async function renderEngagement(engagementId) {
  /** @type {EngagementDashboard} */
  const dash = await getJson(`/v1/engagements/${encodeURIComponent(engagementId)}/dashboard`);
  /** @type {import('../types.js').Provider} */
  const provider = await getJson(`/v1/providers/${encodeURIComponent(dash.engagement.providerId)}`);
  const node = h(
    'div',
    {},
    header(dash, provider.name),
    section(
      'Deliverables',
      table({
        id: 'deliverables',
        stack: true,
        caption: 'Deliverables: progress, due date against forecast, schedule',
        columns: [
          { label: 'Deliverable' },
          { label: 'Progress' },
          { label: 'Due' },
          { label: 'Forecast' },
          { label: 'Schedule' },
          { label: 'Reasons' },
          { label: 'Status' },
        ],
        rows: dash.deliverables.map(deliverableRow),
      }),
    ),
    section('Tasks by tracker', dash.deliverables.map(taskTables)),
    section('Payment milestones', milestonesTable(dash.milestones)),
    section('Open change requests', changeRequestsTable(dash.changeRequests, dash.engagement.currency)),
    section('Recent journal', journalList(dash.journal)),
  );
  return { title: dash.engagement.title, node };
}
