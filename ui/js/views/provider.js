import { getAll, getJson } from '../api.js';
import { badge, h, link, plural, scheduleBar, table } from '../dom.js';
import { formatDate, formatMoney } from '../format.js';
import { portfolio } from './portfolio.js';

/** @typedef {import('../types.js').DueDeliverable} DueDeliverable */

/**
 * @param {string} caption
 * @param {DueDeliverable[]} items
 * @param {Map<string, string>} titles engagement titles by id
 */
function dueTable(caption, items, titles) {
  if (items.length === 0) return h('p', { class: 'muted' }, `${caption}: none.`);
  return table({
    caption,
    columns: [{ label: 'Deliverable' }, { label: 'Engagement' }, { label: 'Due' }, { label: 'Schedule' }],
    rows: items.map((d) => [
      d.title,
      link(
        `/engagements/${encodeURIComponent(d.engagementId)}`,
        titles.get(d.engagementId) ?? d.engagementId,
      ),
      h('time', { datetime: d.dueDate }, formatDate(d.dueDate)),
      badge(d.scheduleStatus ?? 'not_computed'),
    ]),
  });
}

/** @param {string} providerId */
export async function renderProvider(providerId) {
  const id = encodeURIComponent(providerId);
  const [provider, engagements, rows] = await Promise.all([
    getJson(`/v1/providers/${id}`).then((p) => /** @type {import('../types.js').Provider} */ (p)),
    getAll(`/v1/engagements?providerId=${id}`).then(
      (r) => /** @type {import('../types.js').Engagement[]} */ (r.items),
    ),
    portfolio(),
  ]);
  const figures = rows.items.find((p) => p.providerId === providerId);
  const titles = new Map(engagements.map((e) => [e.id, e.title]));
  const node = h(
    'div',
    {},
    h('p', { class: 'crumbs' }, link('/portfolio', 'Portfolio'), ' › ', provider.name),
    h('h1', { tabindex: -1 }, provider.name),
    figures
      ? h(
          'p',
          { class: 'lead' },
          `${plural(figures.activeEngagements, 'active engagement')}, ${plural(figures.deliverables.total, 'deliverable')}: `,
          scheduleBar(figures.deliverables.bySchedule),
        )
      : null,
    table({
      id: 'engagements',
      stack: true,
      caption: 'Engagements',
      columns: [
        { label: 'Engagement' },
        { label: 'Status' },
        { label: 'Contract value', numeric: true },
        { label: 'Start' },
        { label: 'End' },
      ],
      rows: engagements.map((e) => [
        link(`/engagements/${encodeURIComponent(e.id)}`, e.title),
        badge(e.status),
        formatMoney(e.contractValueMinor, e.currency),
        h('time', { datetime: e.startDate }, formatDate(e.startDate)),
        h('time', { datetime: e.endDate }, formatDate(e.endDate)),
      ]),
    }),
    figures ? dueTable('Overdue deliverables', figures.overdue.items, titles) : null,
    figures ? dueTable('Next due', figures.nextDue, titles) : null,
  );
  return { title: provider.name, node };
}
