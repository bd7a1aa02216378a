import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { type Actor, Role } from '../core/auth.ts';
import { NotFound, Unavailable, ValidationFailed } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import type { ApiKeyRecord, Store } from '../core/ports.ts';

export interface NewApiKey {
  readonly name: string;
  readonly role: Role;
  readonly providerId?: string | undefined;
}

export interface CreatedApiKey {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly providerId: string | null;
  readonly createdAt: string;
  /** The full key: returned by create only, never stored, never shown again. */
  readonly key: string;
}

/** A key as GET /v1/api-keys shows it: never its secret nor the secret's hash. */
export interface ApiKeyView {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly providerId: string | null;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

export interface ApiKeyService {
  create(actor: Actor, input: NewApiKey): Promise<CreatedApiKey>;
  list(actor: Actor, page: { afterId: string | null; limit: number }): Promise<ApiKeyView[]>;
  /** Revokes the key at once for every process (they look keys up per request); idempotent. */
  revoke(actor: Actor, id: string): Promise<void>;
  /** The actor a bearer token stands for, or null when it is not a valid, unrevoked key. */
  authenticate(token: string): Promise<Actor | null>;
}

const KEY_PATTERN = /^jln_(key_[0-9a-f]{26})_([A-Za-z0-9_-]{43})$/;
/** A key's last use is recorded at most this often: not a write per request. */
export const LAST_USED_EVERY_MS = 60_000;

const view = (r: ApiKeyRecord): ApiKeyView => ({
  id: r.id,
  name: r.name,
  role: r.role,
  providerId: r.providerId,
  createdAt: r.createdAt.toISOString(),
  lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  revokedAt: r.revokedAt?.toISOString() ?? null,
});

const sha256 = (s: string): Buffer => createHash('sha256').update(s).digest();

/**
 * Keys look like `jln_<id>_<secret>`: the id finds the row, the secret is checked against its
 * SHA-256 in constant time. A salted slow hash is not needed: the secret is 256 random bits.
 */
export function createApiKeyService(deps: {
  store: Pick<Store, 'transaction' | 'apiKeys'>;
  bootstrapAdminKey: string | null;
  now?: () => Date;
  /** Validates a provider id for provider-bound keys; absent until the engagement model exists. */
  providerExists?: (id: string) => Promise<boolean>;
}): ApiKeyService {
  const bootstrapHash = deps.bootstrapAdminKey ? sha256(deps.bootstrapAdminKey) : null;
  const now = deps.now ?? (() => new Date());
  // Keys are looked up on every request (one primary-key read), not cached: a revocation then
  // holds at once in every API process, with no invalidation message that could be lost. Uses
  // recorded by this process, so concurrent requests do not each send the same update.
  const touched = new Map<string, number>();
  const noteUse = (record: ApiKeyRecord) => {
    const at = now();
    const due = at.getTime() - LAST_USED_EVERY_MS;
    if ((record.lastUsedAt?.getTime() ?? 0) > due || (touched.get(record.id) ?? 0) > due) return;
    if (touched.size > 10_000) touched.clear();
    touched.set(record.id, at.getTime());
    // Not awaited: a use that fails to be recorded (database away) must not fail the request.
    deps.store.apiKeys.touch(record.id, at, new Date(due)).catch(() => touched.delete(record.id));
  };

  return {
    async create(actor, input) {
      const errors = [];
      if (input.role === 'provider' && !input.providerId) {
        errors.push({ path: 'body.providerId', message: 'is required for a provider key' });
      }
      if (input.role !== 'provider' && input.providerId) {
        errors.push({ path: 'body.providerId', message: 'is only allowed on a provider key' });
      }
      if (input.providerId && deps.providerExists && !(await deps.providerExists(input.providerId))) {
        errors.push({ path: 'body.providerId', message: `provider ${input.providerId} does not exist` });
      }
      if (errors.length > 0) throw new ValidationFailed(errors);
      const id = newId('key');
      const secret = randomBytes(32).toString('base64url');
      const record = await deps.store.transaction(async (repos) => {
        const inserted = await repos.apiKeys.insert({
          id,
          name: input.name,
          role: input.role,
          providerId: input.providerId ?? null,
          secretHash: sha256(secret).toString('hex'),
          createdBy: actor.keyId,
        });
        const { secretHash: _never, ...after } = inserted;
        await repos.audit.append(actor, {
          entityType: 'api_key',
          entityId: id,
          action: 'create',
          before: null,
          after,
        });
        return inserted;
      });
      return {
        id,
        name: record.name,
        role: record.role,
        providerId: record.providerId,
        createdAt: record.createdAt.toISOString(),
        key: `jln_${id}_${secret}`,
      };
    },

    async list(_actor, page) {
      return (await deps.store.apiKeys.list(page)).map(view);
    },

    async revoke(actor, id) {
      await deps.store.transaction(async (repos) => {
        const revoked = await repos.apiKeys.revoke(id, now());
        if (!revoked) {
          // Already revoked: nothing changes, nothing is audited again.
          if (await repos.apiKeys.findById(id)) return;
          throw new NotFound('API key', id);
        }
        await repos.audit.append(actor, {
          entityType: 'api_key',
          entityId: id,
          action: 'revoke',
          before: { ...view(revoked), revokedAt: null },
          after: view(revoked),
        });
      });
    },

    async authenticate(token) {
      const presented = sha256(token);
      if (bootstrapHash && timingSafeEqual(presented, bootstrapHash)) {
        return { keyId: 'bootstrap', role: 'admin', providerId: null };
      }
      const match = KEY_PATTERN.exec(token);
      if (!match) return null;
      const [, id = '', secret = ''] = match;
      // Without the database no key can be checked: 503 (retry), not a 500.
      const record = await deps.store.apiKeys.findById(id).catch((err: unknown) => {
        throw new Unavailable('Checking the API key (the database)', err);
      });
      if (!record || record.revokedAt) return null;
      if (!timingSafeEqual(sha256(secret), Buffer.from(record.secretHash, 'hex'))) return null;
      noteUse(record);
      return { keyId: record.id, role: Role.parse(record.role), providerId: record.providerId };
    },
  };
}
