import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { generateOpenApiYaml } from '../../src/http/openapi.ts';

const root = new URL('../../', import.meta.url);

describe('openapi.yaml', () => {
  it('is what the route schemas generate (run `npm run openapi` after changing a route)', async () => {
    const committed = await readFile(new URL('openapi.yaml', root), 'utf8');
    expect(committed).toBe(await generateOpenApiYaml());
  });

  it('passes redocly lint', async () => {
    const redocly = new URL('node_modules/.bin/redocly', root).pathname;
    const { stdout, stderr } = await promisify(execFile)(
      redocly,
      ['lint', 'openapi.yaml', '--format=summary'],
      {
        cwd: root.pathname,
      },
    );
    expect(`${stdout}${stderr}`).toContain('Your API description is valid');
  }, 60_000);
});
