import type { z } from 'zod';
import { type Actor, SYSTEM_ACTOR } from '../core/auth.ts';
import { type FieldError, NotFound, ValidationFailed } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import type { Store } from '../core/ports.ts';
import type { ConnectionHealth, ConnectionRecord } from '../core/sync-ports.ts';
import type { Tracker } from '../core/task.ts';
import type { TrackerAdapter, TrackerModule } from '../core/tracker.ts';
import type { SecretBox } from './secret-box.ts';
import { accumulate, currentSecrets, rotate, type SecretEntry } from './webhook-secrets.ts';

export interface ConnectionInput {
  readonly tracker: Tracker;
  readonly name: string;
  readonly baseUrl?: string | undefined;
  readonly credentials: Record<string, unknown>;
  readonly webhookSecret?: string | undefined;
  readonly settings?: Record<string, unknown> | undefined;
}

export interface ConnectionUpdate {
  readonly name?: string | undefined;
  readonly baseUrl?: string | null | undefined;
  readonly credentials?: Record<string, unknown> | undefined;
  readonly webhookSecret?: string | undefined;
  readonly settings?: Record<string, unknown> | undefined;
}

/** A connection as the API shows it: never its credentials or secrets. */
export interface ConnectionView {
  readonly id: string;
  readonly tracker: Tracker;
  readonly name: string;
  readonly baseUrl: string | null;
  readonly settings: Record<string, unknown>;
  readonly webhookUrl: string;
  readonly hasWebhookSecret: boolean;
  readonly health: {
    readonly status: ConnectionHealth;
    readonly lastDeliveryAt: string | null;
    readonly lastSyncAt: string | null;
    readonly lastError: string | null;
    readonly lastErrorAt: string | null;
  };
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface ConnectionService {
  create(actor: Actor, input: ConnectionInput): Promise<ConnectionView>;
  get(id: string): Promise<ConnectionView>;
  list(q: {
    afterId: string | null;
    limit: number;
    tracker?: Tracker | undefined;
  }): Promise<ConnectionView[]>;
  update(actor: Actor, id: string, patch: ConnectionUpdate): Promise<ConnectionView>;
  /** The live connection and its adapter; null when unknown or deleted. Cached a few seconds. */
  adapterFor(id: string): Promise<{ connection: ConnectionRecord; adapter: TrackerAdapter } | null>;
  /** Asana's handshake: each webhook (one per linked project) signs with its own secret; all are kept. */
  storeHandshakeSecret(id: string, secret: string): Promise<void>;
  noteHealth(id: string, note: Parameters<Store['connections']['noteHealth']>[1]): Promise<void>;
  /** Remembers the integration user so events Jalon caused are dropped. */
  setIntegrationAccount(id: string, accountId: string): Promise<void>;
}

const CACHE_TTL_MS = 5000;

export function createConnectionService(deps: {
  store: Pick<Store, 'transaction' | 'connections'>;
  box: SecretBox;
  trackers: Readonly<Record<Tracker, TrackerModule>>;
  publicUrl: string;
  now?: () => Date;
}): ConnectionService {
  const now = deps.now ?? (() => new Date());
  const cache = new Map<
    string,
    { at: number; value: { connection: ConnectionRecord; adapter: TrackerAdapter } }
  >();

  const view = (c: ConnectionRecord): ConnectionView => ({
    id: c.id,
    tracker: c.tracker,
    name: c.name,
    baseUrl: c.baseUrl,
    settings: { ...c.settings },
    webhookUrl: `${deps.publicUrl}/webhooks/${c.tracker}/${c.id}`,
    hasWebhookSecret: secretsOf(c).length > 0 || c.tracker === 'trello',
    health: {
      status: c.health,
      lastDeliveryAt: c.lastDeliveryAt?.toISOString() ?? null,
      lastSyncAt: c.lastSyncAt?.toISOString() ?? null,
      lastError: c.lastError,
      lastErrorAt: c.lastErrorAt?.toISOString() ?? null,
    },
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  });

  const secretsOf = (c: ConnectionRecord): SecretEntry[] =>
    c.webhookSecretsEnc ? (JSON.parse(deps.box.open(c.webhookSecretsEnc, c.id)) as SecretEntry[]) : [];
  const sealSecrets = (id: string, entries: SecretEntry[]) => deps.box.seal(JSON.stringify(entries), id);

  const load = async (id: string): Promise<ConnectionRecord> => {
    const c = await deps.store.connections.get(id);
    if (!c || c.deletedAt) throw new NotFound('Connection', id);
    return c;
  };

  return {
    async create(actor, input) {
      const module = deps.trackers[input.tracker];
      const credentials = parseOrFail(module.credentials, input.credentials, 'body.credentials');
      parseOrFail(module.settings, input.settings ?? {}, 'body.settings');
      const id = newId('con');
      const secret = input.webhookSecret ?? trelloAppSecret(input.tracker, credentials);
      const record = await deps.store.transaction(async (repos) => {
        const created = await repos.connections.insert({
          id,
          tracker: input.tracker,
          name: input.name,
          baseUrl: input.baseUrl ?? null,
          credentialsEnc: deps.box.seal(JSON.stringify(credentials), id),
          webhookSecretsEnc: secret ? sealSecrets(id, rotate([], secret, now())) : null,
          settings: input.settings ?? {},
        });
        await repos.audit.append(actor, {
          entityType: 'connection',
          entityId: id,
          action: 'create',
          before: null,
          after: view(created),
        });
        return created;
      });
      return view(record);
    },

    get: async (id) => view(await load(id)),

    async list(q) {
      return (await deps.store.connections.list(q)).map(view);
    },

    async update(actor, id, patch) {
      const before = await load(id);
      const module = deps.trackers[before.tracker];
      const credentials = patch.credentials
        ? parseOrFail(module.credentials, patch.credentials, 'body.credentials')
        : undefined;
      if (patch.settings) parseOrFail(module.settings, patch.settings, 'body.settings');
      const newSecret =
        patch.webhookSecret ?? (credentials ? trelloAppSecret(before.tracker, credentials) : undefined);
      const secrets = secretsOf(before);
      const updated = await deps.store.transaction(async (repos) => {
        const after = await repos.connections.update(id, {
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.baseUrl !== undefined ? { baseUrl: patch.baseUrl } : {}),
          ...(patch.settings !== undefined ? { settings: patch.settings } : {}),
          ...(credentials ? { credentialsEnc: deps.box.seal(JSON.stringify(credentials), id) } : {}),
          ...(newSecret && newSecret !== secrets[0]?.secret
            ? { webhookSecretsEnc: sealSecrets(id, rotate(secrets, newSecret, now())) }
            : {}),
        });
        if (!after) throw new NotFound('Connection', id);
        await repos.audit.append(actor, {
          entityType: 'connection',
          entityId: id,
          action: credentials || newSecret ? 'update_with_secrets' : 'update',
          before: view(before),
          after: view(after),
        });
        return after;
      });
      cache.delete(id);
      return view(updated);
    },

    async adapterFor(id) {
      const hit = cache.get(id);
      if (hit && Date.now() - hit.at < CACHE_TTL_MS) return hit.value;
      const c = await deps.store.connections.get(id);
      if (!c || c.deletedAt) {
        cache.delete(id);
        return null;
      }
      const module = deps.trackers[c.tracker];
      const adapter = module.create({
        connectionId: c.id,
        baseUrl: c.baseUrl,
        credentials: module.credentials.parse(JSON.parse(deps.box.open(c.credentialsEnc, c.id))),
        settings: module.settings.parse(c.settings),
        webhookSecrets: currentSecrets(secretsOf(c), now()),
        integrationAccountId: c.integrationAccountId,
        onCredentialsRefreshed: async (fresh) => {
          await deps.store.transaction(async (repos) => {
            await repos.connections.update(c.id, {
              credentialsEnc: deps.box.seal(JSON.stringify(fresh), c.id),
            });
            await repos.audit.append(SYSTEM_ACTOR, {
              entityType: 'connection',
              entityId: c.id,
              action: 'credentials_refreshed_by_tracker',
              before: null,
              after: null,
            });
          });
          cache.delete(c.id);
        },
      });
      const value = { connection: c, adapter };
      cache.set(id, { at: Date.now(), value });
      return value;
    },

    async storeHandshakeSecret(id, secret) {
      const c = await load(id);
      await deps.store.connections.update(id, {
        // Asana: one secret per webhook (one webhook per linked project): keep them all.
        webhookSecretsEnc: sealSecrets(id, accumulate(secretsOf(c), secret, now())),
      });
      cache.delete(id);
    },

    noteHealth: (id, note) => deps.store.connections.noteHealth(id, note),

    async setIntegrationAccount(id, accountId) {
      await deps.store.connections.update(id, { integrationAccountId: accountId });
      cache.delete(id);
    },
  };
}

function parseOrFail<T>(schema: z.ZodType<T>, value: unknown, path: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors: FieldError[] = result.error.issues.map((i) => ({
    path: [path, ...i.path.map(String)].join('.'),
    message: i.message,
  }));
  throw new ValidationFailed(errors);
}

/** Trello signs webhooks with the app secret, which arrives inside the credentials. */
function trelloAppSecret(tracker: Tracker, credentials: unknown): string | undefined {
  if (tracker !== 'trello') return undefined;
  const secret = (credentials as { appSecret?: unknown }).appSecret;
  return typeof secret === 'string' ? secret : undefined;
}
