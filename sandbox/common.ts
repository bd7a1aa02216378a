import { randomBytes } from 'node:crypto';
import type { z } from 'zod';

/**
 * What the three emulations share: the simulated clock, id makers, the HTTP error every route
 * throws, and the log of what callers pushed back through the vendor APIs.
 */

export type Tracker = 'jira' | 'trello' | 'asana';
export const TRACKERS: readonly Tracker[] = ['jira', 'trello', 'asana'];

/**
 * The sandbox's notion of "now": the wall clock plus an offset the control API can advance, so a
 * test can make 25 days pass (webhook expiry, sync-token age) without waiting. Rate-limit windows
 * and delivery timers stay on the wall clock: they model the network, not the data.
 */
export interface Clock {
  now(): number;
  advance(ms: number): number;
  /** Puts the simulated "now" at an instant (a demo can start weeks ago and move forward). */
  set(instant: number): number;
  offset(): number;
}

export function createClock(): Clock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance(ms) {
      offset += Math.max(0, ms);
      return Date.now() + offset;
    },
    set(instant) {
      offset = instant - Date.now();
      return instant;
    },
    offset: () => offset,
  };
}

/** A failure a route answers with; `body` is already in the vendor's error shape. */
export class HttpError extends Error {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
  constructor(status: number, body: unknown, headers: Record<string, string> = {}) {
    super(typeof body === 'string' ? body : `HTTP ${status}`);
    this.name = 'HttpError';
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

/** Who made a change: a tracker user, through the vendor API or through the control API. */
export interface Actor<User> {
  readonly user: User;
  readonly via: 'api' | 'control';
}

/** One write a caller made through a vendor API: what the control API reports as "pushed back". */
export interface PushRecord {
  readonly seq: number;
  readonly tracker: Tracker;
  readonly at: string;
  readonly itemId: string;
  readonly kind:
    | 'comment'
    | 'label_added'
    | 'label_removed'
    | 'tag_added'
    | 'tag_removed'
    | 'transition'
    | 'field'
    | 'move';
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface PushLog {
  add(entry: Omit<PushRecord, 'seq' | 'at'>): void;
  list(filter?: { tracker?: Tracker; itemId?: string }): PushRecord[];
}

export function createPushLog(clock: Clock): PushLog {
  const entries: PushRecord[] = [];
  return {
    add(entry) {
      entries.push({ ...entry, seq: entries.length + 1, at: new Date(clock.now()).toISOString() });
    },
    list(filter = {}) {
      return entries.filter(
        (e) =>
          (filter.tracker === undefined || e.tracker === filter.tracker) &&
          (filter.itemId === undefined || e.itemId === filter.itemId),
      );
    },
  };
}

/** Numeric ids as strings, counting up from `start` (Jira ids, Asana gids). */
export function counterIds(start: number): () => string {
  let next = start;
  return () => String(next++);
}

/**
 * Trello ids are MongoDB ObjectIds whose first 8 hex digits are the creation time in Unix seconds
 * (Jalon's mapper reads `createdAt` from them), then a per-process random part and a counter.
 */
export function objectIds(clock: Clock): () => string {
  const machine = randomBytes(5).toString('hex');
  let counter = randomBytes(3).readUIntBE(0, 3);
  return () => {
    counter = (counter + 1) % 0xffffff;
    const seconds = Math.floor(clock.now() / 1000)
      .toString(16)
      .padStart(8, '0');
    return `${seconds}${machine}${counter.toString(16).padStart(6, '0')}`;
  };
}

/** A Trello-like short link / random token of the given length. */
export function shortCode(length: number): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Hosts the sandbox may bind: loopback only, it has no authentication worth the name. */
export function assertLoopback(host: string): void {
  if (!/^(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(host)) {
    throw new Error(`the sandbox binds loopback addresses only, not ${host}`);
  }
}

/** A query parameter as one string: repeated parameters and comma lists are joined. */
export function queryList(value: unknown): string[] {
  const parts = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return parts
    .flatMap((p) => String(p).split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function queryString(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.length > 0 ? String(value[0]) : undefined;
  return value === undefined || value === null ? undefined : String(value);
}

export function queryInt(value: unknown, fallback: number): number {
  const n = Number(queryString(value));
  return Number.isFinite(n) ? Math.trunc(n) : fallback;
}

export function queryBool(value: unknown): boolean | undefined {
  const s = queryString(value);
  if (s === undefined) return undefined;
  return s === 'true' || s === '1';
}

/** Parses a control request body; a 400 listing the bad fields otherwise. */
export function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw new HttpError(400, {
    error: 'invalid request',
    issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  });
}

/** Offset of `zone` from UTC at `utcMs`, in ms (positive east of Greenwich). */
function zoneOffset(utcMs: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(utcMs);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** A wall-clock time in `zone` → the instant. */
export function zonedToUtc(y: number, m: number, d: number, h: number, min: number, zone: string): number {
  const guess = Date.UTC(y, m - 1, d, h, min);
  const first = guess - zoneOffset(guess, zone);
  return guess - zoneOffset(first, zone);
}
