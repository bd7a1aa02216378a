import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * A fresh clone is all a user has: no file of the repository may point outside it, neither a path
 * resolved at run or test time nor a link in the documentation.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
  cwd: ROOT,
  encoding: 'utf8',
})
  .split('\n')
  .filter((f) => f !== '');
const read = (file: string) => readFileSync(resolve(ROOT, file), 'utf8');
const outside = (from: string, target: string) => {
  const rel = relative(ROOT, resolve(ROOT, dirname(from), target));
  return rel.startsWith('..') || isAbsolute(rel);
};

describe('the repository is self-contained', () => {
  it('resolves every relative URL and path literal of its code inside itself', () => {
    const code = tracked.filter((f) => /\.(ts|js|mjs)$/.test(f));
    // new URL('<relative>', import.meta.url), and '../' string or template literals in general
    const literal = /['`](\.\.?\/[^'`$]*)/g;
    const escaping = code.flatMap((file) =>
      [...read(file).matchAll(literal)]
        .map((m) => m[1] ?? '')
        .filter((target) => outside(file, target))
        .map((target) => `${file}: ${target}`),
    );
    expect(escaping).toEqual([]);
  });

  it('links its documentation only to files it has', () => {
    const docs = tracked.filter((f) => f.endsWith('.md'));
    const link = /\]\((?!https?:|mailto:|#)([^)\s#]+)|`(\.\.\/[^`\s]+)`/g;
    const broken = docs.flatMap((file) =>
      [...read(file).matchAll(link)]
        .map((m) => m[1] ?? m[2] ?? '')
        .filter(
          (target) =>
            outside(file, target) ||
            !tracked.some((t) => t.startsWith(relative(ROOT, resolve(ROOT, dirname(file), target)))),
        )
        .map((target) => `${file}: ${target}`),
    );
    expect(broken).toEqual([]);
  });
});
