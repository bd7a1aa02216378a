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
  forget: () => sessionStorage.removeItem(KEY),
};

/** An answer other than 2xx, with the problem's code and detail (RFC 9457). */
export class ApiError extends Error {
  /** @param {number} status @param {string} code @param {string} detail */
  constructor(status, code, detail) {
    super(detail);
    this.status = status;
    this.code = code;
  }
}

/**
 * @param {string} path
 * @param {string} accept
 */
async function request(path, accept) {
  const key = session.key();
  if (!key) throw new ApiError(401, 'no_key', 'No API key yet');
  const res = await fetch(path, {
    headers: { authorization: `Bearer ${key}`, accept },
    cache: 'no-store',
    credentials: 'omit',
  });
  if (res.ok) return res;
  /** @type {{ code?: string, detail?: string }} */
  let problem = {};
  try {
    problem = await res.json();
  } catch {
    // not a problem+json body (a proxy's page): the status says enough
  }
  throw new ApiError(res.status, problem.code ?? 'http_error', problem.detail ?? res.statusText);
}

/**
 * @template T
 * @param {string} path
 * @returns {Promise<T>}
 */
export async function getJson(path) {
  return (await request(path, 'application/json')).json();
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
    const res = await request(pageUrl(path, cursor), 'text/csv');
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
