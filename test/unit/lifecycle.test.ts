import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidTransition } from '../../src/core/errors.ts';
import {
  changeRequestLifecycle,
  decisionAction,
  deliverableLifecycle,
  engagementLifecycle,
  milestoneLifecycle,
} from '../../src/core/lifecycle.ts';
import type { StateMachine } from '../../src/core/state-machine.ts';

type AnyMachine = StateMachine<string, string>;
const machines: [string, AnyMachine][] = [
  ['engagement', engagementLifecycle],
  ['deliverable', deliverableLifecycle],
  ['milestone', milestoneLifecycle],
  ['change request', changeRequestLifecycle],
];

/** Every declared edge, as `from --action--> to`, to read the machines at a glance. */
const edgesOf = (m: AnyMachine): string[] =>
  m.statuses.flatMap((s) => m.allowedActions(s).map((a) => `${s} --${a}--> ${m.transition(s, a)}`));

function expectInvalid(m: AnyMachine, current: string, action: string): InvalidTransition {
  try {
    m.transition(current, action);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidTransition);
    const err = e as InvalidTransition;
    expect(err.code).toBe('invalid_transition');
    expect(err.message).toContain(`is ${current}`);
    const allowed = m.allowedActions(current);
    expect(err.details).toEqual({ entity: m.entity, current, action, allowed });
    for (const a of allowed) expect(err.message).toContain(a);
    if (allowed.length === 0) expect(err.message).toContain('final state');
    return err;
  }
  throw new Error(`${m.entity}: ${current} --${action}--> should have been refused`);
}

describe('the lifecycles as DOMAIN.md draws them', () => {
  it('engagement', () => {
    expect(edgesOf(engagementLifecycle)).toEqual(['draft --activate--> active', 'active --close--> closed']);
  });

  it('deliverable', () => {
    expect(edgesOf(deliverableLifecycle)).toEqual([
      'planned --start--> in_progress',
      'planned --submit_for_review--> ready_for_review',
      'planned --override_accept--> accepted',
      'in_progress --submit_for_review--> ready_for_review',
      'in_progress --override_accept--> accepted',
      'ready_for_review --reopen--> in_progress',
      'ready_for_review --accept--> accepted',
      'ready_for_review --reject--> rejected',
      'rejected --rework--> in_progress',
    ]);
  });

  it('payment milestone', () => {
    expect(edgesOf(milestoneLifecycle)).toEqual([
      'locked --unlock--> unlocked',
      'unlocked --invoice--> invoiced',
      'invoiced --pay--> paid',
    ]);
  });

  it('change request', () => {
    expect(edgesOf(changeRequestLifecycle)).toEqual([
      'draft --submit--> submitted',
      'draft --withdraw--> withdrawn',
      'submitted --approve--> approved',
      'submitted --reject--> rejected',
      'submitted --withdraw--> withdrawn',
    ]);
  });

  it('names the final states', () => {
    const finals = (m: AnyMachine) => m.statuses.filter((s) => m.isFinal(s));
    expect(finals(engagementLifecycle)).toEqual(['closed']);
    expect(finals(deliverableLifecycle)).toEqual(['accepted']);
    expect(finals(milestoneLifecycle)).toEqual(['paid']);
    expect(finals(changeRequestLifecycle)).toEqual(['approved', 'rejected', 'withdrawn']);
  });

  it('explains a refusal with the current state and what is allowed', () => {
    const err = expectInvalid(deliverableLifecycle, 'in_progress', 'accept');
    expect(err.message).toBe(
      'Cannot accept a deliverable that is in_progress; from in_progress the allowed actions are: submit_for_review, override_accept',
    );
    expect(expectInvalid(milestoneLifecycle, 'paid', 'pay').message).toContain('none (final state)');
    expect(expectInvalid(engagementLifecycle, 'closed', 'activate').message).toMatch(
      /^Cannot activate an engagement that is closed;/,
    );
  });
});

describe.each(machines)('%s machine', (_name, m) => {
  it('has zod enums matching its statuses and actions', () => {
    expect(m.Status.options).toEqual(m.statuses);
    expect(m.Action.options).toEqual(m.actions);
    expect(m.Status.safeParse('nonsense').success).toBe(false);
  });

  it('reaches every declared status from the initial one', () => {
    const seen = new Set([m.initial]);
    const queue = [m.initial];
    for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
      const fresh = m.nextStatuses(s).filter((next) => !seen.has(next));
      for (const next of fresh) seen.add(next);
      queue.push(...fresh);
    }
    expect([...seen].sort()).toEqual([...m.statuses].sort());
  });

  it('refuses every undeclared (status, action) pair, naming current and allowed', () => {
    for (const s of m.statuses) for (const a of m.actions) if (!m.canTransition(s, a)) expectInvalid(m, s, a);
  });

  it('has no allowed actions for a status it does not know, even an Object.prototype key', () => {
    expect(m.allowedActions('constructor')).toEqual([]);
    expectInvalid(m, 'constructor', m.actions[0] as string);
    expectInvalid(m, m.initial, 'toString');
  });

  it('never leaves its declared states under any sequence of actions', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...m.actions), { maxLength: 30 }), (actions) => {
        let status = m.initial;
        for (const action of actions) {
          if (m.allowedActions(status).includes(action)) {
            status = m.transition(status, action);
          } else {
            expectInvalid(m, status, action);
          }
          expect(m.statuses).toContain(status);
        }
      }),
    );
  });
});

describe('decisionAction: the client decision as a deliverable action', () => {
  it.each([
    ['ready_for_review', 'accept', false, 'accept'],
    ['ready_for_review', 'accept', true, 'accept'],
    ['in_progress', 'accept', true, 'override_accept'],
    ['planned', 'accept', true, 'override_accept'],
    ['in_progress', 'accept', false, 'accept'],
    ['ready_for_review', 'reject', false, 'reject'],
    ['in_progress', 'reject', true, 'reject'],
  ] as const)('%s + %s (override %s) → %s', (status, decision, override, action) => {
    expect(decisionAction(status, decision, override)).toBe(action);
  });

  it('leaves the refusal to the machine: an early accept without override is a 409', () => {
    expectInvalid(deliverableLifecycle, 'in_progress', decisionAction('in_progress', 'accept'));
    expectInvalid(deliverableLifecycle, 'in_progress', decisionAction('in_progress', 'reject', true));
    expectInvalid(deliverableLifecycle, 'accepted', decisionAction('accepted', 'accept', true));
  });
});
