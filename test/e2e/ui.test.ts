import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workers } from '../../src/jobs/workers.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import {
  launchChromium,
  money,
  ownQueues,
  rawKey,
  screenshotDir,
  signIn,
  type Watched,
  watchedPage,
} from './ui-kit.ts';
import { type Demo, seedDemo } from './ui-seed.ts';

type Json = Record<string, unknown> & { items?: Json[] };
interface Milestone {
  label: string;
  status: string;
  currency: string;
  amountMinor: number;
  bonusMinor: number | null;
  penaltyMinor: number | null;
  retentionMinor: number | null;
  netMinor: number | null;
}
interface EngagementDashboard {
  deliverables: {
    title: string;
    dueDate: string;
    figures: {
      progress: number | null;
      forecastDate: string | null;
      scheduleStatus: string;
      reasons: string[];
    } | null;
    tasks: { groups: { items: { key: string | null; url: string }[] }[] };
  }[];
  milestones: Milestone[];
  changeRequests: { title: string }[];
  journal: unknown[];
}
interface Portfolio {
  providerId: string;
  name: string;
  activeEngagements: number;
  overdue: { count: number };
  awaitingReview: number;
  deliverables: { bySchedule: Record<string, number> };
  money: { currency: string; unlockedMinor: number; paidMinor: number }[];
}

let t: TestApp;
let workers: Workers;
let browser: Browser;
let base: string;
let demo: Demo;
let shots: string;
let watched: Watched;

const api = async <T = Json>(url: string) => (await t.app.inject({ url, headers: demo.pmo })).json() as T;

beforeAll(async () => {
  t = await buildTestApp();
  workers = t.container.startWorkers();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  [demo, browser, shots] = await Promise.all([seedDemo(t), launchChromium(), screenshotDir()]);
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    timezoneId: 'Europe/Paris',
  });
  watched = await watchedPage(context);
  watched.page.setDefaultTimeout(5_000);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await workers?.close();
  if (t) for (const q of await ownQueues(t)) await t.container.queues.queue(q).obliterate({ force: true });
  await t?.close();
});

/** The text of each cell of a table row, its header cell first. */
const rowOf = (page: Page, tableId: string, name: string) =>
  page.locator(`#${tableId} tbody tr`).filter({ has: page.locator('th', { hasText: name }) });
const cellTexts = async (page: Page, tableId: string, name: string) =>
  (await rowOf(page, tableId, name).locator('th, td').allInnerTexts()).map((s) => s.trim());

describe('the PMO dashboard in a real browser', () => {
  it('asks for a key once, refuses a wrong one, and opens the portfolio with the API’s numbers', async () => {
    const { page } = watched;
    await page.goto(`${base}/`);
    expect(page.url()).toBe(`${base}/app`);
    await page.getByLabel('API key').fill('not-a-key');
    await page.getByRole('button', { name: 'Open the dashboard' }).click();
    await expect.poll(() => page.locator('#login-error').textContent()).toContain('refused');
    await signIn(page, base, rawKey(demo.pmo));
    expect(await page.evaluate('sessionStorage.length')).toBe(1);

    const { items } = await api<{ items: Portfolio[] }>('/v1/dashboard/providers');
    expect(items.map((p) => p.name).sort()).toEqual([...demo.providerNames].sort());
    for (const p of items) {
      const cells = await cellTexts(page, 'portfolio', p.name);
      expect(cells[0]).toBe(p.name);
      expect(cells[1]).toBe(String(p.activeEngagements));
      for (const [bucket, words] of [
        ['on_track', 'on track'],
        ['at_risk', 'at risk'],
        ['late', 'late'],
        ['accepted', 'accepted'],
      ]) {
        const n = p.deliverables.bySchedule[bucket as string] ?? 0;
        if (n > 0) expect(cells[2]).toContain(`${n} ${words}`);
        else expect(cells[2]).not.toContain(` ${words}`);
      }
      expect(cells[3]).toBe(String(p.overdue.count));
      expect(cells[4]).toBe(String(p.awaitingReview));
      const lines = (field: 'unlockedMinor' | 'paidMinor') =>
        p.money.filter((m) => m[field] !== 0).map((m) => money(m[field], m.currency));
      expect(cells[5]?.split('\n').filter(Boolean) ?? []).toEqual(
        lines('unlockedMinor').length ? lines('unlockedMinor') : ['—'],
      );
      expect(cells[6]?.split('\n').filter(Boolean) ?? []).toEqual(
        lines('paidMinor').length ? lines('paidMinor') : ['—'],
      );
    }
    // Keyboard: after the heading, Tab reaches the first provider, with a visible focus ring.
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(
      '[document.activeElement.textContent, getComputedStyle(document.activeElement).outlineStyle]',
    );
    expect(focused).toEqual([items[0]?.name, 'solid']);
    const kaizen = items.find((p) => p.name === 'Kaizen Works');
    expect(kaizen?.money.map((m) => m.currency)).toEqual(['JPY']);
    expect((await cellTexts(page, 'portfolio', 'Kaizen Works'))[5]).toMatch(/^¥\d{1,3}(,\d{3})+$/); // no minor unit
    await page.screenshot({ path: `${shots}portfolio.png`, fullPage: true });
  });

  it('follows a provider to an engagement, by keyboard, and shows what the engagement dashboard says', async () => {
    const { page } = watched;
    await page.getByRole('link', { name: 'Atelier Durand' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('#engagements').waitFor();
    expect(await page.evaluate('document.activeElement.tagName')).toBe('H1');
    await page.locator('#engagements').getByRole('link', { name: 'Customer portal redesign' }).click();
    await page.locator('#deliverables').waitFor();
    expect(page.url()).toBe(`${base}/app#/engagements/${demo.portalId}`);

    const dash = await api<EngagementDashboard>(`/v1/engagements/${demo.portalId}/dashboard`);
    expect(dash.deliverables.map((d) => d.figures?.scheduleStatus).sort()).toEqual([
      'accepted',
      'at_risk',
      'on_track',
    ]);
    for (const d of dash.deliverables) {
      const row = rowOf(page, 'deliverables', d.title);
      const f = d.figures;
      expect(await row.locator('progress').getAttribute('value')).toBe(
        String(Math.floor((f?.progress ?? 0) * 100)),
      );
      expect(await row.locator('progress').getAttribute('aria-label')).toBe(`Progress of ${d.title}`);
      const dates = await row
        .locator('time')
        .evaluateAll((els) => els.map((e) => e.getAttribute('datetime')));
      expect(dates).toEqual([d.dueDate, ...(f?.forecastDate ? [f.forecastDate] : [])]);
      const cells = await cellTexts(page, 'deliverables', d.title);
      expect(cells[4]).toBe(
        { accepted: 'Accepted', at_risk: 'At risk', on_track: 'On track', late: 'Late' }[
          f?.scheduleStatus ?? 'late'
        ],
      );
      for (const reason of f?.reasons ?? []) expect(cells[5]).toContain(reason);
    }
    const tasks = dash.deliverables.flatMap((d) => d.tasks.groups.flatMap((g) => g.items));
    expect(tasks).toHaveLength(6);
    for (const summary of await page.locator('details.tasks summary').all()) await summary.click();
    for (const task of tasks) {
      expect(await page.getByRole('link', { name: task.key ?? '' }).getAttribute('href')).toBe(task.url);
    }
    for (const m of dash.milestones) {
      const cells = await cellTexts(page, 'milestones', m.label);
      const amount = (v: number | null) => (v === null ? '—' : money(v, m.currency));
      expect(cells.slice(2, 7)).toEqual(
        [m.amountMinor, m.bonusMinor, m.penaltyMinor, m.retentionMinor, m.netMinor].map(amount),
      );
    }
    const unlocked = dash.milestones.find((m) => m.status === 'unlocked');
    expect(unlocked?.penaltyMinor).toBeGreaterThan(0);
    expect(await page.locator('#change-requests').textContent()).toContain(dash.changeRequests[0]?.title);
    expect(await page.locator('#journal li').count()).toBe(dash.journal.length);
    await page.screenshot({ path: `${shots}engagement.png`, fullPage: true });
  });

  it('lists the unlocked milestones with their totals and downloads the API’s CSV', async () => {
    const { page } = watched;
    await page.getByRole('link', { name: 'Finance' }).click();
    await page.locator('#unlocked').waitFor();
    const { items } = await api<{ items: (Milestone & { engagementId: string })[] }>(
      '/v1/payment-milestones?status=unlocked',
    );
    expect(items.map((m) => m.currency).sort()).toEqual(['EUR', 'JPY']);
    for (const m of items) {
      const cells = await cellTexts(page, 'unlocked', m.label);
      expect(cells[7]).toBe(money(m.netMinor ?? 0, m.currency));
    }
    const totals = await page.locator('#unlocked tfoot tr').allInnerTexts();
    expect(totals).toHaveLength(2);
    for (const m of items) expect(totals.join('\n')).toContain(money(m.netMinor ?? 0, m.currency));

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const csv = await readFile((await download.path()) as string, 'utf8');
    const fromApi = await t.app.inject({
      url: '/v1/payment-milestones?status=unlocked',
      headers: { ...demo.pmo, accept: 'text/csv' },
    });
    expect(csv).toBe(fromApi.body);
    expect(download.suggestedFilename()).toMatch(/^payment-milestones-unlocked-\d{4}-\d{2}-\d{2}\.csv$/);
    await page.screenshot({ path: `${shots}finance.png`, fullPage: true });
  });

  it('formats integer minor units exactly, with each currency’s own minor unit', async () => {
    const texts = await watched.page.evaluate(`import('/app/js/format.js').then((m) => [
      m.formatMoney(900719925474099, 'EUR', 'en-US'),
      m.formatMoney(-5, 'EUR', 'en-US'),
      m.formatMoney(1200000, 'JPY', 'en-US'),
      m.formatMoney(1234, 'KWD', 'en-US'),
      m.percentOf(0.999),
    ])`);
    expect(texts).toEqual(['€9,007,199,254,740.99', '-€0.05', '¥1,200,000', 'KWD\u00a01.234', 99]);
  });

  it('reads on a phone, with a finance key, without sideways scrolling of the page', async () => {
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'en-US',
      timezoneId: 'Europe/Paris',
    });
    const small = await watchedPage(phone);
    await signIn(small.page, base, rawKey(await t.keyFor('finance')));
    expect(await small.page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await small.page.screenshot({ path: `${shots}phone.png`, fullPage: true });
    await phone.close();
    expect(small.errors).toEqual([]);
    expect(small.requests.filter((url) => !url.startsWith(`${base}/`))).toEqual([]);
  });

  it('made no request outside 127.0.0.1 and logged no error (no CSP violation)', () => {
    const outside = watched.requests.filter((url) => !url.startsWith(`${base}/`) && !url.startsWith('blob:'));
    expect(outside).toEqual([]);
    expect(watched.requests.length).toBeGreaterThan(10);
    expect(watched.errors.filter((e) => !e.includes('401'))).toEqual([]);
  });
});
