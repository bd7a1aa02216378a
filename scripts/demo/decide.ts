import type { ControlClient } from '../../sandbox/client.ts';
import { decisionMarker } from '../../src/core/tracker.ts';
import { must, waitUntil } from './jalon-client.ts';
import type { DemoKeys, DemoWorld } from './setup.ts';

/**
 * The PMO's part: once every checkout task is done Jalon moves the deliverable to
 * ready_for_review by itself; the PMO accepts it (four days after its due date, so the milestone
 * it unlocks carries a penalty), and Jalon writes the decision back into the Jira issues, the
 * Trello card and the Asana task that fed it.
 */

export interface Decision {
  readonly id: string;
  readonly pushBacks: number;
  readonly unlockedMilestoneIds: readonly string[];
}

export async function acceptCheckout(
  keys: DemoKeys,
  sb: ControlClient,
  w: DemoWorld,
  log: (line: string) => void,
): Promise<Decision> {
  const status = async () =>
    (
      await must(
        keys.pmo.api.GET('/v1/deliverables/{id}', { params: { path: { id: w.deliverables.checkout } } }),
      )
    ).status;
  await waitUntil(
    async () => (await status()) === 'ready_for_review',
    'Checkout to be ready for review',
    60_000,
  );
  log('  Checkout: every task done → ready_for_review (Jalon moved it by itself)');
  const made = await must(
    keys.pmo.api.POST('/v1/deliverables/{id}/decision', {
      params: { path: { id: w.deliverables.checkout } },
      body: {
        decision: 'accept',
        note: 'Tested on staging with the finance team: payments and e-mails fine.',
        criteria: [
          { criterion: 'Card and SEPA payments work', met: true },
          { criterion: 'Confirmation e-mail within a minute', met: true, comment: '12 s on average' },
        ],
      },
    }),
  );
  // The contract marks these optional (only a creation answer carries them).
  const decision: Decision = {
    id: made.id,
    pushBacks: made.pushBacks ?? 0,
    unlockedMilestoneIds: made.unlockedMilestoneIds ?? [],
  };
  log(
    `  PMO accepted Checkout (decision ${decision.id}): ${decision.pushBacks} write-backs queued, ` +
      `${decision.unlockedMilestoneIds.length} milestone(s) unlocked`,
  );
  const marker = decisionMarker(decision.id);
  const written = async () =>
    (await sb.pushed()).filter((p) => p.kind === 'comment' && JSON.stringify(p.detail).includes(marker))
      .length;
  await waitUntil(
    async () => (await written()) >= decision.pushBacks,
    'the decision to reach the tracker',
    60_000,
    300,
  ).catch(() => log('  (the write-back is still queued; GET /pushed on the sandbox shows it once done)'));
  return decision;
}
