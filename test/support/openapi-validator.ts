import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/**
 * Checks real answers against the committed openapi.yaml, written independently of the code that
 * generates it: the operation is found by method and path template, the response by status (or
 * its `4XX` range) and media type; the body is validated with ajv (JSON Schema 2020-12, formats
 * checked) against the document's own schema, and the headers against the response's headers.
 */
type Json = Record<string, unknown>;

export interface Answer {
  readonly statusCode: number;
  readonly headers: Record<string, string | string[] | number | undefined>;
  readonly body: string;
}

/** Headers Jalon sends whose presence the document must declare. */
const DECLARED = ['location', 'x-next-cursor', 'idempotent-replayed', 'retry-after', 'x-request-id'];

export function contractValidator(
  yamlText = readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8'),
) {
  const doc = parse(yamlText) as Json;
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats.default(ajv);
  ajv.addSchema({ ...doc, $id: 'openapi' });
  const paths = Object.keys(doc.paths as Json).map((template) => ({
    template,
    regex: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }));
  const esc = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1');

  /** The problems found; empty when the answer conforms. */
  function check(method: string, url: string, res: Answer): string[] {
    const path = url.split('?')[0] ?? url;
    const found = paths.find((p) => p.regex.test(path));
    if (!found) return [`no path in openapi.yaml matches ${path}`];
    const m = method.toLowerCase();
    const op = ((doc.paths as Json)[found.template] as Json)[m] as Json | undefined;
    if (!op) return [`${method} ${found.template} is not in openapi.yaml`];
    const responses = op.responses as Record<string, Json>;
    const status = String(res.statusCode);
    const key = status in responses ? status : `${status[0]}XX` in responses ? `${status[0]}XX` : null;
    if (!key) return [`${method} ${found.template} does not declare ${status}`];
    const response = responses[key] as Json;
    const errors: string[] = [];
    const declared = new Map(
      Object.entries((response.headers ?? {}) as Record<string, Json>).map(([n, h]) => [n.toLowerCase(), h]),
    );
    for (const name of DECLARED)
      if (res.headers[name] !== undefined && !declared.has(name))
        errors.push(`${status} sends ${name}, which is not declared`);
    for (const [name, h] of declared) {
      const resolved = (h.$ref ? resolve(doc, h.$ref as string) : h) as Json;
      if (resolved.required && res.headers[name] === undefined)
        errors.push(`${status} lacks required ${name}`);
    }
    const content = response.content as Record<string, Json> | undefined;
    if (!content)
      return res.body.length === 0 ? errors : [...errors, `${status} has a body but declares none`];
    const type = String(res.headers['content-type'] ?? '')
      .split(';')[0]
      ?.trim();
    if (!type || !content[type])
      return [...errors, `${status} sent ${type}; declared ${Object.keys(content)}`];
    if (!type.endsWith('json')) return errors;
    const pointer = `openapi#/paths/${esc(found.template)}/${m}/responses/${key}/content/${esc(type)}/schema`;
    const validate = ajv.getSchema(pointer) ?? ajv.compile({ $ref: pointer });
    if (!validate(JSON.parse(res.body)))
      errors.push(...(validate.errors ?? []).map((e) => `${status} body${e.instancePath} ${e.message}`));
    return errors;
  }

  /** Validates a value against a component schema (`Foo` → #/components/schemas/Foo). */
  function checkSchema(component: string, value: unknown): string[] {
    const pointer = `openapi#/components/schemas/${component}`;
    const validate = ajv.getSchema(pointer) ?? ajv.compile({ $ref: pointer });
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  }

  return { doc, check, checkSchema };
}

function resolve(doc: Json, ref: string): unknown {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, part) => (node as Json)?.[part.replaceAll('~1', '/').replaceAll('~0', '~')], doc);
}
