import {
  createJalonClient as createTypedClient,
  must,
  type JalonClient as TypedClient,
} from '../../clients/typescript/src/index.ts';

/**
 * Jalon's API for the demo and the end-to-end tests, with a bearer key: `api` is the typed client
 * generated from openapi.yaml (clients/typescript), which the demo uses so that it proves the
 * published contract; `must` unwraps its answer or fails loudly with the problem. `request` and
 * `expect` are untyped JSON calls, for what the contract does not describe (the UI, /openapi.json).
 */
export { must };

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
  /** The typed client (openapi-fetch over the generated types), with this key. */
  readonly api: TypedClient;
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
    api: createTypedClient({ baseUrl: root, apiKey: key }),
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
