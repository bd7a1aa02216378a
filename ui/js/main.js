import { ApiError, getJson, session } from './api.js';
import { h, scrollersFocusable } from './dom.js';
import { renderEngagement } from './views/engagement.js';
import { renderFinance } from './views/finance.js';
import { renderPortfolio } from './views/portfolio.js';
import { renderProvider } from './views/provider.js';

/** @typedef {{ title: string, node: Node }} View */

const main = /** @type {HTMLElement} */ (document.getElementById('main'));
const nav = /** @type {HTMLElement} */ (document.getElementById('nav'));
const announcer = /** @type {HTMLElement} */ (document.getElementById('status'));

/** @type {[RegExp, string, (id: string) => Promise<View>][]} */
const ROUTES = [
  [/^#\/portfolio$/, 'portfolio', () => renderPortfolio()],
  [/^#\/providers\/([\w-]+)$/, 'portfolio', (id) => renderProvider(id)],
  [/^#\/engagements\/([\w-]+)$/, 'portfolio', (id) => renderEngagement(id)],
  [/^#\/finance$/, 'finance', () => renderFinance()],
];

/** Bumped on every navigation: a slow answer for a page already left is dropped. */
let generation = 0;

/**
 * @param {Node} node
 * @param {string} title
 * @param {boolean} focus move focus to the page's heading (after a navigation, not on first load)
 */
function show(node, title, focus) {
  main.replaceChildren(node);
  main.removeAttribute('aria-busy');
  document.title = `${title} · Jalon`;
  announcer.textContent = `${title} loaded`;
  scrollersFocusable(main);
  if (focus) /** @type {HTMLElement | null} */ (main.querySelector('h1'))?.focus();
}

/** @param {string | null} [message] why the key is asked (again) */
function showLogin(message = null) {
  nav.hidden = true;
  const input = h('input', {
    id: 'api-key',
    name: 'apiKey',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
    'aria-describedby': 'api-key-help',
  });
  const error = h('p', { id: 'login-error', class: 'error', role: 'alert' }, message ?? '');
  const form = h(
    'form',
    { class: 'login', novalidate: true },
    h('h1', { tabindex: -1 }, 'Sign in to the dashboard'),
    h('label', { for: 'api-key' }, 'API key'),
    input,
    h(
      'p',
      { id: 'api-key-help', class: 'help' },
      'A key with the pmo or finance role. It stays in this browser tab (session storage) and goes only to this server.',
    ),
    h('button', { type: 'submit' }, 'Open the dashboard'),
    error,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    signIn(input.value.trim(), error);
  });
  show(form, 'Sign in', false);
  input.focus();
}

/**
 * @param {string} key
 * @param {HTMLElement} error
 */
async function signIn(key, error) {
  if (!key) {
    error.textContent = 'Enter an API key.';
    return;
  }
  session.remember(key);
  try {
    session.me = await getJson('/v1/me');
  } catch (err) {
    session.forget();
    error.textContent =
      err instanceof ApiError && err.status === 401
        ? 'This key was refused. Check it and try again.'
        : `The key could not be checked: ${err instanceof Error ? err.message : String(err)}`;
    return;
  }
  if (!location.hash.startsWith('#/')) location.hash = '#/portfolio';
  else route(true);
}

/** @param {boolean} focus */
async function route(focus) {
  if (!session.key()) return showLogin();
  if (!session.me) {
    try {
      session.me = await getJson('/v1/me');
    } catch (err) {
      session.forget();
      return showLogin(err instanceof ApiError && err.status === 401 ? 'Sign in again.' : null);
    }
  }
  const match = ROUTES.map(([re, section, render]) => ({ m: re.exec(location.hash), section, render })).find(
    (r) => r.m,
  );
  if (!match?.m) {
    location.replace('#/portfolio');
    return;
  }
  nav.hidden = false;
  for (const a of nav.querySelectorAll('a')) {
    if (a.dataset.section === match.section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const mine = ++generation;
  main.setAttribute('aria-busy', 'true');
  main.replaceChildren(h('p', { class: 'loading' }, 'Loading…'));
  try {
    const view = await match.render(decodeURIComponent(match.m[1] ?? ''));
    if (mine === generation) show(view.node, view.title, focus);
  } catch (err) {
    if (mine !== generation) return;
    if (err instanceof ApiError && err.status === 401) {
      session.forget();
      return showLogin('The key is no longer accepted. Enter a key again.');
    }
    show(failure(err), 'Error', focus);
  }
}

/** @param {unknown} err */
function failure(err) {
  const detail =
    err instanceof ApiError
      ? err.status === 403
        ? 'This key’s role may not read this page (the dashboard needs a pmo or finance key).'
        : err.status === 404
          ? 'Not found, or not visible with this key.'
          : `${err.message} (${err.code})`
      : 'The server could not be reached.';
  return h(
    'div',
    { class: 'failure' },
    h('h1', { tabindex: -1 }, 'This page could not be shown'),
    h('p', { role: 'alert' }, detail),
    h('p', {}, h('a', { href: '#/portfolio' }, 'Back to the portfolio')),
  );
}

/** @type {HTMLElement} */ (document.getElementById('forget')).addEventListener('click', () => {
  session.forget();
  showLogin('The key was forgotten.');
});
/** @type {HTMLElement} */ (document.querySelector('.skip')).addEventListener('click', (event) => {
  event.preventDefault();
  /** @type {HTMLElement} */ (main.querySelector('h1') ?? main).focus();
});
window.addEventListener('hashchange', () => route(true));
/** @type {number | undefined} */
let resizing;
window.addEventListener('resize', () => {
  clearTimeout(resizing);
  resizing = setTimeout(() => scrollersFocusable(main), 200);
});
route(false);
