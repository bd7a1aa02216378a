import { ApiError } from './api.js';
import { h } from './dom.js';

/**
 * Forms of the workspace: labelled fields, a submit button that is busy while the call runs, and
 * the API's problem (RFC 9457) shown where it belongs: the detail above the button, each bad field
 * of a 422 beside its field (matched by the field's `name`, which is the body's JSON path).
 */

let nextId = 0;
/** @param {string} name */
const fieldId = (name) => `f-${name.replace(/[^\w-]/g, '-')}-${++nextId}`;

/**
 * A labelled input, select or textarea. `control` is made by `h` with at least a `name`.
 * @param {string} label
 * @param {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} control
 * @param {string} [help]
 */
export function field(label, control, help) {
  control.id ||= fieldId(control.name || 'field');
  const helpId = `${control.id}-help`;
  const errorId = `${control.id}-error`;
  control.setAttribute('aria-describedby', help ? `${helpId} ${errorId}` : errorId);
  return h(
    'div',
    { class: 'field' },
    h('label', { for: control.id }, label),
    control,
    help ? h('p', { id: helpId, class: 'help' }, help) : null,
    h('p', { id: errorId, class: 'field-error', 'data-error-for': control.name }),
  );
}

/**
 * @param {string} name
 * @param {Record<string, string | number | boolean>} [attrs]
 */
export const input = (name, attrs = {}) => /** @type {HTMLInputElement} */ (h('input', { name, ...attrs }));

/**
 * @param {string} name
 * @param {[value: string, text: string][]} options
 * @param {string} [selected]
 */
export function select(name, options, selected) {
  const el = /** @type {HTMLSelectElement} */ (
    h('select', { name }, ...options.map(([value, text]) => h('option', { value }, text)))
  );
  if (selected !== undefined) el.value = selected;
  return el;
}

/**
 * @param {string} name
 * @param {Record<string, string | number | boolean>} [attrs]
 */
export const textarea = (name, attrs = {}) =>
  /** @type {HTMLTextAreaElement} */ (h('textarea', { name, rows: 3, ...attrs }));

/** Lines of a textarea, trimmed, without the empty ones. @param {string} text */
export const lines = (text) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** A fresh Idempotency-Key for one user action (a retry of the same action reuses it). */
export const idempotencyKey = () => crypto.randomUUID();

/**
 * A form that calls the API on submit. `submit` receives the form and returns the call's promise;
 * on success `done` runs with its answer (typically: announce and re-render the page); on failure
 * the problem is shown and nothing else changes, so the user corrects and sends again.
 * @template T
 * @param {{
 *   label: string,
 *   submitLabel: string,
 *   children: (Node | null)[],
 *   submit: (form: HTMLFormElement) => Promise<T>,
 *   done: (result: T) => void | Promise<void>,
 *   className?: string,
 * }} spec
 */
export function actionForm(spec) {
  const error = h('p', { class: 'error', role: 'alert' });
  const button = /** @type {HTMLButtonElement} */ (h('button', { type: 'submit' }, spec.submitLabel));
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: `action ${spec.className ?? ''}`.trim(), 'aria-label': spec.label, novalidate: true },
      ...spec.children,
      h('div', { class: 'actions' }, button),
      error,
    )
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (button.disabled) return;
    clearErrors(form, error);
    button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      const result = await spec.submit(form);
      await spec.done(result);
    } catch (err) {
      showProblem(form, error, err);
    } finally {
      button.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });
  return form;
}

/** @param {HTMLFormElement} form @param {HTMLElement} error */
function clearErrors(form, error) {
  error.textContent = '';
  for (const p of form.querySelectorAll('[data-error-for]')) p.textContent = '';
  for (const c of form.querySelectorAll('[aria-invalid]')) c.removeAttribute('aria-invalid');
}

/**
 * @param {HTMLFormElement} form
 * @param {HTMLElement} error
 * @param {unknown} err
 */
function showProblem(form, error, err) {
  if (!(err instanceof ApiError)) {
    error.textContent = `The server could not be reached: ${err instanceof Error ? err.message : String(err)}`;
    return;
  }
  error.textContent = err.message;
  for (const bad of err.errors) {
    const path = bad.path
      .replace(/^\/?body[./]?/, '')
      .replace(/^\//, '')
      .replaceAll('/', '.');
    const slot = [...form.querySelectorAll('[data-error-for]')].find(
      (p) => /** @type {HTMLElement} */ (p).dataset.errorFor === path,
    );
    if (!slot) continue;
    slot.textContent = bad.message;
    form.querySelector(`[name="${CSS.escape(path)}"]`)?.setAttribute('aria-invalid', 'true');
  }
}
