import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
const toDate = (time: number) => new Date(time).toISOString().slice(0, 10);
const day = (days: number) => toDate(Date.now() + days * 86_400_000);

/** The month (YYYY-MM) `months` after the one holding `date`. */
function monthOf(date: string, months = 0): string {
  const [year, month] = date.split('-').map(Number) as [number, number];
  const index = year * 12 + month - 1 + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** A screenshot once animations are done, from the top of the page. */
async function screenshot(page: Page, name: string) {
  await page.evaluate(() =>
    Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined))),
  );
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
}

const scrollsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

/** A manager's organization (its admin) with one house at 200.00 a night, on UTC dates as the test counts them. */
async function organization(context: BrowserContext) {
  const registered = await context.request.post('/api/v1/auth/register', {
    data: {
      name: 'Marie Gérante',
      email: `analytics-${Date.now()}@example.org`,
      password: PASSWORD,
      locale: 'en',
    },
  });
  expect(registered.status()).toBe(201);
  const headers = { authorization: `Bearer ${(await registered.json()).accessToken}` };
  const send = async (method: 'post' | 'patch', url: string, data: Record<string, unknown>) => {
    const response = await context.request[method](url, { headers, data });
    if (!response.ok()) throw new Error(`${url} (${response.status()}): ${await response.text()}`);
    return response.json();
  };
  const house = await send('post', '/api/v1/houses', {
    code: 'oliviers',
    name: HOUSE,
    type: 'villa',
    maxGuests: 6,
    nightlyPrice: '200.00',
    timezone: 'UTC',
  });
  return {
    houseId: house.id as string,
    headers,
    post: (url: string, data: Record<string, unknown>) => send('post', url, data),
  };
}

describe.skipIf(!browserAvailable())('dashboard, analytics and owner statements in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("a manager's dashboard shows today's work and the month against last year, every chart also as a table", async () => {
    const context = await newContext(browser, DESKTOP, 'en-US');
    const { houseId, post } = await organization(context);
    // Arriving today for two nights at 200.00: the nights of this month count in it, the rest in the next.
    await post('/api/v1/reservations', {
      houseId,
      guestName: 'Camille Martin',
      checkIn: day(0),
      checkOut: day(2),
      guests: 2,
      status: 'confirmed',
    });
    await post('/api/v1/maintenance/issues', {
      houseId,
      type: 'plumbing',
      title: 'Water leak under the sink',
      priority: 'urgent',
    });
    const thisMonth = monthOf(day(0));
    const nightsThisMonth = [day(0), day(1)].filter((night) => night.startsWith(thisMonth)).length;
    // The house came into use today: its nights count from today to the end of the month.
    let available = 0;
    for (let night = day(0); night.startsWith(thisMonth); night = toDate(Date.parse(night) + 86_400_000)) {
      available += 1;
    }

    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto('/');
    await page.getByRole('heading', { name: /^Welcome to / }).waitFor();
    const today = page.getByRole('region', { name: 'Today' });
    const count = (label: string) =>
      today.getByRole('link').filter({ hasText: label }).locator('p').last().textContent();
    await expect.poll(() => count('Arrivals')).toBe('1');
    await expect.poll(() => count('Open urgent work orders')).toBe('1');
    await today.getByRole('link', { name: 'Water leak under the sink' }).waitFor();

    const month = page.getByRole('region', { name: new RegExp(`^\\w+ ${thisMonth.slice(0, 4)}$`) });
    await month
      .getByText(`€${(nightsThisMonth * 200).toLocaleString('en-US')}.00`, { exact: true })
      .waitFor();

    // The occupancy chart, read as a table: this month's row says booked over available.
    const occupancy = page.getByRole('region', { name: 'Occupancy, last 12 months' });
    await occupancy.getByRole('img').waitFor();
    await occupancy.getByText('Table', { exact: true }).click();
    const lastRow = occupancy.getByRole('row').last();
    const expected = `${new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(
      Math.round((nightsThisMonth / available) * 10_000) / 10_000,
    )}`;
    expect(await lastRow.getByRole('cell').first().textContent()).toBe(expected);
    await page.getByRole('region', { name: 'Booking pace' }).getByRole('img').waitFor();
    const revenue = page.getByRole('region', { name: /^Accommodation revenue per house/ });
    await revenue.getByRole('img').waitFor();
    await revenue.getByText('Table', { exact: true }).click();
    expect(await revenue.getByRole('row').filter({ hasText: HOUSE }).getByRole('cell').textContent()).toBe(
      `€${(nightsThisMonth * 200).toLocaleString('en-US')}.00`,
    );
    await screenshot(page, 'dashboard-desktop');

    // The analytics page, by house.
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Analytics' })
      .click();
    await page.getByRole('heading', { name: 'Analytics', level: 2 }).waitFor();
    await page.getByText('By house', { exact: true }).click();
    await page
      .getByRole('region', { name: 'Every figure', exact: true })
      .getByRole('rowheader', { name: HOUSE })
      .waitFor();
    await screenshot(page, 'analytics-desktop');
    expect(errors).toEqual([]);

    // On a phone's width: nothing scrolls sideways; the wide table scrolls inside its own frame.
    await page.setViewportSize(PHONE.viewport);
    await page.goto('/');
    await page.getByRole('region', { name: 'Booking pace' }).getByRole('img').waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    await screenshot(page, 'dashboard-phone');
    await page.goto('/analytics');
    await page.getByRole('region', { name: 'Every figure', exact: true }).waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    await context.close();
  });

  it('an owner finds the statement of their house and downloads it as a PDF and a CSV', async () => {
    const desk = await newContext(browser, DESKTOP, 'en-US');
    const { houseId, headers, post } = await organization(desk);
    const lastMonth = monthOf(day(0), -1);
    // Three nights last month for 600.00, paid in full; the manager takes 20 % of accommodation.
    const stay = await post('/api/v1/reservations', {
      houseId,
      guestName: 'Lucas Bernard',
      checkIn: `${lastMonth}-10`,
      checkOut: `${lastMonth}-13`,
      guests: 2,
      status: 'confirmed',
      totalPrice: '600.00',
    });
    await post(`/api/v1/reservations/${stay.id}/payments`, {
      date: `${lastMonth}-10`,
      amount: '600.00',
      kind: 'balance',
    });
    await post(`/api/v1/houses/${houseId}/owner-contracts`, {
      effectiveFrom: lastMonth,
      accommodationRate: '20',
      incomeRate: '0',
    });
    const ownerEmail = `owner-${Date.now()}@example.org`;
    await post('/api/v1/invitations', { email: ownerEmail, role: 'owner' });
    const token = new URL(linkIn(lastEmail(ownerEmail, 'invitation').text)).searchParams.get('token');
    const ownerContext = await newContext(browser, DESKTOP, 'en-US');
    const joined = await ownerContext.request.post('/api/v1/auth/register', {
      data: {
        name: 'Olivier Owner',
        email: ownerEmail,
        password: PASSWORD,
        invitationToken: token,
        locale: 'en',
      },
    });
    expect(joined.status()).toBe(201);
    const assigned = await desk.request.put(`/api/v1/members/${(await joined.json()).user.id}/houses`, {
      headers,
      data: { houseIds: [houseId] },
    });
    expect(assigned.status()).toBe(200);

    const page = await ownerContext.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto('/');
    await page.getByRole('heading', { name: 'Your houses' }).waitFor();
    await page.getByRole('link', { name: /^Statement of / }).click();
    await page.getByRole('heading', { name: 'Owner statements', level: 2 }).waitFor();
    await page.getByText('Commission: 20% of accommodation, 0% of income').waitFor();
    await page.getByText('€480.00', { exact: true }).waitFor();
    expect(await page.getByRole('link', { name: 'Month close' }).count()).toBe(0);
    await screenshot(page, 'statement-owner-desktop');

    const download = async (button: string) => {
      const saved = page.waitForEvent('download');
      await page.getByRole('button', { name: button }).click();
      const file = await saved;
      return { name: file.suggestedFilename(), bytes: await readFile((await file.path()) as string) };
    };
    const pdf = await download('Download the PDF');
    expect(pdf.name).toBe(`statement-oliviers-${lastMonth}.pdf`);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const csv = await download('Download the CSV');
    expect(csv.name).toBe(`statement-oliviers-${lastMonth}.csv`);
    expect(csv.bytes.toString('utf8')).toContain('480.00');
    expect(errors).toEqual([]);
    await ownerContext.close();
    await desk.close();
  });
});
