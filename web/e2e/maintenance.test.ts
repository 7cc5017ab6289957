import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  DESKTOP,
  lastEmail,
  launchBrowser,
  linkIn,
  newContext,
  PHONE,
  screenshotPath,
} from './browser.ts';

const PASSWORD = 'les volets bleus du mas';
const HOUSE = 'Mas des Oliviers';
const ISSUE = 'Water leak under the kitchen sink';
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A screenshot once dialogs have faded in, from the top of the page. */
async function screenshot(page: Page, name: string, fullPage = false) {
  await page.evaluate(() =>
    Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined))),
  );
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: screenshotPath(name), fullPage });
}

const scrollsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

/** Whether an <img> has its picture: loaded, with pixels. */
const showsPicture = (image: Locator) =>
  image.evaluate(
    (element) => (element as HTMLImageElement).complete && (element as HTMLImageElement).naturalWidth > 0,
  );

/** A plumber's invoice: a one-page PDF. */
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

/** A phone photo of the leak: a real JPEG, 1600 × 1200, with something in it. */
function leakPhoto(): Promise<Buffer> {
  const drop = Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1200">' +
      '<rect width="1600" height="1200" fill="#d9c6a5"/>' +
      '<rect x="200" y="700" width="1200" height="120" fill="#8a8f96"/>' +
      '<ellipse cx="800" cy="960" rx="420" ry="90" fill="#3b7dd8"/>' +
      '</svg>',
  );
  return sharp(drop).jpeg({ quality: 85 }).toBuffer();
}

/**
 * A manager's organization: one house with guests arriving tomorrow, and a
 * cleaner who joined from an invitation (signed in on a phone).
 */
async function organization(manager: BrowserContext, cleaner: BrowserContext, locale: 'en' | 'fr' = 'en') {
  const registered = await manager.request.post('/api/v1/auth/register', {
    data: {
      name: 'Marie Gérante',
      email: `maintenance-${Date.now()}@example.org`,
      password: PASSWORD,
      locale,
    },
  });
  const headers = { authorization: `Bearer ${(await registered.json()).accessToken}` };
  const post = async (url: string, data: Record<string, unknown>) => {
    const response = await manager.request.post(url, { headers, data });
    if (!response.ok()) throw new Error(`${url} (${response.status()}): ${await response.text()}`);
    return response.json();
  };
  const house = await post('/api/v1/houses', {
    code: 'oliviers',
    name: HOUSE,
    type: 'villa',
    maxGuests: 6,
    nightlyPrice: '180.00',
  });
  const stay = await post('/api/v1/reservations', {
    houseId: house.id,
    guestName: 'Claire Arrivée',
    checkIn: day(1),
    checkOut: day(5),
    guests: 2,
    status: 'confirmed',
  });
  const cleanerEmail = `nina-${Date.now()}@example.org`;
  await post('/api/v1/invitations', { email: cleanerEmail, role: 'staff' });
  const token = new URL(linkIn(lastEmail(cleanerEmail, 'invitation').text)).searchParams.get('token');
  const joined = await cleaner.request.post('/api/v1/auth/register', {
    data: { name: 'Nina Ménage', email: cleanerEmail, password: PASSWORD, invitationToken: token, locale },
  });
  expect(joined.status()).toBe(201);
  return { houseId: house.id as string, stayId: stay.id as string, headers };
}

describe.skipIf(!browserAvailable())('maintenance work orders in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a cleaner reports a leak with a photo from a phone; a manager assigns, blocks and resolves it', async () => {
    const desk = await newContext(browser, DESKTOP, 'en-US');
    const phone = await newContext(browser, PHONE, 'en-US');
    const { houseId, stayId } = await organization(desk, phone);
    const errors: string[] = [];

    // --- The cleaner, on a 390 × 844 phone, from the house's checklist: three taps. ---
    const cleaner = await phone.newPage();
    cleaner.on('pageerror', (error) => errors.push(`phone: ${error.message}`));
    await cleaner.goto(`/houses/${houseId}/checklist`);
    await cleaner.getByRole('heading', { name: HOUSE }).waitFor();
    await cleaner.getByRole('button', { name: `Report a problem in ${HOUSE}` }).click();
    const report = cleaner.getByRole('dialog', { name: `Report a problem: ${HOUSE}` });
    await report.getByText('Step 1 of 3').waitFor();
    const plumbing = report.getByRole('button', { name: 'Plumbing', exact: true });
    await plumbing.waitFor();
    // Every choice is big enough for a thumb.
    for (const choice of await report.getByRole('button').all()) {
      const box = await choice.boundingBox();
      if (box && (await choice.textContent())?.trim()) expect(box.height).toBeGreaterThanOrEqual(44);
    }
    await screenshot(cleaner, 'maintenance-report-1-type-phone');
    await plumbing.click(); // tap 1

    await report.getByText('Step 2 of 3').waitFor();
    // An empty line is refused next to the field.
    await report.getByRole('button', { name: 'Next' }).click();
    await report.getByText('Say what is wrong in a few words.').waitFor();
    await report.getByRole('textbox', { name: 'In one line' }).fill(ISSUE);
    await report.getByRole('checkbox', { name: /It is urgent/ }).check();
    await screenshot(cleaner, 'maintenance-report-2-text-phone');
    await report.getByRole('button', { name: 'Next' }).click(); // tap 2

    await report.getByText('Step 3 of 3').waitFor();
    await screenshot(cleaner, 'maintenance-report-3-photo-phone');
    const chooser = cleaner.waitForEvent('filechooser');
    await report.getByRole('button', { name: 'Take a photo and send' }).click(); // tap 3
    const picker = await chooser;
    expect(await picker.element().getAttribute('capture')).toBe('environment');
    expect(await picker.element().getAttribute('accept')).toBe('image/*');
    await picker.setFiles({ name: 'leak.jpg', mimeType: 'image/jpeg', buffer: await leakPhoto() });
    await report.getByText('Sent', { exact: true }).waitFor({ timeout: 20_000 });
    expect(await scrollsSideways(cleaner)).toBe(false);
    await screenshot(cleaner, 'maintenance-report-4-sent-phone');
    const openLink = report.getByRole('link', { name: 'Open the work order' });
    const issuePath = (await openLink.getAttribute('href')) ?? '';
    expect(issuePath).toMatch(/^\/maintenance\/[\w-]+$/);
    await report.locator('button').filter({ hasText: 'Close' }).click();
    await report.waitFor({ state: 'hidden' });

    // --- The manager at a desk: the list, then the work order with its photo. ---
    const manager = await desk.newPage();
    manager.on('pageerror', (error) => errors.push(`desk: ${error.message}`));
    await manager.goto('/today');
    const urgent = manager.getByRole('alert').filter({ hasText: 'Urgent work before an arrival' });
    await urgent
      .getByRole('link', { name: new RegExp(`^${HOUSE}: ${ISSUE} \\(Plumbing, Urgent\\)`) })
      .waitFor();

    await manager.getByRole('link', { name: 'Maintenance' }).click();
    await manager.getByRole('heading', { name: 'Work orders' }).waitFor();
    const row = manager.getByRole('row').filter({ hasText: ISSUE });
    await row.waitFor();
    expect(await row.getByText(HOUSE).isVisible()).toBe(true);
    expect(await row.getByText('Urgent', { exact: true }).isVisible()).toBe(true);
    expect(await row.getByText('Open', { exact: true }).isVisible()).toBe(true);
    expect(await row.getByText('Not assigned').isVisible()).toBe(true);
    await screenshot(manager, 'maintenance-list-desktop');
    // Filters live in the address: resolved ones only is an empty list, and says so.
    await manager.goto('/maintenance?status=resolved');
    await manager.getByText('No work order matches these filters').waitFor();
    await manager.goto('/maintenance');
    await row.getByRole('link', { name: ISSUE }).click();
    await manager.waitForURL(`**${issuePath}`);
    await manager.getByRole('heading', { name: ISSUE }).waitFor();
    const thumbnail = manager
      .getByRole('button', { name: 'Open the photo leak.jpg' })
      .getByRole('img', { name: 'leak.jpg' });
    await thumbnail.waitFor();
    await expect.poll(() => showsPicture(thumbnail)).toBe(true);
    // The lightbox: the photo itself, Escape closes it.
    await manager.getByRole('button', { name: 'Open the photo leak.jpg' }).click();
    const lightbox = manager.getByRole('dialog', { name: 'leak.jpg (1 of 1)' });
    const full = lightbox.getByRole('img', { name: 'leak.jpg' });
    await full.waitFor();
    await expect.poll(() => showsPicture(full)).toBe(true);
    await screenshot(manager, 'maintenance-lightbox-desktop');
    await manager.keyboard.press('Escape');
    await lightbox.waitFor({ state: 'hidden' });

    // Assigned to the cleaner, with the house blocked: first over the arriving guests' nights (refused,
    // naming their stay next to the dates), then after them.
    await manager.getByRole('button', { name: 'Edit', exact: true }).click();
    const edit = manager.getByRole('dialog', { name: 'Edit the work order' });
    await edit.getByRole('radio', { name: 'A member' }).check();
    await edit.getByRole('combobox', { name: 'A member' }).click();
    await manager.getByRole('option', { name: 'Nina Ménage' }).click();
    await edit.getByRole('checkbox', { name: 'The house cannot be let during the work' }).check();
    await edit.getByLabel('Cannot be let from').fill(day(2));
    await edit.getByLabel('Can be let again on').fill(day(4));
    await edit.getByRole('button', { name: 'Save' }).click();
    const overlap = edit.getByRole('alert').filter({ hasText: 'These nights are already taken' });
    const stayLink = overlap.getByRole('link', { name: /^Claire Arrivée · / });
    await stayLink.waitFor();
    expect(await stayLink.getAttribute('href')).toBe(`/reservations/${stayId}`);
    expect(await edit.getByLabel('Cannot be let from').getAttribute('aria-invalid')).toBe('true');
    await screenshot(manager, 'maintenance-overlap-desktop');
    await edit.getByLabel('Cannot be let from').fill(day(10));
    await edit.getByLabel('Can be let again on').fill(day(13));
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'hidden' });
    const details = manager.getByRole('region', { name: 'Details' });
    await details.getByText('Nina Ménage').waitFor();

    // The block is on the timeline, named after the work order.
    const blockBar = manager.getByRole('button', { name: new RegExp(`^${ISSUE} · Maintenance · `) });
    await manager.goto(`/calendar?month=${day(10).slice(0, 7)}`);
    await blockBar.waitFor();
    await screenshot(manager, 'maintenance-calendar-block-desktop');

    // --- The cleaner finds it among hers on today's page, and starts it. ---
    await cleaner.goto('/today');
    const mine = cleaner.getByRole('region', { name: 'My work orders' });
    await mine.getByRole('link', { name: new RegExp(ISSUE) }).waitFor();
    expect(await scrollsSideways(cleaner)).toBe(false);
    await screenshot(cleaner, 'maintenance-today-phone', true);
    await mine.getByRole('link', { name: new RegExp(ISSUE) }).click();
    await cleaner.getByRole('heading', { name: ISSUE }).waitFor();
    // Staff see no money, and are offered no cancellation.
    expect(await cleaner.getByRole('region', { name: 'Costs' }).count()).toBe(0);
    expect(await cleaner.getByRole('button', { name: 'Cancel the work order' }).count()).toBe(0);
    await cleaner.getByRole('button', { name: 'Start' }).click();
    await cleaner.getByText('In progress', { exact: true }).first().waitFor();
    expect(await scrollsSideways(cleaner)).toBe(false);
    await screenshot(cleaner, 'maintenance-work-order-phone', true);

    // --- The manager resolves it with the labor cost: the block goes from the timeline. ---
    await manager.goto(issuePath);
    await manager.getByText('In progress', { exact: true }).first().waitFor();
    await manager.getByRole('button', { name: 'Resolve' }).click();
    const resolve = manager.getByRole('dialog', { name: 'Resolve the work order' });
    await resolve.getByRole('textbox', { name: 'Labor' }).fill('120');
    await resolve.getByRole('textbox', { name: 'What was done' }).fill('Replaced the trap seal.');
    // Meanwhile the cleaner puts it on hold: the manager's version is stale (412). The work order is
    // reloaded and the dialog says so, keeping what was typed; resolving again applies to the new version.
    await cleaner.getByRole('button', { name: 'Put on hold' }).click();
    await cleaner.getByRole('button', { name: 'Resume' }).waitFor();
    await resolve.getByRole('button', { name: 'Mark as resolved' }).click();
    await resolve.getByText(/Someone changed this work order meanwhile: it has been reloaded/).waitFor();
    await manager.getByText('On hold', { exact: true }).first().waitFor();
    expect(await resolve.getByRole('textbox', { name: 'Labor' }).inputValue()).toBe('120');
    await screenshot(manager, 'maintenance-reloaded-desktop');
    await resolve.getByRole('button', { name: 'Mark as resolved' }).click();
    await resolve.waitFor({ state: 'hidden' });
    await manager.getByText('Resolved', { exact: true }).first().waitFor();
    const costs = manager.getByRole('region', { name: 'Costs' });
    await costs.getByText('€120.00').first().waitFor();
    const history = manager.getByRole('region', { name: 'History' });
    await history.getByText('Status: In progress → On hold').waitFor();
    await history.getByText('Status: On hold → Resolved').waitFor();
    await history.getByText(/Assigned to: — → Nina Ménage/).waitFor();
    // The contractor's invoice, a PDF: listed with its kind, downloaded under its own name.
    const invoiceChooser = manager.waitForEvent('filechooser');
    await manager.getByRole('button', { name: 'Add an invoice' }).click();
    await (await invoiceChooser).setFiles({ name: 'invoice.pdf', mimeType: 'application/pdf', buffer: PDF });
    const invoice = manager.getByRole('button', { name: 'Download invoice.pdf' });
    await invoice.waitFor();
    expect(
      await manager
        .getByRole('listitem')
        .filter({ hasText: 'invoice.pdf' })
        .getByText('Invoice', { exact: true })
        .count(),
    ).toBe(1);
    const downloaded = manager.waitForEvent('download');
    await invoice.click();
    expect((await downloaded).suggestedFilename()).toBe('invoice.pdf');
    // Its photo is still there, as a thumbnail.
    await expect.poll(() => showsPicture(thumbnail)).toBe(true);
    await screenshot(manager, 'maintenance-work-order-desktop', true);
    // Nothing more to do: no status button, no edit of its dates.
    expect(await manager.getByRole('button', { name: 'Start' }).count()).toBe(0);

    await manager.goto(`/calendar?month=${day(10).slice(0, 7)}`);
    await manager.locator('section[aria-busy="false"]').waitFor();
    await manager.getByRole('link', { name: HOUSE }).first().waitFor();
    expect(await blockBar.count()).toBe(0);

    // From the calendar: days picked on the house's row, a work order rather than a stay, its block
    // over those days.
    const freeDay = manager.locator(`button[aria-label^="${HOUSE}, "][aria-label$=": free"]`).nth(20);
    await freeDay.focus();
    await manager.keyboard.press('Enter');
    const picked = manager.getByRole('dialog', { name: 'New on the calendar' });
    await picked.getByText('Work order', { exact: true }).click();
    await picked.getByRole('combobox', { name: 'Type' }).click();
    await manager.getByRole('option', { name: 'Garden' }).click();
    await picked.getByRole('textbox', { name: 'Title' }).fill('Hedge to trim');
    expect(
      await picked.getByRole('checkbox', { name: 'The house cannot be let during the work' }).isChecked(),
    ).toBe(true);
    await screenshot(manager, 'maintenance-from-calendar-desktop');
    await picked.getByRole('button', { name: 'Create the work order' }).click();
    await picked.waitFor({ state: 'hidden' });
    await manager.getByRole('button', { name: /^Hedge to trim · Maintenance · / }).waitFor();

    // The list's default view shows open work orders only: it is gone from there, shown under "all".
    await manager.goto('/maintenance');
    await manager.getByRole('row').filter({ hasText: 'Hedge to trim' }).waitFor();
    expect(await manager.getByRole('row').filter({ hasText: ISSUE }).count()).toBe(0);
    await manager.goto('/maintenance?status=all');
    await manager.getByRole('row').filter({ hasText: ISSUE }).getByText('Resolved').waitFor();

    // The house's page, from the houses list: its open work orders, and its own files.
    await manager.goto('/houses');
    await manager.getByRole('link', { name: HOUSE, exact: true }).click();
    await manager.getByRole('heading', { name: HOUSE, level: 2 }).waitFor();
    const houseWork = manager.getByRole('region', { name: 'Open work orders' });
    await houseWork.getByRole('link', { name: 'Hedge to trim' }).waitFor();
    const manualChooser = manager.waitForEvent('filechooser');
    await manager.getByRole('button', { name: 'Add a file' }).click();
    await (await manualChooser).setFiles({
      name: 'pool-manual.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await manager.getByRole('button', { name: 'Download pool-manual.pdf' }).waitFor();
    expect(
      await manager
        .getByRole('navigation', { name: 'This house' })
        .getByRole('link', { name: 'Checklist' })
        .getAttribute('href'),
    ).toBe(`/houses/${houseId}/checklist`);
    await screenshot(manager, 'maintenance-house-desktop', true);

    expect(errors).toEqual([]);
    await desk.close();
    await phone.close();
  });

  it('shows the work orders as cards on a phone, in French, with the filters folded away', async () => {
    const desk = await newContext(browser, DESKTOP, 'fr-FR');
    const phone = await newContext(browser, PHONE, 'fr-FR');
    const { houseId, headers } = await organization(desk, phone, 'fr');
    for (const [title, priority, dueDate] of [
      ['Volet roulant bloqué', 'high', day(-2)],
      ['Ampoule grillée dans l’entrée', 'low', day(6)],
    ] as const) {
      const created = await desk.request.post('/api/v1/maintenance/issues', {
        headers,
        data: { houseId, type: 'electrical', title, priority, dueDate },
      });
      expect(created.status()).toBe(201);
    }
    const page = await phone.newPage();
    await page.goto('/maintenance');
    await page.getByRole('heading', { name: 'Interventions' }).waitFor();
    const late = page.getByRole('link', { name: /Volet roulant bloqué/ });
    await late.waitFor();
    expect(await late.textContent()).toContain('en retard');
    expect(await page.getByRole('table').count()).toBe(0);
    expect(await scrollsSideways(page)).toBe(false);
    await screenshot(page, 'maintenance-list-phone-fr', true);
    await page.getByRole('button', { name: 'Filtres' }).click();
    // A chip's box is its label: the input itself has no size.
    await page.getByRole('region', { name: 'Filtres' }).or(page.locator('#work-order-filters')).waitFor();
    await screenshot(page, 'maintenance-filters-phone-fr');
    await page.locator('label', { hasText: /^Basse$/ }).click();
    await late.waitFor({ state: 'detached' });
    expect(await page.getByRole('checkbox', { name: 'Basse' }).isChecked()).toBe(true);
    expect(new URL(page.url()).searchParams.getAll('priority')).toEqual(['low']);
    await page.getByRole('link', { name: /Ampoule grillée/ }).waitFor();
    await screenshot(page, 'maintenance-list-filtered-phone-fr', true);

    // A report made with no network, from today's page (the only house is not asked for): kept, said
    // to be waiting, and sent on its own once the network is back.
    await page.goto('/today');
    await page.getByRole('button', { name: 'Signaler un problème' }).click();
    const report = page.getByRole('dialog', { name: 'Signaler un problème' });
    await report.getByRole('button', { name: 'Électricité', exact: true }).click();
    await report.getByRole('textbox', { name: 'En une ligne' }).fill('Prise du salon qui grésille');
    await report.getByRole('button', { name: 'Suivant' }).click();
    await report.getByText('Étape 3 sur 3').waitFor();
    await phone.setOffline(true);
    const chooser = page.waitForEvent('filechooser');
    await report.getByRole('button', { name: 'Prendre une photo et envoyer' }).click();
    await (await chooser).setFiles({ name: 'prise.jpg', mimeType: 'image/jpeg', buffer: await leakPhoto() });
    await report.getByText('En attente du réseau').waitFor();
    await screenshot(page, 'maintenance-report-offline-phone-fr');
    await report.locator('button').filter({ hasText: 'Fermer (il sera envoyé)' }).click();
    await page.getByText(/1 signalement en attente du réseau/).waitFor();
    await phone.setOffline(false);
    await page
      .getByText(/1 signalement en attente du réseau/)
      .waitFor({ state: 'detached', timeout: 45_000 });
    const sent = await (
      await desk.request.get(`/api/v1/maintenance/issues?houseId=${houseId}&type=electrical&status=open`, {
        headers,
      })
    ).json();
    const outlet = sent.items.find((item: { title: string }) => item.title === 'Prise du salon qui grésille');
    expect(outlet).toBeDefined();
    const files = await (
      await desk.request.get(`/api/v1/maintenance/issues/${outlet.id}/attachments`, { headers })
    ).json();
    expect(files.items.map((file: { fileName: string }) => file.fileName)).toEqual(['prise.jpg']);
    await desk.close();
    await phone.close();
  });
});
