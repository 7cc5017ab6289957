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
const GUEST = 'Camille Martin';
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A receipt: a one-page PDF. */
const PDF = Buffer.from(
  [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj',
    'trailer << /Root 1 0 R >>',
    '%%EOF',
    '',
  ].join('\n'),
);

/** A screenshot once dialogs have faded in, from the top of the page. */
async function screenshot(page: Page, name: string, fullPage = false) {
  await page.evaluate(() =>
    Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined))),
  );
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: screenshotPath(name), fullPage });
}

const scrollsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

/** A manager's organization (its admin): one house, a guest arriving today for 1 000.00. */
async function organization(context: BrowserContext, locale: 'en' | 'fr') {
  const registered = await context.request.post('/api/v1/auth/register', {
    data: {
      name: 'Marie Gérante',
      email: `finance-${locale}-${Date.now()}@example.org`,
      password: PASSWORD,
      locale,
    },
  });
  expect(registered.status()).toBe(201);
  const headers = { authorization: `Bearer ${(await registered.json()).accessToken}` };
  const post = async (url: string, data: Record<string, unknown>) => {
    const response = await context.request.post(url, { headers, data });
    if (!response.ok()) throw new Error(`${url} (${response.status()}): ${await response.text()}`);
    return response.json();
  };
  const house = await post('/api/v1/houses', {
    code: 'oliviers',
    name: HOUSE,
    type: 'villa',
    maxGuests: 6,
    nightlyPrice: '250.00',
  });
  const stay = await post('/api/v1/reservations', {
    houseId: house.id,
    guestName: GUEST,
    checkIn: day(0),
    checkOut: day(4),
    guests: 2,
    status: 'confirmed',
    totalPrice: '1000.00',
  });
  return { houseId: house.id as string, stayId: stay.id as string, headers, post };
}

describe.skipIf(!browserAvailable())('finance in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a manager records an advance and the balance of a stay, reads the ledger and downloads its CSV', async () => {
    const context = await newContext(browser, DESKTOP, 'en-US');
    const { stayId } = await organization(context, 'en');
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    // --- The stay: nothing paid, the whole price due. ---
    await page.goto(`/reservations/${stayId}`);
    await page.getByRole('heading', { name: GUEST }).waitFor();
    const payments = page.getByRole('region', { name: 'Payments' });
    await payments.getByText('No payment recorded yet.').waitFor();
    expect(await payments.locator('[data-balance-due]').textContent()).toBe('€1,000.00');

    // An advance: the form opens on the balance due, as an advance, today; the manager types 300.
    await payments.getByRole('button', { name: 'Record a payment' }).click();
    const dialog = page.getByRole('dialog', { name: `Payment from ${GUEST}` });
    await dialog.getByRole('button', { name: 'Record the payment' }).waitFor();
    expect(await dialog.getByRole('combobox', { name: 'Kind' }).inputValue()).toBe('Advance');
    expect(await dialog.getByRole('textbox', { name: 'Amount' }).inputValue()).toBe('1000.00');
    expect(await dialog.getByLabel('Date').inputValue()).toBe(day(0));
    await dialog.getByText('At most the balance due: €1,000.00').waitFor();
    await screenshot(page, 'finance-payment-form-desktop');
    await dialog.getByRole('textbox', { name: 'Amount' }).fill('300');
    await dialog.getByRole('combobox', { name: 'Method' }).click();
    await page.getByRole('option', { name: 'Bank transfer' }).click();
    await dialog.getByRole('button', { name: 'Record the payment' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await payments.getByText('Advance', { exact: true }).waitFor();
    await expect.poll(() => payments.locator('[data-balance-due]').textContent()).toBe('€700.00');

    // More than is due is refused next to the amount.
    await payments.getByRole('button', { name: 'Record a payment' }).click();
    expect(await dialog.getByRole('combobox', { name: 'Kind' }).inputValue()).toBe('Balance');
    expect(await dialog.getByRole('textbox', { name: 'Amount' }).inputValue()).toBe('700.00');
    await dialog.getByRole('textbox', { name: 'Amount' }).fill('800');
    await dialog.getByRole('button', { name: 'Record the payment' }).click();
    await dialog.getByText('Cannot exceed the balance due').waitFor();
    expect(await dialog.getByRole('textbox', { name: 'Amount' }).getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'finance-payment-refused-desktop');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // The balance: two clicks, the form as it opens.
    await payments.getByRole('button', { name: 'Record a payment' }).click();
    await dialog.getByRole('button', { name: 'Record the payment' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await payments.getByText('Settled').waitFor();
    await payments.getByText('Balance', { exact: true }).waitFor();
    await screenshot(page, 'finance-stay-paid-desktop', true);

    // --- The ledger, from the navigation: both payments, totals, a running total. ---
    await page.getByRole('link', { name: 'Finance' }).click();
    await page.getByRole('heading', { name: 'Ledger', level: 2 }).waitFor();
    const table = page.getByRole('table', { name: /^Entries from / });
    const advanceRow = table.getByRole('row').filter({ hasText: `Advance · ${GUEST}` });
    const balanceRow = table.getByRole('row').filter({ hasText: `Balance · ${GUEST}` });
    await balanceRow.waitFor();
    // Date, entry, house, amount, running total.
    expect(await advanceRow.getByRole('cell').nth(3).textContent()).toBe('+€300.00');
    expect(await balanceRow.getByRole('cell').nth(3).textContent()).toBe('+€700.00');
    // The running total: 300 after the advance, 1 000 after the balance.
    expect(await advanceRow.getByRole('cell').last().textContent()).toBe('+€300.00');
    expect(await balanceRow.getByRole('cell').last().textContent()).toBe('+€1,000.00');
    expect(await advanceRow.getByText('System').isVisible()).toBe(true);
    const totals = page.getByRole('region', { name: 'Totals of the selection' });
    const total = (name: string) => totals.locator(`[data-total="${name}"]`).textContent();
    expect(await total('income')).toBe('€1,000.00');
    expect(await total('expense')).toBe('€0.00');
    expect(await total('net')).toBe('€1,000.00');

    // --- An expense by hand, with its receipt (a PDF): it opens on its page. ---
    await page.getByRole('button', { name: 'New entry' }).click();
    const entryForm = page.getByRole('dialog', { name: 'New ledger entry' });
    await entryForm.getByRole('combobox', { name: 'House' }).click();
    await page.getByRole('option', { name: HOUSE }).click();
    await entryForm.getByRole('combobox', { name: 'Category' }).click();
    // Deposits move with the stays' payments only: not offered here.
    expect(await page.getByRole('option', { name: 'Security deposit' }).count()).toBe(0);
    await page.getByRole('option', { name: 'Supplies' }).click();
    await entryForm.getByRole('textbox', { name: 'Amount' }).fill('12,50');
    await entryForm.getByRole('textbox', { name: 'Description' }).fill('Soap and sponges');
    const chooser = page.waitForEvent('filechooser');
    await entryForm.getByRole('button', { name: /Receipt \(photo or PDF\)/ }).click();
    await (await chooser).setFiles({ name: 'receipt.pdf', mimeType: 'application/pdf', buffer: PDF });
    await screenshot(page, 'finance-entry-form-desktop');
    await entryForm.getByRole('button', { name: 'Create the entry' }).click();
    await page.getByRole('heading', { name: 'Soap and sponges' }).waitFor();
    const receipts = page.getByRole('region', { name: 'Receipts' });
    await receipts.getByRole('button', { name: 'Download receipt.pdf' }).waitFor();
    expect(await receipts.getByText('Receipt', { exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Edit' }).isVisible()).toBe(true);
    await screenshot(page, 'finance-entry-manual-desktop', true);

    // --- The balance posted by the system: no edit, an adjustment shown under it. ---
    await page.goto('/finance');
    await balanceRow.getByRole('link', { name: `Balance · ${GUEST}` }).click();
    await page.getByRole('heading', { name: `Balance · ${GUEST}` }).waitFor();
    await page.getByText(/Posted by the system: it cannot be changed or deleted/).waitFor();
    expect(await page.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Adjust' }).click();
    const adjust = page.getByRole('dialog', { name: `Adjust: Balance · ${GUEST}` });
    await adjust.getByRole('textbox', { name: 'Amount to add' }).fill('-20');
    await adjust.getByText('The entry will count €680.00.').waitFor();
    await adjust.getByRole('textbox', { name: 'Reason' }).fill('Card fee taken by the bank');
    await screenshot(page, 'finance-adjust-desktop');
    await adjust.getByRole('button', { name: 'Post the adjustment' }).click();
    await adjust.waitFor({ state: 'hidden' });
    const corrections = page.getByRole('region', { name: 'Adjustments' });
    await corrections.getByRole('link', { name: 'Card fee taken by the bank' }).waitFor();
    expect(await corrections.getByText('-€20.00').isVisible()).toBe(true);
    expect(await corrections.getByText('€680.00').isVisible()).toBe(true);
    await screenshot(page, 'finance-entry-system-desktop', true);

    await page.getByRole('link', { name: '← Ledger' }).click();
    const fixRow = table.getByRole('row').filter({ hasText: 'Card fee taken by the bank' });
    await fixRow.waitFor();
    // Shown right under the balance it corrects, indented, and counted in the running total.
    const order = await table
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((row) => row.querySelector('a')?.textContent));
    expect(order).toEqual([
      `Advance · ${GUEST}`,
      `Balance · ${GUEST}`,
      'Card fee taken by the bank',
      'Soap and sponges',
    ]);
    expect(await fixRow.getByText('(corrects the entry above)').count()).toBe(1);
    expect(await fixRow.getByRole('cell').last().textContent()).toBe('+€980.00');
    await expect.poll(() => total('net')).toBe('€967.50');
    expect(await total('expense')).toBe('€32.50');
    await screenshot(page, 'finance-ledger-desktop', true);

    // Filters live in the address: the expenses only.
    await page.getByRole('combobox', { name: 'Type' }).click();
    await page.getByRole('option', { name: 'Expense', exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('type')).toBe('expense');
    await expect.poll(() => total('income')).toBe('€0.00');
    expect(await advanceRow.count()).toBe(0);
    await page.getByRole('button', { name: 'Reset the filters' }).click();
    await advanceRow.waitFor();

    // --- The CSV for the accountant, with a decimal point, then for a French spreadsheet. ---
    const download = async (item: RegExp) => {
      await page.getByRole('button', { name: 'Export CSV' }).click();
      const saved = page.waitForEvent('download');
      await page.getByRole('menuitem', { name: item }).click();
      const file = await saved;
      return { name: file.suggestedFilename(), text: await readFile((await file.path()) as string, 'utf8') };
    };
    const csv = await download(/decimal point/);
    expect(csv.name).toMatch(/^ledger-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'date,house,type,category,description,amount,signed_amount,held,origin,system,reservation_id,maintenance_issue_id,adjusts_entry_id,entry_id',
    );
    expect(lines).toHaveLength(5);
    const row = (description: string) => lines.find((line) => line.includes(description))?.split(',') ?? [];
    expect(row(`Advance · ${GUEST}`).slice(0, 8)).toEqual([
      day(0),
      'oliviers',
      'income',
      'rent',
      `Advance · ${GUEST}`,
      '300.00',
      '300.00',
      'no',
    ]);
    expect(row('Soap and sponges').slice(5, 10)).toEqual(['12.50', '-12.50', 'no', 'manual', 'no']);
    expect(row('Card fee taken by the bank').slice(2, 7)).toEqual([
      'expense',
      'rent',
      'Card fee taken by the bank',
      '20.00',
      '-20.00',
    ]);
    const french = await download(/French spreadsheets/);
    expect(french.name).toMatch(/-fr\.csv$/);
    const frenchLines = french.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(frenchLines[0]?.startsWith('date;house;type;category;description;amount;signed_amount')).toBe(
      true,
    );
    expect(frenchLines.find((line) => line.includes('Soap and sponges'))).toContain(';12,50;-12,50;');

    // --- The summary of the year and the month close. ---
    await page
      .getByRole('navigation', { name: 'Finance pages' })
      .getByRole('link', { name: 'Summary' })
      .click();
    const byMonth = page.getByRole('table', { name: /^Income, expense and net per month of / });
    await byMonth.waitFor();
    const month = new Date(`${day(0)}T12:00:00Z`).toLocaleDateString('en-US', { month: 'long' });
    const monthRow = byMonth.getByRole('row', { name: new RegExp(`^${month}`) });
    expect(await monthRow.getByRole('cell').allTextContents()).toEqual(['€1,000.00', '€32.50', '€967.50']);
    expect(
      await byMonth.getByRole('row').filter({ hasText: 'Total' }).getByRole('cell').last().textContent(),
    ).toBe('€967.50');
    await page
      .getByRole('table', { name: /^Income, expense and net per house/ })
      .getByText(HOUSE)
      .waitFor();
    await screenshot(page, 'finance-summary-desktop', true);

    await page.getByRole('link', { name: 'Month close' }).click();
    const lastMonth = new Date(Date.UTC(Number(day(0).slice(0, 4)), Number(day(0).slice(5, 7)) - 2, 15));
    const lastMonthName = lastMonth.toLocaleDateString('en-US', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    // January's previous month is in the year before: shown there.
    if (lastMonth.getUTCFullYear() !== Number(day(0).slice(0, 4)))
      await page.goto(`/finance/closings?year=${lastMonth.getUTCFullYear()}`);
    await page.getByRole('button', { name: `Close ${lastMonthName}` }).click();
    const confirm = page.getByRole('dialog', { name: `Close ${lastMonthName}?` });
    await screenshot(page, 'finance-close-month-desktop');
    await confirm.getByRole('button', { name: 'Close the month' }).click();
    await confirm.waitFor({ state: 'hidden' });
    const closedRow = page.getByRole('row', {
      name: new RegExp(`^${lastMonth.toLocaleDateString('en-US', { month: 'long', timeZone: 'UTC' })} `),
    });
    await closedRow.getByText('Closed', { exact: true }).waitFor();
    await closedRow.getByText(/^By Marie Gérante, /).waitFor();
    await screenshot(page, 'finance-closings-desktop', true);
    await page.getByRole('button', { name: `Reopen ${lastMonthName}` }).click();
    await page
      .getByRole('dialog', { name: `Reopen ${lastMonthName}?` })
      .getByRole('button', { name: 'Reopen the month' })
      .click();
    await closedRow.getByText('Open', { exact: true }).waitFor();

    expect(errors).toEqual([]);
    await context.close();
  });

  it('in French on a phone: the unpaid balance on today’s page, a payment in two taps, the ledger as cards', async () => {
    const context = await newContext(browser, PHONE, 'fr-FR');
    const { headers } = await organization(context, 'fr');
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    await page.goto('/today');
    const unpaid = page.getByRole('region', { name: 'Soldes impayés' });
    const line = unpaid.getByRole('listitem').filter({ hasText: GUEST });
    await line.waitFor();
    expect((await line.textContent())?.replace(/\s/g, ' ')).toContain('1 000,00 € à payer');
    expect(await line.getByText(`${HOUSE} · arrive`).isVisible()).toBe(true);
    expect(await scrollsSideways(page)).toBe(false);
    await screenshot(page, 'finance-today-phone-fr', true);

    await line.getByRole('link', { name: GUEST }).click();
    await page.getByRole('heading', { name: GUEST }).waitFor();
    const payments = page.getByRole('region', { name: 'Paiements' });
    await payments.getByRole('button', { name: 'Enregistrer un paiement' }).click(); // tap 1
    const dialog = page.getByRole('dialog', { name: `Paiement de ${GUEST}` });
    expect(await dialog.getByRole('combobox', { name: 'Nature' }).inputValue()).toBe('Acompte');
    await screenshot(page, 'finance-payment-form-phone-fr');
    await dialog.getByRole('button', { name: 'Enregistrer le paiement' }).click(); // tap 2
    await dialog.waitFor({ state: 'hidden' });
    await payments.getByText('Soldé').waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    await screenshot(page, 'finance-stay-phone-fr', true);

    // Paid: today's page no longer lists it.
    await page.goto('/today');
    await unpaid.getByText('Tous les séjours du jour sont payés.').waitFor();

    // An expense of the whole organization, through the API, then the ledger as cards.
    const created = await context.request.post('/api/v1/ledger', {
      headers,
      data: {
        date: day(0),
        type: 'expense',
        category: 'insurance',
        description: 'Assurance multirisque',
        amount: '84.20',
      },
    });
    expect(created.status()).toBe(201);
    await page.goto('/finance');
    await page.getByRole('heading', { name: 'Grand livre', level: 2 }).waitFor();
    const cards = page.getByRole('list', { name: /^Écritures du / });
    // The system writes its descriptions in the organization's language.
    await cards.getByRole('link', { name: `Acompte · ${GUEST}` }).waitFor();
    const insurance = cards.getByRole('listitem').filter({ hasText: 'Assurance multirisque' });
    expect((await insurance.textContent())?.replace(/\s/g, ' ')).toContain('-84,20 €');
    expect(await insurance.getByText(/Toute l’organisation · Assurance · Saisie manuelle/).isVisible()).toBe(
      true,
    );
    expect(await page.getByRole('table').count()).toBe(0);
    const net = await page.locator('[data-total="net"]').textContent();
    expect(net?.replace(/\s/g, ' ')).toBe('915,80 €');
    expect(await scrollsSideways(page)).toBe(false);
    await screenshot(page, 'finance-ledger-phone-fr', true);

    await page.goto('/finance/summary');
    await page.getByRole('table', { name: /^Recettes, dépenses et solde par mois en / }).waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    await screenshot(page, 'finance-summary-phone-fr', true);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('a manager sets a tourist tax per adult and night on the house, records a stay’s as collected and finds it in the ledger', async () => {
    const context = await newContext(browser, DESKTOP, 'en-US');
    const { houseId, stayId } = await organization(context, 'en');
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    // --- The house: no tax yet, then €1.65 per adult and night, Airbnb collecting it on its stays. ---
    await page.goto(`/houses/${houseId}`);
    await page.getByRole('heading', { name: HOUSE }).waitFor();
    const card = page.getByRole('region', { name: 'Tourist tax' });
    await card.getByText('No tourist tax set.').waitFor();
    await screenshot(page, 'finance-tourist-tax-none-desktop', true);
    await card.getByRole('button', { name: 'Set the tourist tax' }).click();
    const form = page.getByRole('dialog', { name: `Tourist tax of ${HOUSE}` });
    const mode = form.getByRole('group', { name: 'How it is counted' });
    expect(await mode.getByRole('radio', { name: /^An amount per adult and night/ }).isChecked()).toBe(true);
    // A percentage needs its percentage: refused next to the field, in the browser.
    await mode.getByRole('radio', { name: /^A percentage of the price/ }).check();
    await form.getByRole('button', { name: 'Save the tourist tax' }).click();
    const percent = form.getByRole('textbox', { name: 'Percentage of the price' });
    expect(await percent.getAttribute('aria-invalid')).toBe('true');
    await form.getByText('Required', { exact: true }).waitFor();
    expect(await form.getByRole('textbox', { name: 'Cap per adult and night' }).isVisible()).toBe(true);
    await screenshot(page, 'finance-tourist-tax-form-percentage-desktop');
    await mode.getByRole('radio', { name: /^An amount per adult and night/ }).check();
    await form.getByRole('textbox', { name: 'Amount per adult and night' }).fill('1,65');
    const platforms = form.getByRole('group', { name: 'Platforms that collect it themselves' });
    expect(await platforms.getByRole('checkbox').count()).toBe(4);
    await platforms.getByRole('checkbox', { name: 'Airbnb' }).check();
    await screenshot(page, 'finance-tourist-tax-form-desktop');
    await form.getByRole('button', { name: 'Save the tourist tax' }).click();
    await form.waitFor({ state: 'hidden' });
    await card.getByText('€1.65 per adult and night').waitFor();
    await card.getByText('Collected by Airbnb on its stays, by the manager on the others.').waitFor();
    // The button that opened the form is gone: the keyboard goes on from the card's heading.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Tourist tax');
    expect(await card.getByRole('button', { name: 'Edit the tourist tax' }).isVisible()).toBe(true);
    expect(await card.getByRole('button', { name: 'Remove the tourist tax' }).isVisible()).toBe(true);
    await screenshot(page, 'finance-tourist-tax-house-desktop', true);

    // --- The stay (direct, 2 guests, 4 nights): 2 × 4 × €1.65 = €13.20, collected by the manager. ---
    await page.goto(`/reservations/${stayId}`);
    await page.getByRole('heading', { name: GUEST }).waitFor();
    const payments = page.getByRole('region', { name: 'Payments' });
    const tax = payments.getByRole('region', { name: 'Tourist tax' });
    await tax.getByText('2 adults × 4 nights × €1.65 per adult and night').waitFor();
    expect(await tax.locator('[data-tourist-tax-amount]').textContent()).toBe('€13.20');
    expect(await tax.getByText('Collected by the manager', { exact: true }).isVisible()).toBe(true);
    expect(await tax.getByText('To record').isVisible()).toBe(true);
    await screenshot(page, 'finance-tourist-tax-stay-desktop', true);

    // Two clicks: the form opens on today, the stay's guests and the manager.
    await tax.getByRole('button', { name: 'Record tourist tax' }).click();
    const record = page.getByRole('dialog', { name: `Tourist tax of ${GUEST}` });
    await record.getByRole('button', { name: 'Record the tourist tax' }).waitFor();
    expect(await record.getByLabel('Collected on').inputValue()).toBe(day(0));
    expect(await record.getByRole('textbox', { name: 'Adults' }).inputValue()).toBe('2');
    expect(await record.getByRole('radio', { name: 'The manager' }).isChecked()).toBe(true);
    await record.getByText('Posted to the ledger as income (tourist tax).').waitFor();
    expect(await record.locator('[data-tourist-tax-preview]').textContent()).toBe(
      'Tourist tax: €13.20 (2 adults × 4 nights × €1.65 per adult and night)',
    );
    await screenshot(page, 'finance-tourist-tax-record-desktop');
    await record.getByRole('button', { name: 'Record the tourist tax' }).click();
    await record.waitFor({ state: 'hidden' });
    await tax.getByText(/^Collected on .+ by the manager$/).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Tourist tax');
    expect(await tax.getByText('Recorded', { exact: true }).isVisible()).toBe(true);
    expect(await tax.getByText('Posted to the ledger as income.').isVisible()).toBe(true);
    expect(await tax.getByRole('button', { name: 'Record tourist tax' }).count()).toBe(0);
    await screenshot(page, 'finance-tourist-tax-recorded-desktop', true);

    // --- The ledger, from the stay: the tax is income of the house, posted by the system. ---
    await payments.getByRole('link', { name: 'Its entries in the ledger' }).click();
    const table = page.getByRole('table', { name: /^Every entry/ });
    const taxRow = table.getByRole('row').filter({ hasText: `Tourist tax · ${GUEST}` });
    await taxRow.waitFor();
    expect(await taxRow.getByRole('cell').nth(3).textContent()).toBe('+€13.20');
    expect(await taxRow.getByText('System').isVisible()).toBe(true);
    await expect
      .poll(() =>
        page
          .getByRole('region', { name: 'Totals of the selection' })
          .locator('[data-total="income"]')
          .textContent(),
      )
      .toBe('€13.20');
    await screenshot(page, 'finance-tourist-tax-ledger-desktop', true);

    // The same screens on a phone's width: nothing runs off the side.
    await page.setViewportSize(PHONE.viewport);
    await page.goto(`/houses/${houseId}`);
    await card.getByText('€1.65 per adult and night').waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    await screenshot(page, 'finance-tourist-tax-house-phone', true);
    await page.goto(`/reservations/${stayId}`);
    await tax.getByText(/^Collected on .+ by the manager$/).waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    await screenshot(page, 'finance-tourist-tax-recorded-phone', true);

    // Removed: the house has none again, and its stays show none.
    await page.goto(`/houses/${houseId}`);
    await card.getByRole('button', { name: 'Remove the tourist tax' }).click();
    const remove = page.getByRole('dialog', { name: 'Remove the tourist tax?' });
    await remove.getByRole('button', { name: 'Remove the tax' }).click();
    await remove.waitFor({ state: 'hidden' });
    await card.getByText('No tourist tax set.').waitFor();
    await page.goto(`/reservations/${stayId}`);
    await payments.getByText('No payment recorded yet.').waitFor();
    expect(await tax.count()).toBe(0);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('in French on a phone: a tourist tax as a capped percentage, recorded in two taps; Airbnb’s only recorded', async () => {
    const context = await newContext(browser, PHONE, 'fr-FR');
    const { houseId, stayId, post } = await organization(context, 'fr');
    // A stay from Airbnb: 3 guests, 2 nights, 600.00.
    const airbnb = await post('/api/v1/reservations', {
      houseId,
      guestName: 'Léa Dubois',
      checkIn: day(6),
      checkOut: day(8),
      guests: 3,
      status: 'confirmed',
      totalPrice: '600.00',
      source: 'airbnb',
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const text = async (locator: ReturnType<Page['locator']>) =>
      (await locator.textContent())?.replace(/\s/g, ' ');

    // --- The house: 5 % of the price per person and night, at most 2,30 €, Airbnb collecting it. ---
    await page.goto(`/houses/${houseId}`);
    const card = page.getByRole('region', { name: 'Taxe de séjour' });
    await card.getByText('Aucune taxe de séjour définie.').waitFor();
    await card.getByRole('button', { name: 'Définir la taxe de séjour' }).click();
    const form = page.getByRole('dialog', { name: `Taxe de séjour de ${HOUSE}` });
    await form.getByRole('radio', { name: /^Un pourcentage du prix/ }).check();
    const percent = form.getByRole('textbox', { name: 'Pourcentage du prix' });
    // Over 100 % is refused in the browser.
    await percent.fill('120');
    await form.getByRole('button', { name: 'Enregistrer la taxe de séjour' }).click();
    await form.getByText('Au plus 100', { exact: true }).waitFor();
    expect(await percent.getAttribute('aria-invalid')).toBe('true');
    await percent.fill('5');
    await form.getByRole('textbox', { name: 'Plafond par adulte et par nuit' }).fill('2,30');
    await form.getByRole('checkbox', { name: 'Airbnb' }).check();
    expect(await scrollsSideways(page)).toBe(false);
    await screenshot(page, 'finance-tourist-tax-form-phone-fr');
    await form.getByRole('button', { name: 'Enregistrer la taxe de séjour' }).click();
    await form.waitFor({ state: 'hidden' });
    const rule = card.locator('[data-tourist-tax-rule]');
    await rule.waitFor();
    expect(await text(rule)).toBe('5 % du prix par personne et par nuit, au plus 2,30 €');
    await card.getByText('Perçue par Airbnb sur ses séjours, par le gestionnaire sur les autres.').waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    await screenshot(page, 'finance-tourist-tax-house-phone-fr', true);

    // --- The direct stay: 1 000 € ÷ 4 nights ÷ 2 people = 125 €, 5 % = 6,25 €, capped at 2,30 €: 18,40 €. ---
    await page.goto(`/reservations/${stayId}`);
    const payments = page.getByRole('region', { name: 'Paiements' });
    const tax = payments.getByRole('region', { name: 'Taxe de séjour' });
    const computation = tax.locator('[data-tourist-tax-computation]');
    await computation.waitFor();
    expect(await text(computation)).toBe('2 adultes × 4 nuits × 2,30 € par adulte et par nuit');
    expect(await text(tax.locator('[data-tourist-tax-amount]'))).toBe('18,40 €');
    expect(await tax.getByText('Perçue par le gestionnaire', { exact: true }).isVisible()).toBe(true);
    await tax.getByRole('button', { name: 'Enregistrer la taxe de séjour' }).click(); // tap 1
    const record = page.getByRole('dialog', { name: `Taxe de séjour de ${GUEST}` });
    await record.getByRole('button', { name: 'Enregistrer la taxe' }).waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    await screenshot(page, 'finance-tourist-tax-record-phone-fr');
    await record.getByRole('button', { name: 'Enregistrer la taxe' }).click(); // tap 2
    await record.waitFor({ state: 'hidden' });
    await tax.getByText(/^Perçue le .+ par le gestionnaire$/).waitFor();
    await tax.getByText('Passée au grand livre en recette.').waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    await screenshot(page, 'finance-tourist-tax-recorded-phone-fr', true);

    // --- The Airbnb stay: 600 € ÷ 2 nights ÷ 3 = 100 €, 5 % capped at 2,30 €, × 3 × 2 = 13,80 €, collected by
    // Airbnb. Recorded meanwhile from elsewhere: the form says so rather than recording twice. ---
    await page.goto(`/reservations/${airbnb.id}`);
    await tax.locator('[data-tourist-tax-amount]').waitFor();
    expect(await text(tax.locator('[data-tourist-tax-amount]'))).toBe('13,80 €');
    expect(await tax.getByText('Perçue par Airbnb', { exact: true }).isVisible()).toBe(true);
    await tax.getByRole('button', { name: 'Enregistrer la taxe de séjour' }).click();
    expect(await record.count()).toBe(0);
    const airbnbRecord = page.getByRole('dialog', { name: 'Taxe de séjour de Léa Dubois' });
    expect(await airbnbRecord.getByRole('radio', { name: 'Airbnb' }).isChecked()).toBe(true);
    await airbnbRecord.getByText(/^Seulement enregistrée : la plateforme la reverse à la commune/).waitFor();
    await post(`/api/v1/reservations/${airbnb.id}/tourist-tax`, { date: day(0) });
    await airbnbRecord.getByRole('button', { name: 'Enregistrer la taxe' }).click();
    await airbnbRecord
      .getByRole('alert')
      .getByText('La taxe de séjour de ce séjour est déjà enregistrée.')
      .waitFor();
    await screenshot(page, 'finance-tourist-tax-already-phone-fr');
    await page.keyboard.press('Escape');
    await airbnbRecord.waitFor({ state: 'hidden' });
    await tax.getByText(/^Perçue le .+ par Airbnb$/).waitFor();
    await tax.getByText('Hors grand livre : la plateforme la reverse à la commune.').waitFor();

    // --- The ledger as cards: the manager's tax is income; Airbnb's is not there. ---
    await page.goto('/finance?period=all');
    const cards = page.getByRole('list', { name: /^Toutes les écritures|^Écritures/ });
    const taxCard = cards.getByRole('listitem').filter({ hasText: `Taxe de séjour · ${GUEST}` });
    await taxCard.waitFor();
    expect(await text(taxCard)).toContain('18,40 €');
    expect(await cards.getByRole('listitem').filter({ hasText: 'Léa Dubois' }).count()).toBe(0);
    expect(await scrollsSideways(page)).toBe(false);
    await screenshot(page, 'finance-tourist-tax-ledger-phone-fr', true);

    // The same house and stay on a desk's width.
    await page.setViewportSize(DESKTOP.viewport);
    await page.goto(`/houses/${houseId}`);
    await rule.waitFor();
    await screenshot(page, 'finance-tourist-tax-house-desktop-fr', true);
    await page.goto(`/reservations/${airbnb.id}`);
    await tax.getByText(/^Perçue le .+ par Airbnb$/).waitFor();
    await screenshot(page, 'finance-tourist-tax-airbnb-desktop-fr', true);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('an owner reads the money of their house, and writes none of it', async () => {
    const desk = await newContext(browser, DESKTOP, 'en-US');
    const { houseId, stayId, headers, post } = await organization(desk, 'en');
    await post(`/api/v1/reservations/${stayId}/payments`, {
      date: day(0),
      amount: '250.00',
      kind: 'advance',
    });
    const rule = await desk.request.put(`/api/v1/houses/${houseId}/tourist-tax`, {
      headers,
      data: { mode: 'per_night', rate: '1.65' },
    });
    expect(rule.status()).toBe(200);
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
    const ownerId = (await joined.json()).user.id;
    const assigned = await desk.request.put(`/api/v1/members/${ownerId}/houses`, {
      headers,
      data: { houseIds: [houseId] },
    });
    expect(assigned.status()).toBe(200);

    const page = await ownerContext.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`/reservations/${stayId}`);
    const payments = page.getByRole('region', { name: 'Payments' });
    await payments.getByText('Advance', { exact: true }).waitFor();
    expect(await payments.locator('[data-balance-due]').textContent()).toBe('€750.00');
    expect(await payments.getByRole('button', { name: 'Record a payment' }).count()).toBe(0);
    // The tourist tax, read only.
    const tax = payments.getByRole('region', { name: 'Tourist tax' });
    expect(await tax.locator('[data-tourist-tax-amount]').textContent()).toBe('€13.20');
    expect(await tax.getByRole('button').count()).toBe(0);
    await page.goto(`/houses/${houseId}`);
    const card = page.getByRole('region', { name: 'Tourist tax' });
    await card.getByText('€1.65 per adult and night').waitFor();
    await card.getByText('Collected by the manager on every stay.').waitFor();
    expect(await card.getByRole('button').count()).toBe(0);
    await page.goto(`/reservations/${stayId}`);
    await payments.getByText('Advance', { exact: true }).waitFor();

    await page.getByRole('link', { name: 'Finance' }).click();
    await page.getByRole('heading', { name: 'Ledger', level: 2 }).waitFor();
    await page
      .getByRole('row')
      .filter({ hasText: `Advance · ${GUEST}` })
      .waitFor();
    expect(await page.getByRole('button', { name: 'New entry' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Month close' }).count()).toBe(0);
    await page.getByRole('link', { name: `Advance · ${GUEST}` }).click();
    await page.getByRole('heading', { name: `Advance · ${GUEST}` }).waitFor();
    await page.getByRole('region', { name: 'Receipts' }).getByText('No receipt yet.').waitFor();
    expect(await page.getByRole('button', { name: 'Adjust' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add a receipt' }).count()).toBe(0);
    await screenshot(page, 'finance-entry-owner-desktop', true);
    expect(errors).toEqual([]);
    await ownerContext.close();
    await desk.close();
  });
});
