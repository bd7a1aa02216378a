import { createTrelloClient, type TrelloClient } from 'trello.js';
import { z } from 'zod';
import type { LinkScope } from '../../src/core/task.ts';
import type { AdapterContext, TrackerAdapter, WebhookRegistration } from '../../src/core/tracker.ts';
import { pushTrelloDecision } from './trello.decision.ts';
import { call, read, TrelloRequestRejected } from './trello.errors.ts';
import { listBoardChanges } from './trello.listing.ts';
import { toTask } from './trello.mapper.ts';
import { TrelloMember, TrelloWebhook } from './trello.payloads.ts';
import { fetchCardView } from './trello.reads.ts';
import { type TrelloCredentials, TrelloSettings } from './trello.settings.ts';
import { createTrelloTransport, TRELLO_API_ROOT } from './trello.transport.ts';
import { parseTrelloWebhook, trelloDeliveryKey, verifyTrelloWebhook } from './trello.webhook.ts';

export type TrelloContext = AdapterContext<TrelloCredentials, TrelloSettings>;

/** trello.js on Jalon's transport (no retries of its own; errors keep status and headers). */
export function trelloClientFor(ctx: TrelloContext): TrelloClient {
  const { apiKey, apiToken } = ctx.credentials;
  return createTrelloClient(
    createTrelloTransport({ baseUrl: ctx.baseUrl ?? TRELLO_API_ROOT, apiKey, apiToken }),
  );
}

function boardOf(scope: LinkScope): string {
  if (scope.tracker !== 'trello') throw new Error(`the Trello adapter cannot list a ${scope.tracker} scope`);
  return scope.boardId;
}

/**
 * Webhooks belong to the token that created them and are listed under it, not under the board.
 * https://developer.atlassian.com/cloud/trello/rest/api-group-tokens/#api-tokens-token-webhooks-get
 */
async function findWebhook(trello: TrelloClient, token: string, boardId: string, callbackUrl: string) {
  const raw = await call(boardId, () => trello.tokens.getTokenWebhooks({ token }));
  const hooks = read(z.array(TrelloWebhook), raw, 'webhooks');
  return hooks.find((w) => w.idModel === boardId && w.callbackURL === callbackUrl) ?? null;
}

/**
 * One webhook per board and callback URL, reused when it exists (re-activated if Trello disabled
 * it after repeated failures). Creating one makes Trello send a HEAD to the callback URL, which
 * must answer 200 (verifyWebhook's `probe`). Trello webhooks do not expire.
 * https://developer.atlassian.com/cloud/trello/rest/api-group-webhooks/#api-webhooks-post
 */
async function registerBoardWebhook(
  trello: TrelloClient,
  ctx: TrelloContext,
  boardId: string,
  callbackUrl: string,
): Promise<WebhookRegistration[]> {
  const token = ctx.credentials.apiToken;
  const existing = await findWebhook(trello, token, boardId, callbackUrl);
  if (existing) {
    if (!existing.active)
      await call(boardId, () => trello.webhooks.updateWebhook({ id: existing.id, active: true }));
    return [{ externalId: existing.id, expiresAt: null }];
  }
  try {
    const raw = await call(boardId, () =>
      trello.webhooks.createWebhook({
        idModel: boardId,
        callbackURL: callbackUrl,
        description: `Jalon connection ${ctx.connectionId}`,
      }),
    );
    return [{ externalId: read(TrelloWebhook, raw, 'webhook').id, expiresAt: null }];
  } catch (err) {
    // A concurrent registration won the race: Trello refuses a duplicate with a 400.
    const winner =
      err instanceof TrelloRequestRejected ? await findWebhook(trello, token, boardId, callbackUrl) : null;
    if (winner) return [{ externalId: winner.id, expiresAt: null }];
    throw err;
  }
}

/** Builds the Trello adapter of one connection; `trello` is injectable for tests. */
export function createTrelloAdapter(
  ctx: TrelloContext,
  trello: TrelloClient = trelloClientFor(ctx),
): TrackerAdapter {
  const settings = TrelloSettings.parse(ctx.settings ?? {});
  return {
    tracker: 'trello',
    verifyWebhook: (req) => verifyTrelloWebhook(req, ctx.webhookSecrets),
    parseWebhook: (req) => parseTrelloWebhook(req, ctx.integrationAccountId),
    deliveryKey: trelloDeliveryKey,
    async fetchTask(ref) {
      const view = await fetchCardView(trello, ref.externalId, settings);
      return view === null ? null : toTask(view, settings);
    },
    listChanged: (scope, since) => listBoardChanges(trello, settings, boardOf(scope), since),
    pushDecision: (ref, decision) => pushTrelloDecision(trello, settings, ref, decision),
    registerWebhooks: (scope, callbackUrl) => registerBoardWebhook(trello, ctx, boardOf(scope), callbackUrl),
    /** https://developer.atlassian.com/cloud/trello/rest/api-group-members/#api-members-id-get */
    async whoAmI() {
      const raw = await call('me', () => trello.members.getMember({ id: 'me', fields: 'fullName,username' }));
      const me = read(TrelloMember, raw, 'member');
      return { accountId: me.id, name: me.fullName || me.username || me.id };
    },
  };
}
