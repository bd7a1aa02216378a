import type { FastifyInstance } from 'fastify';
import type { Role } from '../../src/core/auth.ts';
import type { TestApp } from '../support/app.ts';
import { rawQuery } from '../support/engagement.ts';

/** The slice of an OpenAPI document the reliability suites walk. */
export interface JsonSchema {
  type?: string | string[];
  $ref?: string;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
}

export interface Parameter {
  readonly in: 'path' | 'query' | 'header';
  readonly name: string;
  readonly required?: boolean;
  readonly schema?: JsonSchema;
}

export interface Operation {
  readonly method: string;
  /** OpenAPI path, with `{param}` placeholders. */
  readonly path: string;
  readonly parameters: readonly Parameter[];
  readonly body: JsonSchema | null;
  /** The roles the route's guard admits (admin included); null for a route without an API key. */
  readonly roles: readonly Role[] | null;
}

interface RawOperation {
  description?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  security?: unknown[];
}

interface Document {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

const ROLES_LINE = /Roles: ([a-z, ]+)\./;

/** Every operation the app documents, read from the live OpenAPI document. */
export function operationsOf(app: FastifyInstance): { ops: Operation[]; doc: Document } {
  const doc = app.swagger() as unknown as Document;
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]): Operation => {
      const roles = ROLES_LINE.exec(op.description ?? '')?.[1];
      return {
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
        roles: roles ? (roles.split(', ') as Role[]) : null,
      };
    }),
  );
  return { ops, doc };
}

/** Follows `$ref`s into the document's components. */
export function deref(doc: Document, schema: JsonSchema): JsonSchema {
  let s = schema;
  for (let i = 0; s.$ref && i < 20; i++) {
    const name = s.$ref.split('/').pop() ?? '';
    s = doc.components?.schemas?.[name] ?? {};
  }
  return s;
}

/** Fills an OpenAPI path template. */
export const fillPath = (path: string, values: Record<string, string>): string =>
  path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(values[name] ?? 'x'));

export const operationName = (op: Operation): string => `${op.method} ${op.path}`;

/**
 * A cheap fingerprint of everything stored: the row count of every table and the newest audit
 * sequence number (every audited update appends one).
 */
export async function fingerprint(t: TestApp): Promise<Record<string, number>> {
  const tables = await rawQuery<{ table_name: string }>(
    t,
    "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
  );
  const parts = tables.map(
    (r) => `select '${r.table_name}' as name, count(*)::int as n from "${r.table_name}"`,
  );
  parts.push("select 'audit_seq' as name, coalesce(max(seq), 0)::int as n from audit_log");
  const rows = await rawQuery<{ name: string; n: number }>(t, parts.join(' union all '));
  return Object.fromEntries(rows.map((r) => [r.name, r.n]));
}
