import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  type Clock,
  HttpError,
  type PushLog,
  queryBool,
  queryInt,
  queryList,
  queryString,
} from './common.ts';
import {
  actionJson,
  boardJson,
  cardJson,
  labelJson,
  labelUses,
  listJson,
  memberJson,
  pick,
} from './trello-json.ts';
import type { TrelloWorld } from './trello-model.ts';
import type { TrelloActor, TrelloCard } from './trello-types.ts';

/**
 * Trello's REST API as the Trello adapter (trello.js v2 on its own transport) calls it, under
 * `/1`: https://developer.atlassian.com/cloud/trello/rest/
 */

export interface TrelloDeps {
  readonly world: TrelloWorld;
  readonly clock: Clock;
  readonly pushed: PushLog;
  readonly site: () => string;
}

export interface TrelloCaller {
  readonly key: string;
  readonly token: string;
  readonly actor: TrelloActor;
}

/** Trello takes parameters in the query string or the body alike. */
export function paramsOf(req: FastifyRequest): Record<string, unknown> {
  const body = typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {};
  return { ...body, ...(req.query as Record<string, unknown>) };
}

/** Every call carries `key` and `token` (or an OAuth header); all tokens act as the integration member. */
export function trelloCaller(req: FastifyRequest, deps: TrelloDeps): TrelloCaller {
  const p = paramsOf(req);
  const oauth = req.headers.authorization ?? '';
  const key = queryString(p.key) ?? /oauth_consumer_key="([^"]+)"/.exec(oauth)?.[1];
  const token = queryString(p.token) ?? /oauth_token="([^"]+)"/.exec(oauth)?.[1];
  if (!key) throw new HttpError(401, 'invalid key');
  if (!token) throw new HttpError(401, 'unauthorized permission requested');
  return { key, token, actor: { user: deps.world.integration, via: 'api' } };
}

const ACTIONS_LIMIT = 1000;

function actionsQuery(p: Record<string, unknown>) {
  const filter = queryList(p.filter);
  const limit = queryInt(p.limit, 50);
  if (limit < 0 || limit > ACTIONS_LIMIT) throw new HttpError(400, 'invalid value for limit');
  return {
    types: filter.length === 0 || filter.includes('all') ? null : filter,
    limit,
    ...(queryString(p.since) ? { since: queryString(p.since) as string } : {}),
    ...(queryString(p.before) ? { before: queryString(p.before) as string } : {}),
  };
}

/** Members, boards and what they hold: cards, lists, members, labels, actions. */
function registerBoardRoutes(app: FastifyInstance, deps: TrelloDeps): void {
  const { world } = deps;
  const site = () => deps.site();
  type Req = FastifyRequest<{ Params: Record<string, string> }>;

  app.get('/1/members/:id', async (req: Req) => {
    trelloCaller(req, deps);
    return pick(
      memberJson(site(), world.member(req.params.id as string), world),
      queryList(paramsOf(req).fields),
    );
  });
  app.get('/1/boards/:id', async (req: Req) => {
    trelloCaller(req, deps);
    return pick(boardJson(site(), world.board(req.params.id as string)), queryList(paramsOf(req).fields));
  });
  const boardCards = async (req: Req) => {
    trelloCaller(req, deps);
    const b = world.board(req.params.id as string);
    const filter = req.params.filter ?? 'open';
    if (!['all', 'closed', 'none', 'open', 'visible'].includes(filter))
      throw new HttpError(400, 'invalid value for filter');
    const cards = [...world.cards.values()].filter(
      (c) =>
        c.idBoard === b.id &&
        (filter === 'all' || (filter === 'closed' ? c.closed : filter !== 'none' && !c.closed)),
    );
    const uses = labelUses(world);
    return cards.map((c) => pick(cardJson(site(), c, world, uses), queryList(paramsOf(req).fields)));
  };
  app.get('/1/boards/:id/cards', boardCards);
  app.get('/1/boards/:id/cards/:filter', boardCards);
  app.get('/1/boards/:id/lists', async (req: Req) => {
    trelloCaller(req, deps);
    const b = world.board(req.params.id as string);
    const filter = queryString(paramsOf(req).filter) ?? 'open';
    return [...world.lists.values()]
      .filter((l) => l.idBoard === b.id && (filter === 'all' || (filter === 'closed' ? l.closed : !l.closed)))
      .map((l) => pick(listJson(l), queryList(paramsOf(req).fields)));
  });
  app.get('/1/boards/:id/members', async (req: Req) => {
    trelloCaller(req, deps);
    world.board(req.params.id as string);
    return [...world.members.values()].map((m) => ({ id: m.id, fullName: m.fullName, username: m.username }));
  });
  app.get('/1/boards/:id/labels', async (req: Req) => {
    trelloCaller(req, deps);
    const b = world.board(req.params.id as string);
    const limit = queryInt(paramsOf(req).limit, 50);
    if (limit < 0 || limit > 1000) throw new HttpError(400, 'invalid value for limit');
    return [...world.labels.values()]
      .filter((l) => l.idBoard === b.id)
      .slice(0, limit)
      .map((l) => labelJson(l, world));
  });
  app.get('/1/boards/:id/actions', async (req: Req) => {
    trelloCaller(req, deps);
    const b = world.board(req.params.id as string);
    return world
      .listActions({ idBoard: b.id, ...actionsQuery(paramsOf(req)) })
      .map((a) => actionJson(a, world));
  });
}

/** Cards: read, create, update (moves, due dates, labels), delete. */
function registerCardRoutes(app: FastifyInstance, deps: TrelloDeps): void {
  const { world, pushed } = deps;
  const site = () => deps.site();
  const push = (
    c: TrelloCard,
    kind: Parameters<PushLog['add']>[0]['kind'],
    detail: Record<string, unknown>,
  ) => pushed.add({ tracker: 'trello', itemId: c.id, kind, detail: { shortLink: c.shortLink, ...detail } });
  type Req = FastifyRequest<{ Params: Record<string, string> }>;

  app.get('/1/cards/:id', async (req: Req) => {
    trelloCaller(req, deps);
    const p = paramsOf(req);
    const c = world.card(req.params.id as string);
    const json: Record<string, unknown> = pick(cardJson(site(), c, world), queryList(p.fields));
    if (queryBool(p.list)) json.list = listJson(world.list(c.idList));
    if (queryBool(p.members)) {
      const memberFields = queryList(p.member_fields);
      json.members = c.idMembers.flatMap((id) => {
        const m = world.members.get(id);
        return m
          ? [
              pick(
                memberJson(site(), m, world),
                memberFields.length ? memberFields : ['fullName', 'username'],
              ),
            ]
          : [];
      });
    }
    if (queryString(p.actions)) {
      json.actions = world
        .listActions({ idCard: c.id, types: queryList(p.actions).filter((t) => t !== 'all'), limit: 50 })
        .map((a) => actionJson(a, world));
    }
    return json;
  });
  app.post('/1/cards', async (req) => {
    const { actor } = trelloCaller(req, deps);
    const p = paramsOf(req);
    const idList = queryString(p.idList);
    if (!idList) throw new HttpError(400, 'invalid value for idList');
    const due = queryString(p.due);
    const c = world.createCard({ idList, name: queryString(p.name) ?? '', ...(due ? { due } : {}) }, actor);
    return cardJson(site(), c, world);
  });
  app.put('/1/cards/:id', async (req: Req) => {
    const { actor } = trelloCaller(req, deps);
    const p = paramsOf(req);
    const c = world.card(req.params.id as string);
    const idList = queryString(p.idList);
    if (idList && idList !== c.idList) {
      const from = world.list(c.idList).name;
      world.moveCard(c, idList, actor);
      push(c, 'move', { from, to: world.list(idList).name });
    }
    const due = p.due === undefined ? undefined : queryString(p.due) || null;
    const changes = {
      ...(queryString(p.name) !== undefined ? { name: queryString(p.name) as string } : {}),
      ...(queryString(p.desc) !== undefined ? { desc: queryString(p.desc) as string } : {}),
      ...(due !== undefined ? { due } : {}),
      ...(queryBool(p.dueComplete) !== undefined ? { dueComplete: queryBool(p.dueComplete) as boolean } : {}),
      ...(queryBool(p.closed) !== undefined ? { closed: queryBool(p.closed) as boolean } : {}),
    };
    for (const a of world.updateCard(c, changes, actor)) push(c, 'field', { old: a.data.old });
    if (p.idLabels !== undefined) {
      const wanted = queryList(p.idLabels);
      for (const id of c.idLabels.filter((x) => !wanted.includes(x)))
        world.removeLabel(c, world.label(id), actor);
      for (const id of wanted) world.addLabel(c, world.label(id), actor);
    }
    return cardJson(site(), c, world);
  });
  app.delete('/1/cards/:id', async (req: Req) => {
    const { actor } = trelloCaller(req, deps);
    world.deleteCard(world.card(req.params.id as string), actor);
    return { limits: {} };
  });
}

/** A card's actions, comments and labels, and new board labels. */
function registerCommentAndLabelRoutes(app: FastifyInstance, deps: TrelloDeps): void {
  const { world, pushed } = deps;
  const push = (
    c: TrelloCard,
    kind: Parameters<PushLog['add']>[0]['kind'],
    detail: Record<string, unknown>,
  ) => pushed.add({ tracker: 'trello', itemId: c.id, kind, detail: { shortLink: c.shortLink, ...detail } });
  type Req = FastifyRequest<{ Params: Record<string, string> }>;

  app.get('/1/cards/:id/actions', async (req: Req) => {
    trelloCaller(req, deps);
    const c = world.card(req.params.id as string);
    const p = paramsOf(req);
    const query = actionsQuery({ ...p, filter: p.filter ?? 'commentCard' });
    return world.listActions({ idCard: c.id, ...query }).map((a) => actionJson(a, world));
  });
  app.post('/1/cards/:id/actions/comments', async (req: Req) => {
    const { actor } = trelloCaller(req, deps);
    const c = world.card(req.params.id as string);
    const text = queryString(paramsOf(req).text);
    if (!text) throw new HttpError(400, 'invalid value for text');
    const action = world.comment(c, text, actor);
    push(c, 'comment', { actionId: action.id, text });
    return actionJson(action, world);
  });
  app.post('/1/cards/:id/idLabels', async (req: Req) => {
    const { actor } = trelloCaller(req, deps);
    const c = world.card(req.params.id as string);
    const l = world.label(queryString(paramsOf(req).value) ?? '');
    if (l.idBoard !== c.idBoard) throw new HttpError(400, 'That label is not on the board of the card');
    if (!world.addLabel(c, l, actor)) throw new HttpError(400, 'that label is already on the card');
    push(c, 'label_added', { label: l.name, color: l.color });
    return [...c.idLabels];
  });
  app.delete('/1/cards/:id/idLabels/:idLabel', async (req: Req) => {
    const { actor } = trelloCaller(req, deps);
    const c = world.card(req.params.id as string);
    const l = world.label(req.params.idLabel as string);
    if (world.removeLabel(c, l, actor)) push(c, 'label_removed', { label: l.name });
    return { _value: null };
  });
  app.post('/1/labels', async (req) => {
    trelloCaller(req, deps);
    const p = paramsOf(req);
    const b = world.board(queryString(p.idBoard) ?? '');
    const name = queryString(p.name);
    if (name === undefined) throw new HttpError(400, 'invalid value for name');
    return labelJson(world.createLabel(b.id, name, queryString(p.color) ?? null), world);
  });
}

export function registerTrelloRoutes(app: FastifyInstance, deps: TrelloDeps): void {
  registerBoardRoutes(app, deps);
  registerCardRoutes(app, deps);
  registerCommentAndLabelRoutes(app, deps);
}
