import { gt, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { PageRequest } from '../core/engagement-ports.ts';

/** Row ↔ domain helpers the engagement repositories share. */

export const iso = (d: Date): string => d.toISOString();
export const isoOrNull = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** The keyset condition of a page: ids after the cursor (ids sort by creation). */
export const after = (column: PgColumn, page: PageRequest | undefined): SQL | undefined =>
  page?.afterId ? gt(column, page.afterId) : undefined;

/** The one row an insert or update … returning gave back; a missing row is a bug, not a user error. */
export function one<T>(rows: T[], what: string): T {
  const [row] = rows;
  if (!row) throw new Error(`${what}: no row returned`);
  return row;
}
