import { civilDay } from '../../scripts/demo/days.ts';
import type { JalonClient, Json } from '../../scripts/demo/jalon-client.ts';
import { waitUntil } from '../../scripts/demo/jalon-client.ts';
import { uniq } from './env.ts';

/** Contract set-up and reads of the end-to-end tests, through Jalon's HTTP API only. */

export interface TaskItem {
  readonly id: string;
  readonly tracker: string;
  readonly externalId: string;
  readonly key?: string | null;
  readonly title: string;
  readonly statusCategory: 'todo' | 'in_progress' | 'done';
  readonly blocked: boolean;
  readonly deliverableId?: string | null;
}

/** A provider and a draft engagement around today in `timeZone`; resolves to their ids. */
export async function draftEngagement(
  api: JalonClient,
  timeZone = 'Europe/Paris',
): Promise<{ providerId: string; engagementId: string }> {
  const provider = await api.expect<{ id: string }>('POST', '/v1/providers', { name: uniq('Atelier') });
  const engagement = await api.expect<{ id: string }>('POST', '/v1/engagements', {
    providerId: provider.id,
    title: uniq('Checkout'),
    currency: 'EUR',
    contractValueMinor: 12_000_000,
    paymentTermsDays: 30,
    clientContact: { name: 'Claire Martin', email: 'claire@client.example' },
    providerContact: { name: 'Paul Durand', email: 'paul@atelier.example' },
    startDate: civilDay(-90, timeZone),
    endDate: civilDay(90, timeZone),
    timeZone,
  });
  return { providerId: provider.id, engagementId: engagement.id };
}

export async function addDeliverable(
  api: JalonClient,
  engagementId: string,
  body: { title: string; dueDate: string; selector: Json; acceptanceCriteria?: string[] },
): Promise<string> {
  const created = await api.expect<{ id: string }>('POST', `/v1/engagements/${engagementId}/deliverables`, {
    acceptanceCriteria: ['Works end to end', 'Reviewed by the client'],
    ...body,
  });
  return created.id;
}

/** Every task Jalon holds for the filter (one page of up to 500). */
export async function tasks(api: JalonClient, filter: Record<string, string>): Promise<TaskItem[]> {
  const query = new URLSearchParams({ ...filter, limit: '500' }).toString();
  return (await api.expect<{ items: TaskItem[] }>('GET', `/v1/tasks?${query}`)).items;
}

/** Waits until Jalon holds a task for `externalId` on the connection that satisfies `ok`. */
export function untilTask(
  api: JalonClient,
  connectionId: string,
  externalId: string,
  ok: (t: TaskItem) => boolean = () => true,
  timeoutMs = 30_000,
): Promise<TaskItem> {
  return waitUntil(
    async () => (await tasks(api, { connectionId, externalId })).find(ok),
    `task ${externalId} in Jalon`,
    timeoutMs,
  );
}
