import { dayNumber, isValidTimeZone, parseDate } from './dates.ts';
import { type FieldError, ValidationFailed } from './errors.ts';
import { MAX_AMOUNT_MINOR, MAX_BPS, MAX_GRACE_DAYS } from './money.ts';

/**
 * The checks a PMO expects of a contract, as pure functions over plain shapes (any object with these
 * fields will do: a request body, a stored row). Each returns `errors` (the write must be refused)
 * and `warnings` (accepted, but shown: a milestone plan below the contract value, a due date outside
 * the engagement). Paths name the offending field from `path`, e.g. `body.milestones[0].amountMinor`.
 */

export interface ContractCheck {
  readonly errors: FieldError[];
  readonly warnings: FieldError[];
}

export interface ContactInput {
  readonly name?: string | null | undefined;
  readonly email?: string | null | undefined;
}

export interface EngagementTermsInput {
  readonly startDate: string;
  readonly endDate: string;
  readonly currency: string;
  readonly contractValueMinor: number;
  readonly timeZone?: string | null | undefined;
  readonly paymentTermsDays?: number | null | undefined;
  readonly clientContact?: ContactInput | null | undefined;
  readonly providerContact?: ContactInput | null | undefined;
}

export interface DeliverableInput {
  readonly id?: string | undefined;
  readonly dueDate: string;
  readonly weight?: number | null | undefined;
}

export interface MilestoneInput {
  readonly amountMinor: number;
  /** When given, must be the engagement's currency. */
  readonly currency?: string | null | undefined;
  readonly requiredDeliverableIds: readonly string[];
  readonly notBefore?: string | null | undefined;
  readonly retentionBps?: number | null | undefined;
  readonly latePenalty?:
    | { readonly bpsPerDay: number; readonly graceDays: number; readonly capBps: number }
    | null
    | undefined;
  readonly earlyBonus?: { readonly bpsPerDay: number; readonly capBps: number } | null | undefined;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const MAX_PAYMENT_TERMS_DAYS = 365;

let currencies: ReadonlySet<string> | undefined;
/** ISO 4217 codes in circulation, as ICU knows them (fund and metal codes such as XAU excluded). */
export function isValidCurrency(code: string): boolean {
  currencies ??= new Set(Intl.supportedValuesOf('currency'));
  return /^[A-Z]{3}$/.test(code) && currencies.has(code);
}

const newCheck = (): ContractCheck => ({ errors: [], warnings: [] });
const merge = (into: ContractCheck, from: ContractCheck): void => {
  into.errors.push(...from.errors);
  into.warnings.push(...from.warnings);
};

function checkInt(out: FieldError[], path: string, value: unknown, lo: number, hi: number): boolean {
  const ok = typeof value === 'number' && Number.isSafeInteger(value) && value >= lo && value <= hi;
  if (!ok) out.push({ path, message: `must be an integer from ${lo} to ${hi}` });
  return ok;
}

/** The engagement's window as day numbers, or null when its dates are unusable. */
function windowOf(e: EngagementTermsInput): { start: number; end: number } | null {
  const start = parseDate(e.startDate);
  const end = parseDate(e.endDate);
  return start && end ? { start: dayNumber(start), end: dayNumber(end) } : null;
}

/** Start ≤ end, real dates, a known ISO 4217 currency, an integer contract value, a known time zone. */
export function validateEngagementTerms(terms: EngagementTermsInput, path = 'body'): ContractCheck {
  const check = newCheck();
  const { errors } = check;
  const start = parseDate(terms.startDate);
  const end = parseDate(terms.endDate);
  if (!start) errors.push({ path: `${path}.startDate`, message: 'must be a date YYYY-MM-DD' });
  if (!end) errors.push({ path: `${path}.endDate`, message: 'must be a date YYYY-MM-DD' });
  if (start && end && dayNumber(end) < dayNumber(start))
    errors.push({ path: `${path}.endDate`, message: `must be on or after startDate ${terms.startDate}` });
  if (!isValidCurrency(terms.currency))
    errors.push({ path: `${path}.currency`, message: 'must be an ISO 4217 currency code such as EUR' });
  checkInt(errors, `${path}.contractValueMinor`, terms.contractValueMinor, 0, MAX_AMOUNT_MINOR);
  if (terms.timeZone != null && !isValidTimeZone(terms.timeZone))
    errors.push({ path: `${path}.timeZone`, message: 'must be an IANA time zone name such as Europe/Paris' });
  if (terms.paymentTermsDays != null)
    checkInt(errors, `${path}.paymentTermsDays`, terms.paymentTermsDays, 0, MAX_PAYMENT_TERMS_DAYS);
  return check;
}

/** A real due date (a warning when outside the engagement's dates) and a positive weight. */
export function validateDeliverable(
  deliverable: DeliverableInput,
  engagement: EngagementTermsInput,
  path = 'body',
): ContractCheck {
  const check = newCheck();
  const due = parseDate(deliverable.dueDate);
  const window = windowOf(engagement);
  if (!due) check.errors.push({ path: `${path}.dueDate`, message: 'must be a date YYYY-MM-DD' });
  else if (window && (dayNumber(due) < window.start || dayNumber(due) > window.end))
    check.warnings.push({
      path: `${path}.dueDate`,
      message: `is outside the engagement (${engagement.startDate} to ${engagement.endDate})`,
    });
  const w = deliverable.weight;
  if (w != null && !(Number.isFinite(w) && w > 0))
    check.errors.push({ path: `${path}.weight`, message: 'must be a positive number' });
  return check;
}

function validateMoneyTerms(m: MilestoneInput, path: string, errors: FieldError[]): void {
  const retentionOk =
    m.retentionBps == null || checkInt(errors, `${path}.retentionBps`, m.retentionBps, 0, MAX_BPS);
  const p = m.latePenalty;
  if (p) {
    checkInt(errors, `${path}.latePenalty.bpsPerDay`, p.bpsPerDay, 0, MAX_BPS);
    checkInt(errors, `${path}.latePenalty.graceDays`, p.graceDays, 0, MAX_GRACE_DAYS);
    const capOk = checkInt(errors, `${path}.latePenalty.capBps`, p.capBps, 0, MAX_BPS);
    // A penalty cap plus retention above 100 % could make the net payable negative.
    if (capOk && retentionOk && p.capBps + (m.retentionBps ?? 0) > MAX_BPS)
      errors.push({
        path: `${path}.latePenalty.capBps`,
        message: `plus retentionBps must not exceed ${MAX_BPS}, or the net payable could be negative`,
      });
  }
  if (m.earlyBonus) {
    checkInt(errors, `${path}.earlyBonus.bpsPerDay`, m.earlyBonus.bpsPerDay, 0, MAX_BPS);
    checkInt(errors, `${path}.earlyBonus.capBps`, m.earlyBonus.capBps, 0, MAX_BPS);
  }
}

/**
 * One milestone: an integer amount, the engagement's currency, required deliverables that exist in
 * the engagement (each once), a real `notBefore`, bps within 0..10000, grace within 0..3650 days.
 * A milestone may require no deliverable (a down payment): it unlocks once `notBefore` has passed.
 */
export function validateMilestone(
  milestone: MilestoneInput,
  engagement: EngagementTermsInput,
  deliverables: readonly { readonly id: string }[],
  path = 'body',
): ContractCheck {
  const check = newCheck();
  const { errors } = check;
  checkInt(errors, `${path}.amountMinor`, milestone.amountMinor, 0, MAX_AMOUNT_MINOR);
  if (milestone.currency != null && milestone.currency !== engagement.currency)
    errors.push({
      path: `${path}.currency`,
      message: `must be the engagement's currency ${engagement.currency}`,
    });
  const known = new Set(deliverables.map((d) => d.id));
  const seen = new Set<string>();
  milestone.requiredDeliverableIds.forEach((id, j) => {
    const at = `${path}.requiredDeliverableIds[${j}]`;
    if (!known.has(id))
      errors.push({ path: at, message: `deliverable ${id} is not part of this engagement` });
    else if (seen.has(id)) errors.push({ path: at, message: `deliverable ${id} is listed twice` });
    seen.add(id);
  });
  if (milestone.notBefore != null && !parseDate(milestone.notBefore))
    errors.push({ path: `${path}.notBefore`, message: 'must be a date YYYY-MM-DD' });
  validateMoneyTerms(milestone, path, errors);
  return check;
}

/**
 * Every milestone of an engagement, then their sum against the contract value: above it is an
 * error, below it a warning (part of the contract value is not yet scheduled for payment). The sum
 * is a bigint: many amounts near 10^15 would overflow a double's exact range.
 */
export function validateMilestones(
  milestones: readonly MilestoneInput[],
  engagement: EngagementTermsInput,
  deliverables: readonly { readonly id: string }[],
  path = 'body.milestones',
): ContractCheck {
  const check = newCheck();
  milestones.forEach((m, i) => {
    merge(check, validateMilestone(m, engagement, deliverables, `${path}[${i}]`));
  });
  merge(
    check,
    checkMilestoneSum(
      milestones.map((m) => m.amountMinor),
      engagement,
      path,
    ),
  );
  return check;
}

/**
 * The milestone amounts of an engagement against its contract value: above it is an error, below it
 * a warning (part of the contract value is not yet scheduled for payment). The sum is a bigint: many
 * amounts near 10^15 would overflow a double's exact range. Amounts that are not safe integers are
 * left to the per-milestone check.
 */
export function checkMilestoneSum(
  amounts: readonly number[],
  engagement: Pick<EngagementTermsInput, 'contractValueMinor' | 'currency'>,
  path: string,
): ContractCheck {
  const check = newCheck();
  if (!Number.isSafeInteger(engagement.contractValueMinor)) return check;
  let sum = 0n;
  for (const amount of amounts) if (Number.isSafeInteger(amount)) sum += BigInt(amount);
  const value = BigInt(engagement.contractValueMinor);
  const total = `${sum} ${engagement.currency}`;
  if (sum > value)
    check.errors.push({
      path,
      message: `milestone amounts sum to ${total}, above the contract value ${value} ${engagement.currency}`,
    });
  else if (sum < value && amounts.length > 0)
    check.warnings.push({
      path,
      message: `milestone amounts sum to ${total}, ${value - sum} below the contract value ${value}`,
    });
  return check;
}

function validateContact(contact: ContactInput | null | undefined, path: string, errors: FieldError[]): void {
  if (!contact?.name?.trim()) errors.push({ path: `${path}.name`, message: 'is required before activation' });
  if (!contact?.email || !EMAIL_RE.test(contact.email))
    errors.push({ path: `${path}.email`, message: 'must be an e-mail address before activation' });
}

/**
 * Everything that must hold to activate an engagement: valid terms, both contacts (one per side),
 * at least one deliverable and one milestone, valid milestones. Due dates outside the engagement
 * are warnings. Paths start at `engagement`, `deliverables[i]` and `milestones[i]`, since activation
 * has no body.
 */
export function validateActivation(
  engagement: EngagementTermsInput,
  deliverables: readonly (DeliverableInput & { readonly id: string })[],
  milestones: readonly MilestoneInput[],
): ContractCheck {
  const check = validateEngagementTerms(engagement, 'engagement');
  validateContact(engagement.clientContact, 'engagement.clientContact', check.errors);
  validateContact(engagement.providerContact, 'engagement.providerContact', check.errors);
  if (deliverables.length === 0)
    check.errors.push({
      path: 'deliverables',
      message: 'at least one deliverable is required before activation',
    });
  if (milestones.length === 0)
    check.errors.push({
      path: 'milestones',
      message: 'at least one payment milestone is required before activation',
    });
  for (const [i, d] of deliverables.entries())
    merge(check, validateDeliverable(d, engagement, `deliverables[${i}]`));
  merge(check, validateMilestones(milestones, engagement, deliverables, 'milestones'));
  return check;
}

/** Throws ValidationFailed listing the errors, if any; otherwise returns the warnings to show. */
export function assertValid(check: ContractCheck, message?: string): readonly FieldError[] {
  if (check.errors.length > 0) throw new ValidationFailed(check.errors, message);
  return check.warnings;
}
