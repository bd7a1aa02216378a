import type { Tracker } from './common.ts';
import type { SandboxUrls } from './control.ts';
import type { Fault, FaultSpec, RequestCounters } from './limits.ts';
import type { asanaView, jiraView, trelloView } from './views.ts';
import type { DeliveryCounters, DeliveryMode, DeliveryRecord } from './webhooks.ts';

/**
 * A typed client of the control API, for tests and the demo script; it speaks HTTP only, so it
 * works the same against an in-process sandbox and one started with `npm run sandbox`.
 */

export type JiraView = ReturnType<typeof jiraView>;
export type TrelloView = ReturnType<typeof trelloView>;
export type AsanaView = ReturnType<typeof asanaView>;

export interface PushedRecord {
  readonly seq: number;
  readonly tracker: Tracker;
  readonly at: string;
  readonly itemId: string;
  readonly kind: string;
  readonly detail: Record<string, unknown>;
}

export interface Counters {
  readonly requests: Record<Tracker, RequestCounters>;
  readonly deliveries: Record<Tracker, DeliveryCounters>;
  readonly asana: {
    readonly events412: number;
    readonly handshakes: number;
    readonly handshakeFailures: number;
  };
}

export interface TrelloBoardView {
  readonly id: string;
  readonly name: string;
  readonly shortLink: string;
  readonly lists: readonly { id: string; name: string }[];
  readonly labels: readonly { id: string; name: string; color: string | null }[];
  readonly cards: number;
  readonly members: readonly { id: string; fullName: string; username: string }[];
}

export interface AsanaProjectView {
  readonly gid: string;
  readonly name: string;
  readonly workspaceGid: string;
  readonly sections: readonly { gid: string; name: string }[];
  readonly customFields: readonly { gid: string; name?: string; options: { gid: string; name: string }[] }[];
  readonly tasks: number;
}

export class ControlError extends Error {
  readonly status: number;
  readonly body: unknown;
  constructor(method: string, path: string, status: number, body: unknown) {
    super(`control ${method} ${path} answered ${status}: ${JSON.stringify(body)}`);
    this.name = 'ControlError';
    this.status = status;
    this.body = body;
  }
}

type Body = Record<string, unknown>;

export function createControlClient(baseUrl: string) {
  const root = baseUrl.replace(/\/+$/, '');
  async function call<T>(method: string, path: string, body?: Body): Promise<T> {
    const res = await fetch(`${root}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    const json: unknown = text === '' ? null : JSON.parse(text);
    if (!res.ok) throw new ControlError(method, path, res.status, json);
    return json as T;
  }
  const q = (params: Record<string, string | undefined>) => {
    const s = new URLSearchParams(
      Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined),
    ).toString();
    return s ? `?${s}` : '';
  };
  const id = encodeURIComponent;

  return {
    health: () => call<{ ok: boolean; urls: SandboxUrls; credentials: unknown }>('GET', '/health'),
    counters: () => call<Counters>('GET', '/counters'),
    resetCounters: () => call<{ ok: true }>('POST', '/counters/reset'),
    faults: () => call<Fault[]>('GET', '/faults'),
    addFault: (spec: FaultSpec) => call<Fault>('POST', '/faults', { ...spec }),
    clearFaults: (tracker?: Tracker) => call<{ cleared: number }>('DELETE', `/faults${q({ tracker })}`),
    deliveryModes: () => call<Record<Tracker, DeliveryMode>>('GET', '/delivery'),
    setDelivery: (mode: Partial<DeliveryMode> & { tracker?: Tracker }) =>
      call<Record<Tracker, DeliveryMode>>('POST', '/delivery', { ...mode }),
    deliveries: (filter: { tracker?: Tracker; hookId?: string } = {}) =>
      call<DeliveryRecord[]>('GET', `/deliveries${q(filter)}`),
    /** Waits until no delivery is pending, retrying or held back. */
    settle: (timeoutMs = 10_000) => call<{ idle: boolean }>('POST', '/deliveries/settle', { timeoutMs }),
    pushed: (filter: { tracker?: Tracker; itemId?: string } = {}) =>
      call<PushedRecord[]>('GET', `/pushed${q(filter)}`),
    clock: () => call<{ now: string; offsetMs: number }>('GET', '/clock'),
    advanceClock: (ms: number) => call<{ now: string; offsetMs: number }>('POST', '/clock/advance', { ms }),
    /** Moves the simulated clock to an instant, in the past or the future. */
    setClock: (now: string) => call<{ now: string; offsetMs: number }>('POST', '/clock/set', { now }),
    webhooks: () =>
      call<{ jira: { admin: Body[]; dynamic: Body[] }; trello: Body[]; asana: Body[] }>('GET', '/webhooks'),
    jira: {
      createProject: (key: string, name?: string) =>
        call<{ id: string; key: string; name: string }>('POST', '/jira/projects', { key, name }),
      createIssue: (issue: Body & { projectKey: string; summary: string }) =>
        call<JiraView>('POST', '/jira/issues', issue),
      issue: (idOrKey: string) => call<JiraView>('GET', `/jira/issues/${id(idOrKey)}`),
      updateIssue: (idOrKey: string, change: Body) =>
        call<JiraView>('PATCH', `/jira/issues/${id(idOrKey)}`, change),
      transition: (idOrKey: string, status: string, resolution?: string) =>
        call<JiraView>('POST', `/jira/issues/${id(idOrKey)}/transition`, { status, resolution }),
      comment: (idOrKey: string, body: string) =>
        call<JiraView>('POST', `/jira/issues/${id(idOrKey)}/comments`, { body }),
      deleteIssue: (idOrKey: string) => call<{ deleted: string }>('DELETE', `/jira/issues/${id(idOrKey)}`),
      addOAuthApp: (app: { clientId: string; clientSecret: string; accessToken: string; cloudId?: string }) =>
        call<{ clientId: string; cloudId: string }>('POST', '/jira/oauth-apps', { ...app }),
    },
    trello: {
      createBoard: (name: string, lists?: string[]) =>
        call<TrelloBoardView>('POST', '/trello/boards', { name, lists }),
      board: (boardId: string) => call<TrelloBoardView>('GET', `/trello/boards/${id(boardId)}`),
      createList: (boardId: string, name: string) =>
        call<{ id: string; name: string }>('POST', `/trello/boards/${id(boardId)}/lists`, { name }),
      createCard: (card: Body & { list: string; name: string; boardId?: string }) =>
        call<TrelloView>('POST', '/trello/cards', card),
      bulkCards: (boardId: string, count: number, list?: string, namePrefix?: string) =>
        call<{ created: number; ids: string[] }>('POST', `/trello/boards/${id(boardId)}/cards/bulk`, {
          count,
          list,
          namePrefix,
        }),
      card: (cardId: string) => call<TrelloView>('GET', `/trello/cards/${id(cardId)}`),
      moveCard: (cardId: string, list: string) =>
        call<TrelloView>('POST', `/trello/cards/${id(cardId)}/move`, { list }),
      updateCard: (cardId: string, change: Body) =>
        call<TrelloView>('PATCH', `/trello/cards/${id(cardId)}`, change),
      addLabel: (cardId: string, name: string, color?: string) =>
        call<TrelloView>('POST', `/trello/cards/${id(cardId)}/labels`, { name, color }),
      removeLabel: (cardId: string, name: string) =>
        call<TrelloView>('DELETE', `/trello/cards/${id(cardId)}/labels/${id(name)}`),
      comment: (cardId: string, text: string) =>
        call<TrelloView>('POST', `/trello/cards/${id(cardId)}/comments`, { text }),
      deleteCard: (cardId: string) => call<{ deleted: string }>('DELETE', `/trello/cards/${id(cardId)}`),
      setAppSecret: (apiKey: string, appSecret: string) =>
        call<{ apiKey: string }>('PUT', '/trello/app-secrets', { apiKey, appSecret }),
    },
    asana: {
      createProject: (name: string, sections?: string[]) =>
        call<AsanaProjectView>('POST', '/asana/projects', { name, sections }),
      project: (gid: string) => call<AsanaProjectView>('GET', `/asana/projects/${id(gid)}`),
      createTask: (task: Body & { project: string; name: string }) =>
        call<AsanaView>('POST', '/asana/tasks', task),
      bulkTasks: (projectGid: string, count: number, section?: string, namePrefix?: string) =>
        call<{ created: number; gids: string[] }>('POST', `/asana/projects/${id(projectGid)}/tasks/bulk`, {
          count,
          section,
          namePrefix,
        }),
      task: (gid: string) => call<AsanaView>('GET', `/asana/tasks/${id(gid)}`),
      updateTask: (gid: string, change: Body) => call<AsanaView>('PATCH', `/asana/tasks/${id(gid)}`, change),
      completeTask: (gid: string) => call<AsanaView>('POST', `/asana/tasks/${id(gid)}/complete`),
      moveToSection: (gid: string, section: string) =>
        call<AsanaView>('POST', `/asana/tasks/${id(gid)}/section`, { section }),
      addTag: (gid: string, name: string) =>
        call<AsanaView>('POST', `/asana/tasks/${id(gid)}/tags`, { name }),
      removeTag: (gid: string, name: string) =>
        call<AsanaView>('DELETE', `/asana/tasks/${id(gid)}/tags/${id(name)}`),
      comment: (gid: string, text: string) =>
        call<AsanaView>('POST', `/asana/tasks/${id(gid)}/comments`, { text }),
      deleteTask: (gid: string) => call<{ deleted: string }>('DELETE', `/asana/tasks/${id(gid)}`),
      expireSyncTokens: () => call<{ expired: number }>('POST', '/asana/sync-tokens/expire'),
      heartbeat: () => call<{ webhooks: number }>('POST', '/asana/heartbeat'),
    },
  };
}

export type ControlClient = ReturnType<typeof createControlClient>;
