import type { SwaggerTransform, SwaggerTransformObject } from '@fastify/swagger';
import { createJsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EventType } from '../core/events.ts';
import { EVENT_DATA, eventBody } from './event-payloads.ts';
import { PROBLEM_CONTENT_TYPE, TITLES } from './problem.ts';

/**
 * The rules every operation of the published contract follows, applied to the generated document
 * so that each route (those added later included) gets them without declaring them:
 * - errors are `application/problem+json`; every operation may answer 503 (overload, a database
 *   outage; with Retry-After), and every one that can carry a body 413 and 415;
 * - every answer carries X-Request-Id, every 201 Location, and every 2xx of an operation taking
 *   Idempotency-Key may carry Idempotent-Replayed;
 * - a body the route accepts as absent is `required: false`;
 * - zod's input twin of a schema (`FooInput`) is kept only where it differs from `Foo`, and
 *   components nothing references are dropped;
 * - outgoing events are described under `webhooks:` (OpenAPI 3.1) from src/http/event-payloads.ts.
 * Route-specific response headers are declared with `withHeaders` (schemas.ts).
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const OPTIONAL_BODY = 'x-jalon-optional-body';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const WITH_BODY = new Set(['put', 'post', 'patch', 'delete']);
const PROBLEM_REF = '#/components/schemas/Problem';

const zodTransform = createJsonSchemaTransform({});

const headerJson = (schema: z.ZodType): Json => {
  const { $schema: _s, ...json } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output' }) as Json;
  return json;
};

/** Per route: response headers declared with `withHeaders`, and a body that may be absent. */
export const contractTransform: SwaggerTransform = (document) => {
  const schema = document.schema as Json | undefined;
  if (!schema) return zodTransform(document);
  const headers = new Map<string, Json>();
  let response = schema.response as Json | undefined;
  if (isObject(response)) {
    response = Object.fromEntries(
      Object.entries(response).map(([status, r]) => {
        if (!isObject(r) || !isObject(r.headers)) return [status, r];
        const { headers: declared, ...rest } = r;
        headers.set(
          status,
          Object.fromEntries(Object.entries(declared).map(([n, h]) => [n, headerJson(h as z.ZodType)])),
        );
        return [status, rest];
      }),
    );
  }
  let body = schema.body as z.ZodType | undefined;
  const optionalBody = body instanceof z.ZodType && body.safeParse(undefined).success;
  // Documented as the object it takes when present: "absent" is `required: false`, not a null schema.
  while (body instanceof z.ZodOptional || body instanceof z.ZodNullable) body = body.unwrap() as z.ZodType;
  const out = zodTransform({
    ...document,
    schema: { ...schema, ...(response ? { response } : {}), ...(body ? { body } : {}) },
  } as Parameters<SwaggerTransform>[0]);
  const transformed = out.schema as Json;
  for (const [status, h] of headers) {
    const r = (transformed.response as Json)[status] as Json;
    r.headers = h;
  }
  if (optionalBody) transformed[OPTIONAL_BODY] = true;
  return out;
};

const header = (description: string, schema: Json = { type: 'string' }, required = false): Json => ({
  description,
  required,
  schema,
});

const COMMON_HEADERS: Json = {
  RequestId: header('The id of this request, also in problems and logs', { type: 'string' }, true),
  Location: header('The URL of the created resource', { type: 'string', format: 'uri-reference' }, true),
  IdempotentReplayed: header(
    '`true` when this is the stored answer to an earlier request with the same key',
    {
      type: 'string',
      enum: ['true'],
    },
  ),
  RetryAfter: header('Seconds to wait before retrying', { type: 'string', pattern: '^[0-9]+$' }),
};
const ref = (name: string) => ({ $ref: `#/components/headers/${name}` });

function problemResponse(status: number): Json {
  return {
    description: TITLES[status] ?? 'Error',
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: PROBLEM_REF } } },
  };
}

function finishOperation(method: string, op: Json): void {
  if (op[OPTIONAL_BODY]) {
    delete op[OPTIONAL_BODY];
    if (isObject(op.requestBody)) op.requestBody.required = false;
  }
  const responses = (op.responses ?? {}) as Record<string, Json>;
  const extra = [503, ...(WITH_BODY.has(method) ? [413, 415] : [])];
  for (const status of extra) responses[status] ??= problemResponse(status);
  const idempotent =
    Array.isArray(op.parameters) &&
    op.parameters.some((p) => isObject(p) && p.in === 'header' && p.name === 'idempotency-key');
  for (const [status, r] of Object.entries(responses)) {
    const content = r.content as Record<string, Json> | undefined;
    // An error answered with the Problem schema is sent as application/problem+json (problem.ts).
    const json = content?.['application/json'];
    if (Number(status) >= 400 && content && json && (json.schema as Json)?.$ref === PROBLEM_REF) {
      content[PROBLEM_CONTENT_TYPE] = json;
      delete content['application/json'];
    }
    const headers = { ...((r.headers as Json) ?? {}), 'X-Request-Id': ref('RequestId') } as Json;
    if (status === '201') headers.Location = ref('Location');
    if (idempotent && status.startsWith('2')) headers['Idempotent-Replayed'] = ref('IdempotentReplayed');
    if (status === '503' || status === '429') headers['Retry-After'] = ref('RetryAfter');
    r.headers = headers;
  }
  op.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
}

/** Every `$ref` string in `node`, rewritten by `rename` when it returns one. */
function walkRefs(node: unknown, visit: (ref: string) => string | undefined): void {
  if (Array.isArray(node)) for (const n of node) walkRefs(n, visit);
  else if (isObject(node)) {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') {
        const next = visit(v);
        if (next !== undefined) node[k] = next;
      } else walkRefs(v, visit);
    }
  }
}

const SCHEMA_REF = '#/components/schemas/';

/**
 * zod emits an input and an output variant of each named schema. `FooInput` is merged into `Foo`
 * when both are the same once their references are merged too (the largest such set, so schemas
 * that refer to each other merge together); a real difference (a default, a transform) keeps it.
 */
function mergeInputTwins(doc: Json): void {
  const schemas = ((doc.components as Json).schemas ?? {}) as Record<string, unknown>;
  const twins = new Set(Object.keys(schemas).filter((n) => n.endsWith('Input') && n.slice(0, -5) in schemas));
  const renamed = (node: unknown) => {
    const copy = structuredClone(node);
    walkRefs(copy, (r) => {
      const name = r.slice(SCHEMA_REF.length);
      return r.startsWith(SCHEMA_REF) && twins.has(name) ? SCHEMA_REF + name.slice(0, -5) : undefined;
    });
    return JSON.stringify(copy);
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const twin of twins) {
      if (renamed(schemas[twin]) !== renamed(schemas[twin.slice(0, -5)])) {
        twins.delete(twin);
        changed = true;
      }
    }
  }
  for (const twin of twins) delete schemas[twin];
  walkRefs(doc, (r) => {
    const name = r.slice(SCHEMA_REF.length);
    return r.startsWith(SCHEMA_REF) && twins.has(name) ? SCHEMA_REF + name.slice(0, -5) : undefined;
  });
}

/** Drops the components no operation, webhook or used component refers to. */
function pruneUnused(doc: Json): void {
  const components = doc.components as Record<string, Record<string, unknown>>;
  const used = new Set<string>();
  const visit = (node: unknown) =>
    walkRefs(node, (r) => {
      if (!used.has(r)) {
        used.add(r);
        const [, , kind, name] = r.split('/');
        if (kind && name) visit(components[kind]?.[name]);
      }
      return undefined;
    });
  visit(doc.paths);
  visit(doc.webhooks);
  for (const kind of ['schemas', 'headers', 'responses', 'parameters']) {
    for (const name of Object.keys(components[kind] ?? {}))
      if (!used.has(`#/components/${kind}/${name}`)) delete components[kind]?.[name];
  }
}

/** `FooInput` keeps its plain name when only the input variant is used (a request body's). */
function nameLoneInputs(doc: Json): void {
  const schemas = ((doc.components as Json).schemas ?? {}) as Record<string, unknown>;
  const lone = new Set(
    Object.keys(schemas).filter((n) => n.endsWith('Input') && !(n.slice(0, -5) in schemas)),
  );
  for (const name of lone) {
    schemas[name.slice(0, -5)] = schemas[name];
    delete schemas[name];
  }
  walkRefs(doc, (r) => {
    const name = r.slice(SCHEMA_REF.length);
    return r.startsWith(SCHEMA_REF) && lone.has(name) ? SCHEMA_REF + name.slice(0, -5) : undefined;
  });
  doc.components = { ...(doc.components as Json), schemas: sortKeys(schemas) };
}

const sortKeys = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

/** The component name of an event's body: `milestone.unlocked` → `MilestoneUnlockedEvent`. */
export const eventComponent = (type: string) =>
  `${type
    .split(/[._]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('')}Event`;

/** Registered once (zod's global registry), so the document emits each body as a component. */
for (const type of EventType.options) eventBody(type).meta({ id: eventComponent(type) });

function webhooks(): Json {
  return Object.fromEntries(
    EventType.options.map((type) => [
      type,
      {
        post: {
          operationId: `event_${type.replace('.', '_')}`,
          tags: ['events'],
          summary: EVENT_DATA[type].summary,
          description: `Sent to each subscription that lists \`${type}\`, signed as Standard Webhooks (docs/EVENTS.md).`,
          security: [],
          parameters: [
            { name: 'webhook-id', in: 'header', required: true, schema: { type: 'string' } },
            { name: 'webhook-timestamp', in: 'header', required: true, schema: { type: 'string' } },
            {
              name: 'webhook-signature',
              in: 'header',
              required: true,
              description: 'One or more space-separated `v1,<base64 HMAC-SHA256>`',
              schema: { type: 'string' },
            },
            {
              name: 'jalon-event-type',
              in: 'header',
              required: true,
              schema: { type: 'string', const: type },
            },
          ],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: SCHEMA_REF + eventComponent(type) } } },
          },
          responses: {
            '2XX': { description: 'Acknowledged: the event is not sent again' },
            '4XX': {
              description: 'Refused (a bad signature, for one): a failed attempt, retried with backoff',
            },
            '5XX': { description: 'A failed attempt, retried with backoff' },
          },
        },
      },
    ]),
  );
}

/** The whole document: zod's components, then the contract's rules above. */
export const contractTransformObject: SwaggerTransformObject = (input) => {
  const doc = jsonSchemaTransformObject(input) as Json;
  for (const item of Object.values((doc.paths ?? {}) as Record<string, Json>))
    for (const method of METHODS) if (isObject(item[method])) finishOperation(method, item[method]);
  doc.webhooks = webhooks();
  const components = doc.components as Json;
  components.headers = { ...((components.headers as Json) ?? {}), ...COMMON_HEADERS };
  mergeInputTwins(doc);
  pruneUnused(doc);
  nameLoneInputs(doc);
  return doc as ReturnType<SwaggerTransformObject>;
};
