import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../src/locales/en.json' with { type: 'json' };
import fr from '../src/locales/fr.json' with { type: 'json' };
import {
  browserAvailable,
  DESKTOP,
  launchBrowser,
  newContext,
  PHONE,
  screenshotPath,
  signUp,
} from './browser.ts';

const scrollsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

describe.skipIf(!browserAvailable())('organization settings in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('an admin changes the default check-in time and the language; a reload shows them', async () => {
    const context = await newContext(browser, DESKTOP, 'en-US');
    await signUp(context, 'Admin Settings', 'en');
    const page = await context.newPage();
    await page.goto('/');
    // Admins find the page in the navigation.
    await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Organization settings' }).waitFor();
    const form = page.locator('form[data-settings-form]');
    const checkIn = form.getByLabel('Check-in from');
    expect(await checkIn.inputValue()).toBe('16:00');

    await checkIn.fill('15:30');
    await form.getByLabel('Language', { exact: true }).click();
    await page.getByRole('option', { name: 'Français' }).click();
    // A wrong value is named next to its field and nothing is saved.
    await form.getByLabel('Name', { exact: false }).first().fill('   ');
    await form.getByRole('button', { name: 'Save the settings' }).click();
    await form.getByText('Required').waitFor();
    await form.getByLabel('Name', { exact: false }).first().fill('Mas des Lavandes');
    await form.getByRole('button', { name: 'Save the settings' }).click();
    await page.getByText('Settings saved.').waitFor();

    await page.reload();
    await page.getByRole('heading', { name: 'Organization settings' }).waitFor();
    const reloaded = page.locator('form[data-settings-form]');
    await reloaded.waitFor();
    expect(await reloaded.getByLabel('Check-in from').inputValue()).toBe('15:30');
    expect(await reloaded.getByLabel('Language', { exact: true }).inputValue()).toBe('Français');
    expect(await reloaded.getByLabel('Name', { exact: false }).first().inputValue()).toBe('Mas des Lavandes');
    await context.close();
  });

  for (const [language, words, locale] of [
    ['en', en, 'en-US'],
    ['fr', fr, 'fr-FR'],
  ] as const) {
    for (const [size, device] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      it(`fits a ${size} in ${language === 'en' ? 'English' : 'French'}`, async () => {
        const context = await newContext(browser, device, locale);
        await signUp(context, `Admin ${language} ${size}`, language);
        const page = await context.newPage();
        await page.goto('/settings');
        await page.getByRole('heading', { name: words.settings.title }).waitFor();
        await page.locator('form[data-settings-form]').waitFor();
        // The tourist tax's fields show once it is on: the longest the page gets.
        await page.getByLabel(words.settings.tax.enabled).check();
        await page.getByRole('textbox', { name: words.settings.tax.rate }).waitFor();
        expect(await scrollsSideways(page)).toBe(false);
        // From the top, the switch's focus gone: a full-page shot of a scrolled page draws the fixed header midway.
        await page.evaluate(() => {
          (document.activeElement as HTMLElement | null)?.blur();
          window.scrollTo(0, 0);
        });
        await page.screenshot({ path: screenshotPath(`settings-${language}-${size}`), fullPage: true });
        await context.close();
      });
    }
  }
});
