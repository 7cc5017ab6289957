import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type ServerProcess, startServerProcess } from '../../server/test/server-process.ts';
import { browserAvailable, launchBrowser, PHONE, screenshotPath } from './browser.ts';

const PASSWORD = 'les volets bleus du mas';
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A server of this test's own, on a fixed port and data folder, so it can be
 * stopped and started again under the page's feet.
 */
describe.skipIf(!browserAvailable())('the checklist on a phone, with and without the server', () => {
  let browser: Browser;
  let server: ServerProcess;
  let env: Record<string, string>;
  beforeAll(async () => {
    const port = await freePort();
    env = {
      PORT: String(port),
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'staykeep-e2e-checklist-')),
      WEB_DIST_DIR: path.resolve(import.meta.dirname, '../dist'),
    };
    server = await startServerProcess(env);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** An account with one house whose guests left yesterday: its turnover round is open. */
  async function houseAfterDeparture(context: BrowserContext) {
    const email = `cleaner-${Date.now()}@example.org`;
    const registered = await context.request.post('/api/v1/auth/register', {
      data: { name: 'Rosa Ménage', email, password: PASSWORD },
    });
    const headers = { authorization: `Bearer ${(await registered.json()).accessToken}` };
    const house = await (
      await context.request.post('/api/v1/houses', {
        headers,
        data: { code: 'maison-1', name: 'Mv1', type: 'villa', maxGuests: 6, nightlyPrice: '95.00' },
      })
    ).json();
    const stay = await (
      await context.request.post('/api/v1/reservations', {
        headers,
        data: {
          houseId: house.id,
          guestName: 'Left Yesterday',
          checkIn: day(-4),
          checkOut: day(-1),
          guests: 2,
          status: 'confirmed',
        },
      })
    ).json();
    for (const status of ['checked_in', 'checked_out']) {
      await context.request.patch(`/api/v1/reservations/${stay.id}`, { headers, data: { status } });
    }
    const serverSide = async () =>
      (await context.request.get(`/api/v1/houses/${house.id}/checklist`, { headers })).json();
    return { houseId: house.id as string, serverSide };
  }

  it('ticks every item to "ready", and keeps a tick made while the server is down until it is back', async () => {
    const context = await browser.newContext({ ...PHONE, locale: 'en-US', baseURL: server.baseUrl });
    const { houseId, serverSide } = await houseAfterDeparture(context);
    const page = await context.newPage();
    await page.goto(`/houses/${houseId}/checklist`);
    await page.getByText('Not ready yet').waitFor();

    const boxes = page.getByRole('checkbox');
    const count = await boxes.count();
    expect(count).toBe(18);
    for (let index = 0; index < count; index++) await boxes.nth(index).check();
    await page.getByText('House ready').waitFor();
    await page.getByText(/waiting for the network/).waitFor({ state: 'detached' });
    expect((await serverSide()).ready).toBe(true);
    await page.screenshot({ path: screenshotPath('checklist-ready-phone'), fullPage: true });

    // One step redone: unticked while online, then ticked again with the server stopped.
    const fridge = page.getByRole('checkbox', { name: 'Empty and clean the fridge' });
    await fridge.uncheck();
    await page.getByText('Not ready yet').waitFor();
    await page.getByText(/waiting for the network/).waitFor({ state: 'detached' });
    await server.stop();

    await fridge.check();
    await page.getByText('1 tick waiting for the network: it will be sent on its own.').waitFor();
    await page.getByText('Sending…').waitFor();
    await page.screenshot({ path: screenshotPath('checklist-offline-phone'), fullPage: true });

    // Back up: the page, left as it was, sends the tick on its next retry.
    server = await startServerProcess(env);
    await page.getByText(/waiting for the network/).waitFor({ state: 'detached', timeout: 45_000 });
    await page.getByText('House ready').waitFor();
    expect(await fridge.isChecked()).toBe(true);
    const after = await serverSide();
    expect(after.ready).toBe(true);
    expect(after.done).toBe(18);
    await context.close();
  });
});
