import { getAll, MAX_PAGES } from '../api.js';
import { h, link, moneyLines, scheduleBar, table } from '../dom.js';
import { formatMoney } from '../format.js';

/** @typedef {import('../types.js').ProviderPortfolio} ProviderPortfolio */

/** @typedef {{ items: ProviderPortfolio[], complete: boolean }} Rows */

/** @type {{ at: number, rows: Promise<Rows> } | null} */
let cached = null;

/**
 * The portfolio, fetched at most every 30 s while moving between pages that show parts of it.
 * @param {boolean} [fresh] refetch whatever the cache holds
 */
export function portfolio(fresh = false) {
  if (fresh || !cached || Date.now() - cached.at > 30_000) {
    /** @type {Promise<Rows>} */
    const rows = getAll('/v1/dashboard/providers');
    rows.catch(() => {
      if (cached?.rows === rows) cached = null;
    });
    cached = { at: Date.now(), rows };
  }
  return cached.rows;
}

/**
 * @param {ProviderPortfolio['money']} money
 * @param {'unlockedMinor' | 'paidMinor'} field
 */
const amounts = (money, field) =>
  moneyLines(money.filter((m) => m[field] !== 0).map((m) => [m.currency, formatMoney(m[field], m.currency)]));

/** @param {ProviderPortfolio} p */
function row(p) {
  return [
    link(`/providers/${encodeURIComponent(p.providerId)}`, p.name),
    p.activeEngagements,
    scheduleBar(p.deliverables.bySchedule),
    p.overdue.count > 0 ? h('strong', { class: 'alert' }, String(p.overdue.count)) : '0',
    p.awaitingReview,
    amounts(p.money, 'unlockedMinor'),
    amounts(p.money, 'paidMinor'),
  ];
}

export async function renderPortfolio() {
  const { items, complete } = await portfolio(true);
  const node = h(
    'div',
    {},
    h('h1', { tabindex: -1 }, 'Portfolio'),
    h(
      'p',
      { class: 'lead' },
      'Every provider: its active engagements, their deliverables by schedule status, and the money their milestones have unlocked and been paid.',
    ),
    items.length === 0
      ? h('p', {}, 'No provider yet.')
      : table({
          id: 'portfolio',
          stack: true,
          caption: 'Providers',
          columns: [
            { label: 'Provider' },
            { label: 'Active engagements', numeric: true },
            { label: 'Deliverables by schedule' },
            { label: 'Overdue', numeric: true },
            { label: 'Awaiting review', numeric: true },
            { label: 'Unlocked', numeric: true },
            { label: 'Paid', numeric: true },
          ],
          rows: items.map(row),
        }),
    complete
      ? null
      : h(
          'p',
          { class: 'note' },
          `Only the first ${MAX_PAGES * 500} providers are shown; the API lists them all.`,
        ),
  );
  return { title: 'Portfolio', node };
}
