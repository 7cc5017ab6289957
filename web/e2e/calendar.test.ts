import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, LAPTOP, launchBrowser, newContext, PHONE, screenshotPath } from './browser.ts';

const PASSWORD = 'les volets bleus du mas';
const LONG_HOUSE = 'Villa Les Oliviers du Domaine';
const LONG_GUEST = 'Jean-Baptiste Delacroix-Fontaine';

/** The first month from next month on that has 31 days, as YYYY-MM. */
function next31DayMonth(): string {
  const today = new Date();
  for (let ahead = 1; ; ahead++) {
    const first = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + ahead, 1));
    const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0));
    if (last.getUTCDate() === 31) return first.toISOString().slice(0, 7);
  }
}

/** A manager of three houses, one with a long name, and a stay of a long-named guest over the month's end. */
async function managerWithHouses(context: BrowserContext, month: string, locale: 'en' | 'fr') {
  const registered = await context.request.post('/api/v1/auth/register', {
    data: { name: 'Marie Gérante', email: `calendar-${Date.now()}@example.org`, password: PASSWORD, locale },
  });
  const headers = { authorization: `Bearer ${(await registered.json()).accessToken}` };
  const houses = [];
  for (const [code, name] of [
    ['maison-1', LONG_HOUSE],
    ['maison-2', 'Mv2'],
    ['maison-3', 'Mv3'],
  ]) {
    const created = await context.request.post('/api/v1/houses', {
      headers,
      data: { code, name, type: 'villa', maxGuests: 6, nightlyPrice: '180.00' },
    });
    houses.push((await created.json()).id as string);
  }
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const nextMonth = new Date(Date.UTC(year, monthNumber, 2)).toISOString().slice(0, 10);
  const stay = await context.request.post('/api/v1/reservations', {
    headers,
    data: {
      houseId: houses[0],
      guestName: LONG_GUEST,
      checkIn: `${month}-29`,
      checkOut: nextMonth,
      guests: 2,
      status: 'confirmed',
    },
  });
  expect(stay.status()).toBe(201);
}

async function openMonth(page: Page, month: string): Promise<Locator> {
  await page.goto(`/calendar?month=${month}`);
  const grid = page.locator('section[aria-busy="false"]');
  await grid.waitFor();
  await page.getByRole('button', { name: new RegExp(`^${LONG_GUEST} · `) }).waitFor();
  return grid;
}

/** How far the grid scrolls sideways, in pixels: 0 when every day shows. */
const sidewaysScroll = (grid: Locator) =>
  grid.evaluate((element) => element.scrollWidth - element.clientWidth);

describe.skipIf(!browserAvailable())('the calendar on a laptop and a phone', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('fits a whole 31-day month on a 1366 px laptop, names cut names in tooltips, and has a New reservation button', async () => {
    const month = next31DayMonth();
    const context = await newContext(browser, LAPTOP, 'en-US');
    await managerWithHouses(context, month, 'en');
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const grid = await openMonth(page, month);

    // Every day is on screen without scrolling: the 31st of the last house, at the grid's right edge.
    expect(await sidewaysScroll(grid)).toBeLessThanOrEqual(0);
    const lastDay = page.getByRole('button', { name: /^Mv3, .*: free$/ }).last();
    expect(await lastDay.getAttribute('aria-label')).toMatch(/31/);
    const [dayBox, gridBox] = [await lastDay.boundingBox(), await grid.boundingBox()];
    if (!dayBox || !gridBox) throw new Error('the grid is not on screen');
    expect(dayBox.x + dayBox.width).toBeLessThanOrEqual(gridBox.x + gridBox.width);
    expect(gridBox.x + gridBox.width).toBeLessThanOrEqual(LAPTOP.viewport.width);
    expect(dayBox.width).toBeGreaterThanOrEqual(28);

    // A guest's name is cut to the bar: the bar's accessible name starts with it, and a tooltip shows
    // it whole with the dates, on keyboard focus as on hover.
    const bar = page.getByRole('button', { name: new RegExp(`^${LONG_GUEST} · .* · Confirmed$`) });
    expect(await bar.textContent()).toBe(LONG_GUEST);
    expect(await bar.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
    await bar.focus();
    const tooltip = page.getByRole('tooltip');
    await tooltip.filter({ hasText: LONG_GUEST }).waitFor();
    await page.screenshot({ path: screenshotPath('calendar-laptop-en') });
    // The same for a house's name, which is a link to its checklist.
    const house = page.getByRole('link', { name: LONG_HOUSE, exact: true });
    await house.hover();
    await tooltip.filter({ hasText: `${LONG_HOUSE} · maison-1` }).waitFor();

    // Besides dragging, a button opens the new-stay form.
    await page.getByRole('button', { name: 'New reservation' }).click();
    const dialog = page.getByRole('dialog', { name: 'New reservation' });
    await dialog.waitFor();
    await dialog
      .getByLabel(/^House/)
      .first()
      .click();
    await page.getByRole('option', { name: 'Mv3 (maison-3)' }).click();
    await dialog.getByLabel('Arrival').fill(`${month}-10`);
    await dialog.getByLabel('Departure').fill(`${month}-14`);
    await dialog.getByText('4 nights · free').waitFor();
    await dialog.getByLabel('Guest name').fill('Anna Weber');
    await page.screenshot({ path: screenshotPath('calendar-new-reservation-laptop-en') });
    await dialog.getByRole('button', { name: 'Create the reservation' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: /^Anna Weber · / }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('fits the month in French too, and keeps sideways scrolling on a phone', async () => {
    const month = next31DayMonth();
    const laptop = await newContext(browser, LAPTOP, 'fr-FR');
    await managerWithHouses(laptop, month, 'fr');
    const page = await laptop.newPage();
    const grid = await openMonth(page, month);
    expect(await sidewaysScroll(grid)).toBeLessThanOrEqual(0);
    expect(await page.getByRole('button', { name: 'Nouvelle réservation' }).isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('calendar-laptop-fr') });
    await laptop.close();

    for (const locale of ['fr-FR', 'en-US'] as const) {
      const phone = await newContext(browser, PHONE, locale);
      await managerWithHouses(phone, month, locale === 'fr-FR' ? 'fr' : 'en');
      const onPhone = await phone.newPage();
      const phoneGrid = await openMonth(onPhone, month);
      // Days keep a width a finger can tap: the month scrolls sideways, the house names stay.
      expect(await sidewaysScroll(phoneGrid)).toBeGreaterThan(500);
      const firstDay = await onPhone
        .getByRole('button', { name: /^Mv3, .*: (free|libre)$/ })
        .first()
        .boundingBox();
      expect(firstDay?.width).toBeGreaterThanOrEqual(34);
      await onPhone.screenshot({
        path: screenshotPath(`calendar-phone-${locale.slice(0, 2)}`),
        fullPage: true,
      });
      await phone.close();
    }
  });
});
