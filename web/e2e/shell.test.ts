import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
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

describe.skipIf(!browserAvailable())('web app shell in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('is built in chunks Vite does not warn about, so npm start prints no warning', () => {
    const assets = path.resolve(import.meta.dirname, '../dist/assets');
    const scripts = readdirSync(assets).filter((file) => file.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(3);
    const oversized = scripts.filter((file) => statSync(path.join(assets, file)).size > 500 * 1000);
    expect(oversized).toEqual([]);
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

  it('welcomes a member with the instance name and version, and keeps the account language in step with the switch', async () => {
    const context = await newContext(browser, DESKTOP, 'en-US');
    await signUp(context, 'Claire Martin');
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Welcome to Staykeep' }).waitFor();
    await page.getByText(/^Version \d+\.\d+\.\d+/).waitFor();
    const navigation = page.getByRole('navigation', { name: 'Main navigation' });
    expect(await navigation.getByRole('link', { name: 'Home' }).isVisible()).toBe(true);
    expect(await navigation.getByRole('link', { name: /API documentation/ }).getAttribute('href')).toBe(
      '/api/docs',
    );
    // A manager lands on the dashboard: today's work first, then the month's figures.
    await page.getByRole('region', { name: 'Today' }).waitFor();
    await page.getByRole('region', { name: 'Occupancy, last 12 months' }).waitFor();
    await page.screenshot({ path: screenshotPath('home-en'), fullPage: true });

    const sessionRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/v1/auth/')) sessionRequests.push(new URL(request.url()).pathname);
    });
    await page.getByText('FR', { exact: true }).click();
    await page.getByRole('heading', { name: 'Bienvenue sur Staykeep' }).waitFor();
    // Saving the account's language re-reads the account, and does not start the session over.
    await expect.poll(() => sessionRequests).toEqual(['/api/v1/auth/me']);
    const navigationFr = page.getByRole('navigation', { name: 'Navigation principale' });
    expect(await navigationFr.getByRole('link', { name: 'Accueil' }).isVisible()).toBe(true);
    await page.getByRole('region', { name: "Aujourd'hui" }).waitFor();
    await page.screenshot({ path: screenshotPath('home-fr'), fullPage: true });

    // The account's language follows the switch, so the next load, which applies it, stays in French.
    await page.reload();
    await page.getByRole('heading', { name: 'Bienvenue sur Staykeep' }).waitFor();
    await navigationFr.getByRole('link', { name: 'Profil' }).click();
    await page.getByRole('heading', { name: 'Votre profil' }).waitFor();
    expect(await page.getByRole('radio', { name: 'Français' }).isChecked()).toBe(true);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    // The profile's language field follows the header's switch.
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('heading', { name: 'Your profile' }).waitFor();
    await expect.poll(() => page.getByRole('radio', { name: 'English' }).isChecked()).toBe(true);
    await context.close();
  });

  it('puts the navigation behind a burger on a phone', async () => {
    const context = await newContext(browser, PHONE, 'en-US');
    await signUp(context, 'Paul Girard');
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Welcome to Staykeep' }).waitFor();
    const home = page.locator('#main-navigation').getByRole('link', { name: 'Home', includeHidden: true });
    // A collapsed navbar is moved off-screen and made inert: not seen, not tabbed to, not read out.
    const navbar = () =>
      home.evaluate((link) => {
        const box = link.getBoundingClientRect();
        if (link.closest('[inert]')) return box.right <= 0 ? 'hidden' : 'inert on screen';
        return box.left >= 0 ? 'shown' : 'sliding';
      });
    expect(await navbar()).toBe('hidden');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshotPath('home-phone'), fullPage: true });

    const burger = page.getByRole('button', { name: 'Open navigation' });
    expect(await burger.getAttribute('aria-expanded')).toBe('false');
    await burger.click();
    await expect.poll(navbar).toBe('shown');
    expect(await page.getByRole('button', { name: 'Close navigation' }).getAttribute('aria-expanded')).toBe(
      'true',
    );
    await page.screenshot({ path: screenshotPath('home-phone-menu') });
    // Following a link closes the menu, so the page it opens is not hidden under it.
    await home.click();
    await expect.poll(navbar).toBe('hidden');
    await context.close();
  });

  it('says when the instance cannot be reached, and tries again on demand', async () => {
    const context = await newContext(browser, DESKTOP, 'en-US');
    await signUp(context, 'Inès Roux');
    const page = await context.newPage();
    await page.route('**/api/v1/instance', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503 }),
      }),
    );
    await page.goto('/');
    // Server errors are retried twice on their own before the page gives up.
    await page.getByRole('alert').getByText('Something went wrong').waitFor({ timeout: 15_000 });
    await page.screenshot({ path: screenshotPath('home-error'), fullPage: true });

    await page.unroute('**/api/v1/instance');
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { name: 'Welcome to Staykeep' }).waitFor();
    await context.close();
  });
});
