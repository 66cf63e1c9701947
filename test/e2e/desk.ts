import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { apiDirectory, startSandbox, type Sandbox } from '../../src/sandbox';
import { expect } from 'vitest';
import {
  ADMIN,
  freshDatabase,
  seededDesk,
  startKoe,
  Visitor,
  waitFor,
  type Client,
  type RunningKoe,
  type TestDatabase,
} from '../integration/harness';
import { launchBrowser, WEB_DIST } from './browser';

/** Signs in through the login page and waits for the inbox. */
export async function signIn(
  page: Page,
  base: string,
  email = ADMIN.adminEmail,
  password = ADMIN.adminPassword,
): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('inbox-list').waitFor();
}

/** The built web app on a fresh SQLite desk, with the sandbox platforms connected and no background traffic. */
export async function sandboxDesk(): Promise<{
  db: TestDatabase;
  koe: RunningKoe;
  sandbox: Sandbox;
  stop(): Promise<void>;
}> {
  const db = await freshDatabase('sqlite');
  const koe = await startKoe(db, { webDist: WEB_DIST });
  const { admin } = await seededDesk(koe.base);
  const token = (await admin.post('/api/tokens', { name: 'sandbox' })).body.token;
  const sandbox = await startSandbox({ port: 0, ratePerMinute: 0 });
  await sandbox.connect(koe.base, apiDirectory(koe.base, token));
  return {
    db,
    koe,
    sandbox,
    async stop() {
      await sandbox.stop();
      await koe.stop();
      await db.drop();
    },
  };
}

/** The built web app on a fresh SQLite desk with its seeded admin and web chat channel (widget key). */
export async function webchatDesk(): Promise<{ db: TestDatabase; koe: RunningKoe; admin: Client; publicKey: string }> {
  const db = await freshDatabase('sqlite');
  const koe = await startKoe(db, { webDist: WEB_DIST });
  const desk = await seededDesk(koe.base);
  return { db, koe, admin: desk.admin, publicKey: desk.channel.publicKey };
}

/**
 * A web chat desk, Chromium, and the admin signed in on a laptop-sized Japanese page: what most browser tests start
 * from. `close` stops all of it.
 */
export async function signedInWebchatDesk(shotDir: string) {
  mkdirSync(shotDir, { recursive: true });
  const desk = await webchatDesk();
  const browser: Browser = await launchBrowser();
  const page = await (await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 860 } })).newPage();
  page.setDefaultTimeout(15_000);
  await signIn(page, desk.koe.base);
  return {
    desk,
    browser,
    page,
    async close() {
      await browser.close();
      await desk.koe.stop();
      await desk.db.drop();
    },
  };
}

/** A new widget visitor writes one message; returns the open conversation once its jobs (triage, routing) have run. */
export async function visitorWrites(koe: RunningKoe, admin: Client, publicKey: string, text: string): Promise<any> {
  const visitor = new Visitor(koe.base, publicKey);
  await visitor.open();
  expect((await visitor.say(text)).status).toBeLessThan(300);
  await koe.koe.jobs.drain();
  return waitFor(
    async () =>
      ((await admin.get('/api/conversations?status=open&limit=100')).body.items as any[]).find(
        (c) => c.preview === text,
      ),
    10_000,
  );
}
