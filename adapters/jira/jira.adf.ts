import { type DecisionMark, decisionMarker } from '../../src/core/tracker.ts';

/**
 * Atlassian Document Format, the rich text of REST v3 comments:
 * https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/
 */

export type AdfNode = {
  readonly type: string;
  readonly text?: string;
  readonly content?: readonly AdfNode[];
};

export type AdfDocument = {
  readonly type: 'doc';
  readonly version: 1;
  readonly content: AdfNode[];
};

const text = (value: string): AdfNode => ({ type: 'text', text: value });
/** ADF rejects empty text nodes, so an empty paragraph has no content at all. */
const paragraph = (value: string): AdfNode => ({ type: 'paragraph', content: value ? [text(value)] : [] });

function criteriaList(criteria: DecisionMark['criteria']): AdfNode {
  return {
    type: 'bulletList',
    content: criteria.map((c) => ({
      type: 'listItem',
      content: [
        paragraph(`${c.met ? 'Met' : 'Not met'}: ${c.criterion}${c.comment ? ` (${c.comment})` : ''}`),
      ],
    })),
  };
}

/** The push-back comment: the decision, its note and criteria, and the marker a retry looks for. */
export function decisionDocument(d: DecisionMark): AdfDocument {
  const verb = d.decision === 'accept' ? 'accepted' : 'rejected';
  return {
    type: 'doc',
    version: 1,
    content: [
      paragraph(`Deliverable "${d.deliverableTitle}" was ${verb} by ${d.decidedBy} on ${d.decidedAt}.`),
      ...(d.note ? [paragraph(`Note: ${d.note}`)] : []),
      ...(d.criteria.length > 0 ? [paragraph('Acceptance criteria:'), criteriaList(d.criteria)] : []),
      paragraph(decisionMarker(d.decisionId)),
    ],
  };
}

/** The plain text of an ADF tree (or of a wiki-markup string, as v2 payloads carry). */
export function adfText(node: unknown): string {
  if (typeof node === 'string') return node;
  if (typeof node !== 'object' || node === null) return '';
  const { text: value, content } = node as { text?: unknown; content?: unknown };
  const own = typeof value === 'string' ? value : '';
  const children = Array.isArray(content) ? content.map(adfText).join('\n') : '';
  return own + children;
}
