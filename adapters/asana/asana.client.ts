import {
  ApiClient,
  EventsApi,
  ProjectsApi,
  StoriesApi,
  TagsApi,
  TasksApi,
  UsersApi,
  WebhooksApi,
} from 'asana';
import { z } from 'zod';
import { translateAsanaError } from './asana.errors.ts';
import {
  AsanaEventBatch,
  AsanaProject,
  AsanaStory,
  AsanaTag,
  AsanaTask,
  AsanaUser,
  AsanaWebhook,
  One,
  Page,
} from './asana.payloads.ts';

export const ASANA_DEFAULT_BASE_URL = 'https://app.asana.com/api/1.0';

/**
 * Asana's limits, per token, for the pipeline's limiter (https://developers.asana.com/docs/rate-limits):
 * 150 requests a minute on free domains, 1,500 on paid ones; at most 50 reads (GET) and 15 writes
 * (POST, PUT, PATCH, DELETE) in flight. A 429 carries `Retry-After` in seconds.
 */
export const ASANA_RATE_LIMITS = Object.freeze({
  requestsPerMinuteFree: 150,
  requestsPerMinutePaid: 1500,
  maxConcurrentReads: 50,
  maxConcurrentWrites: 15,
});

/**
 * Everything the mapper reads; Asana returns only compact records unless asked
 * (https://developers.asana.com/docs/inputoutput-options). `opt_fields` is sent as one
 * comma-separated string: the SDK hands arrays to superagent, which would repeat the parameter.
 */
export const TASK_OPT_FIELDS = [
  'name',
  'resource_subtype',
  'completed',
  'completed_at',
  'created_at',
  'modified_at',
  'due_on',
  'due_at',
  'permalink_url',
  'approval_status',
  'assignee.name',
  'parent.name',
  'memberships.project.name',
  'memberships.section.name',
  'tags.name',
  'custom_fields.name',
  'custom_fields.resource_subtype',
  'custom_fields.display_value',
  'custom_fields.number_value',
  'custom_fields.text_value',
  'custom_fields.enum_value.name',
  'custom_fields.multi_enum_values.name',
  'custom_fields.enum_options.name',
  'custom_fields.enum_options.enabled',
  'workspace',
].join(',');

export type PageOf<T> = { readonly items: readonly T[]; readonly nextOffset: string | null };
export type AsanaStoryRecord = z.infer<typeof AsanaStory>;
export type AsanaTagRecord = z.infer<typeof AsanaTag>;
export type AsanaWebhookFilter = { resource_type: string; resource_subtype?: string; action?: string };

/** The slice of the Asana SDK this adapter uses, typed (the SDK's own types are `any`). */
export interface AsanaClient {
  getTask(taskGid: string): Promise<AsanaTask>;
  listProjectTasks(projectGid: string, offset: string | null): Promise<PageOf<AsanaTask>>;
  /** Throws `AsanaSyncExpired` (412) with a fresh token; with `sync` null that is how one starts. */
  getEvents(projectGid: string, sync: string | null): Promise<AsanaEventBatch>;
  listStories(taskGid: string, offset: string | null): Promise<PageOf<AsanaStoryRecord>>;
  addComment(taskGid: string, text: string): Promise<void>;
  listWorkspaceTags(workspaceGid: string, offset: string | null): Promise<PageOf<AsanaTagRecord>>;
  createTag(workspaceGid: string, name: string): Promise<AsanaTagRecord>;
  addTag(taskGid: string, tagGid: string): Promise<void>;
  removeTag(taskGid: string, tagGid: string): Promise<void>;
  setCustomField(taskGid: string, fieldGid: string, optionGid: string): Promise<void>;
  getProjectWorkspace(projectGid: string): Promise<string>;
  listWebhooks(workspaceGid: string, resourceGid: string): Promise<readonly AsanaWebhook[]>;
  createWebhook(
    resourceGid: string,
    target: string,
    filters: readonly AsanaWebhookFilter[],
  ): Promise<AsanaWebhook>;
  deleteWebhook(webhookGid: string): Promise<void>;
  me(): Promise<z.infer<typeof AsanaUser>>;
}

const PAGE_SIZE = 100;

function toPage<T>(page: { data: T[]; next_page?: { offset: string } | null | undefined }): PageOf<T> {
  return { items: page.data, nextOffset: page.next_page?.offset ?? null };
}

/** Runs one SDK call; whatever it throws leaves through `translateAsanaError`. */
async function call<T extends z.ZodType>(
  schema: T,
  subject: string,
  run: () => Promise<unknown>,
): Promise<z.output<T>> {
  try {
    return schema.parse(await run());
  } catch (err) {
    throw translateAsanaError(err, subject);
  }
}

function sdk(baseUrl: string | null, accessToken: string) {
  // One ApiClient per connection, never the SDK's global `ApiClient.instance`.
  const client = new ApiClient();
  client.basePath = (baseUrl ?? ASANA_DEFAULT_BASE_URL).replace(/\/+$/, '');
  client.authentications.token = { type: 'personalAccessToken', accessToken };
  // Plain `{ data, next_page }` bodies: this adapter pages itself so the offset lands in cursors.
  client.RETURN_COLLECTION = false;
  client.timeout = 30_000;
  return {
    tasks: new TasksApi(client),
    events: new EventsApi(client),
    stories: new StoriesApi(client),
    tags: new TagsApi(client),
    projects: new ProjectsApi(client),
    webhooks: new WebhooksApi(client),
    users: new UsersApi(client),
  };
}

const offsetOpt = (offset: string | null) => (offset === null ? {} : { offset });
/** Writes answer `{ data: {} }` or the new record; nothing in them is needed. */
const Ignored = z.unknown();

type Sdk = ReturnType<typeof sdk>;

/** Tasks, events and stories: what reading a project and commenting need. */
function taskCalls(api: Sdk) {
  return {
    getTask: async (gid: string) =>
      (await call(One(AsanaTask), gid, () => api.tasks.getTask(gid, { opt_fields: TASK_OPT_FIELDS }))).data,
    listProjectTasks: async (project: string, offset: string | null) =>
      toPage(
        await call(Page(AsanaTask), project, () =>
          api.tasks.getTasks({
            project,
            limit: PAGE_SIZE,
            opt_fields: TASK_OPT_FIELDS,
            ...offsetOpt(offset),
          }),
        ),
      ),
    getEvents: (project: string, sync: string | null) =>
      call(AsanaEventBatch, project, () => api.events.getEvents(project, sync === null ? {} : { sync })),
    listStories: async (task: string, offset: string | null) =>
      toPage(
        await call(Page(AsanaStory), task, () =>
          api.stories.getStoriesForTask(task, {
            limit: PAGE_SIZE,
            opt_fields: 'resource_subtype,text',
            ...offsetOpt(offset),
          }),
        ),
      ),
    addComment: async (task: string, text: string) => {
      await call(Ignored, task, () => api.stories.createStoryForTask({ data: { text } }, task, {}));
    },
    setCustomField: async (task: string, field: string, option: string) => {
      await call(Ignored, task, () =>
        api.tasks.updateTask({ data: { custom_fields: { [field]: option } } }, task, { opt_fields: 'gid' }),
      );
    },
  };
}

/** Tags, webhooks and the token's user. */
function markerAndHookCalls(api: Sdk) {
  return {
    listWorkspaceTags: async (workspace: string, offset: string | null) =>
      toPage(
        await call(Page(AsanaTag), workspace, () =>
          api.tags.getTagsForWorkspace(workspace, {
            limit: PAGE_SIZE,
            opt_fields: 'name',
            ...offsetOpt(offset),
          }),
        ),
      ),
    createTag: async (workspace: string, name: string) =>
      (await call(One(AsanaTag), workspace, () => api.tags.createTag({ data: { name, workspace } }, {})))
        .data,
    addTag: async (task: string, tag: string) => {
      await call(Ignored, task, () => api.tasks.addTagForTask({ data: { tag } }, task));
    },
    removeTag: async (task: string, tag: string) => {
      await call(Ignored, task, () => api.tasks.removeTagForTask({ data: { tag } }, task));
    },
    getProjectWorkspace: async (project: string) =>
      (
        await call(One(AsanaProject), project, () =>
          api.projects.getProject(project, { opt_fields: 'workspace' }),
        )
      ).data.workspace.gid,
    // One page: webhooks are listed for one resource, and Jalon puts one on each project.
    listWebhooks: async (workspace: string, resource: string) =>
      (
        await call(Page(AsanaWebhook), resource, () =>
          api.webhooks.getWebhooks(workspace, {
            resource,
            limit: PAGE_SIZE,
            opt_fields: 'active,target,resource',
          }),
        )
      ).data,
    createWebhook: async (resource: string, target: string, filters: readonly AsanaWebhookFilter[]) =>
      (
        await call(One(AsanaWebhook), resource, () =>
          api.webhooks.createWebhook({ data: { resource, target, filters } }, {}),
        )
      ).data,
    deleteWebhook: async (webhook: string) => {
      await call(Ignored, webhook, () => api.webhooks.deleteWebhook(webhook));
    },
    me: async () =>
      (await call(One(AsanaUser), 'me', () => api.users.getUser('me', { opt_fields: 'name' }))).data,
  };
}

/** Builds the typed client for one connection (tests point `baseUrl` at nock). */
export function createAsanaClient(baseUrl: string | null, accessToken: string): AsanaClient {
  const api = sdk(baseUrl, accessToken);
  return { ...taskCalls(api), ...markerAndHookCalls(api) };
}
