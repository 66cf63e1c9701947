import { createHmac } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  freshDatabase,
  seededDesk,
  startKoe,
  waitFor,
  type RunningKoe,
  type TestDatabase,
} from '../integration/harness';
import { signIn } from './desk';
import { launchBrowser, resize, SHOTS, WEB_DIST } from './browser';

// Screenshots go to .tmp/screenshots unless KOE_SHOTS names another folder.
const SHOT_DIR = process.env.KOE_SHOTS ?? SHOTS;
const LINE_SECRET = 'line-channel-secret-e2e';
const X_SECRET = 'x-consumer-secret-e2e';
const BRAND_ID = '2244994945';
const LINE_TEXT = 'ポチ丸の電源が入りません。どうすればいいですか？';
const X_TEXT = '@KoeMart 昨日注文した商品の請求が二重になっています。確認してください。';
const LINE_REPLY = 'ご不便をおかけして申し訳ございません。電源ボタンを10秒長押ししてみてください。';
const X_REPLY = 'ご不便をおかけしております。すぐに確認いたします。';
const DM_TEMPLATE = '詳しくお伺いしたいので、DMでご連絡させていただきます。';

interface Call {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: any;
}

/** A loopback HTTP API that records every call; `route` answers [status, body] or null for 404. */
async function fakeApi(route: (method: string, path: string) => [number, unknown] | null) {
  const calls: Call[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://fake');
      calls.push({ method: req.method!, path: url.pathname, headers: req.headers, body: raw ? JSON.parse(raw) : null });
      const [status, body] = route(req.method!, url.pathname) ?? [
        404,
        { title: 'Not Found', detail: `no route ${url.pathname}` },
      ];
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  // LINE's SDK needs a bare origin (no path).
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    calls,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** LINE Messaging API: bot info, profiles, reply and push. */
const fakeLine = () => {
  let sent = 0;
  return fakeApi((method, p) => {
    if (p === '/v2/bot/info')
      return [
        200,
        { userId: 'Ubot', basicId: '@koemart', displayName: 'Koeマート', chatMode: 'chat', markAsReadMode: 'manual' },
      ];
    if (p === '/v2/bot/profile/Ue2etanaka')
      return [200, { userId: 'Ue2etanaka', displayName: '田中 一郎', language: 'ja' }];
    if (method === 'POST' && (p === '/v2/bot/message/reply' || p === '/v2/bot/message/push'))
      return [200, { sentMessages: [{ id: `line-sent-${++sent}`, quoteToken: 'q' }] }];
    return null;
  });
};

/** X API v2: the brand account, replies and DMs. */
const fakeX = () => {
  let n = 0;
  return fakeApi((method, p) => {
    if (p === '/2/users/me') return [200, { data: { id: BRAND_ID, name: 'Koeマート', username: 'KoeMart' } }];
    if (method === 'POST' && p === '/2/tweets')
      return [201, { data: { id: `19000000000000000${++n}`, text: 'ok', edit_history_tweet_ids: [] } }];
    const dm = /^\/2\/dm_conversations\/with\/(\d+)\/messages$/.exec(p);
    if (method === 'POST' && dm)
      return [201, { data: { dm_conversation_id: `${BRAND_ID}-${dm[1]}`, dm_event_id: `17000000000000000${++n}` } }];
    return null;
  });
};

const fixture = (p: string) => JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../fixtures', p), 'utf8'));

function lineEvent(text: string) {
  const body = fixture('line/message-text-user.json');
  const e = body.events[0];
  e.webhookEventId = `01E2E${Date.now()}`;
  e.timestamp = Date.now();
  e.replyToken = `token-${e.webhookEventId}`;
  e.message = { ...e.message, id: `m-${e.webhookEventId}`, text };
  e.source = { type: 'user', userId: 'Ue2etanaka' };
  return body;
}

describe('social channels in Chromium: LINE and X set up, answered, moved to DM', () => {
  let db: TestDatabase;
  let koe: RunningKoe;
  let browser: Browser;
  let page: Page;
  let admin: Client;
  let line: Awaited<ReturnType<typeof fakeApi>>;
  let x: Awaited<ReturnType<typeof fakeApi>>;
  const hooks: Record<'line' | 'x', string> = { line: '', x: '' };

  const shot = async (name: string) => {
    await page.waitForTimeout(400); // let transitions finish
    await page.screenshot({ path: path.join(SHOT_DIR, `${name}-1280.png`) });
    await resize(page, { width: 375, height: 800 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOT_DIR, `${name}-375.png`) });
    await resize(page, { width: 1280, height: 800 });
    await page.waitForTimeout(400);
  };
  const card = (kind: string) => page.locator(`[data-testid="channel-card"][data-kind="${kind}"]`);
  const addChannel = async (kind: string, name: string, creds: Record<string, string>) => {
    await page.getByTestId('channel-add').click();
    await page.getByTestId('channel-kind').selectOption(kind);
    await page.getByTestId('channel-name').fill(name);
    for (const [field, value] of Object.entries(creds)) await page.getByTestId(`cred-${field}`).fill(value);
    await page.getByTestId('channel-create').click();
    await card(kind).waitFor();
    const url = (await card(kind).getByTestId('webhook-url').innerText()).trim();
    expect(url).toMatch(new RegExp(`^${koe.base}/webhooks/${kind}/`));
    await card(kind).getByTestId('channel-test').click();
    const result = card(kind).getByTestId('channel-test-result');
    await result.waitFor();
    await expect.poll(() => result.getAttribute('data-ok')).toBe('true');
    return url;
  };
  const deliver = (url: string, body: unknown, header: string, sign: (raw: string) => string) => {
    const raw = JSON.stringify(body);
    return fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [header]: sign(raw) },
      body: raw,
    });
  };
  const conversationWith = (name: string) =>
    waitFor(async () => {
      await koe.koe.jobs.drain();
      return ((await admin.get('/api/conversations?limit=100')).body.items as any[]).find(
        (c) => c.customer.name === name,
      );
    }, 10_000);
  const openConversation = async (id: string) => {
    await page.locator(`[data-testid="conversation-item"][data-conversation-id="${id}"]`).click();
    await page.locator(`[data-testid="conversation-view"][data-conversation-id="${id}"]`).waitFor();
  };
  const sendReply = async (text: string) => {
    await page.getByTestId('composer-input').fill(text);
    await page.getByTestId('composer-send').click();
    await page.getByTestId('message').filter({ hasText: text }).first().waitFor();
  };

  beforeAll(async () => {
    mkdirSync(SHOT_DIR, { recursive: true });
    db = await freshDatabase('sqlite');
    koe = await startKoe(db, { webDist: WEB_DIST });
    admin = (await seededDesk(koe.base)).admin;
    line = await fakeLine();
    x = await fakeX();
    browser = await launchBrowser();
    const ctx = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 800 } });
    page = await ctx.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, koe.base);
    await page.locator('html[data-realtime="open"]').waitFor({ state: 'attached' });
  });
  afterAll(async () => {
    await browser?.close();
    await koe?.stop();
    await db?.drop();
    await line?.close();
    await x?.close();
  });

  it('adds LINE and X channels through the form, shows their webhook URLs and passes the connection test', async () => {
    await page.goto(koe.base + '/admin/channels');
    // A wrong credential is named next to its field.
    await page.getByTestId('channel-add').click();
    await page.getByTestId('channel-kind').selectOption('x');
    await page.getByTestId('channel-name').fill('X 公式');
    await page.getByTestId('cred-consumerSecret').fill(X_SECRET);
    await page.getByTestId('cred-accessToken').fill('user-token');
    await page.getByTestId('cred-userId').fill('not-a-number');
    await page.getByTestId('cred-handle').fill('@KoeMart');
    await page.getByTestId('channel-create').click();
    await page.getByText('must be the numeric id of the brand account').first().waitFor();
    await page.keyboard.press('Escape');

    hooks.line = await addChannel('line', 'LINE公式アカウント', {
      channelSecret: LINE_SECRET,
      channelAccessToken: 'line-token',
      apiBaseUrl: line.url,
    });
    hooks.x = await addChannel('x', 'X 公式', {
      consumerSecret: X_SECRET,
      accessToken: 'user-token',
      userId: BRAND_ID,
      handle: '@KoeMart',
      apiBaseUrl: x.url,
      pollIntervalSeconds: '0',
    });
    expect(line.calls.some((c) => c.path === '/v2/bot/info')).toBe(true);
    expect(x.calls.some((c) => c.path === '/2/users/me' && c.headers.authorization === 'Bearer user-token')).toBe(true);
    await shot('channels-line-x');
  });

  it('receives a signed LINE message and a signed X mention; replies on LINE and publicly on X', async () => {
    const lineSig = (raw: string) => createHmac('sha256', LINE_SECRET).update(raw).digest('base64');
    const xSig = (raw: string) => `sha256=${createHmac('sha256', X_SECRET).update(raw).digest('base64')}`;
    expect((await deliver(hooks.line, lineEvent(LINE_TEXT), 'x-line-signature', lineSig)).status).toBe(200);
    expect(
      (await deliver(hooks.x, fixture('x/tweet-create-mention.json'), 'x-twitter-webhooks-signature', xSig)).status,
    ).toBe(200);
    const lineConv = await conversationWith('田中 一郎');
    const xConv = await conversationWith('中村 陽子');

    await page.goto(koe.base + '/');
    for (const c of [lineConv, xConv]) {
      const item = page.locator(`[data-testid="conversation-item"][data-conversation-id="${c.id}"]`);
      await item.waitFor();
      await expect.poll(() => item.getByTestId('channel-badge').getAttribute('data-kind')).toBe(c.channel.kind);
    }

    await openConversation(lineConv.id);
    await expect.poll(() => page.getByTestId('reply-goes').innerText()).toContain('LINE');
    await sendReply(LINE_REPLY);
    await expect
      .poll(() => line.calls.filter((c) => /message\/(reply|push)$/.test(c.path)).map((c) => c.body.messages[0].text))
      .toContain(LINE_REPLY);

    await openConversation(xConv.id);
    await page.getByTestId('message').filter({ hasText: X_TEXT }).waitFor();
    await expect.poll(() => page.getByTestId('reply-goes').innerText()).toContain('公開の返信としてXに投稿されます');
    await sendReply(X_REPLY);
    await expect
      .poll(() => x.calls.filter((c) => c.path === '/2/tweets').map((c) => c.body))
      .toContainEqual({ text: X_REPLY, reply: { in_reply_to_tweet_id: '1852345678901234567' } });

    // 150 Japanese characters weigh 300: over X's 280, so the counter turns red and sending stops.
    await page.getByTestId('composer-input').fill('あ'.repeat(150));
    const counter = page.getByTestId('reply-length');
    await expect.poll(() => counter.getAttribute('data-over')).toBe('true');
    await expect.poll(() => counter.innerText()).toContain('300 / 280');
    await expect.poll(() => page.getByTestId('composer-send').isDisabled()).toBe(true);
    await shot('x-conversation-over-limit');
    await page.getByTestId('composer-input').fill('');
  });

  it('moves the public X complaint to DM with 非公開で続ける（DM）', async () => {
    const xConv = await conversationWith('中村 陽子');
    await page.getByTestId('continue-privately').click();
    const text = page.getByTestId('continue-privately-text');
    await text.waitFor();
    await expect.poll(() => text.inputValue()).toBe(DM_TEMPLATE);
    // Phones show the conversation in another layout: the dialog is opened again there.
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(SHOT_DIR, 'x-continue-privately-dialog-1280.png') });
    await resize(page, { width: 375, height: 800 });
    await page.waitForTimeout(400);
    if (!(await text.isVisible())) await page.getByTestId('continue-privately').click();
    await text.waitFor();
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(SHOT_DIR, 'x-continue-privately-dialog-375.png') });
    await page.getByTestId('continue-privately-submit').click();
    await page.getByTestId('continue-privately-text').waitFor({ state: 'detached' });
    await resize(page, { width: 1280, height: 800 });
    await expect
      .poll(() => x.calls.filter((c) => c.path === '/2/dm_conversations/with/6253282/messages').map((c) => c.body.text))
      .toContain(DM_TEMPLATE);
    await expect.poll(() => page.getByTestId('reply-goes').innerText()).toContain('DM');
    await expect.poll(() => page.getByTestId('continue-privately').count()).toBe(0);
    expect((await admin.get(`/api/conversations/${xConv.id}`)).body.replyContext).toMatchObject({
      replyMode: 'dm',
      replyGoes: 'private',
    });
    await shot('x-conversation-dm');
  });
});
