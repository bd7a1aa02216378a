import type { PageRequest } from '../core/engagement-ports.ts';
import { decodeCursor, encodeCursor } from './schemas.ts';

/**
 * Keyset pages over id-ordered lists: ask the service for one item more than the page holds; if it
 * comes back, there is a next page, starting after the page's last id.
 */
export function pageRequest(query: { limit: number; cursor?: string | undefined }): PageRequest {
  return { afterId: decodeCursor(query.cursor), limit: query.limit + 1 };
}

export function toPage<T extends { id: string }>(
  items: readonly T[],
  limit: number,
): { items: T[]; nextCursor: string | null } {
  const page = items.slice(0, limit);
  const last = page.at(-1);
  return { items: page, nextCursor: items.length > limit && last ? encodeCursor(last.id) : null };
}
