import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, DESKTOP, launchBrowser, newContext, PHONE, screenshotPath } from './browser.ts';

const OLD_NAME = 'Mas des Oliviers';
const NEW_NAME = 'Mas des Pins';

/** A screenshot once the dialog has faded in. */
async function screenshot(page: Page, name: string) {
  await page.evaluate(() =>
    Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined))),
  );
  await page.screenshot({ path: screenshotPath(name) });
}

describe.skipIf(!browserAvailable())('audit log in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('an admin renames a house, finds the change in the audit log as a diff and exports it as CSV', async () => {
    const context = await newContext(browser, DESKTOP, 'en-US');
    // The organization's admin: whoever registers it.
    const registered = await context.request.post('/api/v1/auth/register', {
      data: {
        name: 'Alice Admin',
        email: `audit-${Date.now()}@example.org`,
        password: 'les volets bleus du mas',
        locale: 'en',
      },
    });
    expect(registered.status()).toBe(201);
    const headers = { authorization: `Bearer ${(await registered.json()).accessToken}` };
    const created = await context.request.post('/api/v1/houses', {
      headers,
      data: { code: 'oliviers', name: OLD_NAME, type: 'villa', maxGuests: 6, nightlyPrice: '250.00' },
    });
    expect(created.status()).toBe(201);
    const house = await created.json();
    const renamed = await context.request.patch(`/api/v1/houses/${house.id}`, {
      headers: { ...headers, 'If-Match': `"${house.version}"` },
      data: { name: NEW_NAME, nightlyPrice: '275.50' },
    });
    expect(renamed.status()).toBe(200);

    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    // The log, narrowed to houses from the address: the rename on top, its creation below.
    await page.goto('/audit?entityType=house');
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Entity' }).inputValue()).toBe('House');
    const rows = page.locator('tbody tr[data-audit-entry]');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(2);
    const top = rows.first();
    expect(await top.getByText('Updated', { exact: true }).count()).toBe(1);
    expect(await top.getByText('Alice Admin').count()).toBe(1);
    expect(await top.getByRole('link', { name: NEW_NAME }).getAttribute('href')).toBe(`/houses/${house.id}`);
    expect(await rows.nth(1).getByText('Created', { exact: true }).count()).toBe(1);

    // The change as a diff: the fields that changed only, the old name struck out, the new one added.
    const open = top.getByRole('button', { name: /^View change: House Mas des Pins/ });
    expect(await open.getAttribute('aria-expanded')).toBe('false');
    await open.click();
    const dialog = page.getByRole('dialog', { name: `House: ${NEW_NAME}` });
    await dialog.waitFor();
    expect(await open.getAttribute('aria-expanded')).toBe('true');
    const name = dialog.locator('tr[data-field="name"]');
    expect(await name.getByRole('rowheader').textContent()).toBe('Name');
    expect(await name.locator('[data-before] del').textContent()).toBe(`Removed: ${OLD_NAME}`);
    expect(await name.locator('[data-after] ins').textContent()).toBe(`Added: ${NEW_NAME}`);
    const price = dialog.locator('tr[data-field="nightlyPriceCents"]');
    expect(await price.locator('[data-before]').textContent()).toBe('Removed: €250.00');
    expect(await price.locator('[data-after]').textContent()).toBe('Added: €275.50');
    // Unchanged fields are left out until asked for.
    expect(await dialog.locator('tr[data-field="maxGuests"]').count()).toBe(0);
    await screenshot(page, 'audit-change-desktop');
    await dialog.getByRole('switch', { name: 'Show unchanged fields' }).check();
    const guests = dialog.locator('tr[data-field="maxGuests"]');
    await guests.waitFor();
    expect(await guests.getAttribute('data-changed')).toBeNull();
    expect(await guests.locator('del, ins').count()).toBe(0);
    // Escape closes it and the focus goes back to the button that opened it.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => open.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await open.getAttribute('aria-expanded')).toBe('false');

    // One entity, as its own page would link to it; then only updates.
    await page.goto(`/audit?entityType=house&entityId=${house.id}&action=update`);
    await rows.first().waitFor();
    await expect.poll(() => rows.count()).toBe(1);

    // The CSV of what the filters select.
    await page.goto('/audit?entityType=house');
    await rows.nth(1).waitFor();
    const saved = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await saved;
    expect(file.suggestedFilename()).toMatch(/^audit-house-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = (await readFile((await file.path()) as string, 'utf8'))
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('at,actor_id,actor_name,entity_type,entity_id,action,before,after,request_id,id');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`,Alice Admin,house,${house.id},update,`);
    expect(lines[1]).toContain(`""name"":""${OLD_NAME}""`);
    expect(lines[1]).toContain(`""name"":""${NEW_NAME}""`);
    expect(lines[2]).toContain(`,house,${house.id},create,`);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('on a phone the changes are cards, the page never scrolls sideways and the change fills the screen', async () => {
    const context = await newContext(browser, PHONE, 'fr-FR');
    const registered = await context.request.post('/api/v1/auth/register', {
      data: {
        name: 'Bruno Admin',
        email: `audit-phone-${Date.now()}@example.org`,
        password: 'les volets bleus du mas',
        locale: 'fr',
      },
    });
    expect(registered.status()).toBe(201);
    const headers = { authorization: `Bearer ${(await registered.json()).accessToken}` };
    const created = await context.request.post('/api/v1/houses', {
      headers,
      data: { code: 'pins', name: NEW_NAME, type: 'villa', maxGuests: 4, nightlyPrice: '180.00' },
    });
    expect(created.status()).toBe(201);

    const page = await context.newPage();
    await page.goto('/audit');
    await page.getByRole('heading', { name: 'Journal d’audit' }).waitFor();
    // The house, not the turnover round that came with it (named after its house).
    const card = page
      .locator('li[data-audit-entry]')
      .filter({ has: page.getByText('Maison', { exact: true }) })
      .filter({ hasText: NEW_NAME });
    await card.waitFor();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth),
    ).toBe(false);
    await card.getByRole('button', { name: /^Voir la modification/ }).click();
    const dialog = page.getByRole('dialog', { name: `Maison\u00a0: ${NEW_NAME}` });
    await dialog.waitFor();
    // A creation: every field, and no column of what was before.
    expect(await dialog.locator('tr[data-field="name"] [data-after]').textContent()).toBe(NEW_NAME);
    expect(await dialog.locator('[data-before]').count()).toBe(0);
    expect(await dialog.getByRole('columnheader').allTextContents()).toEqual(['Champ', 'Après']);
    expect(await dialog.locator('tr[data-field="nightlyPriceCents"] [data-after]').textContent()).toMatch(
      /^180,00\s€$/,
    );
    await screenshot(page, 'audit-change-phone-fr');
    await context.close();
  });
});
