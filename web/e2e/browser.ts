import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { inject } from 'vitest';

/** Screenshots land here, beside the other test output. */
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../test-output/e2e');

// Debian's Chromium, running as root in a closed network.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const browserAvailable = () => inject('chromiumPath') !== '';
export const baseUrl = () => inject('baseUrl');

export function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({ executablePath: inject('chromiumPath'), headless: true, args: CHROMIUM_ARGS });
}

export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;
export const DESKTOP = { viewport: { width: 1280, height: 800 } } as const;
/** The most common laptop screen: a manager's month must fit it. */
export const LAPTOP = { viewport: { width: 1366, height: 800 } } as const;

export function newContext(
  browser: Browser,
  device: typeof PHONE | typeof DESKTOP | typeof LAPTOP = DESKTOP,
  locale = 'en-US',
): Promise<BrowserContext> {
  return browser.newContext({ ...device, locale, baseURL: baseUrl() });
}

export const screenshotPath = (name: string) => path.join(SCREENSHOT_DIR, `${name}.png`);

/**
 * Opens an account through the API rather than the form, for tests about what
 * comes after: the refresh cookie lands in the context, so the next page load
 * starts signed in.
 */
export async function signUp(
  context: BrowserContext,
  name: string,
  locale: 'en' | 'fr' = 'en',
): Promise<string> {
  const email = `${name.toLowerCase().replace(/\W+/g, '-')}-${Date.now()}@example.org`;
  const response = await context.request.post('/api/v1/auth/register', {
    data: { name, email, password: 'les volets bleus du mas', locale },
  });
  if (!response.ok()) throw new Error(`registration failed (${response.status()}): ${await response.text()}`);
  return email;
}

/**
 * Two managers of one organization, each in a browser context of their own, and
 * a house: A registers and creates the house, then invites B, who joins. For
 * tests of what one sees of the other's writes.
 */
export async function twoManagers(
  browser: Browser,
  device: typeof PHONE | typeof DESKTOP | typeof LAPTOP,
  tag: string,
): Promise<{
  manager: BrowserContext;
  colleague: BrowserContext;
  /** A's sign-in, for more contexts of A's. */
  managerLogin: { email: string; password: string };
  managerHeaders: Record<string, string>;
  colleagueHeaders: Record<string, string>;
  houseId: string;
}> {
  const manager = await newContext(browser, device, 'en-US');
  const colleague = await newContext(browser, device, 'en-US');
  const password = 'les volets bleus du mas';
  const managerLogin = { email: `${tag}-a-${Date.now()}@example.org`, password };
  const registered = await manager.request.post('/api/v1/auth/register', {
    data: { name: 'Anne Gérante', ...managerLogin, locale: 'en' },
  });
  if (registered.status() !== 201) throw new Error(`registration failed: ${await registered.text()}`);
  const managerHeaders = { authorization: `Bearer ${(await registered.json()).accessToken}` };
  const house = await manager.request.post('/api/v1/houses', {
    headers: managerHeaders,
    data: { code: `${tag}-1`, name: 'Mas des Cigales', type: 'villa', maxGuests: 6, nightlyPrice: '150.00' },
  });
  if (house.status() !== 201) throw new Error(`house not created: ${await house.text()}`);

  const colleagueEmail = `${tag}-b-${Date.now()}@example.org`;
  const invited = await manager.request.post('/api/v1/invitations', {
    headers: managerHeaders,
    data: { email: colleagueEmail, role: 'manager' },
  });
  if (invited.status() !== 201) throw new Error(`invitation failed: ${await invited.text()}`);
  const invitationToken = lastEmail(colleagueEmail, 'invitation').text.match(/token=([A-Za-z0-9_-]+)/)?.[1];
  const joined = await colleague.request.post('/api/v1/auth/register', {
    data: { name: 'Bruno Collègue', email: colleagueEmail, password, invitationToken, locale: 'en' },
  });
  if (joined.status() !== 201) throw new Error(`joining failed: ${await joined.text()}`);
  return {
    manager,
    colleague,
    managerLogin,
    managerHeaders,
    colleagueHeaders: { authorization: `Bearer ${(await joined.json()).accessToken}` },
    houseId: (await house.json()).id as string,
  };
}

/**
 * The last email sent to an address. The test server has no SMTP server, so
 * every message waits in its outbox table: that is the mailbox.
 */
export function lastEmail(to: string, template: string): { subject: string; text: string } {
  const database = new BetterSqlite3(path.join(inject('dataDir'), 'staykeep.db'), { readonly: true });
  try {
    const row = database
      .prepare(
        'select subject, body_text as text from email_outbox where recipient = ? and template = ? order by created_at desc limit 1',
      )
      .get(to, template) as { subject: string; text: string } | undefined;
    if (!row) throw new Error(`no ${template} email to ${to}`);
    return row;
  } finally {
    database.close();
  }
}

/** The first link of an email's text. */
export function linkIn(text: string): string {
  const link = text.match(/https?:\/\/\S+/)?.[0];
  if (!link) throw new Error(`no link in: ${text}`);
  return link;
}
