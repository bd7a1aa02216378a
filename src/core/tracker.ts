import type { z } from 'zod';
import { JalonError } from './errors.ts';
import type { LinkScope, Task, TaskRef, Tracker } from './task.ts';

/** A webhook request as received: lower-cased headers and the exact raw bytes. */
export interface RawWebhook {
  readonly method: 'POST' | 'HEAD';
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Buffer;
  /** The exact callback URL the tracker was given (Trello signs body + this URL). */
  readonly callbackUrl: string;
  readonly receivedAt: Date;
}

export type WebhookVerdict =
  /** Signature valid: record the delivery. */
  | { readonly kind: 'accept' }
  /** Asana's first request: answer 200 echoing these headers, and store the secret. */
  | {
      readonly kind: 'handshake';
      readonly responseHeaders: Readonly<Record<string, string>>;
      readonly secret: string;
    }
  /** Trello's HEAD check at registration: answer 200, store nothing. */
  | { readonly kind: 'probe' }
  | { readonly kind: 'reject'; readonly reason: string };

export type TrackerEventKind = 'created' | 'updated' | 'deleted' | 'comment';

export interface TrackerEvent {
  /** Stable across redeliveries of the same change. */
  readonly key: string;
  readonly kind: TrackerEventKind;
  readonly externalId: string;
  readonly occurredAt: string;
  readonly actorId: string | null;
  /** A complete snapshot when the payload carries one; null when the item must be fetched. */
  readonly task: Task | null;
}

export interface ParsedDelivery {
  /** Unique per delivery, identical across the tracker's retries of it. */
  readonly deliveryKey: string;
  /** Events that Jalon's own writes caused (the integration user as actor) are already dropped. */
  readonly events: readonly TrackerEvent[];
}

/** Opaque to the core: each adapter encodes where its listing stopped. */
export type Cursor = string;

export interface TaskPage {
  readonly tasks: readonly Task[];
  /**
   * Items the tracker reports deleted without their content (a Trello `deleteCard` action carries
   * only the card's id): applied as deletions, so the stored task keeps its last known title,
   * labels and selection facets, never as snapshots that would blank them.
   */
  readonly deletions?: readonly { readonly externalId: string; readonly at: string }[];
  /** Where the next incremental listing should resume (already overlapping the boundary). */
  readonly cursor: Cursor;
}

/** A client decision to write back into the provider's tracker. */
export interface DecisionMark {
  readonly decisionId: string;
  readonly decision: 'accept' | 'reject';
  readonly deliverableTitle: string;
  readonly decidedBy: string;
  readonly decidedAt: string;
  readonly note: string | null;
  readonly criteria: readonly { criterion: string; met: boolean; comment?: string | undefined }[];
}

export interface PushResult {
  /** False when a comment with this decision's marker was already there. */
  readonly commented: boolean;
  readonly marked: boolean;
}

export interface RegistrationHooks {
  /** Opens the window in which the receiver answers one handshake; resolves to its withdrawal. */
  expectHandshake(): Promise<() => Promise<void>>;
}

export interface WebhookRegistration {
  readonly externalId: string;
  readonly expiresAt: string | null;
}

/**
 * One tracker connection, spoken to in Jalon's words. Implementations live in `adapters/`; they
 * receive their SDK client so contract tests can point it at nock.
 */
export interface TrackerAdapter {
  readonly tracker: Tracker;
  /** Checks the signature over the raw bytes in constant time; current and previous secret. */
  verifyWebhook(req: RawWebhook): WebhookVerdict;
  /** Vendor JSON → what changed. Throws MalformedWebhook on a body it cannot read. */
  parseWebhook(req: RawWebhook): ParsedDelivery;
  /**
   * The delivery key `parseWebhook` would give, read as cheaply as the tracker allows (a header, a
   * hash of the bytes) so a verified delivery is stored without being parsed; the ingest worker
   * parses it. Throws MalformedWebhook when the key itself cannot be read from the body.
   */
  deliveryKey(req: RawWebhook): string;
  /** The full current item; null when it is gone at the tracker. */
  fetchTask(ref: TaskRef): Promise<Task | null>;
  /** Every task of the scope changed since the cursor (all of them when null), page by page. */
  listChanged(scope: LinkScope, since: Cursor | null): AsyncIterable<TaskPage>;
  /** Comment with the decision marker unless present, then the visible marker. Idempotent. */
  pushDecision(ref: TaskRef, decision: DecisionMark): Promise<PushResult>;
  /**
   * Registers (or refreshes) the webhooks that make the tracker call `callbackUrl` for the scope.
   * A tracker whose registration is confirmed by a handshake to `callbackUrl` (Asana) calls
   * `hooks.expectHandshake` right before the create call and withdraws it once the call returns:
   * Jalon's receiver answers no handshake it was not told to expect.
   */
  registerWebhooks(
    scope: LinkScope,
    callbackUrl: string,
    hooks?: RegistrationHooks,
  ): Promise<readonly WebhookRegistration[]>;
  /**
   * Optional: extends the life of webhooks that expire (a registration with a non-null `expiresAt`,
   * e.g. Jira's dynamic webhooks for OAuth apps, 30 days), by their external ids; resolves to their
   * new expiry. Jalon's webhook-refresh job calls it for registrations expiring within 7 days;
   * trackers without it have their expiring registrations renewed through `registerWebhooks`.
   */
  refreshWebhooks?(externalIds: readonly string[]): Promise<readonly WebhookRegistration[]>;
  /** The account the connection acts as: events by it are Jalon's own and dropped. */
  whoAmI(): Promise<{ readonly accountId: string; readonly name: string }>;
}

/** The marker placed in push-back comments; adapters search for it before posting. */
export const decisionMarker = (decisionId: string): string => `[jalon:decision:${decisionId}]`;

export class TrackerRateLimited extends JalonError {
  readonly retryAfterMs: number;
  constructor(tracker: Tracker, retryAfterMs: number) {
    super('tracker_rate_limited', `${tracker} asked to wait ${retryAfterMs} ms`, {
      retryable: true,
      details: { tracker, retryAfterMs },
    });
    this.retryAfterMs = retryAfterMs;
  }
}

export class TrackerAuthFailed extends JalonError {
  constructor(tracker: Tracker, detail: string) {
    super('tracker_auth_failed', `${tracker} refused the connection's credentials: ${detail}`);
  }
}

export class TaskGone extends JalonError {
  constructor(tracker: Tracker, externalId: string) {
    super('tracker_item_gone', `${tracker} item ${externalId} no longer exists`);
  }
}

export class TrackerUnavailable extends JalonError {
  constructor(tracker: Tracker, detail: string) {
    super('tracker_unavailable', `${tracker} is unavailable: ${detail}`, { retryable: true });
  }
}

/**
 * How a failed call to a tracker is described when it never got an answer: by the Node error code
 * found on the error or its causes (`ECONNREFUSED`, `UND_ERR_CONNECT_TIMEOUT`), never by its
 * message, which may hold the URL (Trello's key and token are in its query string).
 */
export function networkFailure(err: unknown): string {
  for (let e = err, i = 0; e && typeof e === 'object' && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(code)) return `network failure (${code})`;
  }
  return 'network failure';
}

export class MalformedWebhook extends JalonError {
  constructor(tracker: Tracker, detail: string) {
    super('malformed_webhook', `${tracker} webhook body cannot be read: ${detail}`);
  }
}

/** What an adapter factory receives for one connection (credentials already decrypted). */
export interface AdapterContext<Credentials = unknown, Settings = unknown> {
  readonly connectionId: string;
  /** The SDK's root (tests and the sandbox point it elsewhere); null → the vendor's. */
  readonly baseUrl: string | null;
  readonly credentials: Credentials;
  readonly settings: Settings;
  /** Accepted signing secrets: the current one and, during a rotation, the previous one. */
  readonly webhookSecrets: readonly string[];
  /** The integration user's account id at the tracker, when known: its events are dropped. */
  readonly integrationAccountId: string | null;
  /**
   * Called when the tracker rotated the credentials themselves (Jira OAuth issues a new refresh
   * token on every refresh and invalidates the old one): the connection must store them.
   */
  readonly onCredentialsRefreshed?: (credentials: Credentials) => Promise<void>;
}

/** A tracker as the composition root sees it: how to read its settings and build its adapter. */
export interface TrackerModule<Credentials = unknown, Settings = unknown> {
  readonly tracker: Tracker;
  /** Write-only credentials as API.md lists them for this tracker. */
  readonly credentials: z.ZodType<Credentials>;
  /** Per-connection overrides; every field optional, defaults that work with no settings. */
  readonly settings: z.ZodType<Settings>;
  create(ctx: AdapterContext<Credentials, Settings>): TrackerAdapter;
}
