import type { Db } from './db.ts';
import { installation } from './installation.schema.ts';

/** The id migration 0022 made with this database (12 hex digits). */
export async function readInstallationId(db: Db): Promise<string> {
  const [row] = await db.select({ id: installation.id }).from(installation).limit(1);
  if (!row) throw new Error('the jalon_installation row is missing (migration 0022)');
  return row.id;
}
