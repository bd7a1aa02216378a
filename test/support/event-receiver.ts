import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** What a subscriber receives (docs/EVENTS.md). */
export interface EventBody {
  readonly id: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly subject: { readonly type: string; readonly id: string };
  readonly engagementId: string | null;
  readonly providerId: string | null;
  readonly data: Record<string, unknown>;
}

export interface ReceivedEvent {
  /** The request path (a followed redirect would show up here). */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: string;
  readonly body: EventBody;
  /** The status the receiver answered. */
  readonly answered: number;
  readonly receivedAt: Date;
  /** With `startEventReceiver({ secret })`: what `standardwebhooks`' verify said on arrival. */
  readonly verifiedOnArrival?: { ok: true; payload: unknown } | { ok: false; error: string };
}

export interface EventReceiver {
  /** Where to subscribe: `http://127.0.0.1:<port>/events`. */
  readonly url: string;
  /** Every request received, in order (including those answered with an error). */
  events(): ReceivedEvent[];
  /** Requests answered 2xx. */
  accepted(): ReceivedEvent[];
  /**
   * True when every request received (or the one given) carries a valid Standard Webhooks
   * signature for `secret` (`whsec_…`), fresh on arrival.
   */
  verify(secret: string, event?: ReceivedEvent): boolean;
  /** Resolves with the first request matching `predicate`, waiting for it up to `timeoutMs`. */
  waitFor(predicate: (e: ReceivedEvent) => boolean, timeoutMs?: number): Promise<ReceivedEvent>;
  close(): Promise<void>;
}

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * The documented check (docs/EVENTS.md), written independently of Jalon's signing code: parse
 * `t=<ts>,v1=<hex>`, refuse a timestamp more than `toleranceSec` from now, recompute
 * HMAC-SHA256(secret, "<ts>.<raw body>") and compare in constant time.
 */
export function verifyJalonSignature(
  signatureHeader: string | undefined,
  rawBody: string,
  secret: string,
  opts: { toleranceSec?: number; nowSec?: number } = {},
): boolean {
  if (!signatureHeader) return false;
  const parts = new Map<string, string[]>();
  for (const item of signatureHeader.split(',')) {
    const [k, v] = item.split('=', 2);
    if (k && v) parts.set(k.trim(), [...(parts.get(k.trim()) ?? []), v.trim()]);
  }
  const t = Number(parts.get('t')?.[0]);
  if (!Number.isInteger(t)) return false;
  const now = opts.nowSec ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - t) > (opts.toleranceSec ?? 300)) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`, 'utf8').digest();
  return (parts.get('v1') ?? []).some((hex) => {
    const given = Buffer.from(hex, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/**
 * A subscriber on 127.0.0.1 for tests. `statuses` are the answers to the first requests, in
 * order (e.g. `[500, 500]`: fail twice, then accept); afterwards it answers `thenStatus` (200).
 */
export async function startEventReceiver(
  opts: { statuses?: number[]; thenStatus?: number; secret?: string } = {},
): Promise<EventReceiver> {
  // A subscriber's own check, with the official library: the headers and raw body as they came.
  const arrivalCheck = (
    headers: IncomingHttpHeaders,
    rawBody: string,
  ): ReceivedEvent['verifiedOnArrival'] => {
    if (!opts.secret) return undefined;
    try {
      const payload = new Webhook(opts.secret).verify(rawBody, {
        'webhook-id': header(headers, 'webhook-id') ?? '',
        'webhook-timestamp': header(headers, 'webhook-timestamp') ?? '',
        'webhook-signature': header(headers, 'webhook-signature') ?? '',
      });
      return { ok: true, payload };
    } catch (err) {
      return { ok: false, error: (err as Error).message };
    }
  };
  const received: ReceivedEvent[] = [];
  const script = [...(opts.statuses ?? [])];
  const waiters = new Set<() => void>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const verifiedOnArrival = arrivalCheck(req.headers, rawBody);
      const answered = script.shift() ?? opts.thenStatus ?? 200;
      let body: EventBody;
      try {
        body = JSON.parse(rawBody) as EventBody;
      } catch {
        body = {
          id: '',
          type: '',
          occurredAt: '',
          subject: { type: '', id: '' },
          engagementId: null,
          providerId: null,
          data: {},
        };
      }
      received.push({
        path: req.url ?? '',
        headers: req.headers,
        rawBody,
        body,
        answered,
        receivedAt: new Date(),
        ...(verifiedOnArrival ? { verifiedOnArrival } : {}),
      });
      // A redirect points somewhere else on this receiver: following it would show up in `path`.
      const location = answered >= 300 && answered < 400 ? { location: '/followed-redirect' } : {};
      res.writeHead(answered, { 'content-type': 'application/json', ...location }).end('{"ok":true}');
      for (const wake of waiters) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  // Fresh when it arrived, as a subscriber checks it on receipt (a check made minutes later, at the
  // end of a long test, would find every signature stale); the signature is the library's own.
  const verifyOne = (secret: string, e: ReceivedEvent) => {
    const id = header(e.headers, 'webhook-id');
    const ts = Number(header(e.headers, 'webhook-timestamp'));
    const signatures = header(e.headers, 'webhook-signature')?.split(' ') ?? [];
    if (!id || !Number.isInteger(ts) || Math.abs(ts - e.receivedAt.getTime() / 1000) > 300) return false;
    return signatures.includes(new Webhook(secret).sign(id, new Date(ts * 1000), e.rawBody));
  };

  return {
    url: `http://127.0.0.1:${port}/events`,
    events: () => [...received],
    accepted: () => received.filter((e) => e.answered >= 200 && e.answered < 300),
    verify: (secret, event) =>
      event ? verifyOne(secret, event) : received.length > 0 && received.every((e) => verifyOne(secret, e)),
    waitFor(predicate, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = received.find(predicate);
          if (!hit) return false;
          cleanup();
          resolve(hit);
          return true;
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no matching event within ${timeoutMs} ms; got ${received.length} requests`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(wake);
        };
        const wake = () => void check();
        waiters.add(wake);
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
