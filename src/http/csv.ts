/** RFC 4180 CSV for spreadsheets: CRLF line ends, a header line, every field quoted. */

export type CsvValue = string | number | boolean | null | undefined;

/** What makes a spreadsheet read a cell as a formula (OWASP "CSV Injection"). */
const TRIGGER = '[=+\\-@\\t\\r]';
/**
 * A separator a spreadsheet may split on (`,`; `;` in locales with a decimal comma; tab; `|`) or a
 * quote, then a trigger: the text after it would begin a cell of its own if the file were read with
 * another separator or quoting than it was written with (`Go-live;=cmd|' /C calc'!A0`).
 */
const SPLIT_THEN_TRIGGER = new RegExp(`([,;\\t|"'])(\\s*)(?=${TRIGGER})`, 'g');

/**
 * OWASP's advice on CSV injection, for every text cell whatever the separator: a `'` before a
 * trigger that starts the cell or follows a separator or quote, every field in double quotes,
 * embedded quotes doubled. Numbers and booleans are Jalon's own and written as they are (quoted).
 * https://owasp.org/www-community/attacks/CSV_Injection
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '""';
  let text = String(value);
  if (typeof value === 'string') {
    text = text.replace(SPLIT_THEN_TRIGGER, "$1$2'");
    if (new RegExp(`^${TRIGGER}`).test(text)) text = `'${text}`;
  }
  return `"${text.replaceAll('"', '""')}"`;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** True when the Accept header asks for CSV before (or instead of) JSON. */
export function wantsCsv(accept: string | undefined): boolean {
  const types = (accept ?? '')
    .split(',')
    .map((part) => part.split(';')[0]?.trim().toLowerCase() ?? '')
    .filter((t) => t === 'text/csv' || t === 'application/json');
  return types[0] === 'text/csv';
}
