import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, browserAvailable, launchBrowser, PHONE, screenshotPath, signUp } from './browser.ts';

const PASSWORD = 'les volets bleus du mas';
const LAPTOP = { viewport: { width: 1366, height: 800 } };
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * An account with two houses, Mv1 (€95.00 a night), prepared for its first
 * guests, who left yesterday without the cleaning being done since, and a
 * studio with no nightly price (never prepared).
 */
async function organizationWithUncleanedHouse(context: BrowserContext, name: string, locale: 'en' | 'fr') {
  const email = await signUp(context, name, locale);
  const login = await context.request.post('/api/v1/auth/login', { data: { email, password: PASSWORD } });
  const headers = { authorization: `Bearer ${(await login.json()).accessToken}` };
  const house = async (data: Record<string, unknown>) =>
    (await (await context.request.post('/api/v1/houses', { headers, data })).json()).id as string;
  const houseId = await house({
    code: 'maison-1',
    name: 'Mv1',
    type: 'villa',
    maxGuests: 6,
    nightlyPrice: '95.00',
  });
  await house({ code: 'studio', name: 'Studio', type: 'apartment', maxGuests: 2 });
  // Mv1 was prepared before its first guests: its opening round is done.
  const checklist = await (
    await context.request.get(`/api/v1/houses/${houseId}/checklist`, { headers })
  ).json();
  for (const category of checklist.categories as { items: { id: string }[] }[]) {
    for (const item of category.items) {
      await context.request.put(`/api/v1/houses/${houseId}/checklist/items/${item.id}`, {
        headers,
        data: { completed: true },
      });
    }
  }
  const left = await (
    await context.request.post('/api/v1/reservations', {
      headers,
      data: {
        houseId,
        guestName: 'Left Yesterday',
        checkIn: day(-4),
        checkOut: day(-1),
        guests: 2,
        status: 'confirmed',
      },
    })
  ).json();
  for (const status of ['checked_in', 'checked_out']) {
    await context.request.patch(`/api/v1/reservations/${left.id}`, { headers, data: { status } });
  }
  const stayOf = async (guestName: string) =>
    (
      (await (await context.request.get(`/api/v1/reservations?houseId=${houseId}`, { headers })).json())
        .items as { id: string; guestName: string }[]
    ).find((stay) => stay.guestName === guestName);
  return { houseId, headers, stayOf };
}

/** Presses and releases on Mv1's first free day of the timeline: the new stay's form opens. */
async function openNewStayForm(page: Page) {
  await page.goto('/calendar');
  const free = page.getByRole('button', { name: /^Mv1, .*: (free|libre)$/ }).first();
  await free.scrollIntoViewIfNeeded();
  const box = await free.boundingBox();
  if (!box) throw new Error('no free day on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.up();
  return page.getByRole('dialog');
}

describe.skipIf(!browserAvailable())(
  'a stay from price to check-out, and its corrections, in Chromium',
  () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('prices an empty total from the house, asks before an early check-in, and undoes a check-in and a check-out', async () => {
      const context = await browser.newContext({ ...LAPTOP, locale: 'en-US', baseURL: baseUrl() });
      const { houseId, stayOf } = await organizationWithUncleanedHouse(context, 'Anne Gérante', 'en');
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));

      // The form says what an empty price becomes before saving, and needs one where the house has none.
      const form = await openNewStayForm(page);
      await form.getByLabel('Arrival').fill(day(5));
      await form.getByLabel('Departure').fill(day(9));
      await form.getByLabel('Guest name').fill('Early Bird');
      const priceHint = form.getByText(/^Left empty: 4 nights at €95\.00, €380\.00/);
      await priceHint.waitFor();
      expect(await form.getByLabel('Total price').getAttribute('placeholder')).toBe('380.00');
      await page.screenshot({
        path: screenshotPath('stay-price-from-house'),
        fullPage: true,
        animations: 'disabled',
      });
      await form.getByRole('combobox', { name: /^House/ }).click();
      await page.getByRole('option', { name: 'Studio (studio)' }).click();
      await form
        .getByText('This house has no nightly price: enter the price of the stay (0 for a free stay).')
        .waitFor();
      await form.getByRole('button', { name: 'Create the reservation' }).click();
      await form.getByText('Required for a house without a nightly price (0 for a free stay)').waitFor();
      await form.getByRole('combobox', { name: /^House/ }).click();
      await page.getByRole('option', { name: 'Mv1 (maison-1)' }).click();
      await priceHint.waitFor();
      await form.getByRole('button', { name: 'Create the reservation' }).click();
      await form.waitFor({ state: 'hidden' });

      const stay = await stayOf('Early Bird');
      if (!stay) throw new Error('the stay was not created');
      await page.goto(`/reservations/${stay.id}`);
      await page.getByRole('heading', { name: 'Early Bird' }).waitFor();
      expect(await page.getByText('€380.00').count()).toBeGreaterThanOrEqual(2);
      expect(await page.getByText('Settled').count()).toBe(0);

      // Five days early, into a house whose checklist is 0/18: asked, with both reasons.
      await page.getByRole('button', { name: 'Check in', exact: true }).click();
      const confirm = page.getByRole('dialog', { name: 'Check in now?' });
      await confirm.getByText(/^The arrival is on \w+, \w+ \d+, \d{4}\.$/).waitFor();
      await confirm.getByText('The house is not ready: 0/18 done.').waitFor();
      await confirm.getByText(/closes the unfinished cleaning round as skipped/).waitFor();
      await page.screenshot({
        path: screenshotPath('check-in-confirm'),
        fullPage: true,
        animations: 'disabled',
      });
      await confirm.getByRole('button', { name: 'Back' }).click();
      await confirm.waitFor({ state: 'hidden' });
      expect(await page.getByText('Confirmed', { exact: true }).count()).toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Check in', exact: true }).click();
      await confirm.getByRole('button', { name: 'Check in anyway' }).click();
      await confirm.waitFor({ state: 'hidden' });
      await page.getByText('In house', { exact: true }).first().waitFor();

      // A mistake: undone, with a confirmation, and recorded in the history.
      await page.getByRole('button', { name: 'Undo check-in' }).click();
      const undoIn = page.getByRole('dialog', { name: 'Undo the check-in?' });
      await undoIn.getByText(/goes back to “Confirmed”/).waitFor();
      await page.screenshot({
        path: screenshotPath('undo-check-in'),
        fullPage: true,
        animations: 'disabled',
      });
      await undoIn.getByRole('button', { name: 'Undo the check-in' }).click();
      await undoIn.waitFor({ state: 'hidden' });
      await page.getByRole('button', { name: 'Check in', exact: true }).waitFor();
      await page.getByText('Undone (correction)').waitFor();

      // In again, out, and the check-out undone too.
      await page.getByRole('button', { name: 'Check in', exact: true }).click();
      await confirm.getByRole('button', { name: 'Check in anyway' }).click();
      await page.getByRole('button', { name: 'Check out', exact: true }).click();
      await page.getByRole('button', { name: 'Undo check-out' }).click();
      const undoOut = page.getByRole('dialog', { name: 'Undo the check-out?' });
      await undoOut.getByRole('button', { name: 'Undo the check-out' }).click();
      await undoOut.waitFor({ state: 'hidden' });
      await page.getByRole('button', { name: 'Check out', exact: true }).waitFor();
      await page.getByText('In house', { exact: true }).first().waitFor();
      await page.screenshot({
        path: screenshotPath('stay-after-undo'),
        fullPage: true,
        animations: 'disabled',
      });

      // The round the check-in skipped is in the house's round history, with who and when.
      await page.goto(`/houses/${houseId}/checklist`);
      await page.getByRole('button', { name: 'History' }).click();
      const history = page.getByRole('dialog', { name: 'History' });
      await history
        .getByText(/^Skipped: closed .* by Anne Gérante when the next guests checked in$/)
        .waitFor();
      await page.screenshot({
        path: screenshotPath('round-history-skipped'),
        fullPage: true,
        animations: 'disabled',
      });
      await page.keyboard.press('Escape');

      // Today sends nobody to a house with guests in it: the studio, never prepared, is the only turnover.
      await page.goto('/today');
      await page.getByRole('link', { name: /^Studio/ }).waitFor();
      expect(await page.locator(`a[href="/houses/${houseId}/checklist"]`).count()).toBe(0);
      expect(errors).toEqual([]);
      await context.close();
    });

    it('says the same on a phone, in French', async () => {
      const context = await browser.newContext({ ...PHONE, locale: 'fr-FR', baseURL: baseUrl() });
      const { houseId, stayOf } = await organizationWithUncleanedHouse(context, 'Luc Gérant', 'fr');
      const page = await context.newPage();

      const form = await openNewStayForm(page);
      await form.getByLabel('Arrivée').fill(day(3));
      await form.getByLabel('Départ').fill(day(5));
      await form.getByLabel('Nom du client').fill('Marie Tôt');
      await form.getByText(/^Laissé vide\s: 2 nuits à 95,00\s€, soit 190,00\s€/).waitFor();
      await page.screenshot({
        path: screenshotPath('stay-price-from-house-phone-fr'),
        fullPage: true,
        animations: 'disabled',
      });
      await form.getByRole('button', { name: 'Créer la réservation' }).click();
      await form.waitFor({ state: 'hidden' });

      const stay = await stayOf('Marie Tôt');
      if (!stay) throw new Error('the stay was not created');
      await page.goto(`/reservations/${stay.id}`);
      await page.getByRole('button', { name: "Enregistrer l'arrivée" }).click();
      const confirm = page.getByRole('dialog', { name: /^Enregistrer l'arrivée maintenant\s\?$/ });
      await confirm.getByText(/^L'arrivée est prévue le /).waitFor();
      await confirm.getByText(/^La maison n'est pas prête\s: 0\/18 étapes faites\.$/).waitFor();
      await page.screenshot({
        path: screenshotPath('check-in-confirm-phone-fr'),
        fullPage: true,
        animations: 'disabled',
      });
      await confirm.getByRole('button', { name: 'Enregistrer quand même' }).click();
      await confirm.waitFor({ state: 'hidden' });
      await page.getByRole('button', { name: "Défaire l'arrivée" }).click();
      const undo = page.getByRole('dialog', { name: /^Défaire l'arrivée\s\?$/ });
      await undo.getByText(/redevient « Confirmée »/).waitFor();
      await page.screenshot({
        path: screenshotPath('undo-check-in-phone-fr'),
        fullPage: true,
        animations: 'disabled',
      });
      await undo.getByRole('button', { name: "Défaire l'arrivée" }).click();
      await undo.waitFor({ state: 'hidden' });
      await page.getByText('Retour en arrière (correction)').waitFor();

      // In again for good: the round left undone is in the house's history as skipped.
      await page.getByRole('button', { name: "Enregistrer l'arrivée" }).click();
      await confirm.getByRole('button', { name: 'Enregistrer quand même' }).click();
      await confirm.waitFor({ state: 'hidden' });
      await page.goto(`/houses/${houseId}/checklist`);
      await page.getByText("Tournée close à l'arrivée").waitFor();
      await page.screenshot({ path: screenshotPath('checklist-skipped-phone-fr'), animations: 'disabled' });
      await page.getByRole('button', { name: 'Historique' }).click();
      await page
        .getByRole('dialog')
        .getByText(/^Sautée\s: clôturée le .* par Luc Gérant à l'arrivée/)
        .waitFor();
      await page.screenshot({
        path: screenshotPath('round-history-skipped-phone-fr'),
        animations: 'disabled',
      });
      await context.close();
    });
  },
);
