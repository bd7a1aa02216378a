import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { ASANA_ROOT, registerAsanaRoutes } from './asana.ts';
import { registerAsanaHooks } from './asana-hooks.ts';
import { createAsanaWorld } from './asana-model.ts';
import { type ControlClient, createControlClient } from './client.ts';
import { assertLoopback, createClock, createPushLog } from './common.ts';
import { createControlServer, type SandboxContext, type SandboxUrls } from './control.ts';
import { type OAuthApp, registerJiraRoutes } from './jira.ts';
import { registerJiraHooks } from './jira-hooks.ts';
import { createJiraWorld } from './jira-model.ts';
import { createGuards } from './limits.ts';
import { DEFAULT_LIMITS, type LimitSettings } from './rate-limits.ts';
import { createTrackerServer } from './server.ts';
import { registerTrelloRoutes } from './trello.ts';
import { registerTrelloHooks } from './trello-hooks.ts';
import { createTrelloWorld } from './trello-model.ts';
import { asanaView, jiraView, trelloView } from './views.ts';
import { createDeliverer } from './webhooks.ts';

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
  const pushed = createPushLog(clock);
  const guards = createGuards(limits);
  const deliverer = createDeliverer({ timeFactor });
  const roots = { jira: '', trello: '', asana: '', control: '' };

  const jiraWorld = createJiraWorld(clock, { timeZone: opts.jira?.timeZone ?? 'Europe/Paris' });
  const oauthApps: OAuthApp[] = [...(opts.jira?.oauthApps ?? [DEFAULT_OAUTH_APP])];
  const jiraApp = createTrackerServer('jira', guards, '/rest/');
  const jiraDeps = { world: jiraWorld, clock, pushed, site: () => roots.jira, oauthApps };
  registerJiraRoutes(jiraApp, jiraDeps);
  const jiraHooks = registerJiraHooks(jiraApp, jiraDeps, deliverer, opts.jira?.webhookTtlMs ?? 30 * DAY);
  jiraApp.get<{ Params: { key: string } }>('/browse/:key', async (req) =>
    jiraView(jiraWorld, jiraWorld.get(req.params.key), roots.jira),
  );

  const trelloWorld = createTrelloWorld(clock);
  const appSecrets = new Map<string, string>();
  const defaultSecret = opts.trello?.appSecret ?? 'sandbox-trello-app-secret';
  const trelloApp = createTrackerServer('trello', guards, '/1/');
  const trelloDeps = { world: trelloWorld, clock, pushed, site: () => roots.trello };
  registerTrelloRoutes(trelloApp, trelloDeps);
  const trelloHooks = registerTrelloHooks(trelloApp, trelloDeps, deliverer, {
    secretFor: (key) => appSecrets.get(key) ?? defaultSecret,
  });
  trelloApp.get<{ Params: { short: string } }>('/c/:short', async (req) =>
    trelloView(trelloWorld, trelloWorld.card(req.params.short), roots.trello),
  );
  trelloApp.get<{ Params: { short: string } }>('/c/:short/*', async (req) =>
    trelloView(trelloWorld, trelloWorld.card(req.params.short), roots.trello),
  );

  const asanaWorld = createAsanaWorld(clock);
  const asanaApp = createTrackerServer('asana', guards, `${ASANA_ROOT}/`);
  const asanaDeps = { world: asanaWorld, clock, pushed, site: () => roots.asana };
  registerAsanaRoutes(asanaApp, asanaDeps);
  const asanaHooks = registerAsanaHooks(asanaApp, asanaDeps, deliverer, {
    syncTokenTtlMs: opts.asana?.syncTokenTtlMs ?? DAY,
    heartbeatMs: opts.asana?.heartbeatMs ?? 8 * 3_600_000 * timeFactor,
    batchMs: opts.asana?.batchMs ?? 25,
  });
  asanaApp.get<{ Params: { task: string } }>('/0/:project/:task', async (req) =>
    asanaView(asanaWorld, asanaWorld.task(req.params.task), roots.asana),
  );

  const urls = (): SandboxUrls => ({
    control: roots.control,
    jira: roots.jira,
    trello: `${roots.trello}/1`,
    asana: `${roots.asana}${ASANA_ROOT}`,
  });
  const credentials = (): SandboxCredentials => ({
    jira: {
      email: jiraWorld.integration.emailAddress,
      apiToken: 'sandbox-jira-api-token',
      accountId: jiraWorld.integration.accountId,
      oauth: oauthApps[0] ?? DEFAULT_OAUTH_APP,
    },
    trello: {
      apiKey: 'sandbox-trello-key',
      apiToken: 'sandbox-trello-token',
      appSecret: defaultSecret,
      memberId: trelloWorld.integration.id,
    },
    asana: {
      accessToken: 'sandbox-asana-token',
      userGid: asanaWorld.integration.gid,
      workspaceGid: asanaWorld.workspace.gid,
    },
  });
  const ctx: SandboxContext = {
    clock,
    pushed,
    guards,
    deliverer,
    urls,
    credentials,
    jira: { world: jiraWorld, hooks: jiraHooks, oauthApps, site: () => roots.jira },
    trello: { world: trelloWorld, hooks: trelloHooks.hooks, appSecrets, site: () => roots.trello },
    asana: { world: asanaWorld, hooks: asanaHooks, site: () => roots.asana },
  };
  const controlApp = createControlServer(ctx);
  const apps = [jiraApp, trelloApp, asanaApp, controlApp];
  try {
    roots.jira = await listen(jiraApp, host, opts.ports?.jira ?? 0);
    roots.trello = await listen(trelloApp, host, opts.ports?.trello ?? 0);
    roots.asana = await listen(asanaApp, host, opts.ports?.asana ?? 0);
    roots.control = await listen(controlApp, host, opts.ports?.control ?? 0);
  } catch (err) {
    await Promise.allSettled(apps.map((a) => a.close()));
    throw err;
  }
  return {
    urls: urls(),
    credentials: credentials(),
    control: createControlClient(roots.control),
    async close() {
      deliverer.close();
      asanaHooks.close();
      await Promise.allSettled(apps.map((a) => a.close()));
    },
  };
}
