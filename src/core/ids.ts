/**
 * Entity ids: `<prefix>_<26 chars>`. The first 12 hex digits are the creation time in ms, so ids
 * sort by creation, which keyset pagination relies on; the rest is random.
 */
export function newId(prefix: string, now: number = Date.now()): string {
  const time = now.toString(16).padStart(12, '0');
  const random = crypto.getRandomValues(new Uint8Array(7));
  const tail = Array.from(random, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${prefix}_${time}${tail}`;
}
