import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { contractApi } from '../support/engagement.ts';
import { awkwardString, bodyFor, fitting } from './hostile.ts';
import { fillPath, fingerprint, type Operation, operationName, operationsOf } from './routes.ts';

/**
 * Property-based fuzzing of every documented route with an admin key: whatever the body, params
 * and query, the answer is 2xx or 4xx, a 4xx is problem+json, and a 4xx changed no stored row.
 */

const RUNS = Number(process.env.JALON_FUZZ_RUNS ?? 15);
const SEED = process.env.JALON_FUZZ_SEED ? Number(process.env.JALON_FUZZ_SEED) : undefined;

// The route list is read from the live app, so the app is built while the file is collected.
const t: TestApp = await buildTestApp();
const { ops, doc } = operationsOf(t.app);
/** Real ids for path parameters, so requests reach past the "not found" checks. */
let ids: string[] = [];

beforeAll(async () => {
  const api = contractApi(t);
  const active = await api.activeContract();
  const draft = await api.readyDraft(active.providerId);
  const connections: string[] = [];
  for (const tracker of ['jira', 'trello', 'asana']) {
    const res = await api.expectStatus(
      api.call('POST', '/v1/connections', t.admin, {
        tracker,
        name: `fuzz ${tracker}`,
        baseUrl: 'http://127.0.0.1:9',
        credentials:
          tracker === 'jira'
            ? { email: 'a@b.example', apiToken: 'tok' }
            : tracker === 'trello'
              ? { apiKey: 'k', apiToken: 't', appSecret: 's' }
              : { accessToken: 'a' },
        ...(tracker === 'jira' ? { webhookSecret: 'fuzz-secret-0123456789' } : {}),
      }),
      201,
    );
    connections.push(String(res.id));
  }
  const cr = await api.submittedChange(active);
  ids = [...Object.values(active), ...Object.values(draft), ...connections, cr];
}, 60_000);
afterAll(async () => {
  await t.close();
});

type Request = { url: string; body: unknown; headers: Record<string, string> };

function requestFor(op: Operation): fc.Arbitrary<Request> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const query = op.parameters.filter((p) => p.in === 'query');
  const idLike = fc.oneof(fc.constantFrom(...ids), awkwardString);
  return fc
    .record({
      path: fc.tuple(...pathParams.map(() => idLike)),
      query: fc.tuple(...query.map((p) => fc.option(fitting(doc, p.schema ?? {}), { nil: undefined }))),
      body: bodyFor(doc, op.body),
      key: fc.option(
        awkwardString.filter((s) => /^[\x21-\x7e]+$/.test(s)),
        { nil: undefined },
      ),
    })
    .map(({ path, query: values, body, key }) => {
      const params = new URLSearchParams();
      query.forEach((p, i) => {
        const v = values[i];
        if (v !== undefined) params.set(p.name, typeof v === 'string' ? v : JSON.stringify(v));
      });
      const filled = fillPath(op.path, Object.fromEntries(pathParams.map((p, i) => [p.name, path[i] ?? ''])));
      const qs = params.toString();
      return {
        url: qs ? `${filled}?${qs}` : filled,
        body,
        headers: key ? { 'idempotency-key': key } : {},
      };
    });
}

/** Fails with a short message: a counterexample holding 100 KB strings would flood the output. */
function briefReport(run: fc.RunDetails<[Request]>): void {
  if (!run.failed) return;
  const example = JSON.stringify(run.counterexample?.[0] ?? null).replace(/(.)\1{40,}/g, '$1…');
  const cause = String(run.errorInstance ?? '').replace(/(.)\1{40,}/g, '$1…');
  throw new Error(
    `seed ${run.seed}, path ${run.counterexamplePath}: ${example.slice(0, 600)}\n${cause.slice(0, 1500)}`,
  );
}

let last: Record<string, number> | null = null;

async function check(op: Operation, req: Request): Promise<void> {
  last ??= await fingerprint(t);
  const res = await t.app.inject({
    method: op.method as 'GET',
    url: req.url,
    headers: {
      ...t.admin,
      ...req.headers,
      ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(req.body !== undefined ? { payload: JSON.stringify(req.body) } : {}),
  });
  const where = `${op.method} ${req.url.slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
  // A route that calls the tracker may say the tracker is down (the fuzz connections point nowhere).
  const trackerDown = res.statusCode === 503 && res.json<{ code?: string }>().code === 'tracker_unavailable';
  if (!trackerDown) expect(res.statusCode, where).toBeLessThan(500);
  const now = await fingerprint(t);
  if (res.statusCode >= 400) {
    expect(res.headers['content-type'], where).toContain('application/problem+json');
    expect(now, where).toEqual(last);
  }
  last = now;
}

describe('fuzzing every documented route with an admin key', () => {
  it('finds the routes in the live OpenAPI document', () => {
    expect(ops.length).toBeGreaterThan(50);
  });

  it.each(ops.map((op) => [operationName(op), op] as const))(
    '%s answers 2xx/4xx only, and a 4xx stores nothing',
    async (_name, op) => {
      await fc.assert(
        fc.asyncProperty(requestFor(op), (req) => check(op, req)),
        { numRuns: RUNS, reporter: briefReport, ...(SEED !== undefined ? { seed: SEED } : {}) },
      );
    },
    120_000,
  );
});
