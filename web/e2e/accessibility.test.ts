import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FeedServer, icalFeed } from '../../server/test/feed-server.ts';
import en from '../src/locales/en.json' with { type: 'json' };
import fr from '../src/locales/fr.json' with { type: 'json' };
import { baseUrl, browserAvailable, LAPTOP, launchBrowser, PHONE, screenshotPath } from './browser.ts';

/**
 * Every screen and dialog, at a laptop's size and a phone's, in English and in
 * French, scanned by axe-core for WCAG 2.1 A and AA. The app's content security
 * policy allows no injected script: axe's source is evaluated through the
 * browser driver, which the page's policy does not govern.
 */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const PASSWORD = 'les volets bleus du mas';
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

interface Violation {
  rule: string;
  impact: string | null;
  help: string;
  elements: { target: string; html: string; summary: string }[];
}

declare const axe: {
  run(
    context: Element | Document,
    options: object,
  ): Promise<{
    violations: {
      id: string;
      impact: string | null;
      help: string;
      nodes: { target: unknown[]; html: string; failureSummary?: string }[];
    }[];
  }>;
};

async function violationsOn(page: Page): Promise<Violation[]> {
  // Animations done: a dialog fading in is not yet its own colours.
  // (A cancelled animation rejects its promise: it is over all the same.)
  await page.evaluate(() =>
    Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined))),
  );
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return result.violations.map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      elements: violation.nodes.map((node) => ({
        target: node.target.join(' '),
        html: node.html,
        summary: node.failureSummary ?? '',
      })),
    }));
  }, WCAG_21_AA);
}

/**
 * A manager's organization with something on every screen: two houses on a
 * site, a turnover today (a stay leaving, one arriving), stays to come, a
 * maintenance block, a checklist begun, guest files, an invited housekeeper,
 * a tourist tax on the villa, and two channel feeds (one imports a stay,
 * closed dates and a conflict, one cannot be read).
 */
async function organizationWithEverything(context: BrowserContext, locale: 'en' | 'fr', feeds: FeedServer) {
  const email = `a11y-${locale}-${Date.now()}@example.org`;
  const registered = await context.request.post('/api/v1/auth/register', {
    data: { name: 'Demo Manager', email, password: PASSWORD, locale },
  });
  const headers = { authorization: `Bearer ${(await registered.json()).accessToken}` };
  const post = async (url: string, data: Record<string, unknown>) => {
    const response = await context.request.post(url, { headers, data });
    if (!response.ok()) throw new Error(`${url} (${response.status()}): ${await response.text()}`);
    return response.json();
  };
  const site = await post('/api/v1/sites', { name: 'Domaine des Oliviers' });
  const villa = await post('/api/v1/houses', {
    code: 'oliviers',
    name: 'Villa Les Oliviers',
    type: 'villa',
    siteId: site.id,
    maxGuests: 8,
    nightlyPrice: '240.00',
  });
  const studio = await post('/api/v1/houses', {
    code: 'studio',
    name: 'Studio du Port',
    type: 'apartment',
    siteId: site.id,
    maxGuests: 2,
    nightlyPrice: '85.00',
  });
  const leaving = await post('/api/v1/reservations', {
    houseId: studio.id,
    guestName: 'Paul Départ',
    checkIn: day(-3),
    checkOut: day(0),
    guests: 2,
    status: 'confirmed',
  });
  await context.request.patch(`/api/v1/reservations/${leaving.id}`, {
    headers,
    data: { status: 'checked_in' },
  });
  await post('/api/v1/reservations', {
    houseId: studio.id,
    guestName: 'Claire Arrivée',
    checkIn: day(0),
    checkOut: day(4),
    guests: 2,
    status: 'confirmed',
  });
  // Checking in two days early is asked twice: that dialog gets scanned too.
  const coming = await post('/api/v1/reservations', {
    houseId: villa.id,
    guestName: 'Jean Plus-Tard',
    guestEmail: 'jean@example.org',
    checkIn: day(2),
    checkOut: day(6),
    guests: 4,
    status: 'confirmed',
    advancePaid: '300.00',
  });
  await post('/api/v1/reservations', {
    houseId: studio.id,
    guestName: 'Léa Sans-Réponse',
    checkIn: day(6),
    checkOut: day(9),
    guests: 1,
    status: 'pending',
  });
  await post('/api/v1/blocks', {
    houseId: villa.id,
    start: day(8),
    end: day(11),
    kind: 'maintenance',
    note: 'Pool liner replacement',
  });
  const checklist = await (
    await context.request.get(`/api/v1/houses/${studio.id}/checklist`, { headers })
  ).json();
  for (const item of checklist.categories[0].items.slice(0, 3)) {
    await context.request.put(`/api/v1/houses/${studio.id}/checklist/items/${item.id}`, {
      headers,
      data: { completed: true },
    });
  }
  await post('/api/v1/invitations', { email: `cleaner-${locale}-${Date.now()}@example.org`, role: 'staff' });
  // A work order with a photo and an invoice, due yesterday, keeping the villa off the calendar later on;
  // the villa has a file of its own.
  const issue = await post('/api/v1/maintenance/issues', {
    houseId: villa.id,
    type: 'pool',
    title: 'Pool pump makes a grinding noise',
    description: 'Heard at night from the terrace.',
    priority: 'high',
    dueDate: day(-1),
    assigneeName: 'Piscines Martin',
    assigneePhone: '+33 4 90 00 00 00',
    block: { start: day(20), end: day(22) },
  });
  const attach = async (url: string, name: string, mimeType: string, buffer: Buffer, kind: string) => {
    const response = await context.request.post(url, {
      headers,
      multipart: { kind, file: { name, mimeType, buffer } },
    });
    if (!response.ok()) throw new Error(`${url} (${response.status()}): ${await response.text()}`);
  };
  await attach(
    `/api/v1/maintenance/issues/${issue.id}/attachments`,
    'pump.jpg',
    'image/jpeg',
    await PHOTO,
    'photo',
  );
  await attach(
    `/api/v1/maintenance/issues/${issue.id}/attachments`,
    'invoice.pdf',
    'application/pdf',
    PDF,
    'invoice',
  );
  await attach(`/api/v1/houses/${villa.id}/attachments`, 'manual.pdf', 'application/pdf', PDF, 'document');
  // Money: a deposit and part of the balance of Jean Plus-Tard's stay, the balance corrected by an
  // adjustment, and an expense typed by hand with two receipts (a photo and a PDF).
  await post(`/api/v1/reservations/${coming.id}/payments`, {
    date: day(0),
    amount: '200.00',
    kind: 'deposit',
    method: 'card',
  });
  const balance = await post(`/api/v1/reservations/${coming.id}/payments`, {
    date: day(0),
    amount: '100.00',
    kind: 'balance',
    method: 'bank_transfer',
  });
  const posted = await (
    await context.request.get(`/api/v1/ledger?limit=50&reservationId=${coming.id}`, { headers })
  ).json();
  const systemEntry = posted.items.find(
    (entry: { paymentId: string; category: string }) =>
      entry.paymentId === balance.id && entry.category === 'rent',
  );
  await post(`/api/v1/ledger/${systemEntry.id}/adjustments`, { amount: '-10.00', description: 'Bank fee' });
  const manualEntry = await post('/api/v1/ledger', {
    houseId: villa.id,
    date: day(0),
    type: 'expense',
    category: 'supplies',
    description: 'Pool chlorine',
    amount: '45.90',
  });
  await attach(
    `/api/v1/ledger/${manualEntry.id}/attachments`,
    'receipt.jpg',
    'image/jpeg',
    await PHOTO,
    'receipt',
  );
  await attach(
    `/api/v1/ledger/${manualEntry.id}/attachments`,
    'receipt.pdf',
    'application/pdf',
    PDF,
    'receipt',
  );
  // The villa's tourist tax: 5 % of the price per person and night, capped, collected by Airbnb on its stays;
  // Jean Plus-Tard's stay (direct) shows it, to record.
  const rule = await context.request.put(`/api/v1/houses/${villa.id}/tourist-tax`, {
    headers,
    data: { mode: 'percentage', percent: '5', cap: '2.30', platformSources: ['airbnb'] },
  });
  if (!rule.ok()) throw new Error(`tourist tax (${rule.status()}): ${await rule.text()}`);
  const airbnb = await post(`/api/v1/houses/${villa.id}/channels`, {
    name: 'Airbnb',
    source: 'airbnb',
    url: feeds.url('/airbnb.ics'),
  });
  await post(`/api/v1/houses/${villa.id}/channels`, {
    name: 'Vrbo',
    source: 'vrbo',
    url: feeds.url('/no-such-feed.ics'),
  });
  // Feeds are synced in the background, within seconds of being added.
  for (let tries = 0; ; tries++) {
    const channel = await (await context.request.get(`/api/v1/channels/${airbnb.id}`, { headers })).json();
    if (channel.status !== 'pending') break;
    if (tries > 100) throw new Error('the Airbnb feed was never synced');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    studioId: studio.id as string,
    stayId: coming.id as string,
    villaId: villa.id as string,
    issueId: issue.id as string,
    systemEntryId: systemEntry.id as string,
    manualEntryId: manualEntry.id as string,
  };
}

/** A photo for a work order (a real JPEG) and a one-page PDF for its invoice. */
const PHOTO = sharp({ create: { width: 640, height: 480, channels: 3, background: '#6c9bd2' } })
  .jpeg()
  .toBuffer();
const PDF = Buffer.from(
  [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj',
    'trailer << /Root 1 0 R >>',
    '%%EOF',
    '',
  ].join('\n'),
);

const SIZES = { laptop: LAPTOP, phone: PHONE } as const;
const LANGUAGES = { en: 'en-US', fr: 'fr-FR' } as const;
type Language = keyof typeof LANGUAGES;
/**
 * Every screen is scanned in English on a laptop and in French on a phone, so
 * each language and each size is checked; A11Y_FULL=1 scans the four pairs
 * (twice as long: about 3 minutes).
 */
const SCANNED: [Language, keyof typeof SIZES][] =
  process.env.A11Y_FULL === '1'
    ? [
        ['en', 'laptop'],
        ['en', 'phone'],
        ['fr', 'laptop'],
        ['fr', 'phone'],
      ]
    : [
        ['en', 'laptop'],
        ['fr', 'phone'],
      ];
/** Who looks at a screen: someone signed out, the organization's manager, the instance's administrator. */
type Visitor = 'visitor' | 'member' | 'admin';

/** The app's own words, to find its buttons in either language. */
function words(language: Language) {
  const messages = { en, fr }[language] as unknown as Record<string, unknown>;
  return (key: string, values: Record<string, string> = {}) => {
    const message = key
      .split('.')
      .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages);
    if (typeof message !== 'string') throw new Error(`no message ${key}`);
    return message.replace(/{{(\w+)}}/g, (_, name: string) => values[name] ?? '');
  };
}

/** What opens a dialog (or a menu) on a screen: each is scanned open, then closed with Escape. */
type Opener = (page: Page, t: ReturnType<typeof words>) => Promise<unknown>;
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).first().click();

/**
 * Counts the app's requests in flight, so that a scan waits for a screen's data
 * rather than for a fixed time. Installed by the driver, like axe.
 */
const COUNT_REQUESTS = `{
  let inFlight = 0;
  const fetchOriginal = window.fetch;
  window.fetch = (...args) => {
    inFlight++;
    return fetchOriginal(...args).finally(() => inFlight--);
  };
  Object.defineProperty(window, 'requestsInFlight', { get: () => inFlight });
}`;

/**
 * Opens a screen the way a member moves between them: the first through a page
 * load, the next ones through the app's router (a full load per screen would
 * triple the time of the run), then waits until nothing loads for 150 ms.
 */
async function show(page: Page, path: string) {
  if (page.url().startsWith('http')) {
    await page.evaluate((to) => {
      for (const heading of document.querySelectorAll('main h1, main h2'))
        heading.setAttribute('data-left', '');
      window.history.pushState(null, '', to);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, path);
  } else {
    await page.goto(path);
  }
  await page.locator('main h1:not([data-left]), main h2:not([data-left])').first().waitFor();
  await page.waitForFunction(
    () => {
      const state = window as unknown as { requestsInFlight: number; quietSince?: number };
      const quiet =
        state.requestsInFlight === 0 && !document.querySelector('[role="status"] .mantine-Loader-root');
      state.quietSince = quiet ? (state.quietSince ?? performance.now()) : undefined;
      return state.quietSince !== undefined && performance.now() - state.quietSince >= 150;
    },
    undefined,
    { polling: 50 },
  );
}

/** The findings of a whole run, written beside the screenshots for the record. */
const findings: Record<string, Violation[]> = {};

describe.skipIf(!browserAvailable())('WCAG 2.1 AA in Chromium, checked by axe-core', () => {
  let browser: Browser;
  let feeds: FeedServer;
  beforeAll(async () => {
    browser = await launchBrowser();
    // A channel's calendar: a stay, closed dates, and a booking over Jean Plus-Tard's stay (a conflict).
    feeds = await FeedServer.start();
    feeds.serve(
      '/airbnb.ics',
      icalFeed([
        { uid: 'stay@airbnb', start: day(12), end: day(14), summary: 'Reserved - Sophie Laurent' },
        { uid: 'closed@airbnb', start: day(15), end: day(17), summary: 'Airbnb (Not available)' },
        { uid: 'overlap@airbnb', start: day(3), end: day(5), summary: 'Reserved - Marc Dupont' },
      ]),
    );
  });
  afterAll(async () => {
    await browser?.close();
    await feeds?.close();
    writeFileSync(
      screenshotPath('accessibility').replace(/\.png$/, '.json'),
      JSON.stringify(findings, null, 2),
    );
  });

  for (const [language, size] of SCANNED) {
    const locale = LANGUAGES[language];
    const device = SIZES[size];
    describe(`${language}, ${size}`, () => {
      let signedIn: BrowserContext;
      let visitor: BrowserContext;
      let instanceAdmin: BrowserContext;
      const pages: Partial<Record<Visitor, Page>> = {};
      let ids: Awaited<ReturnType<typeof organizationWithEverything>>;
      beforeAll(async () => {
        visitor = await browser.newContext({ ...device, locale, baseURL: baseUrl() });
        signedIn = await browser.newContext({ ...device, locale, baseURL: baseUrl() });
        ids = await organizationWithEverything(signedIn, language, feeds);
        instanceAdmin = await browser.newContext({ ...device, locale, baseURL: baseUrl() });
        const { email, password } = inject('admin');
        const login = await instanceAdmin.request.post('/api/v1/auth/login', { data: { email, password } });
        expect(login.status()).toBe(200);
        for (const context of [visitor, signedIn, instanceAdmin])
          await context.addInitScript({ content: COUNT_REQUESTS });
      });
      afterAll(async () => {
        await signedIn?.close();
        await visitor?.close();
        await instanceAdmin?.close();
      });

      const t = words(language);
      const accountMenu: Opener = (page) => page.locator('header button[aria-haspopup="menu"]').click();
      const screens: [string, () => string, Visitor, Record<string, Opener>][] = [
        ['login', () => '/login', 'visitor', {}],
        ['register', () => '/register', 'visitor', {}],
        ['forgot password', () => '/forgot-password', 'visitor', {}],
        ['reset password', () => '/reset-password?token=an-expired-link', 'visitor', {}],
        ['invitation', () => '/invitations/accept?token=an-expired-link', 'visitor', {}],
        ['not found', () => '/no-such-page', 'visitor', {}],
        [
          'home',
          () => '/',
          'member',
          size === 'phone'
            ? { 'account menu': accountMenu, navigation: (page) => button(page, t('nav.open')) }
            : { 'account menu': accountMenu },
        ],
        [
          'today',
          () => '/today',
          'member',
          { 'report a problem': (page) => button(page, t('maintenance.report.button')) },
        ],
        [
          'calendar',
          () => '/calendar',
          'member',
          {
            'new reservation': (page) => button(page, t('calendar.newReservation')),
            'new on a free day': async (page) => {
              await page
                .locator(`button[aria-label$=": ${t('calendar.free')}"]`)
                .first()
                .focus();
              await page.keyboard.press('Enter');
            },
            block: (page) => page.getByRole('button', { name: /^Pool liner replacement/ }).click(),
          },
        ],
        [
          'reservation',
          () => `/reservations/${ids.stayId}`,
          'member',
          {
            edit: (page) => button(page, t('common.edit')),
            'check in': (page) => button(page, t('reservations.to.checked_in')),
            cancel: (page) => button(page, t('reservations.to.cancelled')),
            'record a payment': (page) => button(page, t('finance.payments.record')),
            'record the tourist tax': (page) => button(page, t('finance.touristTax.stay.record')),
          },
        ],
        ['houses', () => '/houses', 'member', { 'new house': (page) => button(page, t('houses.new')) }],
        ['guests', () => '/guests', 'member', { edit: (page) => button(page, t('common.edit')) }],
        [
          'checklist',
          () => `/houses/${ids.studioId}/checklist`,
          'member',
          {
            history: (page) => button(page, t('checklist.history')),
            'report a problem': (page) =>
              button(page, t('maintenance.report.buttonNamed', { house: 'Studio du Port' })),
          },
        ],
        [
          'maintenance',
          () => '/maintenance',
          'member',
          { 'new work order': (page) => button(page, t('maintenance.new')) },
        ],
        [
          'work order',
          () => `/maintenance/${ids.issueId}`,
          'member',
          {
            edit: (page) => button(page, t('common.edit')),
            resolve: (page) => button(page, t('maintenance.actions.resolved')),
            cancel: (page) => button(page, t('maintenance.actions.cancelled')),
            photo: (page) => button(page, t('files.openPhoto', { name: 'pump.jpg' })),
            'delete a file': (page) => button(page, t('files.deleteNamed', { name: 'invoice.pdf' })),
          },
        ],
        [
          'house',
          () => `/houses/${ids.villaId}`,
          'member',
          {
            'new work order': (page) => button(page, t('maintenance.new')),
            'tourist tax': (page) => button(page, t('finance.touristTax.editLabel')),
            'remove the tourist tax': (page) => button(page, t('finance.touristTax.removeLabel')),
            'new owner contract': (page) => button(page, t('contracts.add')),
          },
        ],
        [
          'channels',
          () => `/houses/${ids.villaId}/channels`,
          'member',
          {
            'add a calendar': (page) => button(page, t('channels.feeds.add')),
            'sync log': (page) => button(page, t('channels.feeds.logNamed', { name: 'Airbnb' })),
            remove: (page) => button(page, t('channels.feeds.removeNamed', { name: 'Vrbo' })),
            'replace the export addresses': (page) => button(page, t('channels.export.rotate')),
          },
        ],
        [
          'checklist-template',
          () => '/checklist-template',
          'member',
          { 'new step': (page) => button(page, t('template.addItem')) },
        ],
        [
          'ledger',
          () => '/finance',
          'member',
          {
            'new entry': (page) => button(page, t('finance.new')),
            'export menu': (page) => button(page, t('finance.export.button')),
          },
        ],
        [
          'ledger entry posted by the system',
          () => `/finance/entries/${ids.systemEntryId}`,
          'member',
          { adjust: (page) => button(page, t('finance.entry.adjust')) },
        ],
        [
          'ledger entry typed by hand',
          () => `/finance/entries/${ids.manualEntryId}`,
          'member',
          {
            edit: (page) => button(page, t('common.edit')),
            delete: (page) => button(page, t('finance.entry.delete')),
            receipt: (page) => button(page, t('files.openPhoto', { name: 'receipt.jpg' })),
          },
        ],
        ['finance summary', () => '/finance/summary', 'member', {}],
        [
          'owner statement',
          () => `/finance/statements?house=${ids.villaId}&month=${day(0).slice(0, 7)}`,
          'member',
          {},
        ],
        ['analytics', () => '/analytics?compare=1', 'member', {}],
        [
          'month close',
          () => '/finance/closings',
          'member',
          { close: (page) => page.locator('tbody tr[data-month] button').first().click() },
        ],
        ['members', () => '/members', 'member', {}],
        ['organization settings', () => '/settings', 'member', {}],
        [
          'audit log',
          () => '/audit?entityType=house',
          'member',
          {
            'a change': (page) =>
              page.locator('[data-audit-entry] button[aria-haspopup="dialog"]').first().click(),
          },
        ],
        ['profile', () => '/profile', 'member', {}],
        [
          'notifications',
          () => '/notifications',
          'member',
          { bell: (page) => page.locator('header button[aria-haspopup="dialog"]').first().click() },
        ],
        ['notification preferences', () => '/notifications/preferences', 'member', {}],
        ['administration', () => '/admin', 'admin', {}],
      ];
      for (const [screen, path, who, dialogs] of screens) {
        const dialogNames = Object.keys(dialogs);
        it(`${screen}${dialogNames.length ? ` and its ${dialogNames.join(', ')}` : ''}: no violation`, async () => {
          // One page per kind of visitor, moving from screen to screen; a fresh one after a failure.
          const page =
            pages[who] ?? (await { visitor, member: signedIn, admin: instanceAdmin }[who].newPage());
          delete pages[who];
          await show(page, path());
          const found: Record<string, Violation[]> = {};
          const scan = async (what: string) => {
            const violations = await violationsOn(page);
            found[what] = violations;
            findings[`${what} (${language}, ${size})`] = violations;
            if (violations.length > 0)
              await page.screenshot({
                path: screenshotPath(`a11y-${what.replace(/\W+/g, '-')}-${language}-${size}`),
              });
          };
          await scan(screen);
          for (const [name, open] of Object.entries(dialogs)) {
            await open(page, t).catch(async (error: unknown) => {
              await page.screenshot({
                path: screenshotPath(`a11y-unopened-${screen}-${language}-${size}`),
              });
              throw error;
            });
            const opened = page
              .locator(
                name === 'navigation' ? '#main-navigation:not([inert])' : '[role="dialog"], [role="menu"]',
              )
              .first();
            await opened.waitFor();
            await scan(`${screen} › ${name}`);
            await page.keyboard.press('Escape');
            await opened.waitFor({ state: 'hidden' });
          }
          pages[who] = page;
          expect(
            Object.fromEntries(Object.entries(found).filter(([, violations]) => violations.length > 0)),
          ).toEqual({});
        });
      }
    });
  }
});
