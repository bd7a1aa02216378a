import { createHmac } from 'node:crypto';

/**
 * Outgoing events are signed as Standard Webhooks specifies (https://www.standardwebhooks.com/,
 * docs/EVENTS.md), so a subscriber verifies them with the official `standardwebhooks` libraries
 * or Svix's: `webhook-signature: v1,<base64 HMAC-SHA256>` over `<webhook-id>.<webhook-timestamp>.<raw body>`.
 */
export const SECRET_PREFIX = 'whsec_';

/** Strict standard base64 (the spec's alphabet, padded): what follows `whsec_`. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The key bytes of a `whsec_<base64>` secret, or null when it is not one. */
export function decodeWhsec(secret: string): Buffer | null {
  if (!secret.startsWith(SECRET_PREFIX)) return null;
  const b64 = secret.slice(SECRET_PREFIX.length);
  if (b64.length === 0 || !BASE64.test(b64)) return null;
  return Buffer.from(b64, 'base64');
}

/**
 * The HMAC key of a stored secret. A `whsec_` secret is its base64-decoded bytes (the spec); any
 * other secret (subscriptions made before Standard Webhooks) is its UTF-8 bytes, which is what
 * the standard libraries use for the secret `whsec_` + base64(secret): those subscribers keep
 * their secret and verify with either form.
 */
export function signingKey(secret: string): Buffer {
  return decodeWhsec(secret) ?? Buffer.from(secret, 'utf8');
}

/**
 * The `webhook-signature` header: one `v1,<base64>` per key, space-separated, so a receiver that
 * holds any one of them (the old or the new secret while rotating) accepts the request.
 */
export function signWebhook(
  secrets: readonly string[],
  id: string,
  timestamp: number,
  rawBody: string,
): string {
  return secrets
    .map(
      (s) =>
        `v1,${createHmac('sha256', signingKey(s)).update(`${id}.${timestamp}.${rawBody}`, 'utf8').digest('base64')}`,
    )
    .join(' ');
}

/**
 * The signature Jalon sent before Standard Webhooks (`Jalon-Signature: t=<ts>,v1=<hex>` over
 * `<ts>.<raw body>`, keyed by the secret's UTF-8 bytes). Still sent to subscriptions whose secret
 * is not a `whsec_` one, so receivers written against it keep working while they move over.
 */
export function legacySignature(secret: string, timestamp: number, rawBody: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${mac}`;
}
