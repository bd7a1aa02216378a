import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError, objectIds, queryBool, queryString } from './common.ts';
import { paramsOf, type TrelloDeps, trelloCaller } from './trello.ts';
import { actionJson, boardJson, cardJson, listJson, memberJson } from './trello-json.ts';
import type { TrelloAction } from './trello-types.ts';
import type { Deliverer } from './webhooks.ts';

/**
 * Trello webhooks (https://developer.atlassian.com/cloud/trello/guides/rest-api/webhooks/): they
 * belong to the token that created them; creating one first sends a HEAD to the callback URL,
 * which must answer 200. Each action on the watched model is POSTed as `{ model, action }` with
 * `X-Trello-Webhook`: the base64 HMAC-SHA1 of the body followed by the callback URL, keyed by the
 * app secret of the API key. A callback answering 410 deletes the webhook.
 */

export interface TrelloHook {
  readonly id: string;
  description: string;
  idModel: string;
  callbackURL: string;
  active: boolean;
  consecutiveFailures: number;
  firstConsecutiveFailDate: number | null;
  readonly token: string;
  readonly key: string;
}

export interface TrelloSecrets {
  secretFor(apiKey: string): string;
}

const DISABLE_AFTER_MS = 30 * 24 * 3_600_000;

export function trelloSignature(body: Buffer, callbackURL: string, secret: string): string {
  return createHmac('sha1', secret).update(body).update(callbackURL, 'utf8').digest('base64');
}

async function headCheck(url: string): Promise<void> {
  let status: number | string;
  try {
    const res = await fetch(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(10_000) });
    status = res.status;
  } catch (err) {
    status = err instanceof Error ? err.message : String(err);
  }
  if (status !== 200) throw new HttpError(400, `URL (${url}) did not return 200 status code, got ${status}`);
}

export const trelloHookJson = (h: TrelloHook) => ({
  id: h.id,
  description: h.description,
  idModel: h.idModel,
  callbackURL: h.callbackURL,
  active: h.active,
  consecutiveFailures: h.consecutiveFailures,
  firstConsecutiveFailDate:
    h.firstConsecutiveFailDate === null ? null : new Date(h.firstConsecutiveFailDate).toISOString(),
});

/** Webhook routes: create (after the HEAD check), list by token, read, update, delete. */
function registerWebhookRoutes(app: FastifyInstance, deps: TrelloDeps, hooks: Map<string, TrelloHook>): void {
  const { world, clock } = deps;
  const newId = objectIds(clock);
  const hookJson = trelloHookJson;
  const modelExists = (id: string) =>
    world.boards.has(id) || world.cards.has(id) || world.lists.has(id) || world.members.has(id);
  const hook = (req: FastifyRequest<{ Params: Record<string, string> }>) => {
    const caller = trelloCaller(req, deps);
    const h = hooks.get(req.params.id as string);
    if (!h || h.token !== caller.token) throw new HttpError(404, 'The requested resource was not found.');
    return h;
  };

  const create = async (req: FastifyRequest<{ Params: Record<string, string> }>) => {
    const caller = trelloCaller(req, deps);
    const p = paramsOf(req);
    const token = req.params.token ?? caller.token;
    const callbackURL = queryString(p.callbackURL) ?? '';
    const idModel = queryString(p.idModel) ?? '';
    if (!/^https?:\/\/\S+$/.test(callbackURL)) throw new HttpError(400, 'invalid value for callbackURL');
    if (!modelExists(idModel)) throw new HttpError(400, 'invalid value for idModel');
    const same = [...hooks.values()].find(
      (h) => h.token === token && h.idModel === idModel && h.callbackURL === callbackURL,
    );
    if (same) throw new HttpError(400, 'A webhook with that callback, model, and token already exists');
    await headCheck(callbackURL);
    const h: TrelloHook = {
      id: newId(),
      description: queryString(p.description) ?? '',
      idModel,
      callbackURL,
      active: queryBool(p.active) ?? true,
      consecutiveFailures: 0,
      firstConsecutiveFailDate: null,
      token,
      key: caller.key,
    };
    hooks.set(h.id, h);
    return hookJson(h);
  };
  app.post('/1/webhooks', create);
  app.post('/1/tokens/:token/webhooks', create);
  app.get('/1/tokens/:token/webhooks', async (req: FastifyRequest<{ Params: Record<string, string> }>) => {
    trelloCaller(req, deps);
    return [...hooks.values()].filter((h) => h.token === req.params.token).map(hookJson);
  });
  app.get('/1/webhooks/:id', async (req: FastifyRequest<{ Params: Record<string, string> }>) =>
    hookJson(hook(req)),
  );
  app.put('/1/webhooks/:id', async (req: FastifyRequest<{ Params: Record<string, string> }>) => {
    const h = hook(req);
    const p = paramsOf(req);
    const callbackURL = queryString(p.callbackURL);
    if (callbackURL !== undefined && callbackURL !== h.callbackURL) {
      await headCheck(callbackURL);
      h.callbackURL = callbackURL;
    }
    if (queryString(p.description) !== undefined) h.description = queryString(p.description) as string;
    if (queryString(p.idModel) !== undefined) h.idModel = queryString(p.idModel) as string;
    const active = queryBool(p.active);
    if (active !== undefined) {
      h.active = active;
      if (active) {
        h.consecutiveFailures = 0;
        h.firstConsecutiveFailDate = null;
      }
    }
    return hookJson(h);
  });
  app.delete('/1/webhooks/:id', async (req: FastifyRequest<{ Params: Record<string, string> }>) => {
    hooks.delete(hook(req).id);
    return { _value: null };
  });
}

/** Each action on a watched model becomes a signed delivery; outcomes update the webhook. */
function dispatchTrelloActions(
  deps: TrelloDeps,
  deliverer: Deliverer,
  hooks: Map<string, TrelloHook>,
  secrets: TrelloSecrets,
): void {
  const { world, clock } = deps;
  const touches = (a: TrelloAction, model: string): boolean => {
    const data = a.data as Record<string, { id?: string } | undefined>;
    return (
      a.idBoard === model ||
      a.idCard === model ||
      data.card?.id === model ||
      [data.list?.id, data.listAfter?.id, data.listBefore?.id].includes(model) ||
      a.idMemberCreator === model
    );
  };
  const modelJson = (id: string) => {
    const site = deps.site();
    const b = world.boards.get(id);
    if (b) return boardJson(site, b);
    const c = world.cards.get(id);
    if (c) return cardJson(site, c, world);
    const l = world.lists.get(id);
    if (l) return listJson(l);
    const m = world.members.get(id);
    return m ? memberJson(site, m, world) : { id };
  };
  const bookkeep = (h: TrelloHook, status: number | null, ok: boolean) => {
    if (ok) {
      h.consecutiveFailures = 0;
      h.firstConsecutiveFailDate = null;
      return;
    }
    if (status === 410) {
      hooks.delete(h.id);
      return;
    }
    h.consecutiveFailures += 1;
    h.firstConsecutiveFailDate ??= clock.now();
    if (clock.now() - h.firstConsecutiveFailDate > DISABLE_AFTER_MS) h.active = false;
  };

  world.onAction((a) => {
    for (const h of hooks.values()) {
      if (!h.active || !touches(a, h.idModel)) continue;
      const body = Buffer.from(JSON.stringify({ model: modelJson(h.idModel), action: actionJson(a, world) }));
      const signature = trelloSignature(body, h.callbackURL, secrets.secretFor(h.key));
      deliverer.enqueue({
        tracker: 'trello',
        hookId: h.id,
        url: h.callbackURL,
        event: a.type,
        body,
        headers: () => ({ 'content-type': 'application/json', 'x-trello-webhook': signature }),
        onAttempt: (r) => bookkeep(h, r.status, r.ok),
        stillWanted: () => hooks.get(h.id)?.active === true,
      });
    }
  });
}

export function registerTrelloHooks(
  app: FastifyInstance,
  deps: TrelloDeps,
  deliverer: Deliverer,
  secrets: TrelloSecrets,
) {
  const hooks = new Map<string, TrelloHook>();
  registerWebhookRoutes(app, deps, hooks);
  dispatchTrelloActions(deps, deliverer, hooks, secrets);
  return { hooks: () => [...hooks.values()].map(trelloHookJson) };
}
