import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { TestApp } from './app.ts';
import { uniq } from './env.ts';

type Headers = Record<string, string>;
type Json = Record<string, unknown>;
/** An item of a JSON list, for callbacks. */
export type Row = Record<string, unknown>;
type Method = NonNullable<InjectOptions['method']>;

/** Terms of a sound draft engagement: 120 000.00 EUR from 2027-01-04 to 2027-06-30, Paris time. */
export const engagementBody = (providerId: string, over: Json = {}): Json => ({
  providerId,
  title: uniq('Portal redesign'),
  objective: 'A self-service customer portal',
  currency: 'EUR',
  contractValueMinor: 12_000_000,
  paymentTermsDays: 30,
  clientContact: { name: 'Claire Martin', email: 'claire@client.example' },
  providerContact: { name: 'Paul Durand', email: 'paul@atelier.example' },
  startDate: '2027-01-04',
  endDate: '2027-06-30',
  timeZone: 'Europe/Paris',
  ...over,
});

export const deliverableBody = (over: Json = {}): Json => ({
  title: uniq('Design system'),
  dueDate: '2027-03-31',
  acceptanceCriteria: ['Components documented', 'WCAG 2.1 AA audit passed'],
  weight: 2,
  selector: { jira: { epicKeys: ['PORTAL-1'] } },
  ...over,
});

export const milestoneBody = (requiredDeliverableIds: string[], over: Json = {}): Json => ({
  label: uniq('Design sign-off'),
  amountMinor: 6_000_000,
  requiredDeliverableIds,
  retentionBps: 500,
  latePenalty: { bpsPerDay: 50, graceDays: 2, capBps: 1000 },
  ...over,
});

export interface ActiveContract {
  readonly providerId: string;
  readonly engagementId: string;
  readonly deliverableId: string;
  readonly milestoneId: string;
}

/** Calls the API and fails loudly when a setup step does not answer as expected. */
export function contractApi(t: TestApp) {
  const call = (method: Method, url: string, headers: Headers, payload?: unknown) =>
    t.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as Json } : {}) });
  /** The JSON body of a response that must have `status` (untyped, as `inject().json()` is). */
  const expectStatus = async (res: Promise<LightMyRequestResponse>, status: number) => {
    const r = await res;
    if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode}: ${r.body}`);
    return r.json();
  };
  const id = (j: { id: unknown }) => String(j.id);

  const api = {
    call,
    expectStatus,
    provider: async (headers: Headers = t.admin) =>
      id(await expectStatus(call('POST', '/v1/providers', headers, { name: uniq('Atelier') }), 201)),
    draft: async (providerId: string, headers: Headers = t.admin, over: Json = {}) =>
      id(await expectStatus(call('POST', '/v1/engagements', headers, engagementBody(providerId, over)), 201)),
    deliverable: async (engagementId: string, headers: Headers = t.admin, over: Json = {}) =>
      id(
        await expectStatus(
          call('POST', `/v1/engagements/${engagementId}/deliverables`, headers, deliverableBody(over)),
          201,
        ),
      ),
    milestone: async (
      engagementId: string,
      required: string[],
      headers: Headers = t.admin,
      over: Json = {},
    ) =>
      id(
        await expectStatus(
          call('POST', `/v1/engagements/${engagementId}/milestones`, headers, milestoneBody(required, over)),
          201,
        ),
      ),
    /** A draft with one deliverable and one milestone, ready to activate. */
    async readyDraft(providerId?: string, headers: Headers = t.admin): Promise<ActiveContract> {
      const prv = providerId ?? (await api.provider(headers));
      const engagementId = await api.draft(prv, headers);
      const deliverableId = await api.deliverable(engagementId, headers);
      const milestoneId = await api.milestone(engagementId, [deliverableId], headers);
      return { providerId: prv, engagementId, deliverableId, milestoneId };
    },
    async activeContract(providerId?: string, headers: Headers = t.admin): Promise<ActiveContract> {
      const c = await api.readyDraft(providerId, headers);
      await expectStatus(call('POST', `/v1/engagements/${c.engagementId}/activate`, headers), 200);
      return c;
    },
    /** A change request moving the contract's deliverable to 2027-04-20, submitted by `headers`. */
    async submittedChange(c: ActiveContract, headers: Headers = t.admin): Promise<string> {
      const id = await api.changeRequest(c.engagementId, headers, [
        { op: 'modify_deliverable', deliverableId: c.deliverableId, set: { dueDate: '2027-04-20' } },
      ]);
      await expectStatus(call('POST', `/v1/change-requests/${id}/submit`, headers), 200);
      return id;
    },
    changeRequest: async (engagementId: string, headers: Headers, changes: unknown[], over: Json = {}) =>
      id(
        await expectStatus(
          call('POST', `/v1/engagements/${engagementId}/change-requests`, headers, {
            title: uniq('Avenant'),
            rationale: 'Scope moved',
            changes,
            impact: { costMinor: 0, scheduleDays: 0 },
            ...over,
          }),
          201,
        ),
      ),
  };
  return api;
}

/** Raw SQL through the app's own database (tests only). */
export const rawQuery = <R>(t: TestApp, text: string, params: unknown[] = []) =>
  t.container.database.rawTransaction((tx) => tx.query<R>(text, params));

/** The field paths a problem lists. */
export const errorPaths = (res: { json(): { errors?: { path: string }[] } }) =>
  (res.json().errors ?? []).map((e) => e.path);
