import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { inject } from 'vitest';

/** Screenshots land here, beside the other test output. */
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../test-output/e2e');

// Debian's Chromium, running as root in a closed network.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const browserAvailable = () => inject('chromiumPath') !== '';
export const baseUrl = () => inject('baseUrl');

export function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({ executablePath: inject('chromiumPath'), headless: true, args: CHROMIUM_ARGS });
}

export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;
export const DESKTOP = { viewport: { width: 1280, height: 800 } } as const;

export function newContext(
  browser: Browser,
  device: typeof PHONE | typeof DESKTOP = DESKTOP,
  locale = 'en-US',
): Promise<BrowserContext> {
  return browser.newContext({ ...device, locale, baseURL: baseUrl() });
}

export const screenshotPath = (name: string) => path.join(SCREENSHOT_DIR, `${name}.png`);
