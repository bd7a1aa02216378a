import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { HttpError, parse } from './common.ts';
import type { SandboxContext } from './control.ts';
import { trelloView } from './views.ts';

/** Control routes playing the provider's Trello members: boards, lists, cards, moves, labels, comments. */

type Req = FastifyRequest<{ Params: Record<string, string> }>;

const Labels = z.array(z.string().min(1));

/** Boards and lists. */
function registerBoardControl(app: FastifyInstance, ctx: SandboxContext): void {
  const { world } = ctx.trello;
  const by = { user: world.provider, via: 'control' as const };
  const boardView = (id: string) => {
    const b = world.board(id);
    const lists = [...world.lists.values()].filter((l) => l.idBoard === b.id);
    return {
      id: b.id,
      name: b.name,
      shortLink: b.shortLink,
      lists: lists.map((l) => ({ id: l.id, name: l.name })),
      labels: [...world.labels.values()]
        .filter((l) => l.idBoard === b.id)
        .map((l) => ({ id: l.id, name: l.name, color: l.color })),
      cards: [...world.cards.values()].filter((c) => c.idBoard === b.id).length,
      members: [...world.members.values()].map((m) => ({
        id: m.id,
        fullName: m.fullName,
        username: m.username,
      })),
    };
  };

  app.post('/trello/boards', async (req, reply) => {
    const b = parse(
      z.object({
        name: z.string().min(1),
        lists: z.array(z.string().min(1)).default(['To Do', 'Doing', 'Done']),
      }),
      req.body,
    );
    return reply.code(201).send(boardView(world.createBoard(b.name, b.lists, by).id));
  });
  app.get('/trello/boards/:id', async (req: Req) => boardView(req.params.id as string));
  app.post('/trello/boards/:id/lists', async (req: Req, reply) => {
    const b = parse(z.object({ name: z.string().min(1) }), req.body);
    const l = world.createList(req.params.id as string, b.name, by);
    return reply.code(201).send({ id: l.id, name: l.name });
  });
}

/** Cards, one by one or by the thousand. */
function registerCardCreation(app: FastifyInstance, ctx: SandboxContext): void {
  const { world } = ctx.trello;
  const by = { user: world.provider, via: 'control' as const };
  const view = (id: string) => trelloView(world, world.card(id), ctx.trello.site());
  const listOf = (idBoard: string | undefined, nameOrId: string) => {
    const byId = world.lists.get(nameOrId);
    if (byId) return byId;
    const found = [...world.lists.values()].find(
      (l) =>
        (idBoard === undefined || l.idBoard === idBoard) && l.name.toLowerCase() === nameOrId.toLowerCase(),
    );
    if (!found) throw new HttpError(404, { error: `no list ${nameOrId}` });
    return found;
  };
  const memberIds = (names: readonly string[] | undefined) =>
    (names ?? []).map(
      (n) =>
        [...world.members.values()].find((m) => m.id === n || m.username === n || m.fullName === n)?.id ?? n,
    );

  app.post('/trello/cards', async (req, reply) => {
    const b = parse(
      z.object({
        boardId: z.string().optional(),
        list: z.string(),
        name: z.string().min(1),
        desc: z.string().optional(),
        due: z.string().nullable().optional(),
        labels: Labels.optional(),
        members: z.array(z.string()).optional(),
      }),
      req.body,
    );
    const card = world.createCard(
      {
        idList: listOf(b.boardId, b.list).id,
        name: b.name,
        desc: b.desc,
        due: b.due,
        labels: b.labels,
        idMembers: memberIds(b.members),
      },
      by,
    );
    return reply.code(201).send(view(card.id));
  });
  app.post('/trello/boards/:id/cards/bulk', async (req: Req, reply) => {
    const b = parse(
      z.object({
        count: z.number().int().min(1).max(20_000),
        list: z.string().default('To Do'),
        namePrefix: z.string().default('Card'),
      }),
      req.body,
    );
    const idList = listOf(req.params.id, b.list).id;
    const ids = Array.from(
      { length: b.count },
      (_, i) => world.createCard({ idList, name: `${b.namePrefix} ${i + 1}` }, by).id,
    );
    return reply.code(201).send({ created: ids.length, ids });
  });
  app.get('/trello/cards/:id', async (req: Req) => view(req.params.id as string));
}

/** What a provider does to a card: move it, edit it, label it, comment, delete it. */
function registerCardChanges(app: FastifyInstance, ctx: SandboxContext): void {
  const { world } = ctx.trello;
  const by = { user: world.provider, via: 'control' as const };
  const view = (id: string) => trelloView(world, world.card(id), ctx.trello.site());
  const listOf = (idBoard: string | undefined, nameOrId: string) => {
    const byId = world.lists.get(nameOrId);
    if (byId) return byId;
    const found = [...world.lists.values()].find(
      (l) =>
        (idBoard === undefined || l.idBoard === idBoard) && l.name.toLowerCase() === nameOrId.toLowerCase(),
    );
    if (!found) throw new HttpError(404, { error: `no list ${nameOrId}` });
    return found;
  };

  app.post('/trello/cards/:id/move', async (req: Req) => {
    const b = parse(z.object({ list: z.string() }), req.body);
    const card = world.card(req.params.id as string);
    world.moveCard(card, listOf(card.idBoard, b.list).id, by);
    return view(card.id);
  });
  app.patch('/trello/cards/:id', async (req: Req) => {
    const b = parse(
      z.object({
        name: z.string().min(1).optional(),
        desc: z.string().optional(),
        due: z.string().nullable().optional(),
        dueComplete: z.boolean().optional(),
        closed: z.boolean().optional(),
      }),
      req.body,
    );
    world.updateCard(world.card(req.params.id as string), b, by);
    return view(req.params.id as string);
  });
  app.post('/trello/cards/:id/labels', async (req: Req) => {
    const b = parse(
      z.object({ name: z.string().min(1), color: z.string().nullable().default('red') }),
      req.body,
    );
    const card = world.card(req.params.id as string);
    world.addLabel(card, world.findOrCreateLabel(card.idBoard, b.name, b.color), by);
    return view(card.id);
  });
  app.delete('/trello/cards/:id/labels/:name', async (req: Req) => {
    const card = world.card(req.params.id as string);
    const name = (req.params.name as string).toLowerCase();
    for (const id of [...card.idLabels]) {
      const l = world.labels.get(id);
      if (l && (l.id === req.params.name || l.name.toLowerCase() === name)) world.removeLabel(card, l, by);
    }
    return view(card.id);
  });
  app.post('/trello/cards/:id/comments', async (req: Req, reply) => {
    const b = parse(z.object({ text: z.string().min(1) }), req.body);
    world.comment(world.card(req.params.id as string), b.text, by);
    return reply.code(201).send(view(req.params.id as string));
  });
  app.delete('/trello/cards/:id', async (req: Req) => {
    const card = world.card(req.params.id as string);
    world.deleteCard(card, by);
    return { deleted: card.id };
  });
  app.put('/trello/app-secrets', async (req) => {
    const b = parse(z.object({ apiKey: z.string().min(1), appSecret: z.string().min(1) }), req.body);
    ctx.trello.appSecrets.set(b.apiKey, b.appSecret);
    return { apiKey: b.apiKey };
  });
}

export function registerTrelloControl(app: FastifyInstance, ctx: SandboxContext): void {
  registerBoardControl(app, ctx);
  registerCardCreation(app, ctx);
  registerCardChanges(app, ctx);
}
