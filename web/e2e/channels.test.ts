import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedServer, icalFeed, type TestEvent } from '../../server/test/feed-server.ts';
import { browserAvailable, DESKTOP, launchBrowser, newContext, PHONE, screenshotPath } from './browser.ts';

const PASSWORD = 'les volets bleus du mas';
const HOUSE = 'Mas des Lavandes';
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A manager with one house and a stay booked directly, from the 20th day to come to the 24th. */
async function managerWithDirectStay(context: BrowserContext) {
  const email = `channels-${Date.now()}@example.org`;
  const registered = await context.request.post('/api/v1/auth/register', {
    data: { name: 'Marie Gérante', email, password: PASSWORD },
  });
  const headers = { authorization: `Bearer ${(await registered.json()).accessToken}` };
  const post = async (url: string, data: Record<string, unknown>) => {
    const response = await context.request.post(url, { headers, data });
    if (!response.ok()) throw new Error(`${url} (${response.status()}): ${await response.text()}`);
    return response.json();
  };
  const house = await post('/api/v1/houses', {
    code: 'lavandes',
    name: HOUSE,
    type: 'villa',
    maxGuests: 6,
    nightlyPrice: '150.00',
  });
  const stay = await post('/api/v1/reservations', {
    houseId: house.id,
    guestName: 'Claire Directe',
    checkIn: day(20),
    checkOut: day(24),
    guests: 2,
    status: 'confirmed',
  });
  return { email, houseId: house.id as string, stayId: stay.id as string };
}

/** The number of events of an iCal body. */
const eventsIn = (body: string) => body.match(/BEGIN:VEVENT/g)?.length ?? 0;

/** A screenshot once dialogs have faded in, from the top of the page (fixed parts stay at the top). */
async function screenshot(page: Page, name: string, fullPage = false) {
  await page.evaluate(() =>
    Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined))),
  );
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: screenshotPath(name), fullPage });
}

/** The page fits its width: nothing but the tables inside their own scroll boxes goes sideways. */
const scrollsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

describe.skipIf(!browserAvailable())('channel sync in Chromium', () => {
  let browser: Browser;
  let feeds: FeedServer;
  beforeAll(async () => {
    browser = await launchBrowser();
    feeds = await FeedServer.start();
  });
  afterAll(async () => {
    await browser?.close();
    await feeds?.close();
  });

  it('imports a feed, lists its conflict with a direct stay, and hands out the export URLs', async () => {
    const context = await newContext(browser, DESKTOP, 'en-US');
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const { email, houseId, stayId } = await managerWithDirectStay(context);
    const feedPath = `/airbnb-${Date.now()}.ics`;
    const events: TestEvent[] = [
      { uid: 'stay-1@airbnb.com', start: day(10), end: day(13), summary: 'Reserved - Sophie Laurent' },
      { uid: 'closed-1@airbnb.com', start: day(13), end: day(15), summary: 'Airbnb (Not available)' },
    ];
    feeds.serve(feedPath, icalFeed(events));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    // From the house's row on the houses page to its channels.
    await page.goto('/houses');
    const channelsLink = page.getByRole('link', { name: `Channels of ${HOUSE}` });
    await channelsLink.waitFor();
    await screenshot(page, 'channels-houses-desktop');
    await channelsLink.click();
    await page.getByRole('heading', { name: `Channels: ${HOUSE}` }).waitFor();
    await page.getByText('No calendar imported yet').waitFor();

    // The form: where to find the address, and the server's field errors next to their field.
    await page.getByRole('button', { name: 'Add a calendar' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a calendar' });
    await dialog
      .getByText('On Airbnb: Calendar → Availability → Connect calendars → Export calendar')
      .waitFor();
    await dialog.getByRole('textbox', { name: 'Name' }).fill('A'.repeat(101));
    await dialog.getByRole('textbox', { name: 'iCal export address' }).fill(feeds.url(feedPath));
    await screenshot(page, 'channels-add-desktop');
    await dialog.getByRole('button', { name: 'Add the calendar' }).click();
    const name = dialog.getByRole('textbox', { name: 'Name' });
    await dialog.getByText('At most 100 characters').waitFor();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    await name.fill('Airbnb');
    await dialog.getByRole('button', { name: 'Add the calendar' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Synced in the background within seconds: the card says so, and the stay is on the timeline.
    const card = page.getByRole('article', { name: 'Airbnb', exact: true });
    await card.getByText('Synced', { exact: true }).waitFor({ timeout: 20_000 });
    await card.getByText('Last sync').waitFor();
    expect(await card.getByText('Last sync').locator('..').textContent()).toMatch(/ago|now/);

    await page.goto(`/calendar?month=${day(10).slice(0, 7)}`);
    const imported = page.getByRole('button', { name: /^Sophie Laurent · .* · Confirmed · Airbnb$/ });
    await imported.waitFor();
    expect(await imported.textContent()).toBe('Sophie Laurent');
    // The dates Airbnb closed, right after the stay (in the next month when the stay ends a month).
    await page.goto(`/calendar?month=${day(13).slice(0, 7)}`);
    await page
      .getByRole('button', { name: /^Airbnb: Airbnb \(Not available\) · Closed on a channel · / })
      .waitFor();
    await screenshot(page, 'channels-timeline-desktop');

    // The feed now holds a booking over the direct stay's nights: a conflict, both sides named.
    feeds.serve(
      feedPath,
      icalFeed([
        ...events,
        { uid: 'stay-2@airbnb.com', start: day(21), end: day(23), summary: 'Reserved - Marc Dupont' },
      ]),
    );
    await page.goto(`/houses/${houseId}/channels`);
    await card.getByRole('button', { name: 'Sync now: Airbnb' }).click();
    await card
      .getByRole('status')
      .getByText('Events read: 3 · created: 0 · updated: 0 · cancelled: 0 · in conflict: 1')
      .waitFor();
    const conflicts = page.getByRole('region', { name: 'Conflicts' });
    const conflict = conflicts.getByRole('article');
    await conflict.getByText('Booking of Marc Dupont').waitFor();
    expect(await conflict.getByText('In the Airbnb calendar').isVisible()).toBe(true);
    const other = conflict.getByRole('link', { name: 'Stay of Claire Directe' });
    expect(await other.getAttribute('href')).toBe(`/reservations/${stayId}`);
    expect(await conflict.getByText(/cancel or move one side/).isVisible()).toBe(true);
    await card.getByText('1', { exact: true }).waitFor();

    // The sync log: the first sync and the one just asked for.
    await card.getByRole('button', { name: 'Sync log: Airbnb' }).click();
    const log = page.getByRole('dialog', { name: 'Sync log: Airbnb' });
    await log.getByRole('row').nth(2).waitFor();
    expect(await log.getByRole('row').count()).toBe(3);
    expect(await log.getByRole('columnheader').allTextContents()).toEqual([
      'When',
      'Result',
      'Duration',
      'HTTP',
      'Events',
      'Created',
      'Updated',
      'Cancelled',
      'Conflicts',
    ]);
    await screenshot(page, 'channels-sync-log-desktop');
    await page.keyboard.press('Escape');
    await log.waitFor({ state: 'hidden' });

    // A feed that cannot be read: the card says so, with the reason in full.
    await page.getByRole('button', { name: 'Add a calendar' }).click();
    await dialog.getByRole('combobox', { name: 'Channel' }).click();
    await page.getByRole('option', { name: 'Booking.com' }).click();
    await dialog.getByText('On Booking.com: Rates & Availability → Sync calendars → Export').waitFor();
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Booking.com');
    // A calendar the house already imports is refused, next to its address.
    const address = dialog.getByRole('textbox', { name: 'iCal export address' });
    await address.fill(feeds.url(feedPath));
    await dialog.getByRole('button', { name: 'Add the calendar' }).click();
    await dialog.getByText('This house already imports this calendar.').waitFor();
    expect(await address.getAttribute('aria-invalid')).toBe('true');
    await address.fill(feeds.url('/no-such-feed.ics'));
    await dialog.getByRole('button', { name: 'Add the calendar' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const failing = page.getByRole('article', { name: 'Booking.com', exact: true });
    await failing.getByText('Sync failed', { exact: true }).waitFor({ timeout: 20_000 });
    await failing.getByText("The channel's server answered with an error.").waitFor();
    await failing.getByText(/^Details: 127\.0\.0\.1:\d+ answered with HTTP 404\.$/).waitFor();

    // Its address corrected (If-Match on the version shown), it is read again at once.
    feeds.serve('/booking.ics', icalFeed([]));
    await failing.getByRole('button', { name: 'Edit Booking.com' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit the calendar' });
    await edit.getByRole('textbox', { name: 'iCal export address' }).fill(feeds.url('/booking.ics'));
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'hidden' });
    await failing.getByText('Synced', { exact: true }).waitFor({ timeout: 20_000 });

    // Removed after a confirmation that says what goes and what stays.
    await failing.getByRole('button', { name: 'Remove Booking.com' }).click();
    const removal = page.getByRole('dialog', { name: 'Remove Booking.com?' });
    await removal.getByText(/The stays it brought stay/).waitFor();
    await removal.getByRole('button', { name: 'Remove the calendar' }).click();
    await failing.waitFor({ state: 'detached' });

    // Export: one address per channel, the Airbnb one without what came from Airbnb.
    const exportSection = page.getByRole('region', { name: 'Export to the channels' });
    const labels = ['Airbnb', 'Booking.com', 'Vrbo', 'another channel'];
    const urls: string[] = [];
    for (const label of labels)
      urls.push(await exportSection.getByRole('textbox', { name: `Paste into ${label}` }).inputValue());
    expect(new Set(urls).size).toBe(4);
    const [airbnbUrl = '', bookingUrl = ''] = urls;
    await exportSection.getByRole('button', { name: 'Copy the address for Airbnb' }).click();
    await exportSection.getByRole('button', { name: 'Address for Airbnb copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(airbnbUrl);
    expect(eventsIn(await (await context.request.get(airbnbUrl)).text())).toBe(1);
    expect(eventsIn(await (await context.request.get(bookingUrl)).text())).toBe(3);
    await screenshot(page, 'channels-desktop', true);

    // New addresses, after a confirmation: the old ones stop working.
    await exportSection.getByRole('button', { name: 'Replace the addresses…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Replace the export addresses?' });
    await confirm.getByRole('button', { name: 'Replace the addresses' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await exportSection.getByText('New addresses made: paste each one into its channel.').waitFor();
    const rotated = await exportSection.getByRole('textbox', { name: 'Paste into Airbnb' }).inputValue();
    expect(rotated).not.toBe(airbnbUrl);
    expect((await context.request.get(airbnbUrl)).status()).toBe(404);

    // The day's page tells the manager, and leads back here.
    await page.goto('/today');
    const alert = page.getByRole('alert').filter({ hasText: 'Channel calendar conflicts' });
    await alert.waitFor();
    await screenshot(page, 'channels-today-desktop');
    await alert.getByRole('link', { name: `${HOUSE}: 1 event of a channel on nights already taken` }).click();
    await page.getByRole('heading', { name: `Channels: ${HOUSE}` }).waitFor();

    // The feed drops its only stay: not believed until the manager confirms the cancellation.
    feeds.serve(
      feedPath,
      icalFeed([
        events[1] as TestEvent,
        { uid: 'stay-2@airbnb.com', start: day(21), end: day(23), summary: 'Reserved - Marc Dupont' },
      ]),
    );
    await card.getByRole('button', { name: 'Sync now: Airbnb' }).click();
    await card
      .getByRole('status')
      .getByText(/dropped more than half of the stays/)
      .waitFor();
    await card.getByRole('button', { name: 'They are cancelled: apply the calendar' }).click();
    await card
      .getByRole('status')
      .getByText('Events read: 2 · created: 0 · updated: 0 · cancelled: 1 · in conflict: 1')
      .waitFor();
    expect(errors).toEqual([]);
    await context.close();

    // On a phone, in French (the account's language, set here): one column, nothing wider than the screen.
    const phone = await newContext(browser, PHONE, 'fr-FR');
    const login = await phone.request.post('/api/v1/auth/login', { data: { email, password: PASSWORD } });
    const french = await phone.request.patch('/api/v1/users/me', {
      headers: { authorization: `Bearer ${(await login.json()).accessToken}` },
      data: { locale: 'fr' },
    });
    expect(french.ok()).toBe(true);
    const onPhone = await phone.newPage();
    await onPhone.goto(`/houses/${houseId}/channels`);
    await onPhone.getByRole('heading', { name: `Canaux : ${HOUSE}` }).waitFor();
    await onPhone
      .getByRole('article', { name: 'Airbnb', exact: true })
      .getByText('Synchronisé', { exact: true })
      .waitFor();
    await onPhone.getByText('Réservation de Marc Dupont').waitFor();
    expect(await scrollsSideways(onPhone)).toBe(false);
    await screenshot(onPhone, 'channels-phone-fr', true);
    await onPhone.getByRole('button', { name: 'Journal : Airbnb' }).click();
    await onPhone
      .getByRole('dialog', { name: 'Journal : Airbnb' })
      .getByText('Événements lus : 3 · créés : 0 · modifiés : 0 · annulés : 0 · en conflit : 1')
      .waitFor();
    await screenshot(onPhone, 'channels-sync-log-phone-fr');
    await onPhone.keyboard.press('Escape');

    // The houses list leads to each house's channels, with its conflicts counted.
    await onPhone.goto('/houses');
    await onPhone.getByRole('link', { name: `Canaux de ${HOUSE}` }).waitFor();
    await onPhone.getByText('1 conflit', { exact: true }).waitFor();
    await screenshot(onPhone, 'channels-houses-phone-fr');
    await phone.close();
  });
});
