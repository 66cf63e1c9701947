import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.KOE_CHROMIUM ?? '/usr/bin/chromium';
export const WEB_DIST = path.resolve(import.meta.dirname, '../../dist/web');

/** Debian's Chromium, with the flags this sandboxed machine needs (no background network, no GPU). */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}; install Debian's chromium package`);
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) throw new Error('Build the web app first: npm run build:web');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const SHOTS = path.resolve(import.meta.dirname, '../../.tmp/screenshots');

/**
 * Resizes the page and waits until the inbox (when shown) has remounted in the matching layout: the inbox renders a
 * different tree at phone width, so a click straight after a resize can land on an element that is being replaced.
 */
export async function resize(page: Page, size: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(size);
  const layout = size.width <= 768 ? 'phone' : 'laptop';
  // A function (not a string): the app's Content-Security-Policy forbids evaluating strings.
  await page.waitForFunction(
    (want: string) => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document;
      return !doc.querySelector('[data-layout]') || Boolean(doc.querySelector(`[data-layout="${want}"]`));
    },
    layout,
    { polling: 'raf' },
  );
}
