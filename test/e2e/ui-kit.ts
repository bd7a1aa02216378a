import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import type { TestApp } from '../support/app.ts';

/** Debian's Chromium, headless, with nothing of its own calling home. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.JALON_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

/**
 * Screenshots go to docs/screenshots (the README shows them) when JALON_UPDATE_SCREENSHOTS=1;
 * otherwise to a temporary folder, so a test run leaves the work tree as it was.
 */
export async function screenshotDir(): Promise<string> {
  const dir =
    process.env.JALON_UPDATE_SCREENSHOTS === '1'
      ? new URL('../../docs/screenshots/', import.meta.url).pathname
      : `${tmpdir()}/jalon-screenshots-${process.pid}/`;
  await mkdir(dir, { recursive: true });
  return dir;
}

/** Every request the page makes and every console error or page error it logs. */
export interface Watched {
  readonly page: Page;
  readonly requests: string[];
  readonly errors: string[];
}

export async function watchedPage(context: BrowserContext): Promise<Watched> {
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, requests, errors };
}

/** The raw key of a `{ authorization: 'Bearer …' }` header, as a user would paste it. */
export const rawKey = (headers: Record<string, string>) =>
  (headers.authorization ?? '').replace(/^Bearer /, '');

/** Signs in through the form, as a user would. */
export async function signIn(page: Page, base: string, key: string) {
  await page.goto(`${base}/`);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Open the dashboard' }).click();
  await page.locator('#portfolio').waitFor();
}

/** Names of the BullMQ queues under the test app's own prefix (for cleanup). */
export async function ownQueues(t: TestApp): Promise<string[]> {
  const { connection, prefix } = t.container.queues;
  const names = new Set<string>();
  let cursor = '0';
  do {
    const [next, keys] = await connection.scan(cursor, 'MATCH', `${prefix}:*:meta`, 'COUNT', 1000);
    cursor = next;
    for (const k of keys) names.add(k.slice(prefix.length + 1, -':meta'.length));
  } while (cursor !== '0');
  return [...names];
}

/** Expected text of an amount, computed apart from the app's own formatter. */
export function money(minor: number, currency: string): string {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

/**
 * Signs `page` in as a person of `role` (bound to `providerId` for a provider) and waits for the
 * workspace's first page. Browser tests use this, never a raw key, so they keep working however
 * sign-in is done.
 */
export async function signInAs(
  page: Page,
  base: string,
  t: TestApp,
  role: 'admin' | 'pmo' | 'finance' | 'provider',
  providerId?: string,
): Promise<void> {
  const key = role === 'admin' ? rawKey(t.admin) : rawKey(await t.keyFor(role, providerId));
  await page.goto(`${base}/`);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Open the dashboard' }).click();
  await page.locator('main h1').first().waitFor();
}
