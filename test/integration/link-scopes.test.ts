import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workers } from '../../src/jobs/workers.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { ALL_MET, decide } from '../support/decisions.ts';
import { rawQuery } from '../support/engagement.ts';
import { progressKit, until } from '../support/progress-kit.ts';

/**
 * Issue 16 item 12: one tracker scope feeds one engagement. A second link of a scope already
 * linked is refused naming the engagement that holds it; an engagement never takes or drops the
 * tasks another engagement's deliverables hold (overlapping JQL links included); a link can be
 * removed, and its tasks then leave the engagement's deliverables.
 */

let t: TestApp;
let workers: Workers;
let kit: ReturnType<typeof progressKit>;
let pmo: { authorization: string };
beforeAll(async () => {
  t = await buildTestApp();
  workers = t.container.startWorkers();
  kit = progressKit(t);
  pmo = await t.keyFor('pmo');
});
afterAll(async () => {
  await workers?.close();
  for (const q of [
    'ingest',
    'relay',
    'sync',
    'recompute',
    'pushback',
    'events',
    'event-delivery',
    'unlock-check',
  ])
    await t?.container.queues.queue(q).obliterate({ force: true });
  await t?.close();
});

const link = (engagementId: string, connectionId: string, scope: Record<string, string>, headers = t.admin) =>
  t.app.inject({
    method: 'POST',
    url: `/v1/engagements/${engagementId}/links`,
    headers,
    payload: { connectionId, scope },
  });
const links = async (engagementId: string) =>
  (await t.app.inject({ url: `/v1/engagements/${engagementId}/links`, headers: t.admin })).json().items as {
    id: string;
  }[];
const assigned = async (deliverableId: string) =>
  (await t.app.inject({ url: `/v1/tasks?deliverableId=${deliverableId}`, headers: pmo }))
    .json()
    .items.map((x: { key: string }) => x.key) as string[];

describe('one engagement per tracker scope', () => {
  it('refuses a second link of a linked scope with a 409 naming the engagement that holds it', async () => {
    const a = await kit.linked({ deliverables: [{ selector: { jira: { issueKeys: ['PRG-1'] } } }] });
    const other = await kit.api.draft(await kit.api.provider());
    const res = await link(other, a.connectionId, { projectKey: 'PRG' });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'link_scope_taken', status: 409, engagementId: a.engagementId });
    expect(res.json().detail).toContain(a.engagementId);
    expect(await links(other)).toEqual([]);
    // Another scope of the same connection is free.
    expect((await link(other, a.connectionId, { projectKey: 'OTHER' })).statusCode).toBe(201);
  });

  it('an overlapping JQL link never takes or drops the tasks of the engagement that holds them', async () => {
    const a = await kit.linked({
      deliverables: [{ selector: { jira: { issueKeys: ['PRG-1', 'PRG-2'] } } }],
      activate: true,
    });
    const [held = ''] = a.deliverableIds;
    // B follows every issue of the same connection through JQL and selects PRG-3 among them.
    const b = await kit.api.draft(await kit.api.provider());
    const greedy = await kit.api.deliverable(b, t.admin, {
      selector: { jira: { issueKeys: ['PRG-3'] } },
    });
    expect((await link(b, a.connectionId, { jql: 'project = PRG' })).statusCode).toBe(201);

    await kit.issue(a.connectionId, 1, 'done');
    await kit.issue(a.connectionId, 2, 'done');
    await kit.issue(a.connectionId, 3, 'in_progress');
    await until(async () => (await kit.deliverable(a.engagementId, held)).status === 'ready_for_review');
    for (const _ of [1, 2]) {
      await kit.recompute(b);
      await kit.recompute(a.engagementId);
    }
    expect((await assigned(held)).sort()).toEqual(['PRG-1', 'PRG-2']);
    expect(await assigned(greedy)).toEqual(['PRG-3']);
    expect(await kit.outbox('deliverable.ready_for_review', held)).toHaveLength(1);

    const accepted = await decide(t, held, pmo, { decision: 'accept', criteria: ALL_MET });
    expect(accepted.statusCode, accepted.body).toBe(201);
    await kit.issue(a.connectionId, 3, 'done');
    await kit.recompute(b);
    expect((await assigned(held)).sort()).toEqual(['PRG-1', 'PRG-2']);
    expect((await kit.deliverable(a.engagementId, held)).status).toBe('accepted');
  }, 60_000);
});

describe('DELETE /v1/engagements/{id}/links/{linkId}', () => {
  it('removes the link, audited; its tasks leave the deliverables and progress follows', async () => {
    const a = await kit.linked({ deliverables: [{ selector: { jira: { issueKeys: ['PRG-1', 'PRG-2'] } } }] });
    const [id = ''] = a.deliverableIds;
    await kit.issue(a.connectionId, 1, 'done');
    await kit.issue(a.connectionId, 2, 'in_progress');
    await until(async () => (await kit.deliverable(a.engagementId, id)).figures?.taskCount === 2);
    const [linked] = await links(a.engagementId);
    const url = `/v1/engagements/${a.engagementId}/links/${linked?.id}`;

    expect(
      (await t.app.inject({ method: 'DELETE', url, headers: await t.keyFor('finance') })).statusCode,
    ).toBe(403);
    const elsewhere = await kit.api.draft(await kit.api.provider());
    const wrong = await t.app.inject({
      method: 'DELETE',
      url: `/v1/engagements/${elsewhere}/links/${linked?.id}`,
      headers: pmo,
    });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().code).toBe('link_not_found');

    const res = await t.app.inject({ method: 'DELETE', url, headers: pmo });
    expect(res.statusCode, res.body).toBe(204);
    expect(await links(a.engagementId)).toEqual([]);
    const audit = await rawQuery<{ action: string; before: { scopeKey: string } | null }>(
      t,
      `select action, before from audit_log where entity_type = 'link' and entity_id = $1 order by seq`,
      [linked?.id],
    );
    expect(audit.map((r) => r.action)).toEqual(['create', 'delete']);
    expect(audit[1]?.before?.scopeKey).toBe('project:PRG');
    const figures = await until(async () => {
      const d = await kit.deliverable(a.engagementId, id);
      return d.figures?.noTasks && d.figures;
    });
    expect(figures).toMatchObject({ taskCount: 0, progress: null });
    expect(await assigned(id)).toEqual([]);
    expect((await t.app.inject({ method: 'DELETE', url, headers: pmo })).statusCode).toBe(404);
    // The scope is free again.
    expect((await link(elsewhere, a.connectionId, { projectKey: 'PRG' })).statusCode).toBe(201);
  }, 60_000);
});
