/**
 * SQL expressions that write JSON text the way the HTTP layer's serializer (zod encode, then
 * JSON.stringify) writes it: keys in the schema's order, no spaces, `null` for SQL NULL, instants
 * as `Date#toISOString()` (UTC, milliseconds, `Z`; PostgreSQL's `MS` truncates microseconds as
 * JavaScript's Date does). For the hot read routes, whose answers PostgreSQL then builds in one text
 * value instead of rows that Node maps, validates and serialises (bench/README.md, issue 6).
 *
 * PostgreSQL's own json_build_object/json_agg are not used: they put spaces after `:` and `,` (and
 * jsonb reorders keys), so the answers would no longer be byte for byte what they were. Strings go
 * through to_json, whose escaping (`\"`, `\\`, `\b \f \n \r \t`, other controls as `\u00xx`) is
 * JSON.stringify's. The arguments are SQL written in this codebase, never request input.
 */

/*
 * Every builder keeps SQL NULL as NULL (a value the response schema requires but the row lacks);
 * the `…OrNull` ones write JSON `null` for it (fields the schema declares nullable). A NULL part
 * makes its whole object NULL (`||` is strict), which the repositories refuse as a broken row.
 */

/** A text (or date) expression as a JSON string. */
export const jsonString = (expr: string): string => `to_json(${expr})::text`;
export const jsonStringOrNull = (expr: string): string => `coalesce(to_json(${expr})::text, 'null')`;

/** An integer expression (int, bigint, numeric without fraction) or a boolean as its JSON literal. */
export const jsonLiteral = (expr: string): string => `(${expr})::text`;
export const jsonLiteralOrNull = (expr: string): string => `coalesce((${expr})::text, 'null')`;

/** A timestamptz expression as its `toISOString()`. */
export const jsonInstantOrNull = (expr: string): string =>
  `coalesce('"' || to_char((${expr}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null')`;

/** An object of JSON-text expressions, in this key order. */
export function jsonObject(fields: readonly (readonly [key: string, json: string])[]): string {
  const parts = fields.map(([key, json], i) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error(`not a plain JSON key: ${key}`);
    return `'${i === 0 ? '{' : ','}"${key}":' || ${json}`;
  });
  return `(${parts.length > 0 ? parts.join(' || ') : `'{'`} || '}')`;
}

/**
 * A JSON array of the JSON-text expression `item` over `from` (a FROM clause), in `orderBy` order;
 * NULL when an item is NULL (a value the schema would have refused), so that nothing is dropped
 * silently: the repositories refuse a row whose text is NULL.
 */
export const jsonArray = (item: string, from: string, orderBy: string): string =>
  `(select case when count(*) = count(${item}) then '[' || coalesce(string_agg(${item}, ',' order by ${orderBy}), '') || ']' end from ${from})`;
