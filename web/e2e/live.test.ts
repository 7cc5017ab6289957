import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, LAPTOP, lastEmail, launchBrowser, newContext } from './browser.ts';

const PASSWORD = 'les volets bleus du mas';

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
    const manager = await newContext(browser, LAPTOP, 'en-US');
    const colleague = await newContext(browser, LAPTOP, 'en-US');
    const registered = await manager.request.post('/api/v1/auth/register', {
      data: {
        name: 'Anne Gérante',
        email: `live-a-${Date.now()}@example.org`,
        password: PASSWORD,
        locale: 'en',
      },
    });
    expect(registered.status()).toBe(201);
    const headers = { authorization: `Bearer ${(await registered.json()).accessToken}` };
    const house = await manager.request.post('/api/v1/houses', {
      headers,
      data: { code: 'live-1', name: 'Mas des Cigales', type: 'villa', maxGuests: 6, nightlyPrice: '150.00' },
    });
    expect(house.status()).toBe(201);
    const houseId = (await house.json()).id as string;

    // B joins A's organization through an invitation.
    const colleagueEmail = `live-b-${Date.now()}@example.org`;
    const invited = await manager.request.post('/api/v1/invitations', {
      headers,
      data: { email: colleagueEmail, role: 'manager' },
    });
    expect(invited.status()).toBe(201);
    const token = lastEmail(colleagueEmail, 'invitation').text.match(/token=([A-Za-z0-9_-]+)/)?.[1];
    const joined = await colleague.request.post('/api/v1/auth/register', {
      data: {
        name: 'Bruno Collègue',
        email: colleagueEmail,
        password: PASSWORD,
        invitationToken: token,
        locale: 'en',
      },
    });
    expect(joined.status()).toBe(201);

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
