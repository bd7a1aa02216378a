import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../../scripts/demo/jalon-client.ts';
import { connectSandbox, linkScope } from '../../scripts/demo/sandbox-connections.ts';
import { type E2eWorld, startWorld } from '../support/e2e.ts';
import { draftEngagement, untilTask } from '../support/e2e-contract.ts';

/**
 * Jalon's scheduled incremental sync (every second here, JALON_SYNC_INTERVAL_MS) against the
 * sandbox's Asana as a separate process, with no webhook at all: the events API's sync token
 * carries each pass to the next, and when Asana answers 412 (the token expired) Jalon takes the
 * fresh token from the answer, crawls the project again and keeps going.
 */

let w: E2eWorld;

beforeAll(async () => {
  w = await startWorld({ jalonEnv: { JALON_SYNC_INTERVAL_MS: '1000' } });
}, 90_000);
afterAll(async () => {
  await w?.close();
}, 60_000);

interface LinkView {
  readonly id: string;
  readonly lastSyncAt: string | null;
}

describe('Asana incremental sync', () => {
  it('survives the 412 sync-token reset and still brings every change', async () => {
    const sb = w.sandbox.control;
    const project = await sb.asana.createProject('Onboarding');
    const early = await sb.asana.createTask({ project: project.gid, name: 'Welcome e-mail' });
    const { engagementId } = await draftEngagement(w.api);
    const connectionId = await connectSandbox(w.api, w.sandbox, 'asana');
    const linkId = await linkScope(w.api, engagementId, connectionId, { projectGid: project.gid });
    await untilTask(w.api, connectionId, early.gid);

    // An incremental pass follows the events since its token: a new task arrives with no webhook.
    const links = () => w.api.expect<{ items: LinkView[] }>('GET', `/v1/engagements/${engagementId}/links`);
    await waitUntil(
      async () => (await links()).items.find((l) => l.id === linkId)?.lastSyncAt,
      'a first sync',
    );
    const second = await sb.asana.createTask({ project: project.gid, name: 'Profile page' });
    await untilTask(w.api, connectionId, second.gid);
    expect((await sb.webhooks()).asana).toEqual([]);

    // Every token expires; the next pass gets 412, crawls again and picks up the changes made since.
    const before = (await sb.counters()).asana.events412;
    expect((await sb.asana.expireSyncTokens()).expired).toBeGreaterThan(0);
    const third = await sb.asana.createTask({ project: project.gid, name: 'Tour of the app' });
    await sb.asana.completeTask(second.gid);
    await untilTask(w.api, connectionId, third.gid);
    await untilTask(w.api, connectionId, second.gid, (t) => t.statusCategory === 'done');
    expect((await sb.counters()).asana.events412).toBeGreaterThan(before);

    // And the pass after it is incremental again, on the fresh token.
    const fourth = await sb.asana.createTask({ project: project.gid, name: 'Help centre' });
    await untilTask(w.api, connectionId, fourth.gid);
    const settled = (await sb.counters()).asana.events412;
    await new Promise((r) => setTimeout(r, 2500));
    expect((await sb.counters()).asana.events412).toBe(settled);
  }, 60_000);
});
