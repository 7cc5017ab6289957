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

  it('loads, sends a visitor to the login page, and runs without a single console error', async () => {
    const context = await newContext(browser, DESKTOP, 'en-US');
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // A visitor without a session gets one 401 from the silent refresh; anything else is a defect.
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().includes('401')) errors.push(message.text());
    });

    await page.goto('/');
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.screenshot({ path: screenshotPath('login-en'), fullPage: true });
    expect(existsSync(screenshotPath('login-en'))).toBe(true);
    // The content security policy lets the app run without a single violation.
    expect(errors).toEqual([]);
    await context.close();
  });

  it('switches to French and remembers the choice after a reload', async () => {
    const context = await newContext(browser, DESKTOP, 'en-US');
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByRole('heading', { name: 'Log in' }).waitFor();

    await page.getByText('FR', { exact: true }).click();
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.getByRole('link', { name: 'Mot de passe oublié ?' }).isVisible()).toBe(true);

    await page.reload();
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    await page.screenshot({ path: screenshotPath('login-fr'), fullPage: true });
    await context.close();
  });

  it('starts in French for a French browser', async () => {
    const context = await newContext(browser, DESKTOP, 'fr-FR');
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    await context.close();
  });

  it('answers a deep link with the app and its not-found page', async () => {
    const context = await newContext(browser, DESKTOP, 'en-US');
    const page = await context.newPage();
    const response = await page.goto('/some/where?x=1');
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await context.close();
  });

  it('fits a phone screen', async () => {
    const context = await newContext(browser, PHONE, 'fr-FR');
    const page = await context.newPage();
    await page.goto('/register');
    await page.getByRole('heading', { name: 'Créer votre compte' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('register-phone-fr'), fullPage: true });
    await context.close();
  });
});
