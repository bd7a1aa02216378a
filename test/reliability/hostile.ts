import fc from 'fast-check';
import { deref, type JsonSchema } from './routes.ts';

/**
 * Arbitraries for hostile input: values of the wrong type, boundaries, huge strings, deep
 * nesting, prototype-pollution keys and awkward unicode, mixed with values that fit the schema so
 * requests also reach the handlers behind validation.
 */

type Doc = Parameters<typeof deref>[0];

const HUGE = 'x'.repeat(100_000);
const nested = (depth: number, leaf: unknown, asArray: boolean): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v };
  return v;
};
/** Own `__proto__` / `constructor` keys, as JSON.parse makes them (an object literal would not). */
const PROTO = JSON.parse(
  '{"__proto__":{"role":"admin","polluted":true},"constructor":{"prototype":{"x":1}}}',
);

export const awkwardString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u202e\u0301🧨',
    '../../etc/passwd',
    "' OR 1=1 --",
    '%00%ff',
    '2027-02-30',
    '9999-12-31',
    '0000-00-00',
    '2027-01-04T25:61:00Z',
    'NaN',
    '-1',
    'null',
    '__proto__',
    'constructor',
    'prv_00000000000000000000000000',
    HUGE,
  ),
);

const boundaryNumber = fc.constantFrom(
  -1,
  0,
  0.5,
  -0.0001,
  2 ** 31,
  2 ** 53 + 2,
  -(2 ** 63),
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER,
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  boundaryNumber,
  awkwardString,
  fc.constant(nested(200, 'deep', false)),
  fc.constant(nested(200, 1, true)),
  fc.constant(PROTO),
  fc.constant([]),
  fc.constant({}),
  fc.jsonValue({ maxDepth: 3 }),
);

const typeOf = (s: JsonSchema): string | undefined => (Array.isArray(s.type) ? s.type[0] : s.type);

/** A value shaped like the schema (not always valid: dates, ids and bounds stay random). */
export function fitting(doc: Doc, raw: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  const s = deref(doc, raw);
  const choices = s.anyOf ?? s.oneOf;
  if (choices?.length) return fc.oneof(...choices.map((c) => fitting(doc, c, depth)));
  if (s.allOf?.[0]) return fitting(doc, s.allOf[0], depth);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  if (s.const !== undefined) return fc.constant(s.const);
  switch (typeOf(s)) {
    case 'string':
      return s.format === 'date'
        ? fc.constantFrom('2027-03-01', '2027-02-29', '1970-01-01')
        : s.format === 'date-time'
          ? fc.constantFrom('2027-02-01T10:00:00Z', '2027-02-01T10:00:00.000+02:00')
          : s.format === 'email'
            ? fc.constant('a@b.example')
            : fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), awkwardString);
    case 'integer':
      return fc.oneof(fc.integer({ min: 0, max: 10_000 }), boundaryNumber);
    case 'number':
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), boundaryNumber);
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 3 ? fc.constant([]) : fc.array(field(doc, s.items ?? {}, depth + 1), { maxLength: 3 });
    case 'object':
      return depth > 3 ? fc.constant({}) : objectOf(doc, s, depth + 1);
    default:
      return hostileValue;
  }
}

/** Mostly fitting, sometimes hostile. */
const field = (doc: Doc, s: JsonSchema, depth: number): fc.Arbitrary<unknown> =>
  fc.oneof({ arbitrary: fitting(doc, s, depth), weight: 4 }, { arbitrary: hostileValue, weight: 1 });

function objectOf(doc: Doc, s: JsonSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const props = s.properties ?? {};
  const record = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, field(doc, v, depth)]));
  return fc
    .tuple(fc.record(record, { requiredKeys: s.required?.filter((k) => k in props) ?? [] }), fc.boolean())
    .map(([o, polluted]) => (polluted ? { ...PROTO, ...o } : o));
}

/** A request body for the schema: whole-body garbage or an object whose fields go wrong. */
export const bodyFor = (doc: Doc, schema: JsonSchema | null): fc.Arbitrary<unknown> =>
  schema
    ? fc.oneof({ arbitrary: fitting(doc, schema), weight: 3 }, { arbitrary: hostileValue, weight: 1 })
    : fc.option(hostileValue, { nil: undefined });
