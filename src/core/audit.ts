/**
 * The audit chain's arithmetic: canonical JSON (keys sorted at every depth) and the row hash
 * `sha256(prevHash | canonical(row))`, computed the same way at append and at verify.
 */
export interface AuditFields {
  readonly id: string;
  readonly at: string;
  readonly actorKeyId: string;
  readonly actorRole: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly action: string;
  readonly before: unknown;
  readonly after: unknown;
}

export const GENESIS_HASH = '0'.repeat(64);

export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The text a row's hash is taken over; `sha256` is injected to keep the core free of I/O modules. */
export function auditHashInput(prevHash: string, row: AuditFields): string {
  return `${prevHash}|${canonicalJson(row)}`;
}
