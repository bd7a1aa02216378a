import diagnosticsChannel from 'node:diagnostics_channel';

/** One outgoing request of this process (fetch/undici), as its diagnostics channels report it. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  /** When the request was created (ms since the epoch). */
  readonly at: number;
  status?: number;
  /** The answer's Retry-After header, in seconds, when it had one. */
  retryAfterSeconds?: number;
}

interface UndiciRequest {
  readonly origin: string;
  readonly method: string;
  readonly path: string;
}
interface UndiciResponse {
  readonly statusCode: number;
  readonly headers: readonly (Buffer | string)[];
}

/**
 * Records the requests this process sends to `origin` through fetch (undici's
 * `undici:request:create` and `undici:request:headers` channels): when each left and what came
 * back, so a test can tell whether a client waited as a Retry-After asked. In-process only.
 */
export function recordRequests(origin: string) {
  const log: RecordedRequest[] = [];
  const open = new WeakMap<object, RecordedRequest>();
  const created = (message: unknown) => {
    const { request } = message as { request: UndiciRequest };
    if (request.origin !== origin) return;
    const entry: RecordedRequest = { method: request.method, path: request.path, at: Date.now() };
    open.set(request, entry);
    log.push(entry);
  };
  const answered = (message: unknown) => {
    const { request, response } = message as { request: UndiciRequest; response: UndiciResponse };
    const entry = open.get(request);
    if (!entry) return;
    entry.status = response.statusCode;
    for (let i = 0; i + 1 < response.headers.length; i += 2) {
      if (String(response.headers[i]).toLowerCase() === 'retry-after') {
        entry.retryAfterSeconds = Number(String(response.headers[i + 1]));
      }
    }
  };
  diagnosticsChannel.subscribe('undici:request:create', created);
  diagnosticsChannel.subscribe('undici:request:headers', answered);
  return {
    requests: (): readonly RecordedRequest[] => log,
    stop() {
      diagnosticsChannel.unsubscribe('undici:request:create', created);
      diagnosticsChannel.unsubscribe('undici:request:headers', answered);
    },
  };
}
