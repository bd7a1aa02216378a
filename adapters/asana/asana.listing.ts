import { z } from 'zod';
import type { Task } from '../../src/core/task.ts';
import { TaskGone, type TaskPage } from '../../src/core/tracker.ts';
import type { AsanaClient } from './asana.client.ts';
import { AsanaRequestRejected, AsanaSyncExpired } from './asana.errors.ts';
import type { AsanaTask } from './asana.payloads.ts';
import { asanaEventTarget } from './asana.webhook.ts';

/**
 * Listing a project's changes with Asana's events API (https://developers.asana.com/reference/getevents):
 *
 * - No cursor: take a sync token first (a request without one answers 412 with a fresh token),
 *   then crawl every task of the project with `getTasks` page by page. Changes made during the
 *   crawl are replayed by the next incremental listing, which is harmless (newest snapshot wins).
 * - Cursor with a sync token: read the events since it (100 per call, `has_more` for the rest),
 *   fetch each task they name (events are compact) and yield the ones still in the project.
 *   Tasks deleted at Asana or moved out of the project are not yielded: webhooks report them
 *   (`deleted` events) and a full sync finds them by comparing id sets.
 * - 412 on an incremental call: the token expired (24 h at most, sooner under load); the body
 *   carries a fresh one and the project is crawled again from the start.
 *
 * The cursor is base64url JSON `{ v: 1, sync, offset? }`; `offset` is present while a crawl is
 * unfinished, so a listing interrupted mid-crawl resumes where it stopped.
 */

const CursorShape = z.object({
  v: z.literal(1),
  sync: z.string().min(1),
  offset: z.string().min(1).optional(),
});
type CursorState = z.infer<typeof CursorShape>;

/** Tasks of an events batch fetched at once; well under Asana's 50 concurrent reads. */
const FETCH_CONCURRENCY = 5;

export function encodeAsanaCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
}

/** An unreadable cursor (another version, corrupted) means: start over with a full crawl. */
export function decodeAsanaCursor(cursor: string): CursorState | null {
  try {
    const parsed = CursorShape.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

type ToTask = (task: AsanaTask) => Task;

async function freshSync(client: AsanaClient, projectGid: string): Promise<string> {
  try {
    return (await client.getEvents(projectGid, null)).sync;
  } catch (err) {
    if (err instanceof AsanaSyncExpired) return err.freshSync;
    throw err;
  }
}

async function* crawl(
  client: AsanaClient,
  projectGid: string,
  sync: string,
  from: string | null,
  toTask: ToTask,
): AsyncGenerator<TaskPage> {
  let offset = from;
  do {
    const page = await client.listProjectTasks(projectGid, offset);
    offset = page.nextOffset;
    const cursor = encodeAsanaCursor(offset === null ? { v: 1, sync } : { v: 1, sync, offset });
    yield { tasks: page.items.map(toTask), cursor };
  } while (offset !== null);
}

/** Asana offsets are short-lived: a resumed crawl whose offset is refused starts over. */
async function* resumeCrawl(client: AsanaClient, projectGid: string, state: CursorState, toTask: ToTask) {
  let started = false;
  try {
    for await (const page of crawl(client, projectGid, state.sync, state.offset ?? null, toTask)) {
      started = true;
      yield page;
    }
  } catch (err) {
    if (started || !(err instanceof AsanaRequestRejected)) throw err;
    yield* crawl(client, projectGid, state.sync, null, toTask);
  }
}

async function fetchLive(client: AsanaClient, gid: string): Promise<AsanaTask | null> {
  try {
    return await client.getTask(gid);
  } catch (err) {
    if (err instanceof TaskGone) return null;
    throw err;
  }
}

async function fetchAll(client: AsanaClient, gids: readonly string[]): Promise<AsanaTask[]> {
  const found: AsanaTask[] = [];
  for (let i = 0; i < gids.length; i += FETCH_CONCURRENCY) {
    const batch = await Promise.all(gids.slice(i, i + FETCH_CONCURRENCY).map((g) => fetchLive(client, g)));
    for (const task of batch) if (task !== null) found.push(task);
  }
  return found;
}

async function* followEvents(client: AsanaClient, projectGid: string, sync: string, toTask: ToTask) {
  let token = sync;
  for (;;) {
    const batch = await client.getEvents(projectGid, token);
    const gids = new Set(batch.data.flatMap((e) => asanaEventTarget(e)?.taskGid ?? []));
    const inProject = (await fetchAll(client, [...gids])).filter((t) =>
      (t.memberships ?? []).some((m) => m.project?.gid === projectGid),
    );
    yield { tasks: inProject.map(toTask), cursor: encodeAsanaCursor({ v: 1, sync: batch.sync }) };
    if (batch.has_more !== true) return;
    token = batch.sync;
  }
}

export async function* listAsanaChanges(
  client: AsanaClient,
  projectGid: string,
  since: string | null,
  toTask: ToTask,
): AsyncGenerator<TaskPage> {
  const state = since === null ? null : decodeAsanaCursor(since);
  if (state === null) {
    yield* crawl(client, projectGid, await freshSync(client, projectGid), null, toTask);
    return;
  }
  if (state.offset !== undefined) {
    yield* resumeCrawl(client, projectGid, state, toTask);
    return;
  }
  try {
    yield* followEvents(client, projectGid, state.sync, toTask);
  } catch (err) {
    if (!(err instanceof AsanaSyncExpired)) throw err;
    yield* crawl(client, projectGid, err.freshSync, null, toTask);
  }
}
