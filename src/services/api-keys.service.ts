import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { type Actor, Role } from '../core/auth.ts';
import { ValidationFailed } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import type { Store } from '../core/ports.ts';

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

export interface ApiKeyService {
  create(actor: Actor, input: NewApiKey): Promise<CreatedApiKey>;
  /** The actor a bearer token stands for, or null when it is not a valid, unrevoked key. */
  authenticate(token: string): Promise<Actor | null>;
}

const KEY_PATTERN = /^jln_(key_[0-9a-f]{26})_([A-Za-z0-9_-]{43})$/;
const CACHE_TTL_MS = 10_000;

const sha256 = (s: string): Buffer => createHash('sha256').update(s).digest();

/**
 * Keys look like `jln_<id>_<secret>`: the id finds the row, the secret is checked against its
 * SHA-256 in constant time. A salted slow hash is not needed: the secret is 256 random bits.
 */
export function createApiKeyService(deps: {
  store: Pick<Store, 'transaction' | 'apiKeys'>;
  bootstrapAdminKey: string | null;
  /** Validates a provider id for provider-bound keys; absent until the engagement model exists. */
  providerExists?: (id: string) => Promise<boolean>;
}): ApiKeyService {
  const bootstrapHash = deps.bootstrapAdminKey ? sha256(deps.bootstrapAdminKey) : null;
  // A short-lived cache keeps key lookups off the database on every request; a revoked key stops
  // working within CACHE_TTL_MS.
  const cache = new Map<string, { actor: Actor | null; hash: Buffer | null; at: number }>();

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

    async authenticate(token) {
      const presented = sha256(token);
      if (bootstrapHash && timingSafeEqual(presented, bootstrapHash)) {
        return { keyId: 'bootstrap', role: 'admin', providerId: null };
      }
      const match = KEY_PATTERN.exec(token);
      if (!match) return null;
      const [, id = '', secret = ''] = match;
      let entry = cache.get(id);
      if (!entry || Date.now() - entry.at > CACHE_TTL_MS) {
        const record = await deps.store.apiKeys.findById(id);
        const usable = record && !record.revokedAt;
        entry = {
          actor: usable
            ? { keyId: record.id, role: Role.parse(record.role), providerId: record.providerId }
            : null,
          hash: usable ? Buffer.from(record.secretHash, 'hex') : null,
          at: Date.now(),
        };
        cache.set(id, entry);
        if (cache.size > 10_000) cache.delete(cache.keys().next().value as string);
      }
      if (!entry.actor || !entry.hash) return null;
      return timingSafeEqual(sha256(secret), entry.hash) ? entry.actor : null;
    },
  };
}
