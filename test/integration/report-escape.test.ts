import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workers } from '../../src/jobs/workers.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { civilDay, decide, until } from '../support/decisions.ts';
import { contractApi } from '../support/engagement.ts';
import { uniq } from '../support/env.ts';
import { JIRA_SECRET, JIRA_SETTINGS, jiraDelivery } from '../support/jira-deliveries.ts';

/**
 * Tracker and user text in the Markdown status report and the CSV export of payment milestones,
 * read over HTTP: a hostile task title, engagement title, deliverable title, milestone label and
 * decision note must come out as text, never as HTML, links, images, extra table cells or formulas.
 */

const HOSTILE =
  '<img src=x onerror=alert(1)> [click](javascript:alert(1)) ![pixel](https://evil.example/p.png) a|b\n# injected';
const QUEUES = [
  'ingest',
  'relay',
  'sync',
  'recompute',
  'pushback',
  'events',
  'event-delivery',
  'unlock-check',
];
const TZ = 'Europe/Paris';

let t: TestApp;
let workers: Workers;

beforeAll(async () => {
  t = await buildTestApp();
  workers = t.container.startWorkers();
}, 60_000);
afterAll(async () => {
  await workers?.close();
  for (const q of QUEUES) await t?.container.queues.queue(q).obliterate({ force: true });
  await t?.close();
});

/** The pipes that separate cells (a `\|` is text inside a cell). */
const cellBars = (line: string) => (line.match(/(?<!\\)\|/g) ?? []).length;

async function hostileEngagement() {
  const api = contractApi(t);
  const project = uniq('E')
    .replace(/[^A-Za-z]/g, '')
    .toUpperCase()
    .slice(0, 8);
  const providerId = await api.provider();
  const engagementId = await api.draft(providerId, t.admin, {
    title: `Portal ${HOSTILE}`,
    timeZone: TZ,
    startDate: civilDay(-90, TZ),
    endDate: civilDay(90, TZ),
  });
  const deliverableId = await api.deliverable(engagementId, t.admin, {
    title: `Design ${HOSTILE}`,
    dueDate: civilDay(3, TZ),
    selector: { jira: { issueKeys: [`${project}-1`] } },
  });
  const milestoneId = await api.milestone(engagementId, [deliverableId], t.admin, {
    label: "Go-live;=cmd|' /C calc'!A0",
  });
  const connection = await api.expectStatus(
    api.call('POST', '/v1/connections', t.admin, {
      tracker: 'jira',
      name: uniq('jira'),
      baseUrl: 'http://127.0.0.1:9',
      credentials: { email: 'bot@acme.example', apiToken: 'token' },
      webhookSecret: JIRA_SECRET,
      settings: JIRA_SETTINGS,
    }),
    201,
  );
  await api.expectStatus(
    api.call('POST', `/v1/engagements/${engagementId}/links`, t.admin, {
      connectionId: connection.id,
      scope: { projectKey: project },
    }),
    201,
  );
  await api.expectStatus(api.call('POST', `/v1/engagements/${engagementId}/activate`, t.admin), 200);
  // A blocked (flagged) issue whose summary is the hostile text.
  const d = jiraDelivery(
    {
      id: '71',
      key: `${project}-1`,
      category: 'in_progress',
      updated: new Date(),
      project,
      fields: { summary: HOSTILE, [JIRA_SETTINGS.flaggedField]: [{ value: 'Impediment' }] },
    },
    JIRA_SECRET,
  );
  const res = await t.app.inject({
    method: 'POST',
    url: `/webhooks/jira/${connection.id}`,
    headers: d.headers,
    payload: d.body,
  });
  expect(res.statusCode, res.body).toBe(200);
  return { providerId, engagementId, deliverableId, milestoneId };
}

describe('tracker and user text in exports', () => {
  it('the Markdown report shows hostile titles, labels and notes as text, one table row each', async () => {
    const c = await hostileEngagement();
    const report = () =>
      t.app.inject({
        url: `/v1/engagements/${c.engagementId}/report`,
        headers: { ...t.admin, accept: 'application/json' },
      });
    await until(async () => (await report()).json().blockers.length === 1, 20_000, 'the blocker');
    const decision = await decide(t, c.deliverableId, t.admin, {
      decision: 'accept',
      override: true,
      note: `Fine ${HOSTILE}`,
      criteria: [
        { criterion: 'Components documented', met: true, comment: HOSTILE },
        { criterion: 'WCAG 2.1 AA audit passed', met: true },
      ],
    });
    expect(decision.statusCode, decision.body).toBe(201);

    const res = await t.app.inject({
      url: `/v1/engagements/${c.engagementId}/report`,
      headers: { ...t.admin, accept: 'text/markdown' },
    });
    expect(res.statusCode).toBe(200);
    const md = res.body;
    expect(md).not.toContain('<img');
    expect(md).not.toMatch(/(?<!\\)\]\(javascript:/);
    expect(md).not.toContain('![');
    expect(md).not.toMatch(/^# injected/m);
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt; \\[click\\](javascript:alert(1))');
    // The hostile text is in the title line, not a line of its own.
    expect(md.split('\n')[0]).toMatch(/^# Status report: Portal &lt;img .* a\\\|b \\# injected$/);
    const rows = (heading: string) => {
      const section = md.split(/^## /m).find((s) => s.startsWith(heading)) ?? '';
      return section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---'));
    };
    // Header + one row each, and no row has more cells than its header.
    for (const [heading, cells] of [
      ['Progress', 7],
      ['Blockers', 3],
      ['Milestones unlocked', 10],
      ['Decisions', 4],
    ] as const) {
      const lines = rows(heading);
      expect(lines, heading).toHaveLength(2);
      for (const line of lines) expect(cellBars(line), `${heading}: ${line}`).toBe(cells + 1);
    }
    expect(rows('Blockers')[1]).toContain('[click\\]');
  }, 60_000);

  it('the CSV export neutralises a formula after a separator, in every cell, all fields quoted', async () => {
    const c = await hostileEngagement();
    const res = await t.app.inject({
      url: `/v1/payment-milestones?engagementId=${c.engagementId}`,
      headers: { ...t.admin, accept: 'text/csv' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const row = res.body.split('\r\n')[1] ?? '';
    // Read with `;` as the separator (decimal-comma locales), the second cell must not be a formula.
    const label = `"Go-live;'=cmd|' /C calc'!A0"`;
    expect(row).toContain(`,${label},`);
    for (const cell of row.split(/[,;]/)) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r]/);
    expect(row.startsWith(`"${c.milestoneId}","${c.engagementId}",`)).toBe(true);
  }, 60_000);
});
