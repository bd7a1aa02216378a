import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { asanaTracker } from '../../adapters/asana/index.ts';
import { type JiraAdapter, jiraTracker } from '../../adapters/jira/index.ts';
import { trelloTracker } from '../../adapters/trello/index.ts';
import type { Sandbox } from '../../sandbox/sandbox.ts';
import type { Tracker } from '../../src/core/task.ts';
import type {
  ParsedDelivery,
  RawWebhook,
  TaskPage,
  TrackerAdapter,
  WebhookVerdict,
} from '../../src/core/tracker.ts';

/**
 * Test kit for the sandbox end-to-end tests: the real adapters pointed at a sandbox, and a tiny
 * webhook receiver that answers Trello's HEAD check and Asana's handshake and checks every
 * delivery with the same adapter's verifyWebhook / parseWebhook, as Jalon's receiver does.
 */

/** Vendor captures in test/fixtures (sources in test/fixtures/SOURCES.md). */
export const sharedFixture = (path: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8'));
export const adapterFixture = (path: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../adapters/${path}`, import.meta.url), 'utf8'));

export interface Received {
  readonly tracker: Tracker;
  readonly connectionId: string;
  readonly method: 'POST' | 'HEAD';
  readonly headers: Record<string, string | undefined>;
  readonly body: Buffer;
  readonly verdict: WebhookVerdict;
  readonly parsed: ParsedDelivery | null;
  readonly parseError: string | null;
}

interface Registration {
  readonly adapter: TrackerAdapter;
  /** The connection's accepted secrets; Asana handshakes add theirs here. */
  readonly secrets: string[];
}

export interface Receiver {
  readonly url: string;
  callbackUrl(tracker: Tracker, connectionId: string): string;
  register(tracker: Tracker, connectionId: string, adapter: TrackerAdapter, secrets: string[]): void;
  received(filter?: { tracker?: Tracker; connectionId?: string }): Received[];
  /** The next `count` POSTs are answered with `status` (before any check). */
  failNext(count: number, status: number): void;
  waitFor(predicate: (all: Received[]) => boolean, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const app = Fastify({ logger: false });
  const registrations = new Map<string, Registration>();
  const log: Received[] = [];
  let failures = { count: 0, status: 500 };
  let base = '';
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  const handle = async (
    req: { method: string; params: unknown; headers: Record<string, unknown>; body: unknown },
    reply: { code(n: number): { headers(h: Record<string, string>): { send(b?: unknown): unknown } } },
  ) => {
    const { tracker, connectionId } = req.params as { tracker: Tracker; connectionId: string };
    if (req.method === 'POST' && failures.count > 0) {
      failures.count -= 1;
      return reply.code(failures.status).headers({}).send();
    }
    const reg = registrations.get(`${tracker}/${connectionId}`);
    if (!reg) return reply.code(404).headers({}).send();
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k, v === undefined ? undefined : String(v)]),
    );
    const raw: RawWebhook = {
      method: req.method === 'HEAD' ? 'HEAD' : 'POST',
      headers,
      body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      callbackUrl: `${base}/webhooks/${tracker}/${connectionId}`,
      receivedAt: new Date(),
    };
    const verdict = reg.adapter.verifyWebhook(raw);
    let parsed: ParsedDelivery | null = null;
    let parseError: string | null = null;
    if (verdict.kind === 'accept') {
      try {
        parsed = reg.adapter.parseWebhook(raw);
      } catch (err) {
        parseError = err instanceof Error ? err.message : String(err);
      }
    }
    if (verdict.kind === 'handshake') reg.secrets.push(verdict.secret);
    log.push({
      tracker,
      connectionId,
      method: raw.method,
      headers,
      body: raw.body,
      verdict,
      parsed,
      parseError,
    });
    if (verdict.kind === 'reject') return reply.code(401).headers({}).send();
    return reply
      .code(200)
      .headers(verdict.kind === 'handshake' ? { ...verdict.responseHeaders } : {})
      .send();
  };
  app.post('/webhooks/:tracker/:connectionId', handle);
  app.head('/webhooks/:tracker/:connectionId', handle);
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  return {
    url: base,
    callbackUrl: (tracker, connectionId) => `${base}/webhooks/${tracker}/${connectionId}`,
    register(tracker, connectionId, adapter, secrets) {
      registrations.set(`${tracker}/${connectionId}`, { adapter, secrets });
    },
    received: (filter = {}) =>
      log.filter(
        (r) =>
          (filter.tracker === undefined || r.tracker === filter.tracker) &&
          (filter.connectionId === undefined || r.connectionId === filter.connectionId),
      ),
    failNext(count, status) {
      failures = { count, status };
    },
    async waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(log)) {
        if (Date.now() > deadline)
          throw new Error(`webhooks not received in ${timeoutMs} ms (${log.length} so far)`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return log;
    },
    close: () => app.close(),
  };
}

export interface Connection<A extends TrackerAdapter = TrackerAdapter> {
  readonly id: string;
  readonly adapter: A;
  readonly secrets: string[];
}

let connections = 0;
const connectionId = (tracker: Tracker) => `conn_${tracker}_${process.pid}_${++connections}`;

export function jiraConnection(
  sb: Sandbox,
  opts: { oauth?: boolean; settings?: Record<string, unknown>; secrets?: string[] } = {},
): Connection<JiraAdapter> {
  const id = connectionId('jira');
  const c = sb.credentials.jira;
  const secrets = opts.secrets ?? (opts.oauth ? [] : [`whsec-${id}`]);
  const adapter = jiraTracker.create({
    connectionId: id,
    baseUrl: sb.urls.jira,
    credentials: opts.oauth
      ? {
          oauth: {
            clientId: c.oauth.clientId,
            clientSecret: c.oauth.clientSecret,
            accessToken: c.oauth.accessToken,
            cloudId: c.oauth.cloudId,
          },
        }
      : { email: c.email, apiToken: c.apiToken },
    settings: jiraTracker.settings.parse(opts.settings ?? {}),
    webhookSecrets: secrets,
    integrationAccountId: c.accountId,
  }) as JiraAdapter;
  return { id, adapter, secrets };
}

export function trelloConnection(
  sb: Sandbox,
  settings: Record<string, unknown> = {},
  token?: string,
): Connection {
  const id = connectionId('trello');
  const c = sb.credentials.trello;
  const secrets = [c.appSecret];
  const adapter = trelloTracker.create({
    connectionId: id,
    baseUrl: sb.urls.trello,
    credentials: { apiKey: c.apiKey, apiToken: token ?? c.apiToken, appSecret: c.appSecret },
    settings: trelloTracker.settings.parse(settings),
    webhookSecrets: secrets,
    integrationAccountId: c.memberId,
  });
  return { id, adapter, secrets };
}

export function asanaConnection(sb: Sandbox, settings: Record<string, unknown> = {}): Connection {
  const id = connectionId('asana');
  const secrets: string[] = [];
  const adapter = asanaTracker.create({
    connectionId: id,
    baseUrl: sb.urls.asana,
    credentials: { accessToken: sb.credentials.asana.accessToken },
    settings: asanaTracker.settings.parse(settings),
    webhookSecrets: secrets,
    integrationAccountId: sb.credentials.asana.userGid,
  });
  return { id, adapter, secrets };
}

export async function drain(pages: AsyncIterable<TaskPage>): Promise<TaskPage[]> {
  const all: TaskPage[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

export const decision = (decisionId: string, verdict: 'accept' | 'reject' = 'accept') => ({
  decisionId,
  decision: verdict,
  deliverableTitle: 'Checkout redesign',
  decidedBy: 'Paula PMO',
  decidedAt: '2027-03-01T10:00:00.000Z',
  note: 'Looks good',
  criteria: [{ criterion: 'Works on mobile', met: true }],
});
