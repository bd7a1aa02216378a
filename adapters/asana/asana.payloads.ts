import { z } from 'zod';

/**
 * The vendor JSON this adapter reads, as zod schemas: the SDK is typed `any`, so every response
 * and every webhook body is parsed here before anything else touches it. Fields Asana omits
 * unless asked for (`opt_fields`) are `nullish`. Reference: https://developers.asana.com/reference
 */

/** A compact record: `{ gid, name? }` (https://developers.asana.com/docs/object-hierarchy). */
const Compact = z.object({ gid: z.string(), name: z.string().nullish() });

/** Asana writes UTC instants with milliseconds (`2012-02-22T02:06:58.147Z`). */
const Instant = z.iso.datetime({ offset: true });

const EnumOption = z.object({ gid: z.string(), name: z.string().nullish(), enabled: z.boolean().nullish() });

/** https://developers.asana.com/reference/custom-fields (values as they appear on a task). */
export const AsanaCustomField = z.object({
  gid: z.string(),
  name: z.string().nullish(),
  resource_subtype: z.string().nullish(),
  display_value: z.string().nullish(),
  number_value: z.number().nullish(),
  text_value: z.string().nullish(),
  enum_value: EnumOption.nullish(),
  multi_enum_values: z.array(EnumOption).nullish(),
  enum_options: z.array(EnumOption).nullish(),
});
export type AsanaCustomField = z.infer<typeof AsanaCustomField>;

/** https://developers.asana.com/reference/gettask — the fields `TASK_OPT_FIELDS` asks for. */
export const AsanaTask = z.object({
  gid: z.string(),
  name: z.string().nullish(),
  resource_subtype: z.string().nullish(),
  completed: z.boolean().nullish(),
  completed_at: Instant.nullish(),
  created_at: Instant,
  modified_at: Instant,
  due_on: z.string().nullish(),
  due_at: z.string().nullish(),
  permalink_url: z.string().nullish(),
  approval_status: z.string().nullish(),
  assignee: Compact.nullish(),
  parent: Compact.nullish(),
  memberships: z.array(z.object({ project: Compact.nullish(), section: Compact.nullish() })).nullish(),
  tags: z.array(Compact).nullish(),
  custom_fields: z.array(AsanaCustomField).nullish(),
  workspace: Compact.nullish(),
});
export type AsanaTask = z.infer<typeof AsanaTask>;

/** What `getTask` / `getTasks` / `getEvents` return with `RETURN_COLLECTION = false`. */
export const One = <T extends z.ZodType>(item: T) => z.object({ data: item });
export const Page = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), next_page: z.object({ offset: z.string() }).nullish() });

/** https://developers.asana.com/reference/getstoriesfortask (comment text is in `text`). */
export const AsanaStory = z.object({
  gid: z.string(),
  resource_subtype: z.string().nullish(),
  text: z.string().nullish(),
});

export const AsanaTag = z.object({ gid: z.string(), name: z.string().nullish() });
export const AsanaUser = z.object({ gid: z.string(), name: z.string().nullish() });
export const AsanaProject = z.object({ gid: z.string(), workspace: Compact });

/** https://developers.asana.com/reference/createwebhook */
export const AsanaWebhook = z.object({
  gid: z.string(),
  active: z.boolean().nullish(),
  target: z.string().nullish(),
  resource: Compact.nullish(),
});
export type AsanaWebhook = z.infer<typeof AsanaWebhook>;

const EventRef = z.object({
  gid: z.string(),
  resource_type: z.string().nullish(),
  resource_subtype: z.string().nullish(),
});

/**
 * One compact event, shared by webhooks and the events API
 * (https://developers.asana.com/reference/events). `change` is only present for `changed`;
 * `parent` only for `added`/`removed`; `user` is null for system events. Older deliveries have
 * no `change` at all (the 2019 capture in test/fixtures/asana).
 */
export const AsanaEvent = z.object({
  action: z.string(),
  created_at: Instant,
  /** Deprecated by Asana in favour of `resource.resource_type`, still sent by older hooks. */
  type: z.string().nullish(),
  resource: EventRef,
  parent: EventRef.nullish(),
  user: EventRef.nullish(),
  change: z
    .object({
      field: z.string().nullish(),
      action: z.string().nullish(),
      new_value: z.unknown().optional(),
      added_value: z.unknown().optional(),
      removed_value: z.unknown().optional(),
    })
    .nullish(),
});
export type AsanaEvent = z.infer<typeof AsanaEvent>;

/** A webhook delivery: `{ events: [...] }`, empty for the eight-hourly heartbeat. */
export const AsanaWebhookBody = z.object({ events: z.array(AsanaEvent) });

/** https://developers.asana.com/reference/getevents */
export const AsanaEventBatch = z.object({
  data: z.array(AsanaEvent),
  sync: z.string(),
  has_more: z.boolean().nullish(),
});
export type AsanaEventBatch = z.infer<typeof AsanaEventBatch>;

/** The body of an error response; a 412 from /events also carries a fresh `sync` token. */
export const AsanaErrorBody = z.object({
  errors: z.array(z.object({ message: z.string().nullish() })).nullish(),
  sync: z.string().nullish(),
});
