import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { ASANA_ROOT, registerAsanaRoutes } from './asana.ts';
import { registerAsanaHooks } from './asana-hooks.ts';
import { createAsanaWorld } from './asana-model.ts';
import { type ControlClient, createControlClient } from './client.ts';
import { assertLoopback, type Clock, createClock, createPushLog, type PushLog } from './common.ts';
import { createControlServer, type SandboxContext, type SandboxUrls } from './control.ts';
import { type OAuthApp, registerJiraRoutes } from './jira.ts';
import { registerJiraHooks } from './jira-hooks.ts';
import { createJiraWorld } from './jira-model.ts';
import { createGuards, type Guards } from './limits.ts';
import { DEFAULT_LIMITS, type LimitSettings } from './rate-limits.ts';
import { createTrackerServer } from './server.ts';
import { registerTrelloRoutes } from './trello.ts';
import { registerTrelloHooks } from './trello-hooks.ts';
import { createTrelloWorld } from './trello-model.ts';
import { asanaView, jiraView, trelloView } from './views.ts';
import { createDeliverer, type Deliverer } from './webhooks.ts';

/**
 * `startSandbox(opts)`: Jira Cloud, Trello and Asana emulations and the control API, each on its
 * own loopback port, for tests (ports default to ephemeral ones) and `npm run sandbox`.
 */

export interface SandboxOptions {
  /** Loopback only (127.0.0.1 by default). */
  readonly host?: string;
  /** 0 (the default) picks a free port. */
  readonly ports?: Partial<Record<'control' | 'jira' | 'trello' | 'asana', number>>;
  /** Multiplies every vendor delay (webhook retries, heartbeats): 0.001 turns a minute into 60 ms. */
  readonly timeFactor?: number;
  readonly limits?: { readonly [K in keyof LimitSettings]?: Partial<LimitSettings[K]> };
  readonly jira?: {
    readonly timeZone?: string;
    readonly webhookTtlMs?: number;
    readonly oauthApps?: readonly OAuthApp[];
  };
  readonly trello?: { readonly appSecret?: string };
  readonly asana?: {
    readonly syncTokenTtlMs?: number;
    readonly heartbeatMs?: number;
    readonly batchMs?: number;
  };
}

/** What a Jalon connection needs to reach each emulation (any API token is accepted). */
export interface SandboxCredentials {
  readonly jira: {
    readonly email: string;
    readonly apiToken: string;
    readonly accountId: string;
    readonly oauth: OAuthApp;
  };
  readonly trello: {
    readonly apiKey: string;
    readonly apiToken: string;
    readonly appSecret: string;
    readonly memberId: string;
  };
  readonly asana: { readonly accessToken: string; readonly userGid: string; readonly workspaceGid: string };
}

export interface Sandbox {
  readonly urls: SandboxUrls;
  readonly credentials: SandboxCredentials;
  readonly control: ControlClient;
  close(): Promise<void>;
}

const DAY = 86_400_000;

export const DEFAULT_OAUTH_APP: OAuthApp = {
  clientId: 'sandbox-jira-client',
  clientSecret: 'sandbox-jira-client-secret',
  accessToken: 'sandbox-jira-oauth-token',
  cloudId: 'sandbox-cloud',
};

async function listen(app: FastifyInstance, host: string, port: number): Promise<string> {
  await app.listen({ host, port });
  const address = app.server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${shownHost}:${address.port}`;
}

/** What every emulation shares. */
interface Shared {
  readonly clock: Clock;
  readonly pushed: PushLog;
  readonly guards: Guards;
  readonly deliverer: Deliverer;
  readonly timeFactor: number;
  /** Each server's root, known once it listens. */
  readonly roots: { jira: string; trello: string; asana: string; control: string };
}

function buildJira(shared: Shared, opts: SandboxOptions) {
  const { clock, pushed, guards, deliverer, roots } = shared;
  const world = createJiraWorld(clock, { timeZone: opts.jira?.timeZone ?? 'Europe/Paris' });
  const oauthApps: OAuthApp[] = [...(opts.jira?.oauthApps ?? [DEFAULT_OAUTH_APP])];
  const app = createTrackerServer('jira', guards, '/rest/');
  const deps = { world, clock, pushed, site: () => roots.jira, oauthApps };
  registerJiraRoutes(app, deps);
  const hooks = registerJiraHooks(app, deps, deliverer, opts.jira?.webhookTtlMs ?? 30 * DAY);
  app.get<{ Params: { key: string } }>('/browse/:key', async (req) =>
    jiraView(world, world.get(req.params.key), roots.jira),
  );
  return { app, part: { world, hooks, oauthApps, site: () => roots.jira } };
}

function buildTrello(shared: Shared, opts: SandboxOptions) {
  const { clock, pushed, guards, deliverer, roots } = shared;
  const world = createTrelloWorld(clock);
  const appSecrets = new Map<string, string>();
  const defaultSecret = opts.trello?.appSecret ?? 'sandbox-trello-app-secret';
  const app = createTrackerServer('trello', guards, '/1/');
  const deps = { world, clock, pushed, site: () => roots.trello };
  registerTrelloRoutes(app, deps);
  const hooks = registerTrelloHooks(app, deps, deliverer, {
    secretFor: (key) => appSecrets.get(key) ?? defaultSecret,
  });
  const card = async (req: { params: { short: string } }) =>
    trelloView(world, world.card(req.params.short), roots.trello);
  app.get<{ Params: { short: string } }>('/c/:short', card);
  app.get<{ Params: { short: string } }>('/c/:short/*', card);
  return { app, defaultSecret, part: { world, hooks: hooks.hooks, appSecrets, site: () => roots.trello } };
}

function buildAsana(shared: Shared, opts: SandboxOptions) {
  const { clock, pushed, guards, deliverer, roots, timeFactor } = shared;
  const world = createAsanaWorld(clock);
  const app = createTrackerServer('asana', guards, `${ASANA_ROOT}/`);
  const deps = { world, clock, pushed, site: () => roots.asana };
  registerAsanaRoutes(app, deps);
  const hooks = registerAsanaHooks(app, deps, deliverer, {
    syncTokenTtlMs: opts.asana?.syncTokenTtlMs ?? DAY,
    heartbeatMs: opts.asana?.heartbeatMs ?? 8 * 3_600_000 * timeFactor,
    batchMs: opts.asana?.batchMs ?? 25,
  });
  app.get<{ Params: { task: string } }>('/0/:project/:task', async (req) =>
    asanaView(world, world.task(req.params.task), roots.asana),
  );
  return { app, part: { world, hooks, site: () => roots.asana } };
}

function credentialsOf(ctx: Omit<SandboxContext, 'credentials'>, trelloSecret: string): SandboxCredentials {
  return {
    jira: {
      email: ctx.jira.world.integration.emailAddress,
      apiToken: 'sandbox-jira-api-token',
      accountId: ctx.jira.world.integration.accountId,
      oauth: ctx.jira.oauthApps[0] ?? DEFAULT_OAUTH_APP,
    },
    trello: {
      apiKey: 'sandbox-trello-key',
      apiToken: 'sandbox-trello-token',
      appSecret: trelloSecret,
      memberId: ctx.trello.world.integration.id,
    },
    asana: {
      accessToken: 'sandbox-asana-token',
      userGid: ctx.asana.world.integration.gid,
      workspaceGid: ctx.asana.world.workspace.gid,
    },
  };
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const host = opts.host ?? '127.0.0.1';
  assertLoopback(host);
  const timeFactor = opts.timeFactor ?? 0.01;
  const limits: LimitSettings = {
    jira: { ...DEFAULT_LIMITS.jira, ...opts.limits?.jira },
    trello: { ...DEFAULT_LIMITS.trello, ...opts.limits?.trello },
    asana: { ...DEFAULT_LIMITS.asana, ...opts.limits?.asana },
  };
  const clock = createClock();
  const roots = { jira: '', trello: '', asana: '', control: '' };
  const shared: Shared = {
    clock,
    pushed: createPushLog(clock),
    guards: createGuards(limits),
    deliverer: createDeliverer({ timeFactor }),
    timeFactor,
    roots,
  };
  const jira = buildJira(shared, opts);
  const trello = buildTrello(shared, opts);
  const asana = buildAsana(shared, opts);
  const urls = (): SandboxUrls => ({
    control: roots.control,
    jira: roots.jira,
    trello: `${roots.trello}/1`,
    asana: `${roots.asana}${ASANA_ROOT}`,
  });
  const base = { ...shared, urls, jira: jira.part, trello: trello.part, asana: asana.part };
  const credentials = () => credentialsOf(base, trello.defaultSecret);
  const ctx: SandboxContext = { ...base, credentials };
  const control = createControlServer(ctx);
  const apps = [jira.app, trello.app, asana.app, control];
  try {
    roots.jira = await listen(jira.app, host, opts.ports?.jira ?? 0);
    roots.trello = await listen(trello.app, host, opts.ports?.trello ?? 0);
    roots.asana = await listen(asana.app, host, opts.ports?.asana ?? 0);
    roots.control = await listen(control, host, opts.ports?.control ?? 0);
  } catch (err) {
    await Promise.allSettled(apps.map((a) => a.close()));
    throw err;
  }
  return {
    urls: urls(),
    credentials: credentials(),
    control: createControlClient(roots.control),
    async close() {
      shared.deliverer.close();
      asana.part.hooks.close();
      await Promise.allSettled(apps.map((a) => a.close()));
    },
  };
}
