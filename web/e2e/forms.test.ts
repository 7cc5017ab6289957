import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  LAPTOP,
  launchBrowser,
  newContext,
  PHONE,
  screenshotPath,
  signUp,
} from './browser.ts';

const PASSWORD = 'les volets bleus du mas';

describe.skipIf(!browserAvailable())('field errors and pickers in forms', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the server’s field errors in French next to the field, and picks a time zone from a list', async () => {
    const context = await newContext(browser, LAPTOP, 'fr-FR');
    const email = await signUp(context, 'Hélène Gérante', 'fr');
    const page = await context.newPage();
    await page.goto('/houses');
    await page.getByRole('heading', { name: 'Maisons' }).waitFor();
    await page.getByRole('button', { name: 'Nouvelle maison' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Code/).fill('maison-1');
    // Only the server knows a name's longest length: its answer comes back as a code, shown in French.
    await dialog.getByLabel(/^Nom/).fill('V'.repeat(101));

    // The time zone is searched by city and picked, never typed.
    const zone = dialog.getByLabel(/^Fuseau horaire/).first();
    await zone.click();
    await zone.fill('new york');
    await page.getByRole('option', { name: 'America/New York' }).click();
    expect(await zone.inputValue()).toBe('America/New York');

    await dialog.getByRole('button', { name: 'Créer la maison' }).click();
    const error = dialog.getByText('Au plus 100 caractères');
    await error.waitFor();
    expect(await dialog.getByLabel(/^Nom/).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText(/must|characters|anyOf/).count()).toBe(0);
    await page.screenshot({ path: screenshotPath('house-form-error-laptop-fr') });

    await dialog.getByLabel(/^Nom/).fill('Villa Les Oliviers');
    await dialog.getByRole('button', { name: 'Créer la maison' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const login = await context.request.post('/api/v1/auth/login', { data: { email, password: PASSWORD } });
    const headers = { authorization: `Bearer ${(await login.json()).accessToken}` };
    const houses = await (await context.request.get('/api/v1/houses', { headers })).json();
    expect(houses.items.map((house: { timezone: string }) => house.timezone)).toEqual(['America/New_York']);
    await context.close();
  });

  it('shows them in English on a phone', async () => {
    const context = await newContext(browser, PHONE, 'en-US');
    await signUp(context, 'Harriet Manager');
    const page = await context.newPage();
    await page.goto('/houses');
    await page.getByRole('button', { name: 'New house' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Code/).fill('maison-1');
    await dialog.getByLabel(/^Name/).fill('V'.repeat(101));
    await dialog.getByRole('button', { name: 'Create the house' }).click();
    await dialog.getByText('At most 100 characters').waitFor();
    await page.screenshot({ path: screenshotPath('house-form-error-phone-en'), fullPage: true });
    await context.close();
  });
});
