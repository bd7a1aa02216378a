import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LinkScope, TaskRef } from '../../src/core/task.ts';
import {
  type DecisionMark,
  type ParsedDelivery,
  type RawWebhook,
  type TrackerAdapter,
  TrackerAuthFailed,
  TrackerRateLimited,
  TrackerUnavailable,
} from '../../src/core/tracker.ts';

/**
 * The suite every tracker adapter passes (test/contract/<tracker>.contract.test.ts supplies the
 * harness). The network is disabled: every HTTP call the SDK makes must be answered by nock.
 */
export interface ContractHarness {
  readonly tracker: 'jira' | 'trello' | 'asana';
  /** The two signing secrets of a rotation: `current` is new, `previous` still accepted. */
  readonly secrets: { readonly current: string; readonly previous: string };
  /** An adapter whose SDK points at the nock base URL, accepting the given secrets. */
  adapter(secrets?: readonly string[]): TrackerAdapter;
  /** A valid delivery body of this tracker (vendor shape). */
  sampleBody(): Buffer;
  /** The request as the tracker would send `body`, signed with `secret`. */
  signed(body: Buffer, secret: string): RawWebhook;
  /** The same request with the signature header(s) removed. */
  unsigned(body: Buffer): RawWebhook;
  /** Every payload of test/fixtures for this tracker, with what parsing must yield. */
  fixtures(): readonly { name: string; request(): RawWebhook; check(parsed: ParsedDelivery): void }[];
  readonly scope: LinkScope;
  /** Mocks a listing of at least two pages; returns the external ids it must yield. */
  mockListing(): { expectedIds: readonly string[] };
  readonly ref: TaskRef;
  /** Mocks the tracker's comment store for `ref`; tells how many comments and marks were written. */
  mockPushBack(): { comments(): readonly string[]; marks(): number };
  /** Makes the next fetch of `ref` answer `status` with `headers`. */
  mockFetchFailure(status: number, headers?: Record<string, string>): void;
}

export const sampleDecision: DecisionMark = {
  decisionId: 'dec_0190000000000contract01',
  decision: 'accept',
  deliverableTitle: 'Payment gateway integration',
  decidedBy: 'Claire PMO',
  decidedAt: '2027-03-03T10:00:00.000Z',
  note: 'All criteria met.',
  criteria: [{ criterion: 'Handles 3-D Secure', met: true }],
};

export function runContractSuite(h: ContractHarness): void {
  describe(`${h.tracker} adapter contract`, () => {
    beforeAll(() => {
      nock.disableNetConnect();
    });
    afterEach(() => {
      nock.cleanAll();
    });

    describe('verifyWebhook', () => {
      it('accepts a delivery signed with the current secret', () => {
        const body = h.sampleBody();
        expect(h.adapter().verifyWebhook(h.signed(body, h.secrets.current)).kind).toBe('accept');
      });
      it('accepts the previous secret during a rotation', () => {
        const body = h.sampleBody();
        expect(h.adapter().verifyWebhook(h.signed(body, h.secrets.previous)).kind).toBe('accept');
      });
      it('rejects a forged signature', () => {
        const body = h.sampleBody();
        expect(h.adapter().verifyWebhook(h.signed(body, 'not-the-secret-at-all')).kind).toBe('reject');
      });
      it('rejects a truncated body', () => {
        const body = h.sampleBody();
        const req = h.signed(body, h.secrets.current);
        expect(h.adapter().verifyWebhook({ ...req, body: body.subarray(0, body.length - 5) }).kind).toBe(
          'reject',
        );
      });
      it('rejects a delivery with no signature', () => {
        expect(h.adapter().verifyWebhook(h.unsigned(h.sampleBody())).kind).toBe('reject');
      });
      it('rejects every delivery once the previous secret is dropped', () => {
        const req = h.signed(h.sampleBody(), h.secrets.previous);
        expect(h.adapter([h.secrets.current]).verifyWebhook(req).kind).toBe('reject');
      });
    });

    describe('parseWebhook on the captured vendor payloads', () => {
      for (const f of h.fixtures()) {
        it(`parses ${f.name} with a stable delivery key`, () => {
          const adapter = h.adapter();
          const first = adapter.parseWebhook(f.request());
          const again = adapter.parseWebhook(f.request());
          expect(again.deliveryKey).toBe(first.deliveryKey);
          expect(first.deliveryKey.length).toBeGreaterThan(0);
          // The receiver stores under the cheap key: it must be the key parsing gives.
          expect(adapter.deliveryKey(f.request())).toBe(first.deliveryKey);
          f.check(first);
        });
      }
    });

    it('lists every changed task across pages', async () => {
      const { expectedIds } = h.mockListing();
      const seen: string[] = [];
      let pages = 0;
      for await (const page of h.adapter().listChanged(h.scope, null)) {
        pages += 1;
        expect(page.cursor.length).toBeGreaterThan(0);
        seen.push(...page.tasks.map((t) => t.externalId));
      }
      expect(pages).toBeGreaterThanOrEqual(2);
      expect([...new Set(seen)].sort()).toEqual([...expectedIds].sort());
    });

    it('pushes a decision twice and comments once', async () => {
      const state = h.mockPushBack();
      const adapter = h.adapter();
      const first = await adapter.pushDecision(h.ref, sampleDecision);
      const second = await adapter.pushDecision(h.ref, sampleDecision);
      expect(first.commented).toBe(true);
      expect(second.commented).toBe(false);
      expect(state.comments()).toHaveLength(1);
      expect(state.comments()[0]).toContain(`[jalon:decision:${sampleDecision.decisionId}]`);
      expect(state.marks()).toBeGreaterThanOrEqual(1);
    });

    describe('failures become core errors', () => {
      it('429 → TrackerRateLimited with the delay to wait', async () => {
        h.mockFetchFailure(429, { 'retry-after': '7' });
        const err = await h
          .adapter()
          .fetchTask(h.ref)
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(TrackerRateLimited);
        expect((err as TrackerRateLimited).retryAfterMs).toBeGreaterThan(0);
      });
      it('401 → TrackerAuthFailed, not retryable', async () => {
        h.mockFetchFailure(401);
        const err = await h
          .adapter()
          .fetchTask(h.ref)
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(TrackerAuthFailed);
        expect((err as TrackerAuthFailed).retryable).toBe(false);
      });
      it('404 → the item is gone (null)', async () => {
        h.mockFetchFailure(404);
        await expect(h.adapter().fetchTask(h.ref)).resolves.toBeNull();
      });
      it('500 → TrackerUnavailable, retryable', async () => {
        h.mockFetchFailure(500);
        const err = await h
          .adapter()
          .fetchTask(h.ref)
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(TrackerUnavailable);
        expect((err as TrackerUnavailable).retryable).toBe(true);
      });
    });
  });
}
