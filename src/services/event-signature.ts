import { createHmac } from 'node:crypto';

/**
 * The signature of an outgoing event (docs/EVENTS.md): HMAC-SHA256, keyed by the subscription's
 * secret, over `<timestamp>.<raw body>`, hex-encoded, sent as `Jalon-Signature: t=<timestamp>,v1=<hex>`.
 * The timestamp (unix seconds) is signed with the body so a captured request cannot be replayed
 * later with a fresh timestamp; receivers reject timestamps too far from their clock.
 */
export function signEvent(secret: string, timestamp: number, rawBody: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${mac}`;
}
