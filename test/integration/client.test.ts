import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJalonClient, type JalonClient, must } from '../../clients/typescript/src/index.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { BOOTSTRAP_KEY, uniq } from '../support/env.ts';

const root = new URL('../../', import.meta.url);
let t: TestApp;
let jalon: JalonClient;

beforeAll(async () => {
  t = await buildTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  jalon = createJalonClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: BOOTSTRAP_KEY });
});
afterAll(async () => {
  await t?.close();
});

describe('the TypeScript client (clients/typescript)', () => {
  it('is what openapi.yaml generates (run `npm run client` after `npm run openapi`)', async () => {
    const generator = new URL('clients/typescript/generate.ts', root).pathname;
    const run = promisify(execFile)(process.execPath, [generator, '--check'], { cwd: root.pathname });
    await expect(run).resolves.toBeDefined();
  }, 60_000);

  it('calls the running API with typed paths, bodies and answers; errors come back as problems', async () => {
    const provider = await must(jalon.POST('/v1/providers', { body: { name: uniq('Atelier') } }));
    const read = await must(jalon.GET('/v1/providers/{id}', { params: { path: { id: provider.id } } }));
    expect(read.name).toBe(provider.name);
    const list = await must(jalon.GET('/v1/providers', { params: { query: { limit: 500 } } }));
    expect(list.items.map((p) => p.id)).toContain(provider.id);

    const missing = await jalon.GET('/v1/engagements/{id}', { params: { path: { id: 'eng_missing' } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toMatchObject({ status: 404, code: expect.stringMatching(/not_found/) });
    expect(missing.response.headers.get('content-type')).toContain('application/problem+json');

    const created = await jalon.POST('/v1/providers', { body: { name: uniq('Second') } });
    expect(created.response.status).toBe(201);
    expect(created.response.headers.get('location')).toBe(`/v1/providers/${created.data?.id}`);
  });
});
