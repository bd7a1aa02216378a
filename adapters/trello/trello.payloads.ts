import { z } from 'zod';

/**
 * The slices of Trello's JSON that Jalon reads, validated here rather than by trello.js's own
 * schemas: the SDK's are strict about fields Jalon never uses (and coerce dates to `Date`), so a
 * harmless drift in an unused field would fail a sync. Unknown fields are dropped.
 * Object definitions: https://developer.atlassian.com/cloud/trello/guides/rest-api/object-definitions/
 */

const Id = z.string().min(1);

export const TrelloLabel = z.object({
  id: Id,
  name: z.string().nullish(),
  color: z.string().nullish(),
});
export type TrelloLabel = z.infer<typeof TrelloLabel>;

export const TrelloMember = z.object({
  id: Id,
  fullName: z.string().nullish(),
  username: z.string().nullish(),
});
export type TrelloMember = z.infer<typeof TrelloMember>;

export const TrelloList = z.object({ id: Id, name: z.string() });
export type TrelloList = z.infer<typeof TrelloList>;

const ActionCard = z.object({
  id: Id,
  name: z.string().optional(),
  shortLink: z.string().optional(),
  idList: z.string().optional(),
  closed: z.boolean().optional(),
  dueComplete: z.boolean().optional(),
});

/** `data` of an action: what it touched, and for updates the previous values in `old`. */
const ActionData = z.object({
  card: ActionCard.optional(),
  list: TrelloList.partial({ name: true }).optional(),
  listAfter: TrelloList.optional(),
  listBefore: TrelloList.optional(),
  board: z.object({ id: Id }).optional(),
  old: z.record(z.string(), z.unknown()).optional(),
  text: z.string().optional(),
});

/** https://developer.atlassian.com/cloud/trello/guides/rest-api/object-definitions/#action-object */
export const TrelloAction = z.object({
  id: Id,
  idMemberCreator: z.string().nullish(),
  type: z.string().min(1),
  date: z.iso.datetime({ offset: true }),
  data: ActionData.default({}),
});
export type TrelloAction = z.infer<typeof TrelloAction>;

/** GET /1/cards/{id} (with `list`, `members`, `actions`) and the cards of GET /1/boards/{id}/cards/all. */
export const TrelloCard = z.object({
  id: Id,
  name: z.string(),
  idBoard: Id,
  idList: Id,
  closed: z.boolean().default(false),
  dueComplete: z.boolean().default(false),
  due: z.iso.datetime({ offset: true }).nullish(),
  dateLastActivity: z.iso.datetime({ offset: true }),
  url: z.string().optional(),
  shortUrl: z.string().optional(),
  shortLink: z.string().optional(),
  labels: z.array(TrelloLabel).default([]),
  idMembers: z.array(z.string()).default([]),
  list: TrelloList.optional(),
  members: z.array(TrelloMember).optional(),
  actions: z.array(TrelloAction).optional(),
});
export type TrelloCard = z.infer<typeof TrelloCard>;

/** A webhook delivery: the action and the watched model (the board). */
export const TrelloWebhookBody = z.object({
  action: TrelloAction,
  model: z.object({ id: Id }).optional(),
});

/** https://developer.atlassian.com/cloud/trello/rest/api-group-webhooks/#api-webhooks-id-get */
export const TrelloWebhook = z.object({
  id: Id,
  idModel: Id,
  callbackURL: z.string(),
  active: z.boolean().default(true),
});
export type TrelloWebhook = z.infer<typeof TrelloWebhook>;
