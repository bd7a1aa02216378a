import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVICE_NODE_FLAGS } from '../../bench/support/node-flags.ts';

describe('the service’s V8 flags', () => {
  it('are the same for npm start, the Dockerfile and the benchmarks', () => {
    expect(SERVICE_NODE_FLAGS).toContain('--max-semi-space-size=8');
    const cmd = /CMD\s+(\[.*\])/.exec(
      readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8'),
    )?.[1];
    const docker = (JSON.parse(cmd ?? '[]') as string[]).filter((word) => word.startsWith('--'));
    expect(docker).toEqual(SERVICE_NODE_FLAGS);
  });
});
