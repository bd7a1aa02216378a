import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  MalformedWebhook,
  type ParsedDelivery,
  type RawWebhook,
  type TrackerEvent,
  type TrackerEventKind,
  type WebhookVerdict,
} from '../../src/core/tracker.ts';
import { type TrelloAction, TrelloWebhookBody } from './trello.payloads.ts';

/**
 * Trello webhooks: https://developer.atlassian.com/cloud/trello/guides/rest-api/webhooks/
 *
 * `X-Trello-Webhook` is the base64 HMAC-SHA1 of the raw body followed by the callback URL exactly as
 * given at creation, keyed by the app secret. Trello once signed a Latin-1 truncation of non-ASCII
 * text; that caveat was dropped when they switched to UTF-8 bytes
 * (https://github.com/trello-archive/api-docs/pull/26), so the raw bytes are signed as received.
 */
const SIGNATURE_HEADER = 'x-trello-webhook';

function sign(body: Buffer, callbackUrl: string, secret: string): Buffer {
  const hmac = createHmac('sha1', secret);
  hmac.update(body);
  hmac.update(callbackUrl, 'utf8');
  return Buffer.from(hmac.digest('base64'), 'utf8');
}

/**
 * HEAD is Trello's check of the callback URL at registration: it carries no signature and is
 * answered 200. Every POST must be signed by one of the accepted secrets (a rotation keeps two).
 */
export function verifyTrelloWebhook(req: RawWebhook, secrets: readonly string[]): WebhookVerdict {
  if (req.method === 'HEAD') return { kind: 'probe' };
  const header = req.headers[SIGNATURE_HEADER];
  if (!header) return { kind: 'reject', reason: `missing ${SIGNATURE_HEADER} header` };
  if (secrets.length === 0) return { kind: 'reject', reason: 'no app secret configured' };
  const given = Buffer.from(header.trim(), 'utf8');
  // Every secret is tried, so the time taken does not tell which one (if any) matched.
  let valid = false;
  for (const secret of secrets) {
    const expected = sign(req.body, req.callbackUrl, secret);
    valid = (expected.length === given.length && timingSafeEqual(expected, given)) || valid;
  }
  return valid ? { kind: 'accept' } : { kind: 'reject', reason: 'signature does not match' };
}

/**
 * Action types → Jalon's event kinds. Actions that touch a card but are not listed here (check
 * items, attachments, custom fields…) are updates. Actions without a card (lists, board) yield no
 * event. https://developer.atlassian.com/cloud/trello/guides/rest-api/action-types/
 */
const KIND_BY_TYPE: Readonly<Record<string, TrackerEventKind>> = {
  createCard: 'created',
  copyCard: 'created',
  convertToCardFromCheckItem: 'created',
  moveCardToBoard: 'created',
  emailCard: 'created',
  deleteCard: 'deleted',
  commentCard: 'comment',
  copyCommentCard: 'comment',
  updateComment: 'comment',
  deleteComment: 'comment',
};

function toEvent(action: TrelloAction): TrackerEvent | null {
  const card = action.data.card;
  if (!card) return null;
  return {
    key: action.id,
    kind: KIND_BY_TYPE[action.type] ?? 'updated',
    externalId: card.id,
    occurredAt: new Date(action.date).toISOString(),
    actorId: action.idMemberCreator ?? null,
    // A webhook carries a slice of the card (id, name, short link, sometimes its list): never the
    // labels, members, due date or list names a task needs, so the card is always fetched.
    task: null,
  };
}

function readBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new MalformedWebhook('trello', 'body is not JSON');
  }
}

/**
 * One delivery is one action: its id is the delivery key and stays the same when Trello retries.
 * Actions by the integration account (Jalon's own comments, labels and moves) are dropped.
 */
function readAction(req: RawWebhook): TrelloAction {
  const parsed = TrelloWebhookBody.safeParse(readBody(req.body));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MalformedWebhook(
      'trello',
      `${issue?.path.join('.') ?? 'body'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data.action;
}

/**
 * The delivery key alone (the action id), for the receiver. A Trello delivery is one small action,
 * so reading it costs little; an unreadable one is refused up front, as parsing it would be.
 */
export function trelloDeliveryKey(req: RawWebhook): string {
  return readAction(req).id;
}

export function parseTrelloWebhook(req: RawWebhook, integrationAccountId: string | null): ParsedDelivery {
  const action = readAction(req);
  const ours = integrationAccountId !== null && action.idMemberCreator === integrationAccountId;
  const event = ours ? null : toEvent(action);
  return { deliveryKey: action.id, events: event ? [event] : [] };
}
