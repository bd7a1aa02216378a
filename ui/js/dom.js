import { percentOf, words } from './format.js';

/**
 * Building the page from API data without innerHTML: every text goes in as a text node, so a
 * title from a tracker can never become markup.
 */

/** @typedef {Node | string | number | null | undefined | false} Child */
/** @typedef {Record<string, string | number | boolean | null | undefined>} Attrs */

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attrs} [attrs] attributes; false, null and undefined leave one out, true sets it empty
 * @param {...(Child | Child[])} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'number' ? String(child) : child);
  }
  return el;
}

/**
 * A link inside the app (hash route).
 * @param {string} route e.g. `/engagements/eng_1`
 * @param {Child} text
 */
export const link = (route, text) => h('a', { href: `#${route}` }, text);

/**
 * A link to a tracker, only for http(s) addresses.
 * @param {string} url
 * @param {Child} text
 */
export function externalLink(url, text) {
  if (!/^https?:\/\//i.test(url)) return h('span', {}, text);
  return h('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, text);
}

/**
 * @typedef {object} Column
 * @property {string} label
 * @property {boolean} [numeric] right-aligned, tabular figures
 */

/**
 * A data table with its caption and column headers, in a region that scrolls sideways on narrow
 * screens (see `scrollersFocusable`). The first cell of each row is its header.
 * `stack` tables turn into one card per row on a phone (app.css); the explicit roles keep them
 * tables for assistive technology, which some browsers forget once CSS changes a table's display.
 * @param {{ caption: string, columns: Column[], rows: Child[][], foot?: Child[][], id?: string, stack?: boolean }} spec
 */
export function table(spec) {
  const cells = (/** @type {Child[]} */ row) =>
    h(
      'tr',
      { role: 'row' },
      row.map((cell, i) => {
        const numeric = spec.columns[i]?.numeric ? 'num' : null;
        return i === 0
          ? h('th', { scope: 'row', role: 'rowheader', class: numeric }, cell)
          : h('td', { role: 'cell', class: numeric, 'data-label': spec.columns[i]?.label }, cell);
      }),
    );
  const el = h(
    'table',
    { id: spec.id, role: 'table', class: spec.stack ? 'stack' : null },
    h('caption', {}, spec.caption),
    h(
      'thead',
      { role: 'rowgroup' },
      h(
        'tr',
        { role: 'row' },
        spec.columns.map((c) =>
          h('th', { scope: 'col', role: 'columnheader', class: c.numeric ? 'num' : null }, c.label),
        ),
      ),
    ),
    h(
      'tbody',
      { role: 'rowgroup' },
      spec.rows.map((row) => cells(row)),
    ),
    spec.foot
      ? h(
          'tfoot',
          { role: 'rowgroup' },
          spec.foot.map((row) => cells(row)),
        )
      : null,
  );
  return h('div', { class: 'scroll', role: 'region', 'aria-label': spec.caption }, el);
}

/**
 * Table regions that overflow become tab stops, so the keyboard can scroll them; the others stay out
 * of the tab order.
 * @param {ParentNode} root
 */
export function scrollersFocusable(root) {
  for (const el of root.querySelectorAll('.scroll')) {
    if (el.scrollWidth > el.clientWidth) el.setAttribute('tabindex', '0');
    else el.removeAttribute('tabindex');
  }
}

/**
 * @param {number} n
 * @param {string} word
 */
export const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * A labelled progress bar (native <progress>: role and values come with it) and its figure.
 * @param {number | null} ratio
 * @param {string} label what progresses, for assistive technology
 */
export function progressBar(ratio, label) {
  if (ratio === null) return h('span', { class: 'muted' }, 'no tasks');
  const pct = percentOf(ratio);
  return h(
    'span',
    { class: 'progress' },
    h('progress', { max: 100, value: pct, 'aria-label': label }),
    h('span', { class: 'pct' }, `${pct} %`),
  );
}

/** @param {string} status an API status */
export const badge = (status) => h('span', { class: `badge s-${status}` }, words(status));

const BUCKETS = /** @type {const} */ (['on_track', 'at_risk', 'late', 'accepted', 'not_computed']);

/**
 * Deliverables by schedule status as one stacked bar with the counts written under it.
 * @param {import('./types.js').BySchedule} counts
 */
export function scheduleBar(counts) {
  const present = BUCKETS.filter((b) => (counts[b] ?? 0) > 0);
  const text = present.map((b) => `${counts[b]} ${words(b).toLowerCase()}`).join(' · ') || 'none';
  const bar = h('span', { class: 'bar', 'aria-hidden': 'true' });
  for (const b of present) {
    const seg = h('span', { class: `seg s-${b}` });
    seg.style.flexGrow = String(counts[b]); // CSSOM, allowed by style-src 'self' (attributes are not)
    bar.append(seg);
  }
  return h('span', { class: 'schedule' }, bar, h('span', { class: 'counts' }, text));
}

/**
 * Amounts of several currencies, one per line.
 * @param {[string, string][]} lines [currency, formatted]
 */
export function moneyLines(lines) {
  if (lines.length === 0) return h('span', { class: 'muted' }, '—');
  return h(
    'span',
    { class: 'money' },
    lines.map(([currency, text]) => h('span', { 'data-currency': currency }, text)),
  );
}

/** @param {string} heading @param {...(Child | Child[])} children */
export const section = (heading, ...children) => h('section', {}, h('h2', {}, heading), ...children);
