/**
 * Formatting for people: money from integer minor units, dates, percentages. Pure (Intl only), so
 * the browser tests compute the expected text with the same functions in Node.
 */

/** @type {Map<string, Intl.NumberFormat>} */
const moneyFormats = new Map();

/**
 * @param {string} currency ISO 4217
 * @param {string | undefined} locale
 */
function moneyFormat(currency, locale) {
  const key = `${locale ?? ''}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    moneyFormats.set(key, format);
  }
  return format;
}

/**
 * The currency's minor-unit digits as Intl knows them (EUR 2, JPY 0, KWD 3).
 * @param {string} currency
 */
export function minorDigits(currency) {
  return moneyFormat(currency, 'en').resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * An exact decimal string of `minor` minor units: no float division, so 2^53 − 1 cents stay exact.
 * @param {number} minor an integer
 * @param {number} digits
 */
export function decimalOf(minor, digits) {
  const sign = minor < 0 ? '-' : '';
  const units = String(Math.abs(Math.trunc(minor))).padStart(digits + 1, '0');
  if (digits === 0) return `${sign}${units}`;
  return `${sign}${units.slice(0, -digits)}.${units.slice(-digits)}`;
}

/**
 * @param {number} minor integer minor units
 * @param {string} currency ISO 4217
 * @param {string} [locale] default: the browser's
 */
export function formatMoney(minor, currency, locale) {
  const decimal = /** @type {Intl.StringNumericLiteral} */ (decimalOf(minor, minorDigits(currency)));
  return moneyFormat(currency, locale).format(decimal);
}

/**
 * Sums per currency, in the order currencies first appear.
 * @template T
 * @param {readonly T[]} items
 * @param {(item: T) => string} currencyOf
 * @param {(item: T) => number} amountOf
 * @returns {Map<string, number>}
 */
export function totalsByCurrency(items, currencyOf, amountOf) {
  /** @type {Map<string, number>} */
  const totals = new Map();
  for (const item of items) {
    const currency = currencyOf(item);
    totals.set(currency, (totals.get(currency) ?? 0) + amountOf(item));
  }
  return totals;
}

/**
 * Whole percent, rounded down: 99.6 % of the work done is not shown as 100 %. The rule of
 * src/core/percent.ts `wholePercent` (the status report's), in plain JavaScript for the browser;
 * test/unit/percent.test.ts holds the two equal.
 * @param {number} ratio in [0, 1]
 */
export function percentOf(ratio) {
  return Math.floor(Math.min(1, Math.max(0, ratio)) * 100 + 1e-9);
}

/**
 * A civil date (YYYY-MM-DD) for people, without shifting it through a time zone.
 * @param {string} date
 * @param {string} [locale]
 */
export function formatDate(date, locale) {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/**
 * An instant for people, in the browser's time zone.
 * @param {string} instant ISO 8601
 * @param {string} [locale]
 */
export function formatInstant(instant, locale) {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return instant;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

/** @type {Record<string, string>} */
const WORDS = {
  on_track: 'On track',
  at_risk: 'At risk',
  late: 'Late',
  accepted: 'Accepted',
  not_computed: 'Not computed yet',
  in_progress: 'In progress',
  ready_for_review: 'Ready for review',
  status_meeting: 'Status meeting',
  status_report: 'Status report',
  todo: 'To do',
  jira: 'Jira',
  trello: 'Trello',
  asana: 'Asana',
};

/**
 * An API enum value in words: `ready_for_review` → "Ready for review".
 * @param {string} value
 */
export function words(value) {
  return WORDS[value] ?? value.charAt(0).toUpperCase() + value.slice(1).replaceAll('_', ' ');
}
