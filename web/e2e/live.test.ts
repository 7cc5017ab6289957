import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, LAPTOP, launchBrowser, twoManagers } from './browser.ts';

/** Next month, as YYYY-MM: a month the calendar shows whole, whatever today is. */
function nextMonth(): string {
  const today = new Date();
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1)).toISOString().slice(0, 7);
}

describe.skipIf(!browserAvailable())('live updates in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("shows B the stay A just created, on B's open calendar, without a reload", async () => {
    const month = nextMonth();
    const {
      manager,
      colleague,
      managerHeaders: headers,
      houseId,
    } = await twoManagers(browser, LAPTOP, 'live');

    const page = await colleague.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const streams: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/v1/events') streams.push(request.url());
    });
    await page.goto(`/calendar?month=${month}`);
    await page.locator('section[aria-busy="false"]').waitFor();
    await page.getByText('Mas des Cigales').first().waitFor();
    // The stream is open before A writes.
    await expect.poll(() => streams.length, { timeout: 5_000 }).toBeGreaterThan(0);

    const stay = await manager.request.post('/api/v1/reservations', {
      headers,
      data: {
        houseId,
        guestName: 'Lucie Nouvelle',
        checkIn: `${month}-10`,
        checkOut: `${month}-13`,
        guests: 2,
        status: 'confirmed',
      },
    });
    expect(stay.status()).toBe(201);
    const written = Date.now();
    await page.getByRole('button', { name: /^Lucie Nouvelle · / }).waitFor({ timeout: 5_000 });
    expect(Date.now() - written).toBeLessThan(5_000);
    // One stream for the tab, its token in the query string (an EventSource sends no header).
    expect(streams).toHaveLength(1);
    expect(new URL(streams[0] ?? '').searchParams.get('access_token')).toBeTruthy();
    expect(errors).toEqual([]);
    await manager.close();
    await colleague.close();
  });
});
