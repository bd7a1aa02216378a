/** RFC 4180 CSV for spreadsheets: CRLF line ends, a header line, quoting only where needed. */

export type CsvValue = string | number | boolean | null | undefined;

/**
 * A text cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at the start) is
 * prefixed with `'` (OWASP's advice on CSV injection). Numbers are written as they are.
 */
function cell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(cell).join(','));
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
