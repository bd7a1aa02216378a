import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import {
  MalformedWebhook,
  type ParsedDelivery,
  type RawWebhook,
  type TrackerEvent,
  type TrackerEventKind,
  type WebhookVerdict,
} from '../../src/core/tracker.ts';
import { isCompleteIssue, JiraIssue, type MapperConfig, mapIssue } from './jira.mapper.ts';

/**
 * Verifying and reading Jira Cloud webhook deliveries.
 * Docs: https://developer.atlassian.com/cloud/jira/platform/webhooks/
 */

export interface VerifyKeys {
  /** Admin-webhook secrets (`X-Hub-Signature`): the current one and, during a rotation, the previous. */
  readonly hmacSecrets: readonly string[];
  /** Keys of the JWT on OAuth 2.0 dynamic-webhook deliveries: the app's client secret(s). */
  readonly jwtSecrets: readonly string[];
}

/** Tolerated clock difference between Atlassian and Jalon when reading `exp` and `nbf`. */
const JWT_LEEWAY_MS = 60_000;

const reject = (reason: string): WebhookVerdict => ({ kind: 'reject', reason });

/** Compares in constant time; false (not an exception) on a length mismatch. */
const sameBytes = (a: Buffer, b: Buffer): boolean => a.length === b.length && timingSafeEqual(a, b);

/** Every key is tried (no early exit), so timing does not tell which secret matched. */
const matchesAny = (given: Buffer, keys: readonly string[], data: Buffer | string): boolean =>
  keys.map((key) => sameBytes(given, createHmac('sha256', key).update(data).digest())).includes(true);

/**
 * Admin webhooks registered with a secret carry `X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw
 * body>` in WebSub's `method=signature` form:
 * https://developer.atlassian.com/cloud/jira/platform/webhooks/#secure-admin-webhooks
 */
function verifyHubSignature(body: Buffer, header: string, secrets: readonly string[]): WebhookVerdict {
  const sep = header.indexOf('=');
  if (sep < 0) return reject('X-Hub-Signature is not method=signature');
  const method = header.slice(0, sep).trim().toLowerCase();
  const hex = header.slice(sep + 1).trim();
  if (method !== 'sha256') return reject(`X-Hub-Signature method ${method} is not supported`);
  if (!/^[0-9a-f]{64}$/i.test(hex)) return reject('X-Hub-Signature digest is not 64 hex digits');
  if (secrets.length === 0) return reject('no webhook secret is configured for this connection');
  return matchesAny(Buffer.from(hex, 'hex'), secrets, body)
    ? { kind: 'accept' }
    : reject('signature mismatch');
}

const JwtHeader = z.object({ alg: z.string() });
const JwtClaims = z.object({ exp: z.number(), nbf: z.number().optional() });

function decodeSegment(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}

/**
 * OAuth 2.0 apps' dynamic webhooks carry `Authorization: Bearer <JWT>`, HS256-signed with the app's
 * client secret: https://developer.atlassian.com/cloud/jira/platform/webhooks/#webhooks-authentication-for-oauth-2-0-apps
 * The token does not hash the body, so its expiry is what bounds a replay.
 */
export function verifyJwt(header: string, secrets: readonly string[], now: Date): WebhookVerdict {
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  const parts = token?.split('.') ?? [];
  const [head, payload, signature] = parts;
  if (parts.length !== 3 || !head || !payload || !signature)
    return reject('Authorization is not a Bearer JWT');
  if (JwtHeader.safeParse(decodeSegment(head)).data?.alg !== 'HS256') return reject('JWT alg is not HS256');
  const given = Buffer.from(signature, 'base64url');
  if (given.toString('base64url') !== signature) return reject('JWT signature is not base64url');
  if (secrets.length === 0) return reject('no OAuth client secret is configured for this connection');
  if (!matchesAny(given, secrets, `${head}.${payload}`)) return reject('JWT signature mismatch');
  const claims = JwtClaims.safeParse(decodeSegment(payload));
  if (!claims.success) return reject('JWT has no numeric exp claim');
  if (claims.data.exp * 1000 + JWT_LEEWAY_MS <= now.getTime()) return reject('JWT expired');
  if (claims.data.nbf !== undefined && claims.data.nbf * 1000 - JWT_LEEWAY_MS > now.getTime()) {
    return reject('JWT not valid yet');
  }
  return { kind: 'accept' };
}

export function verifyJiraWebhook(req: RawWebhook, keys: VerifyKeys): WebhookVerdict {
  if (req.method !== 'POST') return reject('Jira delivers webhooks with POST only');
  const hub = req.headers['x-hub-signature'];
  if (hub !== undefined) return verifyHubSignature(req.body, hub, keys.hmacSecrets);
  const authorization = req.headers.authorization;
  if (authorization !== undefined) return verifyJwt(authorization, keys.jwtSecrets, req.receivedAt);
  return reject('no X-Hub-Signature or Authorization header');
}

const Account = z.object({
  accountId: z.string().optional(),
  /** Atlassian's documented example callback spells it `accoundId`; read both to never miss an actor. */
  accoundId: z.string().optional(),
});
const Payload = z.object({
  webhookEvent: z.string(),
  issue_event_type_name: z.string().optional(),
  timestamp: z.number().optional(),
  issue: z.unknown(),
  user: Account.optional(),
  comment: z
    .object({ id: z.string(), author: Account.optional(), updateAuthor: Account.optional() })
    .optional(),
});
type Payload = z.infer<typeof Payload>;

/** Webhook event names: https://developer.atlassian.com/cloud/jira/platform/webhooks/#issue-related-events */
const KIND_BY_EVENT: Readonly<Record<string, TrackerEventKind>> = {
  'jira:issue_created': 'created',
  'jira:issue_updated': 'updated',
  'jira:issue_deleted': 'deleted',
  comment_created: 'comment',
  comment_updated: 'comment',
  comment_deleted: 'comment',
};

/** `jira:issue_updated` also announces comments (`issue_event_type_name`), with a full issue. */
const COMMENT_ISSUE_EVENTS = new Set(['issue_commented', 'issue_comment_edited', 'issue_comment_deleted']);

function kindOf(p: Payload): TrackerEventKind | null {
  const kind = KIND_BY_EVENT[p.webhookEvent] ?? null;
  return kind === 'updated' && COMMENT_ISSUE_EVENTS.has(p.issue_event_type_name ?? '') ? 'comment' : kind;
}

function actorOf(p: Payload): string | null {
  const account = p.comment ? (p.comment.updateAuthor ?? p.comment.author) : p.user;
  return account?.accountId ?? account?.accoundId ?? null;
}

/**
 * `X-Atlassian-Webhook-Identifier` is the same across Jira's retries of one delivery
 * (https://developer.atlassian.com/cloud/jira/platform/webhooks/#retry-policy). Older deliveries and
 * captures predate it: there a retry resends the identical bytes, so the body's SHA-256 stands in.
 */
export function deliveryKeyOf(req: RawWebhook): string {
  const identifier = req.headers['x-atlassian-webhook-identifier']?.trim();
  return identifier ? identifier : `sha256:${createHash('sha256').update(req.body).digest('hex')}`;
}

function readPayload(body: Buffer): Payload {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new MalformedWebhook('jira', 'body is not JSON');
  }
  const parsed = Payload.safeParse(json);
  if (!parsed.success) throw new MalformedWebhook('jira', 'no webhookEvent');
  return parsed.data;
}

export interface ParseOptions {
  readonly integrationAccountId: string | null;
  /** Null while the site's fields are not known yet: events then carry no snapshot (fetch it). */
  readonly mapper: MapperConfig | null;
}

function eventOf(p: Payload, kind: TrackerEventKind, req: RawWebhook, opts: ParseOptions): TrackerEvent {
  const issue = JiraIssue.safeParse(p.issue);
  const id = issue.data?.id;
  if (!issue.success || id === undefined)
    throw new MalformedWebhook('jira', `${p.webhookEvent} without issue.id`);
  // comment_* events carry a slim issue (no dates, no labels): never a snapshot.
  const snapshot = p.comment === undefined && opts.mapper !== null && isCompleteIssue(issue.data);
  const occurredAt = new Date(p.timestamp ?? req.receivedAt.getTime()).toISOString();
  return {
    key: `jira:${id}:${p.webhookEvent}:${p.comment?.id ?? ''}:${p.timestamp ?? deliveryKeyOf(req)}`,
    kind,
    externalId: id,
    occurredAt,
    actorId: actorOf(p),
    task: snapshot && opts.mapper ? mapIssue(issue.data, opts.mapper, { deleted: kind === 'deleted' }) : null,
  };
}

export function parseJiraWebhook(req: RawWebhook, opts: ParseOptions): ParsedDelivery {
  const payload = readPayload(req.body);
  const deliveryKey = deliveryKeyOf(req);
  const kind = kindOf(payload);
  if (kind === null) return { deliveryKey, events: [] };
  const event = eventOf(payload, kind, req, opts);
  const ours = event.actorId !== null && event.actorId === opts.integrationAccountId;
  return { deliveryKey, events: ours ? [] : [event] };
}
