import { z } from 'zod';
import { type Actor, canSeeProvider } from '../core/auth.ts';
import { Conflict, NotFound, ValidationFailed } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import type { Store } from '../core/ports.ts';
import { type LinkRecord, scopeKey } from '../core/sync-ports.ts';
import type { LinkScope } from '../core/task.ts';

/** The scope a link names, per tracker (API.md): Jira `{ projectKey }` or `{ jql }`, Trello `{ boardId }`, Asana `{ projectGid }`. */
export const ScopeInput = z.union([
  z.object({ projectKey: z.string().regex(/^[A-Z][A-Z0-9_]{0,49}$/, 'must be a Jira project key') }).strict(),
  z.object({ jql: z.string().min(1).max(2000) }).strict(),
  z.object({ boardId: z.string().regex(/^[0-9a-f]{24}$/, 'must be a Trello board id') }).strict(),
  z.object({ projectGid: z.string().regex(/^\d{1,30}$/, 'must be an Asana project gid') }).strict(),
]);
export type ScopeInput = z.infer<typeof ScopeInput>;

export interface LinkView {
  readonly id: string;
  readonly engagementId: string;
  readonly connectionId: string;
  readonly tracker: LinkScope['tracker'];
  readonly scope: ScopeInput;
  readonly lastSyncAt: string | null;
  readonly lastFullSyncAt: string | null;
  readonly createdAt: string;
}

export interface LinkService {
  create(
    actor: Actor,
    engagementId: string,
    input: { connectionId: string; scope: ScopeInput },
  ): Promise<LinkView>;
  list(actor: Actor, engagementId: string): Promise<LinkView[]>;
  /**
   * Deletes the link, audited; its schedules stop and the engagement is recomputed, so the tasks
   * it brought leave the engagement's deliverables and the progress follows.
   */
  remove(actor: Actor, engagementId: string, linkId: string): Promise<void>;
}

export function toLinkView(l: LinkRecord): LinkView {
  const { tracker, ...scope } = l.scope;
  return {
    id: l.id,
    engagementId: l.engagementId,
    connectionId: l.connectionId,
    tracker,
    scope: scope as ScopeInput,
    lastSyncAt: l.lastSyncAt?.toISOString() ?? null,
    lastFullSyncAt: l.lastFullSyncAt?.toISOString() ?? null,
    createdAt: l.createdAt.toISOString(),
  };
}

export function createLinkService(deps: {
  store: Pick<Store, 'transaction' | 'links' | 'connections'>;
  /** A new link starts its first sync and its schedule. */
  onLinked: (link: LinkRecord) => Promise<void>;
  /** After a link is deleted: stop its schedules, recompute its engagement. */
  onUnlinked: (link: LinkRecord) => Promise<void>;
}): LinkService {
  const visibleEngagement = async (actor: Actor, engagementId: string) => {
    const providerId = await deps.store.links.engagementProvider(engagementId);
    if (!providerId || !canSeeProvider(actor, providerId)) throw new NotFound('Engagement', engagementId);
  };

  return {
    async create(actor, engagementId, input) {
      await visibleEngagement(actor, engagementId);
      const connection = await deps.store.connections.get(input.connectionId);
      if (!connection || connection.deletedAt) {
        throw new ValidationFailed([
          { path: 'body.connectionId', message: `connection ${input.connectionId} does not exist` },
        ]);
      }
      const scope = toScope(connection.tracker, input.scope);
      const key = scopeKey(scope);
      const held = await deps.store.links.holderOf(connection.id, key);
      if (held) throw scopeTaken(held, engagementId);
      const link = await deps.store.transaction(async (repos) => {
        const created = await repos.links.insert({
          id: newId('lnk'),
          engagementId,
          connectionId: connection.id,
          scope,
          scopeKey: key,
          createdBy: actor.keyId,
        });
        if (!created) {
          // Linked by a concurrent request since the check above (links_one_per_scope).
          const holder = await repos.links.holderOf(connection.id, key);
          if (holder) throw scopeTaken(holder, engagementId);
          throw new Conflict('link_exists', `${key} is already linked on this connection`);
        }
        await repos.audit.append(actor, {
          entityType: 'link',
          entityId: created.id,
          action: 'create',
          before: null,
          after: created,
        });
        return created;
      });
      await deps.onLinked(link);
      return toLinkView(link);
    },
    async list(actor, engagementId) {
      await visibleEngagement(actor, engagementId);
      return (await deps.store.links.listByEngagement(engagementId)).map(toLinkView);
    },
    async remove(actor, engagementId, linkId) {
      await visibleEngagement(actor, engagementId);
      const removed = await deps.store.transaction(async (repos) => {
        const link = await repos.links.get(linkId);
        if (!link || link.engagementId !== engagementId) throw new NotFound('Link', linkId);
        const gone = await repos.links.remove(linkId);
        if (!gone) throw new NotFound('Link', linkId);
        await repos.audit.append(actor, {
          entityType: 'link',
          entityId: linkId,
          action: 'delete',
          before: gone,
          after: null,
        });
        return gone;
      });
      await deps.onUnlinked(removed);
    },
  };
}

/**
 * One engagement per scope of a connection: a task row carries one deliverable, and two
 * engagements following one scope would each unset the other's assignments on every recompute.
 */
function scopeTaken(holder: LinkRecord, engagementId: string): Conflict {
  if (holder.engagementId === engagementId)
    return new Conflict(
      'link_exists',
      `The engagement already follows ${holder.scopeKey} on this connection`,
    );
  return new Conflict(
    'link_scope_taken',
    `${holder.scopeKey} on connection ${holder.connectionId} already feeds engagement ${holder.engagementId} ` +
      `(link ${holder.id}); a scope feeds one engagement: remove that link first ` +
      `(DELETE /v1/engagements/${holder.engagementId}/links/${holder.id})`,
    { engagementId: holder.engagementId, linkId: holder.id },
  );
}

function toScope(tracker: LinkScope['tracker'], input: ScopeInput): LinkScope {
  const bad = (message: string) => new ValidationFailed([{ path: 'body.scope', message }]);
  switch (tracker) {
    case 'jira':
      if ('projectKey' in input) return { tracker, projectKey: input.projectKey };
      if ('jql' in input) return { tracker, jql: input.jql };
      throw bad('a Jira link names { projectKey } or { jql }');
    case 'trello':
      if ('boardId' in input) return { tracker, boardId: input.boardId };
      throw bad('a Trello link names { boardId }');
    case 'asana':
      if ('projectGid' in input) return { tracker, projectGid: input.projectGid };
      throw bad('an Asana link names { projectGid }');
  }
}
