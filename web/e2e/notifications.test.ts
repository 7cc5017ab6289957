import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  DESKTOP,
  launchBrowser,
  newContext,
  PHONE,
  screenshotPath,
  twoManagers,
} from './browser.ts';

const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** The popover's transition over: a screenshot shows it, not its fade. */
async function settled(page: Page) {
  await page.evaluate(() =>
    Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined))),
  );
  await page.waitForTimeout(300);
}

describe.skipIf(!browserAvailable())('notifications in Chromium', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  it("shows manager A the stay B created on A's bell, and its link leads to the stay", async () => {
    const { manager, colleague, managerLogin, colleagueHeaders, houseId } = await twoManagers(
      browser,
      DESKTOP,
      'bell',
    );
    contexts.push(manager, colleague);

    const page = await manager.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto('/today');
    const bell = page.locator('header').getByRole('button', { name: /^Notifications/ });
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications');

    const stay = await colleague.request.post('/api/v1/reservations', {
      headers: colleagueHeaders,
      data: {
        houseId,
        guestName: 'Lucie Nouvelle',
        checkIn: day(20),
        checkOut: day(23),
        guests: 2,
        status: 'confirmed',
      },
    });
    expect(stay.status(), await stay.text()).toBe(201);
    const stayId = (await stay.json()).id as string;

    // The bell's query refreshes (pushed by the live stream, or its poll a minute later at most).
    await expect
      .poll(() => bell.getAttribute('aria-label'), { timeout: 75_000, interval: 250 })
      .toBe('Notifications, 1 unread');
    await bell.click();
    const dialog = page.getByRole('dialog', { name: 'Notifications' });
    const link = dialog.getByRole('link', { name: 'New stay: bell-1 · Lucie Nouvelle' });
    await link.waitFor();
    await settled(page);
    await page.screenshot({ path: screenshotPath('notifications-bell-en-desktop') });
    await link.click();
    await page.waitForURL(`**/reservations/${stayId}`);
    await page.getByText('Lucie Nouvelle').first().waitFor();
    // Opening it read it.
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications');

    // The page, and a screenshot of the bell and the page in each language, on a laptop and a phone.
    await page.goto('/notifications');
    await page.getByRole('heading', { name: 'Notifications', level: 2 }).waitFor();
    await page.getByRole('link', { name: 'New stay: bell-1 · Lucie Nouvelle' }).waitFor();
    await page.screenshot({ path: screenshotPath('notifications-page-en-desktop'), fullPage: true });
    // More to read for the other screenshots: B moves the stay.
    const moved = await colleague.request.patch(`/api/v1/reservations/${stayId}`, {
      headers: colleagueHeaders,
      data: { checkIn: day(21), checkOut: day(24) },
    });
    expect(moved.status()).toBe(200);
    for (const [language, device, size] of [
      ['en', PHONE, 'phone'],
      ['fr', DESKTOP, 'desktop'],
      ['fr', PHONE, 'phone'],
    ] as const) {
      const context = await newContext(browser, device, language === 'fr' ? 'fr-FR' : 'en-US');
      contexts.push(context);
      const login = await context.request.post('/api/v1/auth/login', {
        data: managerLogin,
      });
      expect(login.status()).toBe(200);
      const accessToken = (await login.json()).accessToken as string;
      await context.request.patch('/api/v1/users/me', {
        headers: { authorization: `Bearer ${accessToken}` },
        data: { locale: language },
      });
      const view = await context.newPage();
      view.on('pageerror', (error) => errors.push(error.message));
      await view.goto('/notifications');
      await view.getByRole('heading', { name: 'Notifications', level: 2 }).waitFor();
      await view
        .getByRole('link', { name: /bell-1/ })
        .first()
        .waitFor();
      await view.screenshot({
        path: screenshotPath(`notifications-page-${language}-${size}`),
        fullPage: true,
      });
      await view.locator('header button[aria-haspopup="dialog"]').click();
      await view
        .getByRole('dialog')
        .getByRole('link', { name: /bell-1/ })
        .first()
        .waitFor();
      await settled(view);
      await view.screenshot({ path: screenshotPath(`notifications-bell-${language}-${size}`) });
      await view.keyboard.press('Escape');
      await view.goto('/notifications/preferences');
      await view.getByRole('table').waitFor();
      await view.screenshot({
        path: screenshotPath(`notifications-preferences-${language}-${size}`),
        fullPage: true,
      });
    }
    expect(errors).toEqual([]);
  }, 180_000);
});
