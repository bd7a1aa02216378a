/**
 * The public API, with the key the user typed. The key lives in sessionStorage: this tab only,
 * gone when it closes, sent only to this origin (connect-src 'self').
 */

const KEY = 'jalon.apiKey';

export const session = {
  /** @returns {string | null} */
  key: () => sessionStorage.getItem(KEY),
  /** @param {string} key */
  remember: (key) => sessionStorage.setItem(KEY, key),
  forget: () => {
    sessionStorage.removeItem(KEY);
    session.me = null;
    session.csrf = null;
  },
  /**
   * The CSRF token every state-changing request carries (X-CSRF-Token) when the browser signs in
   * with a session cookie; null until the sign-in code sets it.
   * @type {string | null}
   */
  csrf: null,
  /**
   * Who is signed in (GET /v1/me): views show the actions of this role only. Loaded by main.js
   * before the first page renders, so a view may read it synchronously.
   * @type {{ kind: 'api_key' | 'user', role: 'admin' | 'pmo' | 'finance' | 'provider', providerId: string | null } | null}
   */
  me: null,
};

/** The signed-in role, for views deciding which actions to offer (the API decides what is allowed). */
export const role = () => session.me?.role ?? null;

/** An answer other than 2xx, with the problem's code and detail (RFC 9457). */
export class ApiError extends Error {
  /**
   * @param {number} status @param {string} code @param {string} detail
   * @param {{ path: string, message: string }[]} [errors] the bad fields of a 422
   */
  constructor(status, code, detail, errors = []) {
    super(detail);
    this.status = status;
    this.code = code;
    this.errors = errors;
  }
}

/** @param {Response} res */
async function failed(res) {
  /** @type {{ code?: string, detail?: string, errors?: { path: string, message: string }[] }} */
  let problem = {};
  try {
    problem = await res.json();
  } catch {
    // not a problem+json body (a proxy's page): the status says enough
  }
  return new ApiError(
    res.status,
    problem.code ?? 'http_error',
    problem.detail ?? res.statusText,
    problem.errors,
  );
}

/**
 * Every call of the API goes through here: the key, `accept`, no caching, and a problem turned
 * into an ApiError. State-changing calls add the CSRF token once sign-in has set one.
 * @param {string} path
 * @param {{ accept: string, method?: string, headers?: Record<string, string>, body?: string | null }} init
 */
async function request(path, { accept, method = 'GET', headers = {}, body = null }) {
  const key = session.key();
  if (!key) throw new ApiError(401, 'no_key', 'No API key yet');
  /** @type {Record<string, string>} */
  const all = { authorization: `Bearer ${key}`, accept, ...headers };
  if (method !== 'GET' && session.csrf) all['x-csrf-token'] = session.csrf;
  const res = await fetch(path, { method, headers: all, body, cache: 'no-store', credentials: 'omit' });
  if (res.ok) return res;
  throw await failed(res);
}

/**
 * A state-changing call of the public API (POST, PUT, PATCH, DELETE) with a JSON body; resolves
 * to the JSON answer, or null for 204. Money-moving calls pass an Idempotency-Key, so a double
 * click or a retried request does the thing once.
 * @template T
 * @param {'POST' | 'PUT' | 'PATCH' | 'DELETE'} method
 * @param {string} path
 * @param {unknown} [body]
 * @param {{ idempotencyKey?: string }} [options]
 * @returns {Promise<T>}
 */
export async function send(method, path, body, options = {}) {
  /** @type {Record<string, string>} */
  const headers = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  const res = await request(path, {
    accept: 'application/json',
    method,
    headers,
    body: body === undefined ? null : JSON.stringify(body),
  });
  return res.status === 204 ? /** @type {T} */ (null) : res.json();
}

/**
 * @template T
 * @param {string} path
 * @returns {Promise<T>}
 */
export async function getJson(path) {
  return (await request(path, { accept: 'application/json' })).json();
}

/**
 * @param {string} path
 * @param {string | null} cursor
 */
function pageUrl(path, cursor) {
  const url = new URL(path, location.origin);
  url.searchParams.set('limit', '500');
  if (cursor) url.searchParams.set('cursor', cursor);
  return `${url.pathname}${url.search}`;
}

/** Enough for any portfolio a PMO reads on one screen; past it the page says it was cut. */
export const MAX_PAGES = 20;

/**
 * Every item of a paginated list, following nextCursor (500 a page, at most MAX_PAGES pages).
 * @template T
 * @param {string} path
 * @returns {Promise<{ items: T[], complete: boolean }>}
 */
export async function getAll(path) {
  /** @type {T[]} */
  const items = [];
  /** @type {string | null} */
  let cursor = null;
  for (let n = 0; n < MAX_PAGES; n += 1) {
    /** @type {import('./types.js').Page<T>} */
    const page = await getJson(pageUrl(path, cursor));
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) return { items, complete: true };
  }
  return { items, complete: false };
}

/**
 * A CSV export of every page (the API sends the next cursor in X-Next-Cursor), one header line.
 * @param {string} path
 */
export async function getCsv(path) {
  let text = '';
  /** @type {string | null} */
  let cursor = null;
  for (let n = 0; n < MAX_PAGES; n += 1) {
    const res = await request(pageUrl(path, cursor), { accept: 'text/csv' });
    const body = await res.text();
    text += n === 0 ? body : body.slice(body.indexOf('\n') + 1);
    cursor = res.headers.get('x-next-cursor');
    if (!cursor) return text;
  }
  throw new ApiError(
    413,
    'export_too_large',
    `More than ${MAX_PAGES * 500} rows: export them through the API`,
  );
}
