import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * `src/core` is the pure engagement model: it may import zod and other core files, nothing else
 * (no node: modules, fastify, bullmq, pg, pino, ioredis, drizzle, adapters, store, http, services),
 * and never reads `process.env`. Globals (`crypto`, `Intl`) are fine.
 */
const CORE = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/core');

const SPECIFIER_PATTERNS = [
  // import … from 'x' / export … from 'x' (possibly spanning lines, `type` included)
  /(?:^|[;\n}])\s*(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
  // import 'x' (side effects only)
  /(?:^|[;\n}])\s*import\s*['"]([^'"]+)['"]/g,
  // import('x') and require('x')
  /\b(?:import|require)\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
];

/** Characters after which a `/` starts a regular expression literal rather than a division. */
const BEFORE_REGEX = new Set(['', ...'(,=:[!&|?{};+-*%<>~^']);

/**
 * Blanks comments (keeping newlines) so prose like "never import('pg')" is not read as code.
 * Strings and regex literals are skipped over whole, so `'https://…'` or `/\/\*` are not comments.
 */
function stripComments(source: string): string {
  let out = '';
  let i = 0;
  let lastSignificant = '';
  while (i < source.length) {
    const c = source[i] as string;
    const next = source[i + 1];
    let end = i + 1;
    if (c === '/' && next === '/')
      end = source.indexOf('\n', i) === -1 ? source.length : source.indexOf('\n', i);
    else if (c === '/' && next === '*')
      end = source.indexOf('*/', i + 2) === -1 ? source.length : source.indexOf('*/', i + 2) + 2;
    else if (c === "'" || c === '"' || c === '`' || (c === '/' && BEFORE_REGEX.has(lastSignificant)))
      end = skipLiteral(source, i);
    const chunk = source.slice(i, end);
    const isComment = c === '/' && (next === '/' || next === '*');
    out += isComment ? chunk.replace(/[^\n]/g, ' ') : chunk;
    if (!isComment && chunk.trim()) lastSignificant = chunk.trim().slice(-1);
    i = end;
  }
  return out;
}

/** The index just past the string, template or regex literal opening at `start`. */
function skipLiteral(source: string, start: number): number {
  const quote = source[start];
  let inClass = false;
  for (let i = start + 1; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (quote === '/' && c === '[') inClass = true;
    else if (quote === '/' && c === ']') inClass = false;
    else if (c === quote && !inClass) return i + 1;
    else if (c === '\n' && quote !== '`') return i;
  }
  return source.length;
}

function specifiersOf(source: string): string[] {
  return SPECIFIER_PATTERNS.flatMap((re) => [...source.matchAll(re)].map((m) => m[1] as string));
}

function importViolations(original: string, file: string): string[] {
  const source = stripComments(original);
  const problems: string[] = [];
  for (const spec of specifiersOf(source)) {
    if (spec === 'zod' || spec.startsWith('zod/')) continue;
    if (spec.startsWith('./') || spec.startsWith('../')) {
      const target = resolve(dirname(file), spec);
      if (target === CORE || target.startsWith(CORE + sep)) continue;
      problems.push(`imports ${spec}, outside src/core`);
    } else {
      problems.push(`imports ${spec}`);
    }
  }
  // A computed specifier or a bare require cannot be checked: refuse them outright.
  if (/\bimport\s*\(\s*[^'"`\s)]/.test(source)) problems.push('imports a computed specifier');
  if (/\brequire\s*\(\s*[^'"`\s)]/.test(source)) problems.push('requires a computed specifier');
  if (/\bprocess\s*\.\s*env\b/.test(source)) problems.push('reads process.env');
  return problems;
}

function coreFiles(): string[] {
  return readdirSync(CORE, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(c|m)?tsx?$|\.(c|m)?js$/.test(f))
    .map((f) => join(CORE, f));
}

describe('src/core stays pure', () => {
  it('imports only zod and other core files, and never reads process.env', () => {
    const files = coreFiles();
    expect(files.map((f) => relative(CORE, f))).toEqual(expect.arrayContaining(['errors.ts', 'money.ts']));
    const violations = files.flatMap((f) =>
      importViolations(readFileSync(f, 'utf8'), f).map((p) => `src/core/${relative(CORE, f)} ${p}`),
    );
    expect(violations).toEqual([]);
  });

  it('reads every import statement of those files (comment stripping hides none)', () => {
    for (const f of coreFiles()) {
      const source = readFileSync(f, 'utf8');
      const statements = source.match(/^(?:import|export)\s[^;]*?\bfrom\s|^import\s*['"]/gm) ?? [];
      expect(specifiersOf(stripComments(source)).length, relative(CORE, f)).toBeGreaterThanOrEqual(
        statements.length,
      );
    }
  });
});

describe('the import scanner', () => {
  const file = join(CORE, 'example.ts');

  it.each([
    ["import { z } from 'zod';", []],
    ["import type { z } from 'zod';\nimport { x } from './errors.ts';", []],
    ["export { InvalidTransition } from './errors.ts';", []],
    ["import { z } from 'zod/v4';", []],
    ['/** mentions import("fastify") in prose only */\n// and require(\'pg\') here', []],
    ["const u = 'https://x.example'; // import('pg')\nimport { z } from 'zod';", []],
    ["const re = /\\/\\*[a-z]/;\nimport Fastify from 'fastify'; /* */", ['imports fastify']],
    ["const glob = '**/*.ts';\nimport Fastify from 'fastify';\nconst end = '*/';", ['imports fastify']],
    ["import Fastify from 'fastify';", ['imports fastify']],
    ['import type { Pool } from "pg";', ['imports pg']],
    ["import {\n  Queue,\n  Worker,\n} from 'bullmq';", ['imports bullmq']],
    ["import { readFileSync } from 'node:fs';", ['imports node:fs']],
    ["import 'pino';", ['imports pino']],
    ["export * from '../store/schema.ts';", ['imports ../store/schema.ts, outside src/core']],
    [
      "import { x } from '../../adapters/jira/jira.adapter.ts';",
      ['imports ../../adapters/jira/jira.adapter.ts, outside src/core'],
    ],
    ["const r = await import('ioredis');", ['imports ioredis']],
    ["const d = require('drizzle-orm');", ['imports drizzle-orm']],
    ['const m = await import(name);', ['imports a computed specifier']],
    ['const url = process.env.DATABASE_URL;', ['reads process.env']],
  ] as [string, string[]][])('%j → %j', (source, expected) => {
    expect(importViolations(source, file)).toEqual(expected);
  });
});
