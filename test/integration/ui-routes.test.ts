import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadUiAssets } from '../../src/http/routes/ui.routes.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ backend: 'pglite' });
});
afterAll(async () => {
  await t?.close();
});

const CSP =
  "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;font-src 'self';connect-src 'self';object-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'self'";

describe('the dashboard’s static files', () => {
  it('sends / to /app, and serves the page and its modules under a strict Content-Security-Policy', async () => {
    const root = await t.app.inject({ url: '/' });
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe('/app');
    for (const [url, type] of [
      ['/app', 'text/html; charset=utf-8'],
      ['/app/', 'text/html; charset=utf-8'],
      ['/app/app.css', 'text/css; charset=utf-8'],
      ['/app/js/main.js', 'text/javascript; charset=utf-8'],
      ['/app/js/views/engagement.js', 'text/javascript; charset=utf-8'],
    ]) {
      const res = await t.app.inject({ url: url as string });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toBe(type);
      expect(res.headers['content-security-policy']).toBe(CSP);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
    // The API keeps helmet's own policy.
    expect((await t.app.inject({ url: '/health' })).headers['content-security-policy']).not.toBe(CSP);
  });

  it('revalidates with the ETag and sends gzip to browsers that take it', async () => {
    const first = await t.app.inject({ url: '/app/js/main.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(first.headers.vary).toContain('accept-encoding');
    const plain = await t.app.inject({ url: '/app/js/main.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gunzipSync(first.rawPayload).toString('utf8')).toBe(plain.body);
    const again = await t.app.inject({
      url: '/app/js/main.js',
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('answers 404 problems for anything else, private files and paths out of ui/ included', async () => {
    for (const url of [
      '/app/nope.js',
      '/app/tsconfig.json',
      '/app/../package.json',
      '/app/js/..%2f..%2fpackage.json',
    ]) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('is hidden from the OpenAPI document', async () => {
    const paths = Object.keys((await t.app.inject({ url: '/openapi.json' })).json().paths);
    expect(paths.filter((p) => p === '/' || p.startsWith('/app'))).toEqual([]);
  });

  it('names no other host and keeps the first view under 100 KB of gzipped JavaScript', async () => {
    const assets = await loadUiAssets();
    let js = 0;
    for (const [name, asset] of assets) {
      const text = asset.body.toString('utf8');
      // Links to trackers are built from task URLs at run time; the sources name no host at all.
      expect(text.match(/\bhttps?:\/\/[a-z0-9]/gi) ?? [], name).toEqual([]);
      if (name.endsWith('.js')) js += asset.gzip.length;
    }
    // Every module loads on the first view (the views are imported statically by main.js).
    expect(js).toBeGreaterThan(1000);
    expect(js).toBeLessThan(100 * 1024);
  });
});
