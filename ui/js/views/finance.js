import { getAll, getCsv, getJson, MAX_PAGES } from '../api.js';
import { h, link, table } from '../dom.js';
import { formatInstant } from '../format.js';
import { MONEY_COLUMNS, moneyCells, totalRows } from './engagement-money.js';

/** @typedef {import('../types.js').PaymentMilestone} PaymentMilestone */

const UNLOCKED = '/v1/payment-milestones?status=unlocked';

/**
 * Titles of the engagements named, six requests at a time.
 * @param {string[]} ids
 */
async function engagementTitles(ids) {
  /** @type {Map<string, string>} */
  const titles = new Map();
  const queue = [...new Set(ids)];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      /** @type {import('../types.js').Engagement} */
      const e = await getJson(`/v1/engagements/${encodeURIComponent(id)}`);
      titles.set(id, e.title);
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  return titles;
}

/** Saves the API's own CSV of the unlocked milestones. @param {HTMLButtonElement} button */
async function download(button) {
  const status = /** @type {HTMLElement} */ (document.getElementById('csv-status'));
  button.disabled = true;
  status.textContent = 'Preparing the CSV…';
  try {
    const csv = await getCsv(UNLOCKED);
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const a = h('a', {
      href: url,
      download: `payment-milestones-unlocked-${new Date().toISOString().slice(0, 10)}.csv`,
    });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    status.textContent = 'CSV downloaded.';
  } catch (err) {
    status.textContent = `The CSV could not be made: ${err instanceof Error ? err.message : String(err)}`;
  } finally {
    button.disabled = false;
  }
}

export async function renderFinance() {
  const [milestones, providers] = await Promise.all([
    getAll(UNLOCKED).then((r) => /** @type {{ items: PaymentMilestone[], complete: boolean }} */ (r)),
    getAll('/v1/providers').then((r) => /** @type {import('../types.js').Provider[]} */ (r.items)),
  ]);
  const items = milestones.items;
  const titles = await engagementTitles(items.map((m) => m.engagementId));
  const names = new Map(providers.map((p) => [p.id, p.name]));
  const button = h('button', { type: 'button', id: 'csv' }, 'Download CSV');
  button.addEventListener('click', () => download(button));
  const node = h(
    'div',
    {},
    h('h1', { tabindex: -1 }, 'Finance'),
    h(
      'p',
      { class: 'lead' },
      'Payment milestones unlocked and not yet invoiced: what may be invoiced now, net of penalties and retention.',
    ),
    h('p', { class: 'actions' }, button, ' ', h('span', { id: 'csv-status', role: 'status' })),
    items.length === 0
      ? h('p', {}, 'No unlocked milestone.')
      : table({
          id: 'unlocked',
          stack: true,
          caption: 'Unlocked payment milestones',
          columns: [
            { label: 'Milestone' },
            { label: 'Engagement' },
            { label: 'Provider' },
            ...MONEY_COLUMNS,
            { label: 'Days late', numeric: true },
            { label: 'Days charged', numeric: true },
            { label: 'Unlocked' },
          ],
          rows: items.map((m) => [
            m.label,
            link(
              `/engagements/${encodeURIComponent(m.engagementId)}`,
              titles.get(m.engagementId) ?? m.engagementId,
            ),
            link(`/providers/${encodeURIComponent(m.providerId)}`, names.get(m.providerId) ?? m.providerId),
            ...moneyCells(m),
            m.daysLateRaw ?? m.daysLate ?? '—',
            m.daysCharged ?? '—',
            m.unlockedAt ? h('time', { datetime: m.unlockedAt }, formatInstant(m.unlockedAt)) : '—',
          ]),
          foot: totalRows(items, 2),
        }),
    milestones.complete
      ? null
      : h(
          'p',
          { class: 'note' },
          `Only the first ${MAX_PAGES * 500} milestones are shown; the API lists them all.`,
        ),
  );
  return { title: 'Finance', node };
}
