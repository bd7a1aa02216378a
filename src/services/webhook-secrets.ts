/**
 * Webhook secret rotation: the newest secret first; the one it replaced stays accepted for
 * ROTATION_GRACE_MS so deliveries signed just before the rotation (and the tracker's retries of
 * them) still verify. Older secrets are dropped.
 */
export interface SecretEntry {
  readonly secret: string;
  readonly addedAt: string;
  /** Asana: one secret per webhook (per linked project), all valid while their webhooks live. */
  readonly perWebhook?: boolean;
}

/** Largest number of per-webhook secrets kept for one connection. */
export const MAX_WEBHOOK_SECRETS = 50;

/** Adds an Asana handshake secret beside the others (each webhook signs with its own). */
export function accumulate(entries: readonly SecretEntry[], secret: string, now: Date): SecretEntry[] {
  const others = entries.filter((e) => e.secret !== secret);
  return [{ secret, addedAt: now.toISOString(), perWebhook: true }, ...others].slice(0, MAX_WEBHOOK_SECRETS);
}

export const ROTATION_GRACE_MS = 72 * 3600 * 1000;

export function rotate(entries: readonly SecretEntry[], secret: string, now: Date): SecretEntry[] {
  const previous = entries[0];
  const next: SecretEntry = { secret, addedAt: now.toISOString() };
  return previous && previous.secret !== secret ? [next, previous] : [next];
}

export function currentSecrets(entries: readonly SecretEntry[], now: Date): string[] {
  if (entries.some((e) => e.perWebhook)) return entries.map((e) => e.secret);
  const [current, previous] = entries;
  if (!current) return [];
  const inGrace = now.getTime() - Date.parse(current.addedAt) < ROTATION_GRACE_MS;
  return previous && inGrace ? [current.secret, previous.secret] : [current.secret];
}
