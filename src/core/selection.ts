import { z } from 'zod';
import type { Task, Tracker } from './task.ts';

/** A deliverable's selector (API.md): a task matches when it carries any listed value. */
export const Selector = z
  .object({
    jira: z
      .object({
        epicKeys: z.array(z.string()).optional(),
        labels: z.array(z.string()).optional(),
        components: z.array(z.string()).optional(),
        fixVersions: z.array(z.string()).optional(),
        issueKeys: z.array(z.string()).optional(),
      })
      .optional(),
    trello: z
      .object({
        listIds: z.array(z.string()).optional(),
        labels: z.array(z.string()).optional(),
        cardIds: z.array(z.string()).optional(),
      })
      .optional(),
    asana: z
      .object({
        sectionGids: z.array(z.string()).optional(),
        tags: z.array(z.string()).optional(),
        taskGids: z.array(z.string()).optional(),
        customField: z.object({ gid: z.string(), values: z.array(z.string()) }).optional(),
      })
      .optional(),
  })
  .loose();
export type Selector = z.infer<typeof Selector>;

/** Selector key → the task facet it reads (the adapters fill `Task.facets`). */
const FACETS: Record<Tracker, Record<string, string>> = {
  jira: {
    epicKeys: 'epic',
    labels: 'label',
    components: 'component',
    fixVersions: 'fixVersion',
    issueKeys: 'issueKey',
  },
  trello: { listIds: 'list', labels: 'label', cardIds: 'card' },
  asana: { sectionGids: 'section', tags: 'tag', taskGids: 'task' },
};

export function matches(selector: Selector, task: Pick<Task, 'tracker' | 'facets'>): boolean {
  const rules = selector[task.tracker] as Record<string, unknown> | undefined;
  if (!rules) return false;
  for (const [key, facet] of Object.entries(FACETS[task.tracker])) {
    const wanted = rules[key];
    if (Array.isArray(wanted) && wanted.some((v) => task.facets[facet]?.includes(String(v)))) return true;
  }
  const cf = task.tracker === 'asana' ? selector.asana?.customField : undefined;
  return cf ? cf.values.some((v) => task.facets[`cf:${cf.gid}`]?.includes(v)) : false;
}

export interface SelectionResult {
  /** taskId → the deliverable it feeds. */
  readonly assignments: ReadonlyMap<string, string>;
  /** Tasks that more than one deliverable selects: reported, assigned to none. */
  readonly conflicts: readonly { taskId: string; deliverableIds: readonly string[] }[];
}

/**
 * A task belongs to at most one deliverable of an engagement. When two selectors pick the same
 * task the conflict is reported and the task feeds neither, rather than silently one of them.
 */
export function selectTasks(
  deliverables: readonly { id: string; selector: Selector }[],
  tasks: readonly (Pick<Task, 'tracker' | 'facets'> & { id: string })[],
): SelectionResult {
  const assignments = new Map<string, string>();
  const conflicts: { taskId: string; deliverableIds: string[] }[] = [];
  for (const task of tasks) {
    const owners = deliverables.filter((d) => matches(d.selector, task)).map((d) => d.id);
    if (owners.length === 1 && owners[0]) assignments.set(task.id, owners[0]);
    else if (owners.length > 1) conflicts.push({ taskId: task.id, deliverableIds: owners });
  }
  return { assignments, conflicts };
}
