import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from '../support/app.ts';
import { rawQuery } from '../support/engagement.ts';
import { uniq } from '../support/env.ts';
import { JIRA_SECRET, JIRA_SETTINGS, jiraDelivery } from '../support/jira-deliveries.ts';

/**
 * A ledger-based fault harness: logical tracker changes (signed Jira deliveries) are generated and
 * recorded, sent through a fault, and after convergence the stored state is checked against the
 * ledger: every acknowledged delivery applied, every effect once, every task equal to its newest
 * change.
 */

const CATEGORIES = ['todo', 'in_progress', 'done'] as const;
export interface Change {
  readonly issueId: string;
  readonly key: string;
  readonly category: (typeof CATEGORIES)[number];
  readonly updated: Date;
  readonly deliveryId: string;
  /** The Jira project key the delivery carries (PAY unless the ledger's issues live elsewhere). */
  readonly project?: string;
}
export type Delivery = ReturnType<typeof jiraDelivery>;

export interface Ledger {
  readonly connectionId: string;
  readonly changes: readonly Change[];
  /** Delivery ids the receiver answered 2xx to. */
  readonly acked: Set<string>;
  /** Every change is dated at or after this instant (a tracker's older snapshots are not the ledger's). */
  readonly base: Date;
}

/**
 * `tasks` issues with `perTask` changes each, timestamps strictly increasing per issue. `issues`
 * names them (issues that exist in a tracker sandbox), and the newest change of the first
 * `doneFirst` tasks is `done` (the tasks a deliverable accepted in the ledger's contract takes).
 */
export function generate(
  connectionId: string,
  tasks: number,
  perTask: number,
  opts: { issues?: readonly { id: string; key: string }[]; project?: string; doneFirst?: number } = {},
): Ledger {
  const seed = Math.floor(Math.random() * 1e6);
  // In the past, a minute per change: Jalon clamps tracker times later than the receipt to it, so
  // a future ledger would lose its order. Issues the ledger names must be older (effects.ts dates
  // its sandbox issues a day back).
  const base = Date.now() - (perTask + 1) * 60_000;
  const changes = Array.from({ length: tasks }, (_, i) =>
    Array.from(
      { length: perTask },
      (_, j): Change => ({
        issueId: opts.issues?.[i]?.id ?? `${seed}${i}`,
        key: opts.issues?.[i]?.key ?? `FLT-${seed}${i}`,
        category:
          j === perTask - 1 && i < (opts.doneFirst ?? 0) ? 'done' : (CATEGORIES[(i + j) % 3] ?? 'todo'),
        updated: new Date(base + j * 60_000 + i),
        deliveryId: randomUUID(),
        ...(opts.project ? { project: opts.project } : {}),
      }),
    ),
  ).flat();
  return { connectionId, changes, acked: new Set(), base: new Date(base) };
}

export const deliveryOf = (c: Change, secret = JIRA_SECRET): Delivery =>
  jiraDelivery(
    {
      id: c.issueId,
      key: c.key,
      category: c.category,
      updated: c.updated,
      ...(c.project ? { project: c.project } : {}),
    },
    secret,
    c.deliveryId,
  );

/** The newest change of each task. */
export const newest = (ledger: Pick<Ledger, 'changes'>): Change[] =>
  [...Map.groupBy(ledger.changes, (c) => c.issueId).values()].map((cs) => cs.at(-1) as Change);

export async function newConnection(t: TestApp, secret = JIRA_SECRET): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/connections',
    headers: t.admin,
    payload: {
      tracker: 'jira',
      name: uniq('faults'),
      baseUrl: 'http://127.0.0.1:9',
      credentials: { email: 'bot@acme.example', apiToken: 'token' },
      webhookSecret: secret,
      settings: JIRA_SETTINGS,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

/** Sends `deliveries` (`concurrency` at a time) and records the acknowledged ones in the ledger. */
export async function send(
  t: TestApp,
  ledger: Ledger,
  deliveries: Delivery[],
  concurrency = 8,
): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < deliveries.length; i += concurrency) {
    const batch = deliveries.slice(i, i + concurrency);
    const answers = await Promise.all(
      batch.map((d) =>
        t.app.inject({
          method: 'POST',
          url: `/webhooks/jira/${ledger.connectionId}`,
          headers: d.headers,
          payload: d.body,
        }),
      ),
    );
    answers.forEach((res, k) => {
      statuses.push(res.statusCode);
      const id = batch[k]?.headers['x-atlassian-webhook-identifier'];
      if (res.statusCode === 200 && id) ledger.acked.add(id);
    });
  }
  return statuses;
}

export const shuffle = <T>(items: readonly T[]): T[] => {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a;
};

/** Waits until every acknowledged delivery of the ledger is processed. */
export async function converge(t: TestApp, ledger: Ledger, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await rawQuery<{ n: string }>(
      t,
      "select count(*) as n from webhook_inbox where connection_id = $1 and status = 'processed' and delivery_key = any($2)",
      [ledger.connectionId, [...ledger.acked]],
    );
    if (Number(row?.n) === ledger.acked.size) return;
    if (Date.now() > deadline) throw new Error(`not converged: ${row?.n}/${ledger.acked.size} processed`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The invariants, checked against the database. Ingest workers run concurrently, so even changes
 * sent in order may be applied newest first: a task gets at most one revision per state. Revisions
 * older than the ledger (a tracker sandbox's first snapshot, brought by the link's sync) are not
 * the ledger's and are left out; `dropped` deliveries were never sent (a reconciliation sync may
 * bring their state instead).
 */
export async function verify(
  t: TestApp,
  ledger: Ledger,
  opts: { dropped?: ReadonlySet<string> } = {},
): Promise<void> {
  const { connectionId, changes, acked } = ledger;
  const dropped = opts.dropped ?? new Set<string>();
  expect(acked.size, 'every change sent was acknowledged').toBe(changes.length - dropped.size);
  // (1) every acknowledged delivery stored once and applied.
  const inbox = await rawQuery<{ delivery_key: string; status: string }>(
    t,
    'select delivery_key, status from webhook_inbox where connection_id = $1',
    [connectionId],
  );
  expect(inbox.length).toBe(acked.size);
  expect(new Set(inbox.map((r) => r.delivery_key))).toEqual(acked);
  expect(inbox.filter((r) => r.status !== 'processed')).toEqual([]);
  // (2) effects once: one task revision per distinct state applied, never two for one state.
  const history = await rawQuery<{ external_id: string; updated_at_tracker: Date }>(
    t,
    `select t.external_id, c.updated_at_tracker
       from task_changes c join tasks t on t.id = c.task_id
      where t.connection_id = $1 and c.updated_at_tracker >= $2`,
    [connectionId, ledger.base],
  );
  const perTask = Map.groupBy(changes, (c) => c.issueId);
  const revisions = Map.groupBy(history, (h) => h.external_id);
  expect(revisions.size).toBe(perTask.size);
  for (const [id, rows] of revisions) {
    const states = rows.map((r) => r.updated_at_tracker.toISOString());
    expect(new Set(states).size, `task ${id}: one revision per state`).toBe(states.length);
    const known = new Set((perTask.get(id) ?? []).map((c) => c.updated.toISOString()));
    expect(
      states.filter((s) => !known.has(s)),
      `task ${id}: revisions of ledger states only`,
    ).toEqual([]);
  }
  // (3) every task equals its newest change.
  const tasks = await rawQuery<{ external_id: string; status_category: string; updated_at_tracker: Date }>(
    t,
    'select external_id, status_category, updated_at_tracker from tasks where connection_id = $1',
    [connectionId],
  );
  expect(tasks.length).toBe(perTask.size);
  for (const task of tasks) {
    const last = (perTask.get(task.external_id) ?? []).at(-1);
    expect({ category: task.status_category, updated: task.updated_at_tracker.toISOString() }).toEqual({
      category: last?.category,
      updated: last?.updated.toISOString(),
    });
  }
}
