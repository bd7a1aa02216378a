import { zonedToUtc } from './common.ts';

/**
 * The part of JQL the sandbox understands: clauses with =, !=, <, <=, >, >=, ~, !~, IN, NOT IN,
 * IS [NOT] EMPTY; AND, OR, NOT and brackets; ORDER BY. Date literals ("yyyy-MM-dd HH:mm", a date,
 * or a relative "-5d") are read in the searching user's time zone, as Jira does:
 * https://support.atlassian.com/jira-software-cloud/docs/jql-fields/#Updated
 */

export type Value = { readonly text: string } | { readonly fn: string } | { readonly empty: true };
export type Op = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~' | '!~' | 'in' | 'not in' | 'is' | 'is not';
export interface Clause {
  readonly field: string;
  readonly op: Op;
  readonly values: readonly Value[];
}
export type Expr =
  | { readonly and: readonly Expr[] }
  | { readonly or: readonly Expr[] }
  | { readonly not: Expr }
  | { readonly clause: Clause };
export interface Query {
  readonly where: Expr | null;
  readonly orderBy: readonly { readonly field: string; readonly dir: 'asc' | 'desc' }[];
}

/** An issue as JQL sees it: text values of a field, or a date; undefined for an unknown field. */
export interface JqlSubject {
  field(
    name: string,
  ):
    | { readonly kind: 'text'; readonly values: readonly string[] }
    | { readonly kind: 'date'; readonly value: number | null }
    | undefined;
}

export interface JqlContext {
  readonly timeZone: string;
  readonly now: number;
  readonly currentUser: string;
}

export class JqlError extends Error {}

const TOKEN =
  /\s*(?:(\()|(\))|(,)|(!=|>=|<=|!~|=|>|<|~)|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^\s(),=!<>~"']+))/y;

type Token = { kind: 'punct' | 'op' | 'string' | 'word'; text: string };

function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < jql.length) {
    if (/^\s*$/.test(jql.slice(TOKEN.lastIndex))) break;
    const m = TOKEN.exec(jql);
    if (!m)
      throw new JqlError(`Error in the JQL Query: unexpected character at position ${TOKEN.lastIndex}.`);
    const [, open, close, comma, op, dq, sq, word] = m;
    if (open || close || comma) tokens.push({ kind: 'punct', text: (open ?? close ?? comma) as string });
    else if (op) tokens.push({ kind: 'op', text: op });
    else if (dq !== undefined || sq !== undefined)
      tokens.push({ kind: 'string', text: (dq ?? sq ?? '').replace(/\\(.)/g, '$1') });
    else tokens.push({ kind: 'word', text: word as string });
  }
  return tokens;
}

/** Recursive descent over the tokens; `or` binds loosest, then `and`, then `not`. */
function parseTokens(tokens: readonly Token[]): Query {
  let i = 0;
  const peek = (): Token | undefined => tokens[i];
  const isWord = (word: string, offset = 0): boolean => {
    const t = tokens[i + offset];
    return t?.kind === 'word' && t.text.toLowerCase() === word;
  };
  const next = (): Token => {
    const t = tokens[i++];
    if (!t) throw new JqlError('Error in the JQL Query: the query ended unexpectedly.');
    return t;
  };
  const expect = (text: string): void => {
    const t = next();
    if (t.text !== text)
      throw new JqlError(`Error in the JQL Query: expected '${text}' but got '${t.text}'.`);
  };

  const value = (): Value => {
    const t = next();
    if (t.kind === 'word' && ['empty', 'null'].includes(t.text.toLowerCase())) return { empty: true };
    if (t.kind === 'word' && peek()?.text === '(') {
      while (next().text !== ')');
      return { fn: t.text.toLowerCase() };
    }
    if (t.kind === 'punct' || t.kind === 'op')
      throw new JqlError(`Error in the JQL Query: unexpected '${t.text}'.`);
    return { text: t.text };
  };

  const clause = (): Clause => {
    const field = next().text.toLowerCase();
    if (isWord('is')) {
      next();
      const negated = isWord('not');
      if (negated) next();
      return { field, op: negated ? 'is not' : 'is', values: [value()] };
    }
    const negated = isWord('not') && isWord('in', 1);
    if (negated) next();
    if (isWord('in')) {
      next();
      expect('(');
      const values: Value[] = [];
      while (peek()?.text !== ')') {
        if (peek()?.text === ',') next();
        else values.push(value());
      }
      next();
      return { field, op: negated ? 'not in' : 'in', values };
    }
    const op = next();
    if (op.kind !== 'op')
      throw new JqlError(`Error in the JQL Query: expected an operator after '${field}'.`);
    return { field, op: op.text as Op, values: [value()] };
  };

  const unary = (): Expr => {
    if (isWord('not') && !isWord('in', 1)) {
      next();
      return { not: unary() };
    }
    if (peek()?.text === '(') {
      next();
      const inner = or();
      expect(')');
      return inner;
    }
    return { clause: clause() };
  };
  const and = (): Expr => {
    const parts = [unary()];
    while (isWord('and')) {
      next();
      parts.push(unary());
    }
    return parts.length === 1 ? (parts[0] as Expr) : { and: parts };
  };
  const or = (): Expr => {
    const parts = [and()];
    while (isWord('or')) {
      next();
      parts.push(and());
    }
    return parts.length === 1 ? (parts[0] as Expr) : { or: parts };
  };

  const where = peek() === undefined || isWord('order') ? null : or();
  const orderBy: { field: string; dir: 'asc' | 'desc' }[] = [];
  if (isWord('order')) {
    next();
    if (!isWord('by')) throw new JqlError("Error in the JQL Query: expected 'by' after 'order'.");
    do {
      next();
      const field = next().text.toLowerCase();
      const dir = isWord('desc') ? 'desc' : 'asc';
      if (isWord('asc') || isWord('desc')) next();
      orderBy.push({ field, dir });
    } while (peek()?.text === ',');
  }
  if (peek() !== undefined) throw new JqlError(`Error in the JQL Query: unexpected '${peek()?.text}'.`);
  return { where, orderBy };
}

export function parseJql(jql: string): Query {
  return parseTokens(tokenize(jql));
}

const RELATIVE_UNIT: Readonly<Record<string, number>> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

function dateOf(value: Value, ctx: JqlContext): number | null {
  if ('empty' in value) return null;
  if ('fn' in value) {
    if (value.fn === 'now') return ctx.now;
    throw new JqlError(`Error in the JQL Query: the function '${value.fn}' is not supported here.`);
  }
  const text = value.text.trim();
  const rel = /^([+-]?\d+)\s*([mhdw])$/i.exec(text);
  if (rel) return ctx.now + Number(rel[1]) * (RELATIVE_UNIT[(rel[2] as string).toLowerCase()] ?? 0);
  const abs = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(text);
  if (!abs) throw new JqlError(`Date value '${text}' for field is invalid.`);
  const [, y, mo, d, h, mi] = abs;
  return zonedToUtc(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), ctx.timeZone);
}

const lower = (s: string) => s.toLowerCase();

function textOf(value: Value, ctx: JqlContext): string | null {
  if ('empty' in value) return null;
  if ('fn' in value) {
    if (value.fn === 'currentuser') return ctx.currentUser;
    throw new JqlError(`Error in the JQL Query: the function '${value.fn}' is not supported here.`);
  }
  return value.text;
}

function matchClause(c: Clause, subject: JqlSubject, ctx: JqlContext): boolean {
  const found = subject.field(c.field);
  if (found === undefined)
    throw new JqlError(`Field '${c.field}' does not exist or you do not have permission to view it.`);
  if (c.op === 'is' || c.op === 'is not') {
    const empty = found.kind === 'date' ? found.value === null : found.values.length === 0;
    return c.op === 'is' ? empty : !empty;
  }
  if (found.kind === 'date') {
    const have = found.value;
    const wanted = c.values.map((v) => dateOf(v, ctx));
    if (have === null) return c.op === '!=' || c.op === 'not in';
    const w = wanted[0] ?? null;
    switch (c.op) {
      case '>':
        return w !== null && have > w;
      case '>=':
        return w !== null && have >= w;
      case '<':
        return w !== null && have < w;
      case '<=':
        return w !== null && have <= w;
      case '=':
      case 'in':
        return wanted.includes(have);
      default:
        return !wanted.includes(have);
    }
  }
  const have = found.values.map(lower);
  const wanted = c.values.map((v) => textOf(v, ctx)).map((v) => (v === null ? null : lower(v)));
  const any = (pred: (w: string | null) => boolean) => wanted.some(pred);
  switch (c.op) {
    case '=':
    case 'in':
      return any((w) => (w === null ? have.length === 0 : have.includes(w)));
    case '!=':
    case 'not in':
      return !any((w) => (w === null ? have.length === 0 : have.includes(w)));
    case '~':
      return any((w) => w !== null && have.some((h) => h.includes(w)));
    case '!~':
      return !any((w) => w !== null && have.some((h) => h.includes(w)));
    default:
      throw new JqlError(`The operator '${c.op}' is not supported by the '${c.field}' field.`);
  }
}

export function matches(expr: Expr | null, subject: JqlSubject, ctx: JqlContext): boolean {
  if (expr === null) return true;
  if ('and' in expr) return expr.and.every((e) => matches(e, subject, ctx));
  if ('or' in expr) return expr.or.some((e) => matches(e, subject, ctx));
  if ('not' in expr) return !matches(expr.not, subject, ctx);
  return matchClause(expr.clause, subject, ctx);
}

/**
 * Dynamic webhooks accept only project, issuetype, status, assignee, reporter and issuekey with =,
 * !=, IN and NOT IN (https://developer.atlassian.com/cloud/jira/platform/webhooks/#supported-jql-queries);
 * the first clause outside that subset, as Jira names it in its refusal.
 */
export function unsupportedForWebhooks(query: Query): string | null {
  const fields = ['project', 'issuetype', 'type', 'status', 'assignee', 'reporter', 'issuekey', 'key'];
  const ops = ['=', '!=', 'in', 'not in'];
  const walk = (e: Expr | null): string | null => {
    if (e === null) return null;
    if ('and' in e) return e.and.map(walk).find((x) => x !== null) ?? null;
    if ('or' in e) return e.or.map(walk).find((x) => x !== null) ?? null;
    if ('not' in e) return walk(e.not);
    return fields.includes(e.clause.field) && ops.includes(e.clause.op) ? null : e.clause.field;
  };
  return query.orderBy.length > 0 ? 'ORDER BY' : walk(query.where);
}
