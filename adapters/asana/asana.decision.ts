import { type DecisionMark, decisionMarker, type PushResult } from '../../src/core/tracker.ts';
import type { AsanaClient } from './asana.client.ts';
import { AsanaMisconfigured } from './asana.errors.ts';
import type { AsanaTask } from './asana.payloads.ts';
import type { AsanaSettings } from './asana.settings.ts';

/**
 * Writing a client decision back into an Asana task, idempotently:
 * 1. a comment story carrying `decisionMarker(id)`, posted only if no story on the task has it
 *    (https://developers.asana.com/reference/getstoriesfortask, /createstoryfortask);
 * 2. the visible marker: a tag (found in, or created in, the task's workspace, then added:
 *    https://developers.asana.com/reference/addtagfortask) or, when configured, an enum custom
 *    field set through `updateTask` (https://developers.asana.com/reference/updatetask).
 *    The opposite decision's tag is removed, so a task rejected then accepted shows one verdict.
 * `marked` is true when this call placed the marker, false when it was already there.
 */

/** Workspace tag gids by `${workspace}\n${name}`; tags are never renamed by Jalon. */
export type TagCache = Map<string, string>;

const lower = (s: string) => s.toLowerCase();

export function decisionComment(d: DecisionMark): string {
  const verdict = d.decision === 'accept' ? 'accepted' : 'rejected';
  const lines = [
    `Jalon: deliverable "${d.deliverableTitle}" ${verdict} by ${d.decidedBy} on ${d.decidedAt}.`,
  ];
  if (d.note) lines.push(`Note: ${d.note}`);
  if (d.criteria.length > 0) {
    lines.push('Acceptance criteria:');
    for (const c of d.criteria) {
      lines.push(`${c.met ? '✓' : '✗'} ${c.criterion}${c.comment ? ` (${c.comment})` : ''}`);
    }
  }
  lines.push('', decisionMarker(d.decisionId));
  return lines.join('\n');
}

async function hasMarker(client: AsanaClient, taskGid: string, marker: string): Promise<boolean> {
  let offset: string | null = null;
  do {
    const page = await client.listStories(taskGid, offset);
    if (page.items.some((s) => s.text?.includes(marker))) return true;
    offset = page.nextOffset;
  } while (offset !== null);
  return false;
}

async function findOrCreateTag(client: AsanaClient, cache: TagCache, workspace: string, name: string) {
  const cacheKey = `${workspace}\n${name}`;
  const cached = cache.get(cacheKey);
  if (cached !== undefined) return cached;
  let offset: string | null = null;
  let gid: string | null = null;
  do {
    const page = await client.listWorkspaceTags(workspace, offset);
    gid =
      page.items.find((t) => t.name !== null && t.name !== undefined && lower(t.name) === lower(name))?.gid ??
      null;
    offset = gid === null ? page.nextOffset : null;
  } while (offset !== null);
  const found = gid ?? (await client.createTag(workspace, name)).gid;
  cache.set(cacheKey, found);
  return found;
}

function tagOn(task: AsanaTask, name: string) {
  return (task.tags ?? []).find((t) => t.name && lower(t.name) === lower(name));
}

async function markWithTag(
  client: AsanaClient,
  cache: TagCache,
  task: AsanaTask,
  decision: DecisionMark,
  rules: AsanaSettings['decision'],
): Promise<boolean> {
  const [wanted, opposite] =
    decision.decision === 'accept' ? [rules.acceptTag, rules.rejectTag] : [rules.rejectTag, rules.acceptTag];
  const stale = tagOn(task, opposite);
  if (stale) await client.removeTag(task.gid, stale.gid);
  if (tagOn(task, wanted)) return false;
  const workspace = task.workspace?.gid;
  if (!workspace) throw new AsanaMisconfigured(`task ${task.gid} has no workspace to hold the tag`);
  await client.addTag(task.gid, await findOrCreateTag(client, cache, workspace, wanted));
  return true;
}

async function markWithField(
  client: AsanaClient,
  task: AsanaTask,
  decision: DecisionMark,
  rule: NonNullable<AsanaSettings['decision']['customField']>,
): Promise<boolean> {
  const field = (task.custom_fields ?? []).find((f) => f.gid === rule.gid);
  if (!field) throw new AsanaMisconfigured(`custom field ${rule.gid} is not on task ${task.gid}`);
  const wanted = decision.decision === 'accept' ? rule.accept : rule.reject;
  const option = (field.enum_options ?? []).find(
    (o) => o.gid === wanted || (o.name !== null && o.name !== undefined && lower(o.name) === lower(wanted)),
  );
  if (!option) throw new AsanaMisconfigured(`custom field ${rule.gid} has no option "${wanted}"`);
  if (field.enum_value?.gid === option.gid) return false;
  await client.setCustomField(task.gid, field.gid, option.gid);
  return true;
}

export async function pushAsanaDecision(
  client: AsanaClient,
  cache: TagCache,
  taskGid: string,
  decision: DecisionMark,
  settings: AsanaSettings,
): Promise<PushResult> {
  const commented = !(await hasMarker(client, taskGid, decisionMarker(decision.decisionId)));
  if (commented) await client.addComment(taskGid, decisionComment(decision));
  const task = await client.getTask(taskGid);
  const rule = settings.decision.customField;
  const marked = rule
    ? await markWithField(client, task, decision, rule)
    : await markWithTag(client, cache, task, decision, settings.decision);
  return { commented, marked };
}
