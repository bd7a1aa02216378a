import type { TrelloClient } from 'trello.js';
import { z } from 'zod';
import { mdLines, mdText } from '../../src/core/markdown.ts';
import type { TaskRef } from '../../src/core/task.ts';
import { type DecisionMark, decisionMarker, type PushResult } from '../../src/core/tracker.ts';
import { call, read } from './trello.errors.ts';
import { TrelloLabel } from './trello.payloads.ts';
import { cardActionPages } from './trello.reads.ts';
import type { TrelloSettings } from './trello.settings.ts';

/**
 * Push-back of a client decision onto a card: a comment carrying the decision's marker (looked for
 * first, so a retry never posts twice), the decision label (created on the board when missing; the
 * opposite decision's label is taken off), and optionally a move to the configured list.
 */

/** Trello caps comments at 16,384 characters. https://developer.atlassian.com/cloud/trello/rest/api-group-cards/#api-cards-id-actions-comments-post */
const COMMENT_MAX = 16_384;

/**
 * The comment text (Trello renders Markdown, so every title, name, note and criterion is escaped);
 * the marker is always kept, at the end.
 */
export function decisionComment(d: DecisionMark): string {
  const verdict = d.decision === 'accept' ? 'accepted' : 'rejected';
  const lines = [
    `**Jalon: deliverable ${verdict}** — ${mdText(d.deliverableTitle)}`,
    `Decided by ${mdText(d.decidedBy)} on ${mdText(d.decidedAt)}.`,
    ...(d.note ? ['', ...mdLines(d.note).map((line) => `> ${line}`)] : []),
    ...(d.criteria.length > 0 ? ['', 'Acceptance criteria:'] : []),
    ...d.criteria.map(
      (c) =>
        `- ${c.met ? '[met]' : '[not met]'} ${mdText(c.criterion)}${c.comment ? ` — ${mdText(c.comment)}` : ''}`,
    ),
  ];
  const marker = decisionMarker(d.decisionId);
  const body = lines.join('\n').slice(0, COMMENT_MAX - marker.length - 2);
  return `${body}\n\n${marker}`;
}

async function hasComment(trello: TrelloClient, cardId: string, marker: string): Promise<boolean> {
  for await (const page of cardActionPages(trello, cardId, 'commentCard')) {
    if (page.some((a) => a.data.text?.includes(marker))) return true;
  }
  return false;
}

const CardPlacement = z.object({
  id: z.string(),
  idBoard: z.string(),
  idList: z.string(),
  idLabels: z.array(z.string()).default([]),
});
type CardPlacement = z.infer<typeof CardPlacement>;

const sameName = (a: string | null | undefined, b: string): boolean =>
  (a ?? '').trim().toLowerCase() === b.trim().toLowerCase();

async function boardLabel(
  trello: TrelloClient,
  card: CardPlacement,
  wanted: { name: string; color: string },
  labels: readonly TrelloLabel[],
): Promise<TrelloLabel> {
  const existing = labels.find((l) => sameName(l.name, wanted.name));
  if (existing) return existing;
  const raw = await call(card.idBoard, () =>
    trello.labels.createLabel({ name: wanted.name, color: wanted.color, idBoard: card.idBoard }),
  );
  return read(TrelloLabel, raw, 'label');
}

/** Puts the decision's label on the card; true when it was not there yet. */
async function applyLabel(
  trello: TrelloClient,
  card: CardPlacement,
  decision: DecisionMark['decision'],
  settings: TrelloSettings,
): Promise<boolean> {
  const { accept, reject } = settings.decisionLabels;
  const [wanted, opposite] = decision === 'accept' ? [accept, reject] : [reject, accept];
  const raw = await call(card.idBoard, () => trello.boards.getBoardLabels({ id: card.idBoard, limit: 1000 }));
  const labels = read(z.array(TrelloLabel), raw, 'board labels');
  const stale = labels.find((l) => sameName(l.name, opposite.name) && card.idLabels.includes(l.id));
  if (stale) await call(card.id, () => trello.cards.removeCardLabel({ id: card.id, idLabel: stale.id }));
  const label = await boardLabel(trello, card, wanted, labels);
  if (card.idLabels.includes(label.id)) return false;
  await call(card.id, () => trello.cards.addCardLabel({ id: card.id, value: label.id }));
  return true;
}

/** Moves the card to the list configured for this decision; true when it moved. */
async function applyMove(
  trello: TrelloClient,
  card: CardPlacement,
  decision: DecisionMark['decision'],
  settings: TrelloSettings,
): Promise<boolean> {
  const target = settings.decisionLists[decision];
  if (target === undefined || card.idList === target) return false;
  await call(card.id, () => trello.cards.updateCard({ id: card.id, idList: target }));
  return true;
}

export async function pushTrelloDecision(
  trello: TrelloClient,
  settings: TrelloSettings,
  ref: TaskRef,
  decision: DecisionMark,
): Promise<PushResult> {
  const cardId = ref.externalId;
  const commented = !(await hasComment(trello, cardId, decisionMarker(decision.decisionId)));
  if (commented) {
    await call(cardId, () => trello.cards.createCardComment({ id: cardId, text: decisionComment(decision) }));
  }
  const raw = await call(cardId, () =>
    trello.cards.getCard({ id: cardId, fields: 'idBoard,idList,idLabels' }),
  );
  const card = read(CardPlacement, raw, 'card');
  const labelled = await applyLabel(trello, card, decision.decision, settings);
  const moved = await applyMove(trello, card, decision.decision, settings);
  return { commented, marked: labelled || moved };
}
