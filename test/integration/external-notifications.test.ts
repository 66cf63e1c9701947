import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTIFICATION_DELIVER, notificationDeliverer, sendTestNotification } from '../../src/desk/notify-external';
import { PermanentJobError } from '../../src/jobs/queue';
import { mailRelay } from './mail-relay';
import {
  Client,
  dialects,
  freshDatabase,
  seededDesk,
  startKoe,
  Visitor,
  waitFor,
  type RunningKoe,
  type TestDatabase,
} from './harness';

const SECRET = 'whsec-test-0123456789';
const PUBLIC_URL = 'https://desk.example.com';

interface Hit {
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: any;
}

/** A webhook receiver on loopback: records every request; answers with the queued statuses, then 200. */
async function receiver() {
  const hits: Hit[] = [];
  const replies: { status: number; headers?: Record<string, string> }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      hits.push({ headers: req.headers, raw, body: JSON.parse(raw) });
      const r = replies.shift() ?? { status: 200 };
      res.writeHead(r.status, { 'content-type': 'text/plain', ...r.headers }).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks/koe`,
    hits,
    replies,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** What a receiver does: HMAC-SHA256 of the raw body with the shared secret, compared in constant time. */
function signatureValid(raw: string, header: string | string[] | undefined, secret: string): boolean {
  if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(raw).digest('hex'));
  const got = Buffer.from(header.slice('sha256='.length));
  return got.length === expected.length && timingSafeEqual(got, expected);
}

describe.each(dialects)('external notifications: email and outgoing webhook (%s)', (dialect) => {
  let db: TestDatabase;
  let koe: RunningKoe;
  let admin: Client;
  let channel: any;
  let hook: Awaited<ReturnType<typeof receiver>>;
  let relay: Awaited<ReturnType<typeof mailRelay>>;
  let l3: { client: Client; id: string; email: string };
  let l1: { client: Client; id: string; email: string };
  let settings: any;

  const addAgent = async (email: string, name: string, level: number) => {
    const created = await admin.post('/api/agents', {
      email,
      name,
      level,
      role: 'agent',
      skills: ['billing', 'general'],
      password: 'agent-password-1',
    });
    expect(created.status).toBe(201);
    const client = new Client(koe.base);
    await client.post('/api/auth/login', { email, password: 'agent-password-1' });
    return { client, id: created.body.id as string, email };
  };
  const write = async (text: string) => {
    const v = new Visitor(koe.base, channel.publicKey);
    await v.open();
    await v.say(text);
    await koe.koe.jobs.drain();
    return ((await admin.get('/api/conversations?limit=100')).body.items as any[]).find((c) => c.preview === text);
  };
  const escalate = async (conversationId: string) => {
    const r = await admin.post(`/api/conversations/${conversationId}/escalations`, {
      toLevel: 3,
      toAgentId: l3.id,
      note: '返金の可否をL3で判断してください。お客様には本日中の連絡を約束済み。',
    });
    expect(r.status).toBe(201);
    await koe.koe.jobs.drain();
  };
  const hitsFor = (conversationId: string) => hook.hits.filter((h) => h.body.conversationId === conversationId);
  const deliveryJobs = async () =>
    (await koe.koe.db.selectFrom('jobs').selectAll().where('name', '=', NOTIFICATION_DELIVER).execute()).map((j) => ({
      ...j,
      payload: JSON.parse(j.payload),
    }));
  const put = (patch: (s: any) => any) => admin.req('PUT', '/api/settings/desk', patch(structuredClone(settings)));

  beforeAll(async () => {
    hook = await receiver();
    relay = await mailRelay();
    db = await freshDatabase(dialect);
    koe = await startKoe(db, {
      env: {
        KOE_SMTP_URL: `smtp://127.0.0.1:${relay.port}`,
        KOE_MAIL_FROM: 'Koe Desk <desk@koe.example>',
        KOE_PUBLIC_URL: PUBLIC_URL,
      },
    });
    ({ admin, channel } = await seededDesk(koe.base));
    l3 = await addAgent('l3@koe.example', '佐藤', 3);
    l1 = await addAgent('l1@koe.example', '鈴木', 1);
    settings = (await admin.get('/api/settings/desk')).body;
  });
  afterAll(async () => {
    await koe?.stop();
    await db?.drop();
    await hook?.close();
    await relay?.close();
  });

  it('is off by default, with the documented default kinds, and a stored row from before still parses', async () => {
    const defaults = {
      email: {
        enabled: false,
        kinds: ['unassigned_urgent', 'escalated', 'sla.breached', 'spike'],
        smtpConfigured: true,
      },
      webhook: {
        url: null,
        hasSecret: false,
        kinds: ['assigned_urgent', 'unassigned_urgent', 'escalated', 'sla.warning', 'sla.breached', 'spike'],
      },
    };
    expect(settings.notifications).toEqual(defaults);
    const { notifications: _n, ...old } = settings;
    const workspaceId = (await koe.koe.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow()).id;
    await koe.koe.db.deleteFrom('workspace_settings').execute();
    await koe.koe.db
      .insertInto('workspace_settings')
      .values({
        workspace_id: workspaceId,
        settings: JSON.stringify({ ...old, autoAssign: { enabled: true, strategy: 'round_robin' } }),
        updated_at: new Date().toISOString(),
      })
      .execute();
    const got = (await admin.get('/api/settings/desk')).body;
    expect(got.autoAssign.strategy).toBe('round_robin');
    expect(got.notifications).toEqual(defaults);
    expect((await admin.req('PUT', '/api/settings/desk', settings)).status).toBe(200);
  });

  it('rejects webhook URLs that are not https (plain http only to loopback) with the field path', async () => {
    for (const url of [
      'ftp://hooks.example.com/koe',
      'http://hooks.example.com/koe',
      'http://10.0.0.5/koe',
      'not a url',
      'https://user:pw@hooks.example.com/',
    ]) {
      const r = await put((s) => ({
        ...s,
        notifications: { ...s.notifications, webhook: { ...s.notifications.webhook, url } },
      }));
      expect(r.status, url).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(r.body.errors.map((e: any) => e.path)).toContain('body.notifications.webhook.url');
    }
    const kinds = await put((s) => ({
      ...s,
      notifications: { ...s.notifications, email: { enabled: true, kinds: ['everything'] } },
    }));
    expect(kinds.status).toBe(400);
    expect(kinds.body.errors[0].path).toMatch(/^body\.notifications\.email\.kinds/);
    for (const url of ['https://hooks.example.com/koe', 'http://localhost:8080/x', hook.url]) {
      const r = await put((s) => ({
        ...s,
        notifications: { ...s.notifications, webhook: { ...s.notifications.webhook, url } },
      }));
      expect(r.status, url).toBe(200);
    }
  });

  it('keeps the secret write-only: sealed at rest, never returned by GET, PUT or the audit log; URL for admins only', async () => {
    const r = await put((s) => ({
      ...s,
      notifications: {
        email: { enabled: true, kinds: ['escalated'] },
        webhook: { url: hook.url, secret: SECRET, kinds: ['escalated', 'spike'] },
      },
    }));
    expect(r.status).toBe(200);
    expect(r.body.notifications.webhook).toEqual({ url: hook.url, hasSecret: true, kinds: ['escalated', 'spike'] });
    const got = await admin.get('/api/settings/desk');
    expect(got.body.notifications.webhook).toEqual({ url: hook.url, hasSecret: true, kinds: ['escalated', 'spike'] });
    const stored = await koe.koe.db.selectFrom('workspace_settings').select('settings').executeTakeFirstOrThrow();
    const audit = (await admin.get('/api/audit')).body.items;
    for (const text of [JSON.stringify(r.body), JSON.stringify(got.body), stored.settings, JSON.stringify(audit)])
      expect(text).not.toContain(SECRET);
    expect(JSON.parse(stored.settings).notifications.webhook.secret).toMatch(/^v1\./);
    // An agent reads desk settings (business hours…) but not where notifications go.
    const asAgent = (await l1.client.get('/api/settings/desk')).body.notifications.webhook;
    expect(asAgent).toEqual({ url: null, hasSecret: true, kinds: ['escalated', 'spike'] });
    // Round-tripping what GET returned (hasSecret, no secret) keeps the secret.
    settings = got.body;
    expect((await put((s) => s)).body.notifications.webhook.hasSecret).toBe(true);
    const sealed = async () =>
      JSON.parse(
        (await koe.koe.db.selectFrom('workspace_settings').select('settings').executeTakeFirstOrThrow()).settings,
      ).notifications.webhook.secret;
    expect(await sealed()).toBe(JSON.parse(stored.settings).notifications.webhook.secret);
    // A client that predates the section leaves it out: the stored notifications are kept.
    const { notifications: _n, ...old } = settings;
    expect((await admin.req('PUT', '/api/settings/desk', old)).body.notifications.webhook).toEqual({
      url: hook.url,
      hasSecret: true,
      kinds: ['escalated', 'spike'],
    });
    expect(await sealed()).toBe(JSON.parse(stored.settings).notifications.webhook.secret);
  });

  it('an escalation sends one signed webhook and an email to the receiver', async () => {
    const c = await write('ポイントの付与について質問があります。先月の購入分が反映されていません');
    await escalate(c.id);
    await waitFor(async () => hitsFor(c.id).length >= 1 && relay.received.some((m) => m.to.includes(l3.email)));
    await koe.koe.jobs.drain();

    const [hit, ...more] = hitsFor(c.id);
    expect(more).toHaveLength(0);
    expect(hit.headers['content-type']).toBe('application/json');
    expect(hit.headers['user-agent']).toBe('Koe');
    expect(hit.headers['x-koe-event']).toBe('escalated');
    expect(hit.headers['x-koe-delivery']).toBe(hit.body.id);
    expect(signatureValid(hit.raw, hit.headers['x-koe-signature'], SECRET)).toBe(true);
    expect(signatureValid(hit.raw, hit.headers['x-koe-signature'], 'another-secret')).toBe(false);
    expect(hit.body).toEqual({
      id: expect.any(String),
      kind: 'escalated',
      title: expect.stringContaining('エスカレーション L3'),
      body: expect.stringContaining('返金の可否'),
      // The same event in English, for receivers that post to English-speaking teams.
      en: { title: expect.stringContaining('Escalated to L3'), body: expect.stringContaining('返金の可否') },
      conversationId: c.id,
      url: `${PUBLIC_URL}/conversations/${c.id}`,
      workspaceId: expect.any(String),
      createdAt: expect.any(String),
    });

    // Email: to the receiver only (the admin escalated it, so is not notified), never to the sender.
    const mails = relay.received.filter((m) => m.mail.text?.includes(`${PUBLIC_URL}/conversations/${c.id}`));
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toEqual([l3.email]);
    expect(mails[0].mail.subject).toBe(hit.body.title);
    expect(mails[0].mail.from?.text).toContain('desk@koe.example');
    expect(mails[0].mail.text).toContain('返金の可否');
    // The in-app notification is unchanged.
    const inApp = (await l3.client.get('/api/notifications')).body.items;
    expect(inApp.find((n: any) => n.conversationId === c.id)).toMatchObject({
      kind: 'escalated',
      title: hit.body.title,
      urgent: true,
    });
  });

  it('does not send kinds that are not selected', async () => {
    expect((await l3.client.req('PUT', '/api/me/presence', { presence: 'online' })).status).toBe(200);
    const mailsBefore = relay.received.length;
    const c = await write('カードで二重請求されています。至急返金してください');
    expect(c.level).toBe(3);
    expect(c.assignee?.id).toBe(l3.id);
    // The urgent assignment reached the agent in the app…
    const inApp = (await l3.client.get('/api/notifications')).body.items;
    expect(inApp.find((n: any) => n.conversationId === c.id)).toMatchObject({ kind: 'assigned', urgent: true });
    // …but assigned_urgent is neither a webhook kind nor an email kind here: nothing was queued or sent.
    expect((await deliveryJobs()).filter((j) => j.payload.event.conversationId === c.id)).toHaveLength(0);
    expect(hitsFor(c.id)).toHaveLength(0);
    expect(relay.received.length).toBe(mailsBefore);
    await l3.client.req('PUT', '/api/me/presence', { presence: 'offline' });
  });

  it('retries a 500 and delivers once, with the same delivery id', async () => {
    hook.replies.push({ status: 500 });
    const c = await write('配送先の変更をお願いしたいのですが、まだ間に合いますか');
    await escalate(c.id);
    await waitFor(async () => hitsFor(c.id).length >= 2, 10_000);
    await koe.koe.jobs.drain();
    await new Promise((r) => setTimeout(r, 300));
    const hits = hitsFor(c.id);
    expect(hits).toHaveLength(2);
    expect(hits[0].headers['x-koe-delivery']).toBe(hits[1].headers['x-koe-delivery']);
    expect(hits[1].raw).toBe(hits[0].raw);
    const job = (await deliveryJobs()).find(
      (j) => j.payload.channel === 'webhook' && j.payload.event.conversationId === c.id,
    )!;
    expect(job).toMatchObject({ status: 'done' });
    expect(Number(job.attempts)).toBe(2);
  });

  it('honours Retry-After on a 429', async () => {
    hook.replies.push({ status: 429, headers: { 'retry-after': '1' } });
    const c = await write('クーポンコードが使えません。期限内のはずです');
    const started = Date.now();
    await escalate(c.id);
    await waitFor(async () => hitsFor(c.id).length >= 2, 10_000);
    const hits = hitsFor(c.id);
    expect(hits.map((h) => h.body.id)).toEqual([hits[0].body.id, hits[0].body.id]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('records a 400 as a permanent failure without retrying', async () => {
    hook.replies.push({ status: 400 });
    const c = await write('領収書の宛名を変更して再発行してほしいです');
    await escalate(c.id);
    await waitFor(async () =>
      (await deliveryJobs()).find(
        (j) => j.payload.channel === 'webhook' && j.payload.event.conversationId === c.id && j.status === 'failed',
      ),
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(hitsFor(c.id)).toHaveLength(1);
    const job = (await deliveryJobs()).find(
      (j) => j.payload.channel === 'webhook' && j.payload.event.conversationId === c.id,
    )!;
    expect(Number(job.attempts)).toBe(1);
    expect(job.last_error).toContain('HTTP 400');
    const audit = (await admin.get('/api/audit')).body.items;
    expect(
      audit.find((a: any) => a.action === 'notification.delivery_failed' && a.target?.id === c.id)?.detail,
    ).toMatchObject({ channel: 'webhook', status: 400, kind: 'escalated' });
    // The email for the same event is a separate job and was delivered.
    expect(
      (await deliveryJobs()).find((j) => j.payload.channel === 'email' && j.payload.event.conversationId === c.id),
    ).toMatchObject({ status: 'done' });
  });

  it('test endpoint: sends a signed test event or a test email now; admins only', async () => {
    const before = hook.hits.length;
    const r = await admin.post('/api/settings/desk/notifications/test', { target: 'webhook' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: true, status: 200 });
    const hit = hook.hits[before];
    expect(hit.headers['x-koe-event']).toBe('test');
    expect(signatureValid(hit.raw, hit.headers['x-koe-signature'], SECRET)).toBe(true);

    hook.replies.push({ status: 503 });
    expect((await admin.post('/api/settings/desk/notifications/test', { target: 'webhook' })).body).toEqual({
      ok: false,
      status: 503,
      error: 'webhook: HTTP 503',
    });

    const mail = await admin.post('/api/settings/desk/notifications/test', { target: 'email' });
    expect(mail.body).toEqual({ ok: true });
    await waitFor(async () => relay.received.find((m) => m.to.includes('admin@koe.example')));

    expect((await l1.client.post('/api/settings/desk/notifications/test', { target: 'webhook' })).status).toBe(403);
    expect((await l1.client.req('PUT', '/api/settings/desk', settings)).status).toBe(403);
  });

  it('without KOE_SMTP_URL an email fails permanently with a clear error instead of crashing', async () => {
    const noSmtp = {
      db: koe.koe.db,
      log: pino({ level: 'silent' }),
      config: { ...koe.koe.config, mail: { from: 'Koe <koe@localhost>' } },
    };
    const workspaceId = (await koe.koe.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow()).id;
    const test = await sendTestNotification(noSmtp, workspaceId, 'email', 'admin@koe.example');
    expect(test).toEqual({ ok: false, error: expect.stringContaining('KOE_SMTP_URL is not set') });
    const event = {
      id: 'evt-no-smtp',
      kind: 'escalated' as const,
      workspaceId,
      conversationId: null,
      title: 't',
      body: 'b',
      createdAt: new Date().toISOString(),
    };
    const run = notificationDeliverer(noSmtp)(
      { channel: 'email', agentId: l3.id, event },
      { jobId: 'j', attempt: 1, maxAttempts: 10, isFinalAttempt: false },
    );
    await expect(run).rejects.toBeInstanceOf(PermanentJobError);
    await expect(run).rejects.toThrow(/KOE_SMTP_URL/);
  });
});
