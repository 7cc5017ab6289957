import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, DESKTOP, launchBrowser, newContext, PHONE, screenshotPath } from './browser.ts';

describe.skipIf(!browserAvailable())('web app shell in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('loads and shows the instance it talks to', async () => {
    const context = await newContext(browser, DESKTOP, 'en-US');
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));

    await page.goto('/');
    await expect
      .poll(() => page.getByRole('heading', { name: 'Welcome to Staykeep' }).isVisible())
      .toBe(true);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getByRole('link', { name: 'API documentation' }).isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('home-en'), fullPage: true });
    expect(existsSync(screenshotPath('home-en'))).toBe(true);
    // The content security policy lets the app run without a single violation.
    expect(errors).toEqual([]);
    await context.close();
  });

  it('switches to French and remembers the choice after a reload', async () => {
    const context = await newContext(browser, DESKTOP, 'en-US');
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Welcome to Staykeep' }).waitFor();

    await page.getByText('FR', { exact: true }).click();
    await page.getByRole('heading', { name: 'Bienvenue sur Staykeep' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.getByRole('link', { name: 'Accueil' }).isVisible()).toBe(true);

    await page.reload();
    await page.getByRole('heading', { name: 'Bienvenue sur Staykeep' }).waitFor();
    await page.screenshot({ path: screenshotPath('home-fr'), fullPage: true });
    await context.close();
  });

  it('starts in French for a French browser', async () => {
    const context = await newContext(browser, DESKTOP, 'fr-FR');
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Bienvenue sur Staykeep' }).waitFor();
    await context.close();
  });

  it('answers a deep link with the app and its not-found page', async () => {
    const context = await newContext(browser, DESKTOP, 'en-US');
    const page = await context.newPage();
    const response = await page.goto('/some/where?x=1');
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await page.getByRole('link', { name: 'Back to the home page' }).click();
    await page.getByRole('heading', { name: 'Welcome to Staykeep' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await context.close();
  });

  it('puts the navigation behind a menu button on a phone', async () => {
    const context = await newContext(browser, PHONE, 'en-US');
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Welcome to Staykeep' }).waitFor();
    const docsLink = page.getByRole('link', { name: 'API documentation' });
    // The collapsed navbar sits off the left edge of the screen and slides in when opened.
    const offScreen = () => docsLink.evaluate((link) => link.getBoundingClientRect().right <= 0);
    const onScreen = () => docsLink.evaluate((link) => link.getBoundingClientRect().left >= 0);
    expect(await offScreen()).toBe(true);
    await page.screenshot({ path: screenshotPath('home-phone') });

    await page.getByRole('button', { name: 'Open navigation' }).click();
    await expect.poll(onScreen).toBe(true);
    await page.screenshot({ path: screenshotPath('home-phone-menu') });
    await context.close();
  });
});
