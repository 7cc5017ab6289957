import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, DESKTOP, launchBrowser, newContext, screenshotPath, signUp } from './browser.ts';

describe.skipIf(!browserAvailable())('the checklist template in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reorders categories by drag and drop (here with the keyboard) and adds a step, its missing field named next to it', async () => {
    const context = await newContext(browser, DESKTOP, 'fr-FR');
    await signUp(context, 'Gérante Template', 'fr');
    const page = await context.newPage();
    await page.goto('/checklist-template');
    await page.getByRole('heading', { name: 'Checklist', exact: true }).waitFor();
    const categories = page.getByRole('heading', { level: 3 });
    await categories.first().waitFor();
    expect(await categories.allTextContents()).toEqual([
      'Entrée',
      'Cuisine',
      'Salle de bain',
      'Chambres',
      'Extérieur',
    ]);

    // The drag handle of "Extérieur", moved to the top with the keyboard (space, four times up, space).
    const handle = page.getByLabel('Déplacer Extérieur');
    await handle.focus();
    await page.keyboard.press('Space');
    for (let step = 0; step < 4; step++) await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Space');
    await expect
      .poll(async () => (await categories.allTextContents())[0], { timeout: 10_000 })
      .toBe('Extérieur');
    // Saved on the server, not only on the screen.
    await page.reload();
    await categories.first().waitFor();
    expect((await categories.allTextContents())[0]).toBe('Extérieur');

    // A new step in the kitchen; the form says what is missing next to the field.
    await page.getByRole('button', { name: 'Ajouter une étape' }).nth(2).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Ajouter une étape' }).click();
    await dialog.getByText('Obligatoire').waitFor();
    await dialog.getByLabel('À faire').fill('Détartrer la machine à café');
    await dialog.getByLabel('Produit ou outil').fill('Détartrant');
    await dialog.getByRole('button', { name: 'Ajouter une étape' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('6. Détartrer la machine à café').waitFor();
    await page.screenshot({ path: screenshotPath('checklist-template-fr'), fullPage: true });
    await context.close();
  });
});
