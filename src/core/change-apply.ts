import {
  type ContractCheck,
  checkMilestoneSum,
  validateDeliverable,
  validateEngagementTerms,
  validateMilestone,
} from './contract-rules.ts';
import type {
  ChangeOp,
  DeliverableTerms,
  EngagementTerms,
  MilestoneTerms,
  NewDeliverable,
  NewMilestone,
} from './engagement.ts';
import type { FieldError } from './errors.ts';
import { newId } from './ids.ts';
import type { DeliverableStatus, MilestoneStatus } from './lifecycle.ts';

/**
 * A change request applied to a contract, as pure functions: `applyChanges` plays the changes in
 * order on an in-memory copy and says what was added, modified and removed; `validateAmendment`
 * checks the result as creation would; `unlockedMilestonesTouched` lists the milestones already
 * unlocked (or invoiced, paid) whose money the request would change.
 */

export interface ContractDeliverable extends DeliverableTerms {
  readonly id: string;
  readonly status: DeliverableStatus;
}

export interface ContractMilestone extends MilestoneTerms {
  readonly id: string;
  readonly status: MilestoneStatus;
}

export interface ContractState {
  readonly terms: EngagementTerms;
  readonly deliverables: readonly ContractDeliverable[];
  readonly milestones: readonly ContractMilestone[];
}

export interface ItemChanges {
  readonly added: string[];
  readonly modified: string[];
  readonly removed: string[];
}

export interface Amendment {
  readonly contract: ContractState;
  readonly deliverables: ItemChanges;
  readonly milestones: ItemChanges;
  readonly termsChanged: boolean;
  /** Where each added or modified item was last touched, e.g. `body.changes[2].set`: error paths. */
  readonly origins: ReadonlyMap<string, string>;
  readonly termsOrigin: string | null;
  /** Changes naming an item the contract does not have. */
  readonly errors: FieldError[];
}

type Defined<T> = { [K in keyof T]?: Exclude<T[K], undefined> };

/** Only the keys a patch actually sets. */
export function defined<T extends object>(patch: T): Defined<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Defined<T>;
}

export function newDeliverableTerms(input: NewDeliverable): DeliverableTerms {
  return {
    title: input.title,
    description: input.description ?? null,
    dueDate: input.dueDate,
    acceptanceCriteria: [...input.acceptanceCriteria],
    weight: input.weight ?? 1,
    selector: input.selector ?? {},
  };
}

export function newMilestoneTerms(input: NewMilestone): MilestoneTerms {
  return {
    label: input.label,
    amountMinor: input.amountMinor,
    requiredDeliverableIds: [...input.requiredDeliverableIds],
    notBefore: input.notBefore ?? null,
    retentionBps: input.retentionBps ?? 0,
    latePenalty: input.latePenalty ?? null,
    earlyBonus: input.earlyBonus ?? null,
    warrantyDays: input.warrantyDays ?? 0,
  };
}

interface Draft {
  terms: EngagementTerms;
  deliverables: ContractDeliverable[];
  milestones: ContractMilestone[];
  refs: Map<string, string>;
  result: Omit<Amendment, 'contract'> & { origins: Map<string, string>; termsOrigin: string | null };
}

const note = (changes: ItemChanges, kind: keyof ItemChanges, id: string) => {
  if (!changes[kind].includes(id)) changes[kind].push(id);
};

function missing(draft: Draft, path: string, what: string, id: string): void {
  draft.result.errors.push({ path, message: `${what} ${id} is not part of this contract` });
}

function resolveRefs(draft: Draft, ids: readonly string[] | undefined): string[] | undefined {
  return ids?.map((id) => draft.refs.get(id) ?? id);
}

function applyDeliverableOp(draft: Draft, change: ChangeOp, at: string, makeId: () => string): void {
  const r = draft.result;
  if (change.op === 'add_deliverable') {
    const id = makeId();
    if (change.ref !== undefined) {
      if (draft.refs.has(change.ref))
        r.errors.push({ path: `${at}.ref`, message: `ref ${change.ref} is used twice` });
      draft.refs.set(change.ref, id);
    }
    draft.deliverables.push({ id, status: 'planned', ...newDeliverableTerms(change.deliverable) });
    note(r.deliverables, 'added', id);
    r.origins.set(id, `${at}.deliverable`);
    return;
  }
  if (change.op !== 'modify_deliverable' && change.op !== 'remove_deliverable') return;
  const index = draft.deliverables.findIndex((d) => d.id === change.deliverableId);
  const current = draft.deliverables[index];
  if (!current) {
    missing(draft, `${at}.deliverableId`, 'deliverable', change.deliverableId);
    return;
  }
  if (change.op === 'remove_deliverable') {
    draft.deliverables.splice(index, 1);
    if (r.deliverables.added.includes(current.id))
      r.deliverables.added.splice(r.deliverables.added.indexOf(current.id), 1);
    else note(r.deliverables, 'removed', current.id);
    return;
  }
  draft.deliverables[index] = { ...current, ...defined(change.set) };
  if (!r.deliverables.added.includes(current.id)) note(r.deliverables, 'modified', current.id);
  r.origins.set(current.id, `${at}.set`);
}

function applyMilestoneOp(draft: Draft, change: ChangeOp, at: string, makeId: () => string): void {
  const r = draft.result;
  if (change.op === 'add_milestone') {
    const id = makeId();
    const terms = newMilestoneTerms(change.milestone);
    const required = resolveRefs(draft, terms.requiredDeliverableIds) ?? [];
    draft.milestones.push({ id, status: 'locked', ...terms, requiredDeliverableIds: required });
    note(r.milestones, 'added', id);
    r.origins.set(id, `${at}.milestone`);
    return;
  }
  if (change.op !== 'modify_milestone' && change.op !== 'remove_milestone') return;
  const index = draft.milestones.findIndex((m) => m.id === change.milestoneId);
  const current = draft.milestones[index];
  if (!current) {
    missing(draft, `${at}.milestoneId`, 'milestone', change.milestoneId);
    return;
  }
  if (change.op === 'remove_milestone') {
    draft.milestones.splice(index, 1);
    if (r.milestones.added.includes(current.id))
      r.milestones.added.splice(r.milestones.added.indexOf(current.id), 1);
    else note(r.milestones, 'removed', current.id);
    return;
  }
  const set = defined(change.set);
  const required = resolveRefs(draft, set.requiredDeliverableIds);
  draft.milestones[index] = { ...current, ...set, ...(required ? { requiredDeliverableIds: required } : {}) };
  if (!r.milestones.added.includes(current.id)) note(r.milestones, 'modified', current.id);
  r.origins.set(current.id, `${at}.set`);
}

/**
 * Plays `changes` in order on a copy of `state`. Added items get fresh ids (`dlv_…`, `pms_…`); an
 * `add_deliverable` with a `ref` lets later changes of the same request require it by that ref.
 * Changes naming unknown items are reported in `errors`; the contract is not validated here.
 */
export function applyChanges(
  state: ContractState,
  changes: readonly ChangeOp[],
  opts: { path?: string; makeId?: (prefix: string) => string } = {},
): Amendment {
  const path = opts.path ?? 'body.changes';
  const makeId = opts.makeId ?? newId;
  const draft: Draft = {
    terms: state.terms,
    deliverables: [...state.deliverables],
    milestones: [...state.milestones],
    refs: new Map(),
    result: {
      deliverables: { added: [], modified: [], removed: [] },
      milestones: { added: [], modified: [], removed: [] },
      termsChanged: false,
      origins: new Map(),
      termsOrigin: null,
      errors: [],
    },
  };
  changes.forEach((change, i) => {
    const at = `${path}[${i}]`;
    if (change.op === 'modify_terms') {
      draft.terms = { ...draft.terms, ...defined(change.set) };
      draft.result = { ...draft.result, termsChanged: true, termsOrigin: `${at}.set` };
      return;
    }
    applyDeliverableOp(draft, change, at, () => makeId('dlv'));
    applyMilestoneOp(draft, change, at, () => makeId('pms'));
  });
  const contract = { terms: draft.terms, deliverables: draft.deliverables, milestones: draft.milestones };
  return { ...draft.result, contract };
}

/**
 * The amended contract checked as creation and activation check it: terms, every deliverable and
 * milestone (paths point at the change that last touched them, else `contract.…`), the milestone
 * sum, and at least one deliverable and one milestone left. Unknown-item errors come first.
 */
export function validateAmendment(amendment: Amendment, path = 'body.changes'): ContractCheck {
  const { contract, origins } = amendment;
  const terms = validateEngagementTerms(contract.terms, amendment.termsOrigin ?? 'contract.terms');
  const check: ContractCheck = {
    errors: [...amendment.errors, ...terms.errors],
    warnings: [...terms.warnings],
  };
  const add = (c: ContractCheck) => {
    check.errors.push(...c.errors);
    check.warnings.push(...c.warnings);
  };
  for (const d of contract.deliverables)
    add(validateDeliverable(d, contract.terms, origins.get(d.id) ?? `contract.deliverables[${d.id}]`));
  for (const m of contract.milestones)
    add(
      validateMilestone(
        m,
        contract.terms,
        contract.deliverables,
        origins.get(m.id) ?? `contract.milestones[${m.id}]`,
      ),
    );
  add(
    checkMilestoneSum(
      contract.milestones.map((m) => m.amountMinor),
      contract.terms,
      path,
    ),
  );
  if (contract.deliverables.length === 0)
    check.errors.push({ path, message: 'the contract must keep at least one deliverable' });
  if (contract.milestones.length === 0)
    check.errors.push({ path, message: 'the contract must keep at least one payment milestone' });
  return check;
}

/** The milestone terms a settlement is computed from: changing any of them moves its money. */
const MONEY_TERMS = [
  'amountMinor',
  'requiredDeliverableIds',
  'notBefore',
  'retentionBps',
  'latePenalty',
  'earlyBonus',
] as const;

export interface TouchedMilestone {
  readonly id: string;
  readonly status: 'unlocked' | 'invoiced' | 'paid';
}

/**
 * The milestones past `locked` whose money the changes would alter: removed, or modified in a term
 * their settlement depends on (a new label moves no money), or one of their required deliverables
 * removed or given a new due date (lateness moves). In contract order, each once.
 */
export function unlockedMilestonesTouched(
  state: ContractState,
  changes: readonly ChangeOp[],
): TouchedMilestone[] {
  const touched: TouchedMilestone[] = [];
  for (const m of state.milestones) {
    if (m.status === 'locked') continue;
    const hit = changes.some((change) => {
      if (change.op === 'remove_milestone') return change.milestoneId === m.id;
      if (change.op === 'modify_milestone')
        return change.milestoneId === m.id && MONEY_TERMS.some((k) => change.set[k] !== undefined);
      const movesLateness =
        change.op === 'remove_deliverable' ||
        (change.op === 'modify_deliverable' && change.set.dueDate !== undefined);
      return movesLateness && m.requiredDeliverableIds.includes(change.deliverableId);
    });
    if (hit) touched.push({ id: m.id, status: m.status });
  }
  return touched;
}
