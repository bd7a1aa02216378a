/**
 * Webhook secret rotation: the newest secret first; the one it replaced stays accepted for
 * ROTATION_GRACE_MS so deliveries signed just before the rotation (and the tracker's retries of
 * them) still verify. Older secrets are dropped.
 */
export interface SecretEntry {
  readonly secret: string;
  readonly addedAt: string;
}

export const ROTATION_GRACE_MS = 72 * 3600 * 1000;

export function rotate(entries: readonly SecretEntry[], secret: string, now: Date): SecretEntry[] {
  const previous = entries[0];
  const next: SecretEntry = { secret, addedAt: now.toISOString() };
  return previous && previous.secret !== secret ? [next, previous] : [next];
}

export function currentSecrets(entries: readonly SecretEntry[], now: Date): string[] {
  const [current, previous] = entries;
  if (!current) return [];
  const inGrace = now.getTime() - Date.parse(current.addedAt) < ROTATION_GRACE_MS;
  return previous && inGrace ? [current.secret, previous.secret] : [current.secret];
}
