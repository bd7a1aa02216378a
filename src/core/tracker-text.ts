import type { Task } from './task.ts';

/**
 * Text from a tracker as Jalon stores it. Trackers accept nearly anything in a title or a label,
 * and PostgreSQL stores no U+0000 in text or jsonb (nor a lone surrogate in jsonb): one such
 * character failed every write of the sync page that held it, on every retry. Every adapter's
 * mapper hands its Task through `normaliseTaskText`, so the three trackers' text is cleaned alike.
 * Pure.
 */

/**
 * The longest text Jalon keeps from a tracker, in code points. Jira caps a summary at 255
 * characters and a label at 255; Trello allows 16 384 in a card name and Asana documents no limit.
 * A title is shown in reports, dashboards and push-back comments: 1 000 keeps every real one whole
 * and bounds what a hostile tracker can make Jalon store, index and send on.
 */
export const MAX_TITLE_LENGTH = 1_000;
/** Labels, tags, list and section names, statuses, assignee names, keys: Jira's 255. */
export const MAX_NAME_LENGTH = 255;
/** At most this many labels, and values per selector facet, are kept from one task. */
export const MAX_VALUES = 200;
/** Browsers and proxies commonly stop at 2 048 characters; a tracker link is far shorter. */
export const MAX_URL_LENGTH = 2_048;

// Every C0/C1 control and DEL; tabs and line breaks are handled before (see `trackerText`).
const CONTROLS = /\p{Cc}/gu;

/**
 * Control characters removed; a tab or line break becomes one space unless `multiline` (then tabs
 * and `\n` are kept, `\r\n` becomes `\n`); lone surrogates become U+FFFD; at most `max` code points.
 * No task field is multi-line (Jalon stores no descriptions or comments), so the mappers keep the
 * default.
 */
export function trackerText(value: string, max: number, opts: { multiline?: boolean } = {}): string {
  const spaced = opts.multiline
    ? value.replace(/\r\n?/g, '\n')
    : value.replace(/\r\n|[\t\n\r\v\f\u2028\u2029]/g, ' ');
  const kept = opts.multiline ? /[\t\n]/ : null;
  const clean = spaced.toWellFormed().replace(CONTROLS, (c) => (kept?.test(c) ? c : ''));
  const points = [...clean];
  return points.length > max ? points.slice(0, max).join('') : clean;
}

const name = (s: string) => trackerText(s, MAX_NAME_LENGTH);
const names = (list: readonly string[]) => list.slice(0, MAX_VALUES).map(name);

/**
 * The task with every text field cleaned and capped. Identifiers (external ids, parent and scope
 * ids) are kept as they are: changing them would make a task unfindable at its tracker; a bad one
 * is caught when the row is written (see the sync's row-by-row fallback).
 */
export function normaliseTaskText(task: Task): Task {
  return {
    ...task,
    key: task.key === null ? null : name(task.key),
    url: trackerText(task.url, MAX_URL_LENGTH),
    title: trackerText(task.title, MAX_TITLE_LENGTH),
    status: name(task.status),
    assignee: task.assignee === null ? null : name(task.assignee),
    labels: names(task.labels),
    facets: Object.fromEntries(Object.entries(task.facets).map(([facet, values]) => [facet, names(values)])),
  };
}
