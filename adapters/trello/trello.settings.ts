import { z } from 'zod';
import { StatusCategory } from '../../src/core/task.ts';

/**
 * What a Trello connection needs (API.md): the key and token the SDK sends with every call, and the
 * app's secret, which is what Trello signs webhooks with (not the token).
 * https://developer.atlassian.com/cloud/trello/guides/rest-api/webhooks/#webhook-signatures
 */
export const TrelloCredentials = z.object({
  apiKey: z.string().min(1),
  apiToken: z.string().min(1),
  appSecret: z.string().min(1),
});
export type TrelloCredentials = z.infer<typeof TrelloCredentials>;

const isRegExp = (source: string): boolean => {
  try {
    new RegExp(source, 'i');
    return true;
  } catch {
    return false;
  }
};

/**
 * Trello has no status: a card's category comes from the list it sits in. A rule matches a list by
 * id (rename-proof) or by a case-insensitive pattern on its name; the first matching rule wins.
 */
export const ListRule = z
  .object({
    category: StatusCategory,
    pattern: z.string().refine(isRegExp, 'not a valid regular expression').optional(),
    listIds: z.array(z.string().min(1)).optional(),
  })
  .refine((r) => r.pattern !== undefined || (r.listIds?.length ?? 0) > 0, 'give a pattern or listIds');
export type ListRule = z.infer<typeof ListRule>;

export const DEFAULT_LIST_RULES: readonly ListRule[] = [
  { category: 'done', pattern: 'done|complete|finished|terminé' },
  { category: 'in_progress', pattern: 'doing|progress|review|en cours' },
];

/** Trello's label palette. https://developer.atlassian.com/cloud/trello/rest/api-group-labels/#api-labels-post */
const LabelColor = z.enum([
  'green',
  'yellow',
  'orange',
  'red',
  'purple',
  'blue',
  'sky',
  'lime',
  'pink',
  'black',
]);

const DecisionLabel = z.object({ name: z.string().min(1), color: LabelColor });

export const TrelloSettings = z.object({
  listRules: z.array(ListRule).default([...DEFAULT_LIST_RULES]),
  /** Category of a list no rule matches. */
  fallbackCategory: StatusCategory.default('todo'),
  /** A card carrying a label with this name (case-insensitive) or id is blocked. */
  blockedLabel: z.string().min(1).default('Blocked'),
  /** The visible marker of a decision; created on the board when missing. */
  decisionLabels: z.object({ accept: DecisionLabel, reject: DecisionLabel }).default({
    accept: { name: 'Jalon: accepted', color: 'green' },
    reject: { name: 'Jalon: rejected', color: 'red' },
  }),
  /** Optionally move a decided card to a list (by id). */
  decisionLists: z
    .object({ accept: z.string().min(1).optional(), reject: z.string().min(1).optional() })
    .default({}),
  /** How far behind the newest change a cursor resumes, to absorb Trello's eventual consistency. */
  cursorOverlapSeconds: z.number().int().min(0).max(3600).default(120),
  /** Tasks per page yielded by listChanged. */
  pageSize: z.number().int().min(1).max(1000).default(100),
});
export type TrelloSettings = z.infer<typeof TrelloSettings>;
