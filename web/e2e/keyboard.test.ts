import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, LAPTOP, launchBrowser, newContext, screenshotPath } from './browser.ts';

/** The keyboard alone, through the traps an audit found: each is a test. */

const PASSWORD = 'les volets bleus du mas';
const GUEST = 'Odile Clavier';

/** Next month, as YYYY-MM: its days do not depend on today's. */
function nextMonth(): string {
  const today = new Date();
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1)).toISOString().slice(0, 7);
}

/** Three houses, the first with a stay over the 10th to the 13th of next month. */
async function managerWithThreeHouses(context: BrowserContext, month: string) {
  const registered = await context.request.post('/api/v1/auth/register', {
    data: { name: 'Clara Clavier', email: `keyboard-${Date.now()}@example.org`, password: PASSWORD },
  });
  const headers = { authorization: `Bearer ${(await registered.json()).accessToken}` };
  const houses: string[] = [];
  for (const name of ['Mas Alpha', 'Mas Beta', 'Mas Gamma']) {
    const created = await context.request.post('/api/v1/houses', {
      headers,
      data: {
        code: name.toLowerCase().replace(' ', '-'),
        name,
        type: 'villa',
        maxGuests: 4,
        nightlyPrice: '120.00',
      },
    });
    houses.push((await created.json()).id);
  }
  const stay = await context.request.post('/api/v1/reservations', {
    headers,
    data: {
      houseId: houses[0],
      guestName: 'Premier Séjour',
      checkIn: `${month}-10`,
      checkOut: `${month}-13`,
      guests: 2,
      status: 'confirmed',
    },
  });
  expect(stay.status()).toBe(201);
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return {
      label: element?.getAttribute('aria-label') ?? element?.textContent ?? '',
      tag: element?.tagName ?? '',
      id: element?.id ?? '',
      inGrid: Boolean(element?.closest('section[aria-busy]')),
      inMain: Boolean(element?.closest('main')),
    };
  });

describe.skipIf(!browserAvailable())('the keyboard alone, in Chromium', () => {
  let browser: Browser;
  let context: BrowserContext;
  const month = nextMonth();
  beforeAll(async () => {
    browser = await launchBrowser();
    context = await newContext(browser, LAPTOP, 'en-US');
    await managerWithThreeHouses(context, month);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('skips to the content with the first Tab of a page', async () => {
    const page = await context.newPage();
    await page.goto('/today');
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    expect(await skip.evaluate((element) => element === document.activeElement)).toBe(true);
    // Shown while focused, not left off-screen.
    const box = await skip.boundingBox();
    expect(box && box.y >= 0 && box.height > 0).toBe(true);
    await page.screenshot({ path: screenshotPath('keyboard-skip-link') });
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatchObject({ tag: 'MAIN', id: 'main-content' });
    await page.keyboard.press('Tab');
    expect((await focused(page)).inMain).toBe(true);
    await page.close();
  });

  it('crosses the timeline in one Tab stop per house, and moves inside it with the arrow keys', async () => {
    const page = await context.newPage();
    await page.goto(`/calendar?month=${month}`);
    await page.locator('section[aria-busy="false"]').waitFor();
    await page.getByRole('button', { name: /^Premier Séjour · / }).waitFor();

    // 3 houses × 30 or 31 days, yet 3 Tab stops: one per row, the house's name to begin with.
    expect(await page.locator('section [tabindex="0"]').count()).toBe(3);
    await page.getByRole('button', { name: 'Next month' }).focus();
    for (const house of ['Mas Alpha', 'Mas Beta', 'Mas Gamma']) {
      await page.keyboard.press('Tab');
      expect(await focused(page)).toMatchObject({ label: house, inGrid: true });
    }
    await page.keyboard.press('Tab');
    expect((await focused(page)).inGrid).toBe(false);

    // Back into the first row: Right goes to the 1st, Home to the readiness dot before the name.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect((await focused(page)).label).toBe('Mas Alpha');
    await page.keyboard.press('ArrowRight');
    expect((await focused(page)).label).toMatch(/^Mas Alpha, .* 1: free$/);

    // A free day shows where the focus is: an outline of its own, not just a faint tint.
    const outline = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return {
        style: style.outlineStyle,
        width: Number.parseFloat(style.outlineWidth),
        color: style.outlineColor,
      };
    });
    expect(outline.style).toBe('solid');
    expect(outline.width).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: screenshotPath('keyboard-timeline-focus') });

    // Along the row: the 9th, then the stay drawn from the 10th, then the first free day after it.
    for (let day = 1; day < 9; day++) await page.keyboard.press('ArrowRight');
    expect((await focused(page)).label).toMatch(/ 9: free$/);
    await page.keyboard.press('ArrowRight');
    expect((await focused(page)).label).toMatch(/^Premier Séjour · /);
    await page.keyboard.press('ArrowRight');
    expect((await focused(page)).label).toMatch(/ 13: free$/);
    await page.keyboard.press('End');
    expect((await focused(page)).label).toMatch(/ (30|31): free$/);
    await page.keyboard.press('Home');
    expect((await focused(page)).label).toMatch(/^(Ready|To clean)/);

    // Down to the next house, at the same place; the row remembers it as its Tab stop.
    await page.keyboard.press('ArrowRight');
    // The 1st to the 9th, the stay, the 13th.
    for (let step = 1; step <= 11; step++) await page.keyboard.press('ArrowRight');
    expect((await focused(page)).label).toMatch(/^Mas Alpha, .* 13: free$/);
    await page.keyboard.press('ArrowDown');
    expect((await focused(page)).label).toMatch(/^Mas Beta, .* 13: free$/);
    await page.keyboard.press('Tab');
    expect((await focused(page)).label).toBe('Mas Gamma');
    await page.keyboard.press('Shift+Tab');
    expect((await focused(page)).label).toMatch(/^Mas Beta, .* 13: free$/);
    await page.close();
  });

  it('creates a stay from a free day: Enter keeps the house, and the focus lands on the new stay', async () => {
    const page = await context.newPage();
    await page.goto(`/calendar?month=${month}`);
    await page.getByRole('button', { name: /^Premier Séjour · / }).waitFor();
    await page.getByRole('button', { name: /^Mas Beta, .* 20: free$/ }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'New on the calendar' });
    await dialog.waitFor();

    // The pre-filled house survives Enter (which opens its list, then picks the option already chosen).
    const house = dialog.getByRole('combobox', { name: /^House/ });
    await expect.poll(() => house.inputValue()).toBe('Mas Beta (mas-beta)');
    await house.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    expect(await house.inputValue()).toBe('Mas Beta (mas-beta)');

    await dialog.getByLabel('Guest name').fill(GUEST);
    await dialog.getByRole('button', { name: 'Create the reservation' }).focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });

    // The free day that opened the dialog is taken now: the focus goes to the stay made on it.
    await page.waitForFunction(
      (guest) => document.activeElement?.getAttribute('aria-label')?.startsWith(`${guest} · `),
      GUEST,
    );
    await page.screenshot({ path: screenshotPath('keyboard-focus-after-create') });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: GUEST }).waitFor();
    await page.close();
  });
});
