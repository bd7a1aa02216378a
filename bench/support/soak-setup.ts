/**
 * The soak's contracts, created through the API of the api process, and a stand-in Jira site on
 * loopback that the service's push-backs (decision comments and labels) and link syncs call.
 *
 * - Engagement 0 ("portfolio"): 5 deliverables over the issues SOAK-0…SOAK-499 of project SOAK;
 *   the steady webhooks move those issues around and its dashboard is read.
 * - Engagements 1…n ("decision"): DECISION_BATCH deliverables each, one issue per deliverable, one
 *   milestone per 10 deliverables. The decision client sends the issue's "done" webhook, and a few
 *   seconds later (the recompute having moved it to ready_for_review) accepts or rejects it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { civilDay } from '../../test/support/decisions.ts';
import { engagementBody } from '../../test/support/engagement.ts';
import { JIRA_SECRET, JIRA_SETTINGS } from '../../test/support/jira-deliveries.ts';

export const BULK_PROJECT = 'SOAK';
export const BULK_ISSUES = 500;
export const DECISION_BATCH = 40;
export const CRITERIA = ['Components documented', 'WCAG 2.1 AA audit passed'];

export interface FakeJira {
  readonly url: string;
  /** Calls by "METHOD /path-pattern". */
  readonly calls: Map<string, number>;
  close(): Promise<void>;
}

/** Answers what a push-back (comment look-up, comment, label edit) and a sync (empty search) ask. */
export async function startFakeJira(): Promise<FakeJira> {
  const calls = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const pattern = path.replace(/\/issue\/[^/]+/, '/issue/{id}');
    const key = `${req.method} ${pattern}`;
    calls.set(key, (calls.get(key) ?? 0) + 1);
    req.resume();
    req.on('end', () => {
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body === undefined ? undefined : JSON.stringify(body));
      };
      if (req.method === 'GET' && pattern === '/rest/api/3/issue/{id}/comment')
        return json(200, { startAt: 0, maxResults: 100, total: 0, comments: [] });
      if (req.method === 'POST' && pattern === '/rest/api/3/issue/{id}/comment')
        return json(201, { id: '1' });
      if (req.method === 'PUT' && pattern === '/rest/api/3/issue/{id}') {
        res.writeHead(204);
        return res.end();
      }
      if (req.method === 'GET' && path === '/rest/api/3/search/jql')
        return json(200, { issues: [], isLast: true });
      if (req.method === 'GET' && path === '/rest/api/3/field') return json(200, []);
      if (req.method === 'GET' && path === '/rest/api/3/myself')
        return json(200, { accountId: 'soak-bot', displayName: 'Soak bot' });
      return json(404, { errorMessages: [`not faked: ${key}`] });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface SoakContracts {
  readonly connectionId: string;
  readonly portfolioEngagementId: string;
  /** In decision order: the deliverable and its one issue. */
  readonly decisions: { deliverableId: string; project: string; issueId: string; key: string }[];
}

export async function createContracts(
  base: string,
  headers: Record<string, string>,
  opts: { decisions: number; jiraUrl: string },
): Promise<SoakContracts> {
  const call = async (method: string, path: string, body?: unknown, status = 201) => {
    const { 'content-type': _json, ...bare } = headers;
    const res = await fetch(base + path, {
      method,
      ...(body !== undefined ? { headers, body: JSON.stringify(body) } : { headers: bare }),
    });
    if (res.status !== status) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string };
  };
  const timeZone = 'Europe/Paris';
  const connectionId = (
    await call('POST', '/v1/connections', {
      tracker: 'jira',
      name: 'soak',
      baseUrl: opts.jiraUrl,
      credentials: { email: 'bot@acme.example', apiToken: 'token' },
      webhookSecret: JIRA_SECRET,
      settings: { ...JIRA_SETTINGS, siteUrl: opts.jiraUrl },
    })
  ).id;
  const engagement = async (
    project: string,
    deliverables: { issueKeys: string[] }[],
    perMilestone: number,
  ): Promise<{ engagementId: string; deliverableIds: string[] }> => {
    const providerId = (await call('POST', '/v1/providers', { name: `Soak provider ${project}` })).id;
    const engagementId = (
      await call(
        'POST',
        '/v1/engagements',
        engagementBody(providerId, {
          timeZone,
          startDate: civilDay(-90, timeZone),
          endDate: civilDay(90, timeZone),
        }),
      )
    ).id;
    const deliverableIds: string[] = [];
    for (const [i, d] of deliverables.entries()) {
      const id = (
        await call('POST', `/v1/engagements/${engagementId}/deliverables`, {
          title: `Deliverable ${project}-${i}`,
          dueDate: civilDay(30, timeZone),
          acceptanceCriteria: CRITERIA,
          weight: 1,
          selector: { jira: { issueKeys: d.issueKeys } },
        })
      ).id;
      deliverableIds.push(id);
    }
    for (let i = 0; i < deliverableIds.length; i += perMilestone) {
      await call('POST', `/v1/engagements/${engagementId}/milestones`, {
        label: `Milestone ${project}-${i / perMilestone}`,
        amountMinor: 100_000,
        requiredDeliverableIds: deliverableIds.slice(i, i + perMilestone),
        retentionBps: 500,
        latePenalty: { bpsPerDay: 50, graceDays: 2, capBps: 1000 },
      });
    }
    await call('POST', `/v1/engagements/${engagementId}/links`, {
      connectionId,
      scope: { projectKey: project },
    });
    await call('POST', `/v1/engagements/${engagementId}/activate`, undefined, 200);
    return { engagementId, deliverableIds };
  };

  const portfolio = await engagement(
    BULK_PROJECT,
    Array.from({ length: 5 }, (_, d) => ({
      issueKeys: Array.from(
        { length: BULK_ISSUES / 5 },
        (_, k) => `${BULK_PROJECT}-${d * (BULK_ISSUES / 5) + k}`,
      ),
    })),
    5,
  );
  const decisions: SoakContracts['decisions'] = [];
  for (let e = 0; decisions.length < opts.decisions; e++) {
    // Project keys are letters only: DA, DB, …, DZ, DAA, …
    const project = `D${letters(e)}`;
    const keys = Array.from({ length: DECISION_BATCH }, (_, i) => `${project}-${i + 1}`);
    const { deliverableIds } = await engagement(
      project,
      keys.map((k) => ({ issueKeys: [k] })),
      10,
    );
    deliverableIds.forEach((deliverableId, i) => {
      decisions.push({
        deliverableId,
        project,
        issueId: String(900_000 + e * 1000 + i),
        key: keys[i] as string,
      });
    });
  }
  return { connectionId, portfolioEngagementId: portfolio.engagementId, decisions };
}

function letters(n: number): string {
  let s = '';
  let k = n;
  do {
    s = String.fromCharCode(65 + (k % 26)) + s;
    k = Math.floor(k / 26) - 1;
  } while (k >= 0);
  return s;
}
