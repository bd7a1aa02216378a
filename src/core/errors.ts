/**
 * Errors the core and services raise. Each carries a stable snake_case `code` and whether a retry
 * may succeed; `http/problem.ts` alone turns them into HTTP statuses, `jobs/workers.ts` alone
 * decides what BullMQ does with them.
 */
export class JalonError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: string,
    message: string,
    opts: { retryable?: boolean; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.retryable = opts.retryable ?? false;
    this.details = opts.details;
  }
}

/** The object does not exist, or the caller may not know it exists (another provider's). */
export class NotFound extends JalonError {
  constructor(entity: string, id: string) {
    super(`${entity.toLowerCase().replaceAll(' ', '_')}_not_found`, `${entity} ${id} was not found`);
  }
}

export interface FieldError {
  readonly path: string;
  readonly message: string;
}

/** Input that is well-formed but breaks a rule of the model (dates out of order, sums too big…). */
export class ValidationFailed extends JalonError {
  readonly errors: readonly FieldError[];
  constructor(errors: readonly FieldError[], message = 'The request breaks a rule of the model') {
    super('validation_failed', message);
    this.errors = errors;
  }
}

/** The entity is not in a state where this action is allowed. */
export class InvalidTransition extends JalonError {
  constructor(entity: string, current: string, action: string, allowed: readonly string[]) {
    const allowedText = allowed.length > 0 ? allowed.join(', ') : 'none (final state)';
    const article = /^[aeiou]/i.test(entity) ? 'an' : 'a';
    super(
      'invalid_transition',
      `Cannot ${action} ${article} ${entity} that is ${current}; from ${current} the allowed actions are: ${allowedText}`,
      { details: { entity, current, action, allowed } },
    );
  }
}

/** A write that contradicts the current state (duplicate, stale, idempotency key reused). */
export class Conflict extends JalonError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(code, message, details ? { details } : {});
  }
}

export class Unauthenticated extends JalonError {
  /** True when a credential was presented but is not valid (unknown, revoked, malformed). */
  readonly invalidCredential: boolean;
  constructor(
    message = 'A valid API key is required (Authorization: Bearer <key>)',
    opts: { invalidCredential?: boolean } = {},
  ) {
    super('unauthenticated', message);
    this.invalidCredential = opts.invalidCredential ?? false;
  }
}

export class Forbidden extends JalonError {
  constructor(message: string) {
    super('forbidden', message);
  }
}

/** A dependency (database, Redis) is unavailable; the caller should retry later. */
export class Unavailable extends JalonError {
  constructor(what: string, cause?: unknown) {
    super('service_unavailable', `${what} is unavailable, retry later`, { retryable: true });
    if (cause !== undefined) this.cause = cause;
  }
}

/**
 * The process is over its load limits (event-loop delay, heap): it sheds the request before any
 * work, and the caller retries later.
 */
export class Overloaded extends JalonError {
  constructor(limit: string, value: unknown) {
    super('overloaded', `The service is overloaded (${limit}: ${String(value)}); retry later`, {
      retryable: true,
    });
  }
}
