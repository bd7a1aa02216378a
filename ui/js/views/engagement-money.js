import { badge, h, table } from '../dom.js';
import { formatInstant, formatMoney, totalsByCurrency, words } from '../format.js';

/** @typedef {import('../types.js').MilestoneLine} MilestoneLine */

/**
 * @param {number | null} minor
 * @param {string} currency
 */
export const money = (minor, currency) =>
  minor === null ? h('span', { class: 'muted' }, '—') : formatMoney(minor, currency);

/** Gross, bonus, penalty, retention and net, as finance reads them. */
export const MONEY_COLUMNS = [
  { label: 'Gross', numeric: true },
  { label: 'Bonus', numeric: true },
  { label: 'Penalty', numeric: true },
  { label: 'Retention', numeric: true },
  { label: 'Net', numeric: true },
];

/** @param {MilestoneLine} m */
export const moneyCells = (m) => [
  money(m.amountMinor, m.currency),
  money(m.bonusMinor, m.currency),
  money(m.penaltyMinor, m.currency),
  money(m.retentionMinor, m.currency),
  money(m.netMinor, m.currency),
];

/**
 * Total rows, one per currency: gross and net summed (net only over settled milestones).
 * @param {MilestoneLine[]} items
 * @param {number} blanks cells between the label and the amounts
 */
export function totalRows(items, blanks) {
  const gross = totalsByCurrency(
    items,
    (m) => m.currency,
    (m) => m.amountMinor,
  );
  const of = (/** @type {(m: MilestoneLine) => number | null} */ f) =>
    totalsByCurrency(
      items,
      (m) => m.currency,
      (m) => f(m) ?? 0,
    );
  const [bonus, penalty, retention, net] = [
    of((m) => m.bonusMinor),
    of((m) => m.penaltyMinor),
    of((m) => m.retentionMinor),
    of((m) => m.netMinor),
  ];
  return [...gross].map(([currency, amount]) => [
    `Total ${currency}`,
    ...Array.from({ length: blanks }, () => ''),
    formatMoney(amount, currency),
    formatMoney(bonus.get(currency) ?? 0, currency),
    formatMoney(penalty.get(currency) ?? 0, currency),
    formatMoney(retention.get(currency) ?? 0, currency),
    formatMoney(net.get(currency) ?? 0, currency),
  ]);
}

/** @param {MilestoneLine[]} milestones */
export function milestonesTable(milestones) {
  if (milestones.length === 0) return h('p', { class: 'muted' }, 'No payment milestone.');
  return table({
    id: 'milestones',
    stack: true,
    caption: 'Payment milestones: gross, penalty, retention and net',
    columns: [
      { label: 'Milestone' },
      { label: 'Status' },
      ...MONEY_COLUMNS,
      { label: 'Days late', numeric: true },
      { label: 'Days charged', numeric: true },
      { label: 'Unlocked' },
    ],
    rows: milestones.map((m) => [
      m.label,
      badge(m.status),
      ...moneyCells(m),
      m.daysLateRaw ?? m.daysLate ?? '—',
      m.daysCharged ?? '—',
      m.unlockedAt ? h('time', { datetime: m.unlockedAt }, formatInstant(m.unlockedAt)) : '—',
    ]),
  });
}

/**
 * @param {import('../types.js').OpenChangeRequest[]} requests
 * @param {string} currency
 */
export function changeRequestsTable(requests, currency) {
  if (requests.length === 0) return h('p', { class: 'muted' }, 'No open change request.');
  return table({
    id: 'change-requests',
    stack: true,
    caption: 'Open change requests (draft or submitted)',
    columns: [
      { label: 'Change request' },
      { label: 'Status' },
      { label: 'Cost impact', numeric: true },
      { label: 'Schedule impact', numeric: true },
      { label: 'Submitted' },
    ],
    rows: requests.map((c) => [
      c.title,
      badge(c.status),
      formatMoney(c.costMinor, currency),
      `${c.scheduleDays} days`,
      c.submittedAt ? h('time', { datetime: c.submittedAt }, formatInstant(c.submittedAt)) : '—',
    ]),
  });
}

/** @param {import('../types.js').JournalLine[]} entries most recent first */
export function journalList(entries) {
  if (entries.length === 0) return h('p', { class: 'muted' }, 'No journal entry yet.');
  return h(
    'ol',
    { class: 'journal', id: 'journal' },
    entries.map((j) =>
      h(
        'li',
        {},
        h(
          'p',
          { class: 'when' },
          h('time', { datetime: j.occurredAt }, formatInstant(j.occurredAt)),
          ' · ',
          h('strong', {}, words(j.kind)),
          j.participants.length > 0 ? ` · ${j.participants.join(', ')}` : '',
        ),
        h('p', {}, j.summary),
      ),
    ),
  );
}
