import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('the licence', () => {
  it('is the one package.json names, in full: the Apache License 2.0 text as apache.org publishes it', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(pkg.license).toBe('Apache-2.0');
    const text = readFileSync(new URL('../../LICENSE', import.meta.url));
    // sha256 of https://www.apache.org/licenses/LICENSE-2.0.txt
    expect(createHash('sha256').update(text).digest('hex')).toBe(
      'cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30',
    );
  });
});
