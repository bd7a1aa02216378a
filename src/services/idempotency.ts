import { createHash } from 'node:crypto';
import { Conflict } from '../core/errors.ts';
import type { Repos, Store } from '../core/ports.ts';

/**
 * `Idempotency-Key` for writes that create or move money (API.md): the first answer is stored in
 * the same transaction as the change it reports; the same key with the same request replays it
 * (same status, same body); the same key with another request is refused (409
 * `idempotency_key_reused`). A request that fails stores nothing (its transaction rolls back), so
 * retrying it is evaluated afresh.
 */
export interface IdempotencyRequest {
  /** Where the key is valid: the route and the caller's API key id. */
  readonly scope: string;
  readonly key: string;
  /** Fingerprint of the request (method, path, canonical body). */
  readonly requestHash: string;
}

export interface IdempotentResult<T> {
  readonly status: number;
  readonly body: T;
  /** True when this is the stored answer of an earlier request. */
  readonly replayed: boolean;
}

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` fingerprint alike. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${canonical(body ?? null)}`)
    .digest('hex');
}

/**
 * Runs `write` in one transaction that also claims `idem.key` and stores the answer, or replays
 * the stored answer. Without a key, it is just the transaction.
 */
export async function idempotent<T>(
  store: Pick<Store, 'transaction'>,
  idem: IdempotencyRequest | null,
  status: number,
  write: (repos: Repos) => Promise<T>,
): Promise<IdempotentResult<T>> {
  if (!idem) return { status, body: await store.transaction(write), replayed: false };
  return store.transaction(async (repos) => {
    if (!(await repos.idempotency.claim(idem.scope, idem.key, idem.requestHash))) {
      const first = await repos.idempotency.find(idem.scope, idem.key);
      if (!first || first.requestHash !== idem.requestHash || first.responseStatus === null)
        throw new Conflict(
          'idempotency_key_reused',
          `Idempotency-Key ${JSON.stringify(idem.key)} was already used for another request; use a new key for a new request`,
        );
      return { status: first.responseStatus, body: first.responseBody as T, replayed: true };
    }
    const body = await write(repos);
    await repos.idempotency.complete(idem.scope, idem.key, status, body);
    return { status, body, replayed: false };
  });
}
