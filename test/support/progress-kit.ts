import { createLogger } from '../../src/logger.ts';
import { createMembershipService } from '../../src/services/membership.service.ts';
import { createProgressService } from '../../src/services/progress.service.ts';
import { createRecomputeService } from '../../src/services/recompute.service.ts';
import type { TestApp } from './app.ts';
import { contractApi, rawQuery } from './engagement.ts';
import { JIRA_SECRET, JIRA_SETTINGS, jiraDelivery } from './jira-deliveries.ts';

type Json = Record<string, unknown>;
type Category = 'todo' | 'in_progress' | 'done';

/** Polls until `probe` returns something truthy. */
export async function until<T>(probe: () => Promise<T | null | undefined | false>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface Linked {
  readonly providerId: string;
  readonly engagementId: string;
  readonly deliverableIds: string[];
  readonly connectionId: string;
}

/**
 * Engagements whose tasks arrive through signed Jira webhooks and the real workers. Deliveries are
 * dated in the recent past, one second apart, so each is newer than the last and counts as recent
 * throughput.
 */
export function progressKit(t: TestApp) {
  const api = contractApi(t);
  let tick = 0;
  const updated = () => new Date(Date.now() - 3_600_000 + ++tick * 1000);
  const recompute = createRecomputeService({
    membership: createMembershipService({
      store: t.container.store,
      tasks: t.container.services.tasks,
      logger: createLogger('silent'),
    }),
    progress: createProgressService({ store: t.container.store, logger: createLogger('silent') }),
  });

  const kit = {
    api,
    recompute: (engagementId: string) => recompute.recompute(engagementId),

    /** A draft (or active) engagement with its deliverables, linked to a Jira project of its own connection. */
    async linked(opts: {
      deliverables: Json[];
      engagement?: Json;
      providerId?: string;
      activate?: boolean;
      link?: boolean;
    }): Promise<Linked> {
      const providerId = opts.providerId ?? (await api.provider());
      const engagementId = await api.draft(providerId, t.admin, opts.engagement ?? {});
      const deliverableIds: string[] = [];
      for (const d of opts.deliverables) deliverableIds.push(await api.deliverable(engagementId, t.admin, d));
      const connection = await api.expectStatus(
        api.call('POST', '/v1/connections', t.admin, {
          tracker: 'jira',
          name: 'progress',
          baseUrl: 'http://127.0.0.1:9', // nothing listens: no test reaches an outside host
          credentials: { email: 'bot@acme.example', apiToken: 'token' },
          webhookSecret: JIRA_SECRET,
          settings: JIRA_SETTINGS,
        }),
        201,
      );
      if (opts.link !== false) {
        await api.expectStatus(
          api.call('POST', `/v1/engagements/${engagementId}/links`, t.admin, {
            connectionId: connection.id,
            scope: { projectKey: 'PRG' },
          }),
          201,
        );
      }
      if (opts.activate) {
        const [first] = deliverableIds;
        if (first) await api.milestone(engagementId, [first]);
        await api.expectStatus(api.call('POST', `/v1/engagements/${engagementId}/activate`, t.admin), 200);
      }
      return { providerId, engagementId, deliverableIds, connectionId: String(connection.id) };
    },

    /** Sends a signed Jira webhook for issue PRG-`n` in `category`; extra issue fields optional. */
    async issue(connectionId: string, n: number, category: Category, fields?: Record<string, unknown>) {
      const d = jiraDelivery({
        id: String(90_000 + n),
        key: `PRG-${n}`,
        category,
        updated: updated(),
        project: 'PRG',
        ...(fields ? { fields } : {}),
      });
      const res = await t.app.inject({
        method: 'POST',
        url: `/webhooks/jira/${connectionId}`,
        headers: d.headers,
        payload: d.body,
      });
      if (res.statusCode !== 200) throw new Error(`webhook refused: ${res.statusCode} ${res.body}`);
    },

    async dashboard(engagementId: string, headers = t.admin) {
      return api.expectStatus(api.call('GET', `/v1/engagements/${engagementId}/dashboard`, headers), 200);
    },

    /** The dashboard's line for a deliverable. */
    async deliverable(engagementId: string, deliverableId: string) {
      const board = await kit.dashboard(engagementId);
      return (board.deliverables as Json[]).find((d) => d.id === deliverableId) as Json & {
        status: string;
        figures: (Json & { scheduleStatus: string; reasons: string[]; progress: number | null }) | null;
        tasks: { total: number; shown: number; groups: Json[] };
      };
    },

    outbox: (type: string, subjectId: string) =>
      rawQuery<{ dedupe_key: string; data: Json; provider_id: string }>(
        t,
        'select dedupe_key, data, provider_id from outbox_events where type = $1 and subject_id = $2 order by seq',
        [type, subjectId],
      ),

    audit: (deliverableId: string) =>
      rawQuery<{ action: string; actor_key_id: string }>(
        t,
        `select action, actor_key_id from audit_log where entity_type = 'deliverable' and entity_id = $1 order by seq`,
        [deliverableId],
      ),
  };
  return kit;
}

/** Stories' points and the Flagged checkbox, as JIRA_SETTINGS names them. */
export const points = (n: number) => ({ [JIRA_SETTINGS.storyPointsField]: n });
export const flagged = { [JIRA_SETTINGS.flaggedField]: [{ value: 'Impediment' }] };
