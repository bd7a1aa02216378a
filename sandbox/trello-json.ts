import type { TrelloWorld } from './trello-model.ts';
import type {
  TrelloAction,
  TrelloBoard,
  TrelloCard,
  TrelloLabel,
  TrelloList,
  TrelloMember,
} from './trello-types.ts';

/**
 * Trello's JSON, after the object definitions
 * (https://developer.atlassian.com/cloud/trello/guides/rest-api/object-definitions/) and the
 * captures in test/fixtures/trello. `site` is where card and board links point (the sandbox).
 */

const iso = (ms: number) => new Date(ms).toISOString();
const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Keeps `id` and the listed fields; `all` (or nothing) keeps everything. */
export function pick<T extends Record<string, unknown>>(
  json: T,
  fields: readonly string[] | null,
): Partial<T> {
  if (fields === null || fields.length === 0 || fields.includes('all')) return json;
  return Object.fromEntries(
    Object.entries(json).filter(([k]) => k === 'id' || fields.includes(k)),
  ) as Partial<T>;
}

export function memberJson(site: string, m: TrelloMember, world: TrelloWorld) {
  return {
    id: m.id,
    activityBlocked: false,
    avatarHash: null,
    avatarUrl: null,
    fullName: m.fullName,
    idMemberReferrer: null,
    initials: m.initials,
    nonPublic: {},
    nonPublicAvailable: true,
    username: m.username,
    url: `${site}/${m.username}`,
    idBoards: [...world.boards.keys()],
  };
}

/** `uses` counts the board's cards carrying the label (pass the counts when serialising many cards). */
export function labelJson(l: TrelloLabel, world: TrelloWorld, uses?: ReadonlyMap<string, number>) {
  const count = uses ? (uses.get(l.id) ?? 0) : labelUses(world).get(l.id);
  return { id: l.id, idBoard: l.idBoard, name: l.name, color: l.color, uses: count ?? 0 };
}

export function labelUses(world: TrelloWorld): Map<string, number> {
  const uses = new Map<string, number>();
  for (const c of world.cards.values()) for (const id of c.idLabels) uses.set(id, (uses.get(id) ?? 0) + 1);
  return uses;
}

export function listJson(l: TrelloList) {
  return {
    id: l.id,
    name: l.name,
    closed: l.closed,
    color: null,
    idBoard: l.idBoard,
    pos: l.pos,
    subscribed: false,
    softLimit: null,
  };
}

export function boardJson(site: string, b: TrelloBoard) {
  const colours = ['green', 'yellow', 'orange', 'red', 'purple', 'blue', 'sky', 'lime', 'pink', 'black'];
  return {
    id: b.id,
    name: b.name,
    desc: '',
    descData: null,
    closed: b.closed,
    idOrganization: null,
    idEnterprise: null,
    pinned: false,
    url: `${site}/b/${b.shortLink}/${slug(b.name)}`,
    shortUrl: `${site}/b/${b.shortLink}`,
    prefs: {
      permissionLevel: 'private',
      voting: 'disabled',
      comments: 'members',
      invitations: 'members',
      selfJoin: false,
      cardCovers: true,
      background: 'blue',
      backgroundColor: '#0079BF',
      canBePublic: true,
      canBeOrg: true,
      canBePrivate: true,
      canInvite: true,
    },
    labelNames: Object.fromEntries(colours.map((c) => [c, ''])),
  };
}

export function cardJson(
  site: string,
  c: TrelloCard,
  world: TrelloWorld,
  uses?: ReadonlyMap<string, number>,
) {
  const counts = uses ?? (c.idLabels.length > 0 ? labelUses(world) : new Map<string, number>());
  const labels = c.idLabels.flatMap((id) => {
    const l = world.labels.get(id);
    return l ? [labelJson(l, world, counts)] : [];
  });
  const due = c.due === null ? null : iso(c.due);
  const comments = c.comments;
  return {
    id: c.id,
    badges: {
      votes: 0,
      viewingMemberVoted: false,
      subscribed: false,
      fogbugz: '',
      checkItems: 0,
      checkItemsChecked: 0,
      comments,
      attachments: 0,
      description: c.desc !== '',
      due,
      dueComplete: c.dueComplete,
    },
    checkItemStates: [],
    closed: c.closed,
    dueComplete: c.dueComplete,
    dateLastActivity: iso(c.dateLastActivity),
    desc: c.desc,
    descData: null,
    due,
    dueReminder: null,
    email: null,
    idBoard: c.idBoard,
    idChecklists: [],
    idList: c.idList,
    idMembers: [...c.idMembers],
    idMembersVoted: [],
    idShort: c.idShort,
    idAttachmentCover: null,
    labels,
    idLabels: [...c.idLabels],
    manualCoverAttachment: false,
    name: c.name,
    pos: c.pos,
    shortLink: c.shortLink,
    shortUrl: `${site}/c/${c.shortLink}`,
    start: null,
    subscribed: false,
    url: `${site}/c/${c.shortLink}/${c.idShort}-${slug(c.name)}`,
  };
}

export function actionJson(a: TrelloAction, world: TrelloWorld) {
  const m = world.members.get(a.idMemberCreator);
  return {
    id: a.id,
    idMemberCreator: a.idMemberCreator,
    data: a.data,
    appCreator: null,
    type: a.type,
    date: iso(a.date),
    limits: null,
    memberCreator: m
      ? {
          id: m.id,
          activityBlocked: false,
          avatarHash: null,
          avatarUrl: null,
          fullName: m.fullName,
          idMemberReferrer: null,
          initials: m.initials,
          nonPublic: {},
          nonPublicAvailable: true,
          username: m.username,
        }
      : null,
  };
}
