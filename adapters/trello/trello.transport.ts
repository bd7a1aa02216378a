import { buildUrl, type Client, type SendRequestOptions } from 'trello.js/core';

/**
 * The HTTP layer trello.js's generated calls run on. trello.js lets a `Client` be passed to
 * `createTrelloClient` instead of a config; its own client is replaced here because it
 *  - retries every 429 by itself (2 s, 4 s, 8 s), which would fight Jalon's limiter, and
 *  - throws `Error('Request failed: <status> …')`, dropping the status and the `x-rate-limit-*`
 *    headers the error mapper needs.
 * See node_modules/trello.js/dist/core/createClient.js. URLs, query strings, key and token are
 * built exactly as trello.js builds them (its `buildUrl`); each call is sent once.
 *
 * Responses are returned unparsed (trello.js's `skipParsing` behaviour): the adapter validates the
 * fields it reads with its own schemas (trello.payloads.ts), so the SDK's return types are not
 * trusted and its values are treated as `unknown`.
 */

/** A non-2xx answer from Trello, with what the error mapper needs. Never carries the URL (it holds the token). */
export class TrelloHttpError extends Error {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
  constructor(method: string, path: string, status: number, headers: Headers, body: string) {
    super(`Trello answered ${status} to ${method} ${path}`);
    this.name = 'TrelloHttpError';
    this.status = status;
    this.headers = headers;
    this.body = body.slice(0, 2000);
  }
}

export interface TransportConfig {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly apiToken: string;
}

export const TRELLO_API_ROOT = 'https://api.trello.com/1';

function encodeBody(body: unknown): { body?: string; headers: Record<string, string> } {
  if (body === undefined || body === null) return { headers: {} };
  if (typeof body === 'string') return { body, headers: {} };
  return { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
}

async function readJson(response: Response): Promise<unknown> {
  const type = response.headers.get('content-type') ?? '';
  if (response.status === 204 || !type.includes('application/json')) {
    await response.body?.cancel();
    return undefined;
  }
  return response.json();
}

export function createTrelloTransport(config: TransportConfig): Client {
  const root = config.baseUrl.replace(/\/$/, '');
  return {
    async sendRequest<T>(options: SendRequestOptions<T>): Promise<T> {
      const method = options.method ?? 'GET';
      const url = buildUrl(root + options.url, {
        ...options.searchParams,
        key: config.apiKey,
        token: config.apiToken,
      });
      const { body, headers } = encodeBody(options.body);
      const response = await fetch(url, {
        method,
        headers: { accept: 'application/json', ...headers, ...options.headers },
        ...(body === undefined ? {} : { body }),
      });
      if (!response.ok) {
        // GET /tokens/{token}/webhooks puts the token in the path: keep it out of the error.
        const path = options.url.replaceAll(config.apiToken, '{token}');
        throw new TrelloHttpError(method, path, response.status, response.headers, await response.text());
      }
      // Deliberately unparsed: see the comment at the top of this file.
      return (await readJson(response)) as T;
    },
  };
}
