import pg from 'pg';
import type { Container } from '../../src/container.ts';
import { createLogger } from '../../src/logger.ts';
import { createProgressService } from '../../src/services/progress.service.ts';
import { createSecretBox } from '../../src/services/secret-box.ts';

/**
 * The read benchmark's data set, written with set-based SQL (not the API): 100 providers, 1,000
 * active engagements (10 per provider, five currencies, six time zones), 10 deliverables each,
 * 10 tasks per deliverable (100,000) on 30 connections through 2 links per engagement, their
 * history rows, acceptance decisions and 3 payment milestones per engagement. Then the real
 * progress recompute writes deliverable_progress and engagement_progress for every engagement.
 */
export const SHAPE = {
  providers: 100,
  engagements: 1_000,
  deliverablesPerEngagement: 10,
  tasksPerDeliverable: 10,
  connections: 30,
  linksPerEngagement: 2,
  milestonesPerEngagement: 3,
} as const;

const PAD = (prefix: string, n: string) => `format('${prefix}_%s', lpad((${n})::text, 26, '0'))`;
const PID = (n: string) => PAD('prv', n);
const EID = (n: string) => PAD('eng', n);
const DID = (n: string) => PAD('dlv', n);
const TRACKERS = `(array['jira','trello','asana'])`;

const PROVIDERS = `
insert into providers (id, name, client_references)
select ${PID('p')}, format('Provider %s', p),
  '[{"client":"Acme","contact":"ref@acme.example","outcome":"delivered on time"}]'
from generate_series(0, ${SHAPE.providers - 1}) p`;

const ENGAGEMENTS = `
insert into engagements (id, provider_id, title, objective, currency, contract_value_minor,
  payment_terms_days, client_contact, provider_contact, start_date, end_date, time_zone, status, activated_at)
select ${EID('e')}, ${PID(`e % ${SHAPE.providers}`)}, format('Engagement %s', e), 'Benchmark engagement',
  (array['EUR','USD','GBP','JPY','CHF'])[1 + e % 5], (100000 + (e % 50) * 10000)::bigint * 100, 30,
  '{"name":"Client PM","email":"pm@client.example"}', '{"name":"Account manager","email":"am@provider.example"}',
  current_date - 200, current_date + 300,
  (array['UTC','Europe/Paris','America/New_York','Asia/Tokyo','Australia/Sydney','America/Los_Angeles'])[1 + e % 6],
  'active', now() - interval '200 days'
from generate_series(0, ${SHAPE.engagements - 1}) e`;

// Link l of engagement e: connection (e + 7l) % 30, scope id S<e>_<l> in that tracker's shape.
const LINKS = `
insert into links (id, engagement_id, connection_id, scope, scope_key, created_by)
select format('lnk_%s', lpad((e * 2 + l)::text, 26, '0')), ${EID('e')}, c.id,
  case c.tracker when 'jira' then jsonb_build_object('tracker', 'jira', 'projectKey', s)
    when 'trello' then jsonb_build_object('tracker', 'trello', 'boardId', s)
    else jsonb_build_object('tracker', 'asana', 'projectGid', s) end,
  case c.tracker when 'trello' then 'board:' else 'project:' end || s, 'key_bench'
from generate_series(0, ${SHAPE.engagements - 1}) e, generate_series(0, 1) l,
  lateral (select format('S%s_%s', e, l) as s) sc,
  lateral (select id, tracker from connections where id = format('con_%s', lpad(((e + 7 * l) % 30)::text, 26, '0'))) c`;

// Deliverable j of engagement e: 0–1 accepted (due in the past), 2 ready for review, 3–6 in
// progress (some late), 7–9 planned (due later).
const DELIVERABLES = `
insert into deliverables (id, engagement_id, title, due_date, acceptance_criteria, weight, selector, status)
select ${DID('k')}, ${EID('k / 10')}, format('Deliverable %s', k),
  case when j < 2 then current_date - 100 + j * 20 + (k / 10) % 25
    when j = 2 then current_date - 5 + (k / 10) % 20
    when j <= 6 then current_date - 20 + (j - 3) * 25 + (k / 10) % 30
    else current_date + 60 + (j - 7) * 30 + (k / 10) % 40 end,
  '["Meets the specification","Documented"]', 1 + j % 3,
  jsonb_build_object('jira', jsonb_build_object('labels', jsonb_build_array('d' || k)),
    'trello', jsonb_build_object('labels', jsonb_build_array('d' || k)),
    'asana', jsonb_build_object('tags', jsonb_build_array('d' || k))),
  case when j < 2 then 'accepted' when j = 2 then 'ready_for_review' when j <= 6 then 'in_progress' else 'planned' end
from generate_series(0, ${SHAPE.engagements * SHAPE.deliverablesPerEngagement - 1}) k,
  lateral (select k % 10 as j) x`;

// Task t of deliverable k (n = 10k + t): tasks 0–4 on the engagement's first link, 5–9 on its second.
const TASKS = `
insert into tasks (id, connection_id, tracker, external_id, key, url, title, status_category, status,
  cancelled, blocked, labels, estimate, completed_at, created_at_tracker, updated_at_tracker, scope_ids,
  revision, deliverable_id)
select format('tsk_%s', lpad(n::text, 26, '0')), format('con_%s', lpad(c::text, 26, '0')),
  ${TRACKERS}[1 + c % 3], n::text, case when c % 3 = 0 then 'BEN-' || n end,
  format('https://tracker.example/%s/%s', ${TRACKERS}[1 + c % 3], n), format('Task %s', n), cat,
  case cat when 'done' then 'Done' when 'in_progress' then 'In Progress' else 'To Do' end,
  j between 3 and 6 and t = 8 and e % 10 = 0, j between 3 and 6 and t = 9 and (e + j) % 3 = 0,
  jsonb_build_array('d' || k), 1 + n % 5, done_at, now() - interval '150 days',
  coalesce(done_at, now() - interval '1 day' * (1 + n % 30)), jsonb_build_array(format('S%s_%s', e, l)),
  case cat when 'done' then 2 else 1 end, ${DID('k')}
from generate_series(0, ${SHAPE.engagements * 100 - 1}) n,
  lateral (select n / 10 as k, n % 10 as t, n / 100 as e, (n / 10) % 10 as j, case when n % 10 < 5 then 0 else 1 end as l) a,
  lateral (select (e + 7 * l) % 30 as c,
    case when j <= 2 then 'done' when j <= 6 then (case when t < 4 then 'done' when t = 4 then 'in_progress' else 'todo' end)
      else 'todo' end as cat) b,
  lateral (select case when cat = 'done' then now() - interval '1 day' * (case when j < 2 then 120 - t else 1 + n % 20 end) end as done_at) d`;

const TASK_CHANGES = [
  `insert into task_changes (task_id, revision, status_category, deleted, cancelled, updated_at_tracker)
   select id, 1, case when status_category = 'done' then 'in_progress' else status_category end, false, cancelled,
     case when status_category = 'done' then completed_at - interval '2 days' else updated_at_tracker end
   from tasks`,
  `insert into task_changes (task_id, revision, status_category, deleted, cancelled, updated_at_tracker)
   select id, 2, 'done', false, cancelled, completed_at from tasks where status_category = 'done'`,
];

// The accepting decision of deliverables 0–1: between 4 days early and 4 days late, with its evidence.
const DECISIONS = `
insert into decisions (id, deliverable_id, engagement_id, decision, criteria, decided_by, decided_by_role,
  decided_at, status_before, status_after, evidence)
select replace(d.id, 'dlv_', 'dec_'), d.id, d.engagement_id, 'accept',
  '[{"criterion":"Meets the specification","met":true},{"criterion":"Documented","met":true}]',
  'key_bench', 'pmo', (d.due_date + ((right(d.id, 4)::int / 10) % 9 - 4)) + time '15:00', 'ready_for_review', 'accepted',
  jsonb_build_object('capturedAt', now(), 'counts', jsonb_build_object('tasks', 10, 'done', 10),
    'tasks', (select jsonb_agg(jsonb_build_object('id', t.id, 'tracker', t.tracker, 'key', t.key, 'title', t.title,
      'statusCategory', t.status_category, 'status', t.status, 'url', t.url)) from tasks t where t.deliverable_id = d.id))
from deliverables d where d.status = 'accepted'`;

// Milestone m of engagement e: 0 needs deliverable 0 (unlocked), 1 needs deliverable 1 (invoiced
// or paid), 2 needs deliverables 7 and 8 (locked).
const MILESTONES = [
  `insert into payment_milestones (id, engagement_id, label, amount_minor, retention_bps, penalty_bps_per_day,
     penalty_grace_days, penalty_cap_bps, bonus_bps_per_day, bonus_cap_bps, status)
   select format('mil_%s', lpad((e * 3 + m)::text, 26, '0')), ${EID('e')}, format('Milestone %s', m + 1),
     (100000 + (e % 50) * 10000)::bigint * 25, 500, 10, 2, 1000, 5, 300,
     case m when 0 then 'unlocked' when 1 then (case when e % 2 = 0 then 'invoiced' else 'paid' end) else 'locked' end
   from generate_series(0, ${SHAPE.engagements - 1}) e, generate_series(0, 2) m`,
  `insert into milestone_deliverables (milestone_id, deliverable_id, engagement_id, position)
   select format('mil_%s', lpad((e * 3 + m)::text, 26, '0')), ${DID('e * 10 + j')}, ${EID('e')}, p
   from generate_series(0, ${SHAPE.engagements - 1}) e,
     (values (0, 0, 0), (1, 1, 0), (2, 7, 0), (2, 8, 1)) r(m, j, p)`,
  // The settlement the unlock computes: lateness in the engagement's time zone, one rounding.
  `with s as (
     select m.id, m.amount_minor a, dec.id decision_id, dec.decided_at, d.id did, d.title, d.due_date, e.time_zone,
       (dec.decided_at at time zone e.time_zone)::date - d.due_date as lateness
     from payment_milestones m
     join milestone_deliverables md on md.milestone_id = m.id
     join deliverables d on d.id = md.deliverable_id
     join decisions dec on dec.deliverable_id = d.id and dec.decision = 'accept'
     join engagements e on e.id = m.engagement_id
     where m.status <> 'locked'
   ), c as (
     select s.*, greatest(0, lateness - 2) dl, greatest(0, -lateness) de,
       round(a * 500 / 10000.0)::bigint r from s
   ), f as (
     select c.*, round(a * least(10 * dl, 1000) / 10000.0)::bigint pen,
       round(a * least(5 * de, 300) / 10000.0)::bigint bon from c
   )
   update payment_milestones m set days_late = f.dl, days_early = f.de, penalty_minor = f.pen, bonus_minor = f.bon,
     retention_minor = f.r, net_minor = f.a + f.bon - f.pen - f.r, unlocked_at = f.decided_at,
     invoice_ref = case when m.status <> 'unlocked' then 'INV-' || right(m.id, 6) end,
     invoiced_at = case when m.status <> 'unlocked' then f.decided_at + interval '5 days' end,
     payment_ref = case when m.status = 'paid' then 'PAY-' || right(m.id, 6) end,
     paid_at = case when m.status = 'paid' then f.decided_at + interval '20 days' end,
     unlock_evidence = jsonb_build_object('timeZone', f.time_zone, 'lateness', f.lateness,
       'deliverables', jsonb_build_array(jsonb_build_object('deliverableId', f.did, 'title', f.title,
         'dueDate', f.due_date, 'decisionId', f.decision_id,
         'acceptedAt', to_char(f.decided_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
         'override', false, 'daysLate', f.lateness)))
   from f where f.id = m.id`,
];

export interface SeedTimings {
  readonly sqlSeconds: number;
  readonly recomputeSeconds: number;
  readonly analyzeSeconds: number;
}

/** Seeds the container's database, runs the real progress recompute, then VACUUM ANALYZE. */
export async function seed(container: Container, databaseUrl: string): Promise<SeedTimings> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    let t = performance.now();
    await client.query('begin');
    await client.query(PROVIDERS);
    await client.query(ENGAGEMENTS);
    await insertConnections(client, container.config.secretKey);
    for (const text of [LINKS, DELIVERABLES, TASKS, ...TASK_CHANGES, DECISIONS, ...MILESTONES]) {
      await client.query(text);
    }
    await client.query('commit');
    const sqlSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    await recomputeAll(container);
    const recomputeSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    await client.query('vacuum analyze');
    return { sqlSeconds, recomputeSeconds, analyzeSeconds: (performance.now() - t) / 1000 };
  } finally {
    await client.end();
  }
}

/** 30 connections (jira, trello, asana in turn), each with a sealed dummy credential never opened. */
async function insertConnections(client: pg.Client, secretKey: Buffer): Promise<void> {
  const box = createSecretBox(secretKey);
  const trackers = ['jira', 'trello', 'asana'] as const;
  for (let c = 0; c < SHAPE.connections; c++) {
    const id = `con_${String(c).padStart(26, '0')}`;
    const tracker = trackers[c % 3] ?? 'jira';
    await client.query(
      `insert into connections (id, tracker, name, base_url, credentials_enc, health)
       values ($1, $2, $3, 'http://127.0.0.1:9', $4, 'healthy')`,
      [id, tracker, `Bench ${tracker} ${c}`, box.seal(JSON.stringify({ accessToken: 'bench-dummy' }), id)],
    );
  }
}

/** The recompute job's progress step (real code) for every engagement, four at a time. */
async function recomputeAll(container: Container): Promise<void> {
  const progress = createProgressService({ store: container.store, logger: createLogger('warn') });
  const ids = Array.from({ length: SHAPE.engagements }, (_, e) => `eng_${String(e).padStart(26, '0')}`);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < ids.length; i = next++) {
      const id = ids[i];
      if (id) await progress.recompute(id);
    }
  };
  await Promise.all([lane(), lane(), lane(), lane()]);
}
