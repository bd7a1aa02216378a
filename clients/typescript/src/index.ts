import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths, webhooks } from './schema.ts';

/**
 * The Jalon API client: openapi-fetch over the types generated from openapi.yaml, so every path,
 * parameter, body and answer is checked by the compiler. Answers are typed as their JSON media
 * type (a list that can also answer CSV or Markdown is still its page type here; ask for those
 * with `parseAs: 'text'` and an Accept header). Errors come back as `error`, a Problem.
 */
export type { components, paths, webhooks };
export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];
export type JalonClient = Client<paths, 'application/json'>;

export interface JalonClientOptions {
  /** The API's root, e.g. `http://127.0.0.1:3000`. */
  readonly baseUrl: string;
  /** An API key: sent as `Authorization: Bearer <key>`. */
  readonly apiKey?: string;
  /** Another fetch (tests, proxies). */
  readonly fetch?: typeof fetch;
}

export function createJalonClient(opts: JalonClientOptions): JalonClient {
  const client = createClient<paths, 'application/json'>({
    baseUrl: opts.baseUrl,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
  if (opts.apiKey) {
    const auth: Middleware = {
      onRequest({ request }) {
        request.headers.set('authorization', `Bearer ${opts.apiKey}`);
        return request;
      },
    };
    client.use(auth);
  }
  return client;
}

/** The data of a successful answer, or an Error carrying the problem's code and detail. */
export async function must<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<NonNullable<T>> {
  const { data, error, response } = await call;
  if (error !== undefined || data === undefined || data === null) {
    const p = error as Partial<Problem> | undefined;
    throw new Error(
      `${response.status} ${p?.code ?? ''}: ${p?.detail ?? (typeof error === 'string' ? error : 'no body')}`,
    );
  }
  return data as NonNullable<T>;
}
