import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import {
  MalformedWebhook,
  type ParsedDelivery,
  type RawWebhook,
  type TrackerEvent,
  type TrackerEventKind,
  type WebhookVerdict,
} from '../../src/core/tracker.ts';
import { type AsanaEvent, AsanaWebhookBody } from './asana.payloads.ts';

/**
 * Asana webhooks: https://developers.asana.com/docs/webhooks-guide
 *
 * Handshake. While `createWebhook` is in flight Asana POSTs to the target with `X-Hook-Secret`;
 * the target must answer 200/204 echoing that header, and the value signs every later delivery.
 * Rule: every well-formed handshake gets the `handshake` verdict, whether or not the connection
 * already holds secrets, because a connection follows one project per link and each project's
 * webhook has its own secret (the second link's registration must be answered too). The receiver
 * must ADD the secret to the connection's accepted set, never replace one still in use; verify
 * accepts any secret in `webhookSecrets`. Asana's handshake is unauthenticated by design, so the
 * receiver answers it only while Jalon's own `createWebhook` call for the connection is in flight
 * (the HandshakeGate); anyone else's handshake is refused before its secret is stored.
 *
 * Deliveries. `X-Hook-Signature` = hex HMAC-SHA256 of the raw body keyed by the secret. Heartbeats
 * (`{"events":[]}`, at the handshake and every eight hours) are signed the same way.
 */

const HOOK_SECRET = 'x-hook-secret';
const HOOK_SIGNATURE = 'x-hook-signature';
/** Asana sends 64 hex characters; anything printable and reasonably long is echoed. */
const SECRET_SHAPE = /^[\x21-\x7e]{16,256}$/;
const SIGNATURE_SHAPE = /^[0-9a-f]{64}$/i;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function signatureMatches(body: Buffer, signatureHex: string, secret: string): boolean {
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from(signatureHex, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function verifyAsanaWebhook(req: RawWebhook, secrets: readonly string[]): WebhookVerdict {
  if (req.method !== 'POST') return { kind: 'reject', reason: 'asana only POSTs' };
  const handshake = req.headers[HOOK_SECRET];
  if (handshake !== undefined) {
    if (!SECRET_SHAPE.test(handshake)) return { kind: 'reject', reason: 'malformed X-Hook-Secret' };
    return { kind: 'handshake', responseHeaders: { 'X-Hook-Secret': handshake }, secret: handshake };
  }
  const signature = req.headers[HOOK_SIGNATURE];
  if (signature === undefined) return { kind: 'reject', reason: 'missing X-Hook-Signature' };
  if (!SIGNATURE_SHAPE.test(signature)) return { kind: 'reject', reason: 'malformed X-Hook-Signature' };
  if (secrets.length === 0) return { kind: 'reject', reason: 'no handshake secret stored yet' };
  // Every secret is tried (no early exit) so timing does not tell which one matched.
  const matches = secrets.map((s) => signatureMatches(req.body, signature, s));
  return matches.includes(true) ? { kind: 'accept' } : { kind: 'reject', reason: 'signature mismatch' };
}

/** The gid of an event's change value, when it is a resource, else its text. */
function valueId(value: unknown): string {
  if (typeof value === 'object' && value !== null && 'gid' in value && typeof value.gid === 'string') {
    return value.gid;
  }
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

const resourceType = (e: AsanaEvent) => e.resource.resource_type ?? e.type ?? '';

/**
 * Asana deliveries have no id, and a retry resends the same events: the key is a hash of what
 * identifies one change (resource, action, field, value, parent, time, actor).
 */
export function asanaEventKey(e: AsanaEvent): string {
  const c = e.change;
  const value = c ? valueId(c.new_value) || valueId(c.added_value) || valueId(c.removed_value) : '';
  const parts = [e.resource.gid, resourceType(e), e.action, c?.field ?? '', c?.action ?? ''];
  return sha256(JSON.stringify([...parts, value, e.parent?.gid ?? '', e.created_at, e.user?.gid ?? '']));
}

/** What an event means for a task: which task, and how; null for everything else. */
export function asanaEventTarget(e: AsanaEvent): { kind: TrackerEventKind; taskGid: string } | null {
  const type = resourceType(e);
  if (type === 'task') return { kind: taskKind(e), taskGid: e.resource.gid };
  const onTask = e.parent && (e.parent.resource_type ?? 'task') === 'task' ? e.parent.gid : null;
  if (type !== 'story' || onTask === null) return null;
  const subtype = e.resource.resource_subtype;
  const isComment = e.action === 'added' && (subtype === 'comment_added' || !subtype);
  // System stories (section moved, completed…) repeat a task change already sent as its own event.
  return { kind: isComment ? 'comment' : 'updated', taskGid: onTask };
}

/**
 * `added`/`removed` name a parent: only joining or leaving a project changes the link's scope;
 * moving between sections or under another task is an update.
 */
function taskKind(e: AsanaEvent): TrackerEventKind {
  const parentType = e.parent?.resource_type ?? null;
  switch (e.action) {
    case 'added':
    case 'undeleted':
      return parentType === null || parentType === 'project' ? 'created' : 'updated';
    case 'removed':
      return parentType === 'project' ? 'deleted' : 'updated';
    case 'deleted':
      return 'deleted';
    default:
      return 'updated';
  }
}

function readBody(body: Buffer): AsanaEvent[] {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new MalformedWebhook('asana', 'body is not JSON');
  }
  const parsed = AsanaWebhookBody.safeParse(json);
  if (!parsed.success) throw new MalformedWebhook('asana', parsed.error.issues[0]?.message ?? 'bad shape');
  return parsed.data.events;
}

/**
 * A heartbeat has no event to derive a key from: its key hashes the body and the signature, so all
 * heartbeats of one webhook share a key (they carry nothing, recording one is enough) while
 * different webhooks of a connection (different secrets, different signatures) do not.
 */
function heartbeatKey(req: RawWebhook): string {
  return sha256(`heartbeat\n${req.body.toString('utf8')}\n${req.headers[HOOK_SIGNATURE] ?? ''}`);
}

/** The events by their keys, and the delivery's key: a hash of its events' keys (or a heartbeat's). */
function keyedEvents(req: RawWebhook): { keyed: Map<string, AsanaEvent>; deliveryKey: string } {
  const keyed = new Map(readBody(req.body).map((e) => [asanaEventKey(e), e] as const));
  const deliveryKey = keyed.size === 0 ? heartbeatKey(req) : sha256([...keyed.keys()].sort().join('\n'));
  return { keyed, deliveryKey };
}

/**
 * The delivery key alone, for the receiver. Asana deliveries have no id, so the key is derived from
 * the events (a few small compact events per delivery); an unreadable body is refused up front.
 */
export function asanaDeliveryKey(req: RawWebhook): string {
  return keyedEvents(req).deliveryKey;
}

export function parseAsanaWebhook(req: RawWebhook, integrationAccountId: string | null): ParsedDelivery {
  const { keyed, deliveryKey } = keyedEvents(req);
  const events: TrackerEvent[] = [];
  for (const [key, e] of keyed) {
    // Jalon's own comments and tags come back as events; dropping them keeps push-back from looping.
    if (integrationAccountId !== null && e.user?.gid === integrationAccountId) continue;
    const target = asanaEventTarget(e);
    if (target === null) continue;
    events.push({
      key,
      kind: target.kind,
      externalId: target.taskGid,
      occurredAt: new Date(e.created_at).toISOString(),
      actorId: e.user?.gid ?? null,
      // Compact events never carry the task: the pipeline fetches it (fetchTask).
      task: null,
    });
  }
  return { deliveryKey, events };
}
