/**
 * A small HTTP client of Jalon's API for the demo and the end-to-end tests: JSON in and out, a
 * bearer key, and `expect` that fails loudly (with the problem body) on an unexpected status.
 */

export type Json = Record<string, unknown>;

export class JalonCallFailed extends Error {
  readonly status: number;
  readonly body: unknown;
  constructor(method: string, path: string, status: number, body: unknown) {
    super(`${method} ${path} answered ${status}: ${typeof body === 'string' ? body : JSON.stringify(body)}`);
    this.name = 'JalonCallFailed';
    this.status = status;
    this.body = body;
  }
}

export interface JalonResponse<T = Json> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

export interface JalonClient {
  readonly url: string;
  readonly key: string;
  request<T = Json>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<JalonResponse<T>>;
  /** The JSON body of a call that must answer one of `ok` (2xx by default). */
  expect<T = Json>(method: string, path: string, body?: unknown, ok?: readonly number[]): Promise<T>;
  /** The same client with another API key. */
  as(key: string): JalonClient;
}

export function createJalonClient(url: string, key: string): JalonClient {
  const root = url.replace(/\/+$/, '');
  const client: JalonClient = {
    url: root,
    key,
    async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
      const res = await fetch(`${root}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text === '' ? null : JSON.parse(text);
      } catch {
        // not JSON (CSV, HTML): the text as is
      }
      return { status: res.status, body: parsed as T, headers: res.headers };
    },
    async expect<T>(method: string, path: string, body?: unknown, ok: readonly number[] = []) {
      const res = await client.request<T>(method, path, body);
      const fine = ok.length > 0 ? ok.includes(res.status) : res.status >= 200 && res.status < 300;
      if (!fine) throw new JalonCallFailed(method, path, res.status, res.body);
      return res.body;
    },
    as: (other) => createJalonClient(root, other),
  };
  return client;
}

/** Polls `probe` until it returns something truthy; throws naming `what` after `timeoutMs`. */
export async function waitUntil<T>(
  probe: () => Promise<T | null | undefined | false>,
  what: string,
  timeoutMs = 30_000,
  everyMs = 150,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
