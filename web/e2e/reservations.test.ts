import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  DESKTOP,
  launchBrowser,
  newContext,
  PHONE,
  screenshotPath,
  signUp,
} from './browser.ts';

/** Presses on one day cell of the timeline and releases on another, like a manager's drag. */
async function dragOverDays(page: Page, house: string, firstIndex: number, lastIndex: number) {
  const freeDays = page.getByRole('button', { name: new RegExp(`^${house}, .*: free$`) });
  const first = await freeDays.nth(firstIndex).boundingBox();
  const last = await freeDays.nth(lastIndex).boundingBox();
  if (!first || !last) throw new Error('day cells not on screen');
  await page.mouse.move(first.x + first.width / 2, first.y + first.height / 2);
  await page.mouse.down();
  await page.mouse.move(last.x + last.width / 2, last.y + last.height / 2, { steps: 5 });
  await page.mouse.up();
}

describe.skipIf(!browserAvailable())('houses, the timeline and reservations in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('creates a house, a stay from the timeline, sees it on the calendar and is refused an overlapping one', async () => {
    const context = await newContext(browser, DESKTOP, 'en-US');
    const email = await signUp(context, 'Marie Gérante');
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    // A house, through the form.
    await page.goto('/houses');
    await page.getByRole('heading', { name: 'Houses' }).waitFor();
    await page.getByText('No house yet').waitFor();
    await page.getByRole('button', { name: 'New house' }).click();
    const houseDialog = page.getByRole('dialog');
    await houseDialog.getByLabel('Code').fill('maison-1');
    await houseDialog.getByLabel('Name').fill('Mv1');
    await houseDialog.getByRole('textbox', { name: 'Max guests' }).fill('6');
    await houseDialog.getByLabel('Nightly price').fill('200');
    await houseDialog.getByRole('button', { name: 'Create the house' }).click();
    await houseDialog.waitFor({ state: 'hidden' });
    await page.getByRole('row', { name: /Mv1/ }).waitFor();
    expect(await page.getByRole('cell', { name: '€200.00' }).isVisible()).toBe(true);

    // A stay of three nights, dragged over the 10th to the 12th of next month.
    await page.getByRole('link', { name: 'Calendar' }).click();
    const thisMonth = await page.getByRole('region', { name: /^Occupancy of / }).getAttribute('aria-label');
    await page.getByRole('button', { name: 'Next month' }).click();
    // Next month's days, not this month's still shown while it loads.
    await page.locator(`section[aria-busy="false"]:not([aria-label="${thisMonth}"])`).waitFor();
    await page
      .getByRole('button', { name: /^Mv1, .*: free$/ })
      .first()
      .waitFor();
    await dragOverDays(page, 'Mv1', 9, 11);
    const stayDialog = page.getByRole('dialog', { name: 'New on the calendar' });
    await stayDialog.waitFor();
    const checkIn = await stayDialog.getByLabel('Arrival').inputValue();
    expect(checkIn).toMatch(/^\d{4}-\d{2}-10$/);
    expect(await stayDialog.getByLabel('Departure').inputValue()).toBe(`${checkIn.slice(0, 8)}13`);
    await stayDialog.getByText('3 nights · free').waitFor();
    await stayDialog.getByLabel('Guest name').fill('Jeanne Martin');
    await stayDialog.getByLabel('Total price').fill('600');
    await stayDialog.getByRole('button', { name: 'Create the reservation' }).click();
    await stayDialog.waitFor({ state: 'hidden' });
    const bar = page.getByRole('button', { name: /^Jeanne Martin · / });
    await bar.waitFor();
    expect(await bar.textContent()).toBe('Jeanne Martin');
    await page.screenshot({ path: screenshotPath('timeline-with-stay'), fullPage: true });

    // An overlapping stay: the form names the stay in the way and will not submit.
    await dragOverDays(page, 'Mv1', 7, 7);
    await stayDialog.waitFor();
    await stayDialog.getByLabel('Departure').fill(`${checkIn.slice(0, 8)}11`);
    const conflict = stayDialog.getByRole('alert').filter({ hasText: 'These nights are already taken' });
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('Jeanne Martin');
    await stayDialog.getByLabel('Guest name').fill('Paul Durand');
    expect(await stayDialog.getByRole('button', { name: 'Create the reservation' }).isDisabled()).toBe(true);
    await page.screenshot({ path: screenshotPath('reservation-conflict'), fullPage: true });
    // Moving the departure to the day the first stay arrives is a same-day turnover, which is allowed.
    await stayDialog.getByLabel('Departure').fill(checkIn);
    await stayDialog.getByText('2 nights · free').waitFor();
    // Someone else blocks one of these nights meanwhile: the database refuses the stay, and the form says so.
    const login = await context.request.post('/api/v1/auth/login', {
      data: { email, password: 'les volets bleus du mas' },
    });
    const headers = { authorization: `Bearer ${(await login.json()).accessToken}` };
    const houses = await (await context.request.get('/api/v1/houses', { headers })).json();
    const blocked = await context.request.post('/api/v1/blocks', {
      headers,
      data: {
        houseId: houses.items[0].id,
        start: `${checkIn.slice(0, 8)}09`,
        end: checkIn,
        kind: 'maintenance',
      },
    });
    expect(blocked.status()).toBe(201);
    await stayDialog.getByRole('button', { name: 'Create the reservation' }).click();
    await stayDialog.getByRole('alert').filter({ hasText: 'already taken in this house' }).waitFor();
    await page.keyboard.press('Escape');
    await stayDialog.waitFor({ state: 'hidden' });

    // The stay's page: money, the next steps, the history.
    await bar.click();
    await page.getByRole('heading', { name: 'Jeanne Martin' }).waitFor();
    expect(await page.getByText('€600.00').first().isVisible()).toBe(true);
    // Next month's arrival: checking in now is asked twice, saying why.
    await page.getByRole('button', { name: 'Check in' }).click();
    const early = page.getByRole('dialog', { name: 'Check in now?' });
    await early.getByText(/^The arrival is on /).waitFor();
    await early.getByRole('button', { name: 'Check in anyway' }).click();
    await early.waitFor({ state: 'hidden' });
    await page.getByText('In house', { exact: true }).first().waitFor();
    await page.getByText('Status changed').waitFor();
    await page.screenshot({ path: screenshotPath('reservation-detail'), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows arrivals and departures on a phone, in French', async () => {
    const context = await newContext(browser, PHONE, 'fr-FR');
    await signUp(context, 'Luc Équipe', 'fr');
    const page = await context.newPage();
    await page.goto('/today');
    await page.getByRole('heading', { name: 'Arrivées et départs' }).waitFor();
    await page.getByText('Aucune arrivée').waitFor();
    await page.getByText('Toutes les maisons sont prêtes.').waitFor();
    await page.getByText('Demain', { exact: true }).click();
    await page.getByText('Aucun départ').waitFor();
    await page.screenshot({ path: screenshotPath('today-phone-fr'), fullPage: true });
    await context.close();
  });
});
