import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The PMO dashboard (ui/): a static single-page app built only on the public API. Its sources are
 * hand-written ES modules served byte for byte (no bundler, no build step): they are read once at
 * start, kept in memory with their gzip form and an ETag, and revalidated by browsers on each visit.
 */

/** Only these may run on the dashboard's pages: its own files, its own API, nothing inline. */
export const UI_CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export interface UiAsset {
  readonly type: string;
  readonly body: Buffer;
  readonly gzip: Buffer;
  readonly etag: string;
}

export const UI_ROOT = new URL('../../../ui/', import.meta.url);

/** Every servable file under `root` (by extension; tsconfig.json and the like stay private), by path. */
export async function loadUiAssets(root: URL = UI_ROOT): Promise<Map<string, UiAsset>> {
  const assets = new Map<string, UiAsset>();
  const names = (await readdir(root, { recursive: true })).map((n) => n.split('\\').join('/')).sort();
  for (const name of names) {
    const type = TYPES[extname(name)];
    if (!type) continue;
    const body = await readFile(new URL(name, root));
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    assets.set(name, { type, body, gzip: gzipSync(body, { level: 9 }), etag });
  }
  if (!assets.has('index.html'))
    throw new Error(`The dashboard is missing: no index.html in ${root.pathname}`);
  return assets;
}

function sendAsset(req: FastifyRequest, reply: FastifyReply, asset: UiAsset) {
  reply.header('cache-control', 'no-cache').header('etag', asset.etag).header('vary', 'accept-encoding');
  if (req.headers['if-none-match'] === asset.etag) return reply.code(304).send();
  reply.type(asset.type);
  if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '') && asset.gzip.length < asset.body.length) {
    return reply.header('content-encoding', 'gzip').send(asset.gzip);
  }
  return reply.send(asset.body);
}

export const uiRoutes: FastifyPluginAsync<{ root?: URL }> = async (app, opts) => {
  const assets = await loadUiAssets(opts.root);
  const index = assets.get('index.html') as UiAsset;
  const route = {
    schema: { hide: true },
    helmet: { contentSecurityPolicy: { useDefaults: false, directives: UI_CSP_DIRECTIVES } },
    logLevel: 'warn' as const,
  };

  app.get('/', route, (_req, reply) => reply.redirect('/app', 302));
  app.get('/app', route, (req, reply) => sendAsset(req, reply, index));
  app.get<{ Params: { '*': string } }>('/app/*', route, (req, reply) => {
    const path = req.params['*'];
    const asset = path === '' ? index : assets.get(path);
    return asset ? sendAsset(req, reply, asset) : reply.callNotFound();
  });
};
