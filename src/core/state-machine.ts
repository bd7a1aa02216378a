import { z } from 'zod';
import { InvalidTransition } from './errors.ts';

/**
 * A finite state machine declared as data: for each status, the actions allowed from it and the
 * status each one leads to. Anything not in the table is an InvalidTransition.
 */
export type TransitionTable<S extends string, A extends string> = {
  readonly [From in S]: { readonly [Act in A]?: S };
};

export interface StateMachine<S extends string, A extends string> {
  /** The entity name used in error messages, e.g. `deliverable`. */
  readonly entity: string;
  readonly Status: z.ZodEnum<{ [K in S]: K }>;
  readonly Action: z.ZodEnum<{ [K in A]: K }>;
  readonly statuses: readonly S[];
  readonly actions: readonly A[];
  readonly initial: S;
  readonly table: TransitionTable<S, A>;
  /** The actions allowed from `current`, in declaration order; empty for a final status. */
  allowedActions(current: S): readonly A[];
  /** The statuses reachable from `current` in one step. */
  nextStatuses(current: S): readonly S[];
  canTransition(current: S, action: A): boolean;
  /** The status `action` leads to from `current`; throws InvalidTransition when not allowed. */
  transition(current: S, action: A): S;
  isFinal(current: S): boolean;
}

export function defineMachine<const S extends string, const A extends string>(def: {
  entity: string;
  statuses: readonly [S, ...S[]];
  actions: readonly [A, ...A[]];
  initial: S;
  table: TransitionTable<S, A>;
}): StateMachine<S, A> {
  const { entity, statuses, actions, initial, table } = def;
  // `Object.hasOwn` guards against a status read from storage that is not one of ours
  // (e.g. `constructor`): it has no allowed actions rather than inherited ones.
  const edges = (current: S): { readonly [Act in A]?: S } =>
    Object.hasOwn(table, current) ? table[current] : {};
  const allowedActions = (current: S): readonly A[] => actions.filter((a) => edges(current)[a] !== undefined);
  const canTransition = (current: S, action: A): boolean =>
    actions.includes(action) && edges(current)[action] !== undefined;

  return Object.freeze({
    entity,
    Status: z.enum(statuses),
    Action: z.enum(actions),
    statuses,
    actions,
    initial,
    table,
    allowedActions,
    nextStatuses: (current: S) => allowedActions(current).map((a) => edges(current)[a] as S),
    canTransition,
    transition(current: S, action: A): S {
      const next = canTransition(current, action) ? edges(current)[action] : undefined;
      if (next === undefined) throw new InvalidTransition(entity, current, action, allowedActions(current));
      return next;
    },
    isFinal: (current: S) => allowedActions(current).length === 0,
  });
}
