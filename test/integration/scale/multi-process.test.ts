import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, Client, freshDatabase, seededDesk, signedInAgent, waitFor, type TestDatabase } from '../harness';

/**
 * The scaled-out shape for real: two web and two worker processes (`koe start --role …`) on one fresh PostgreSQL
 * database and one Redis. Realtime and presence cross processes; a worker killed with SIGKILL in a burst of webhooks and
 * replies loses nothing, duplicates nothing, and sends no reply twice.
 */
const PG = process.env.KOE_TEST_PG_URL;
const REDIS = process.env.KOE_TEST_REDIS_URL;
const runs = Boolean(
  PG && REDIS && (!process.env.KOE_TEST_DIALECTS || process.env.KOE_TEST_DIALECTS.split(',').includes('postgres')),
);
if (!runs) console.log('scale/multi-process: skipped (needs KOE_TEST_PG_URL and KOE_TEST_REDIS_URL)');

const ROOT = path.resolve(import.meta.dirname, '../../..');
const LINE_SECRET = 'line-secret-for-scale';
/** The fake LINE API answers sends this late, so the worker killed after the first send arrives dies mid-send. */
const SEND_DELAY_MS = 400;

interface KoeProcess {
  role: 'web' | 'worker';
  proc: ChildProcess;
  base: string;
  output: string[];
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

async function startKoeProcess(role: 'web' | 'worker', env: Record<string, string>): Promise<KoeProcess> {
  const port = await freePort();
  const proc = spawn(process.execPath, [path.join(ROOT, 'bin/koe.mjs'), 'start', '--role', role], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), KOE_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const p: KoeProcess = { role, proc, base: `http://127.0.0.1:${port}`, output: [] };
  const keep = (d: Buffer) => p.output.push(d.toString()) > 50 && p.output.shift();
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  let exited = false;
  proc.once('exit', () => (exited = true));
  await waitFor(async () => {
    if (exited) throw new Error(`koe start --role ${role} exited early:\n${p.output.join('')}`);
    // A worker answers only /healthz; a web process answers anything once it listens.
    return fetch(`${p.base}${role === 'worker' ? '/healthz' : '/api/auth/options'}`).then(
      (r) => r.status < 500,
      () => false,
    );
  }, 45_000);
  return p;
}

/**
 * LINE's Messaging API as far as Koe uses it here: profiles, and replies and pushes that are *accepted when they
 * arrive* (answered later), with LINE's own guards against doing one twice: a reply token works once, and a push
 * repeated with the same X-Line-Retry-Key is answered 409 without sending again.
 */
async function fakeLine() {
  const delivered: string[] = [];
  /** Every reply and push as LINE saw it (path, reply token or retry key, status), for a failure's message. */
  const log: string[] = [];
  let firstSend = () => {};
  const sending = new Promise<void>((r) => (firstSend = r));
  const tokens = new Set<string>();
  const retryKeys = new Set<string>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const answer = (status: number, json: object, headers: Record<string, string> = {}, delay = 0) =>
        setTimeout(() => {
          res.writeHead(status, { 'content-type': 'application/json', ...headers });
          res.end(JSON.stringify(json));
        }, delay);
      const url = req.url ?? '';
      if (req.method === 'GET' && url.startsWith('/v2/bot/profile/'))
        return answer(200, { userId: url.split('/').pop(), displayName: 'スケール顧客' });
      const sent = () => {
        const texts = ((JSON.parse(body) as { messages: { text: string }[] }).messages ?? []).map((m) => m.text);
        delivered.push(...texts);
        firstSend();
        return { sentMessages: texts.map((_, i) => ({ id: `${Date.now()}${i}`, quoteToken: 'q' })) };
      };
      if (url === '/v2/bot/message/reply') {
        const token = (JSON.parse(body) as { replyToken: string }).replyToken;
        log.push(`reply ${token} ${tokens.has(token) ? 400 : 200} ${body.slice(-40)}`);
        if (tokens.has(token)) return answer(400, { message: 'Invalid reply token' });
        tokens.add(token);
        return answer(200, sent(), {}, SEND_DELAY_MS);
      }
      if (url === '/v2/bot/message/push') {
        const key = String(req.headers['x-line-retry-key'] ?? '');
        log.push(`push ${key} ${key && retryKeys.has(key) ? 409 : 200} ${body.slice(-40)}`);
        if (key && retryKeys.has(key))
          return answer(409, { message: 'The retry key is already accepted' }, { 'x-line-accepted-request-id': key });
        if (key) retryKeys.add(key);
        return answer(200, sent(), {}, SEND_DELAY_MS);
      }
      answer(200, {});
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    delivered,
    log,
    /** Resolves when the first reply or push arrives (and is not yet answered). */
    sending,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** An agent's SSE stream, every event kept. */
function openStream(url: string, cookie: string) {
  const events: { type: string; data: any }[] = [];
  const ac = new AbortController();
  let resolveOpened = () => {};
  const opened = new Promise<void>((r) => (resolveOpened = r));
  void (async () => {
    const res = await fetch(url, { headers: { cookie }, signal: ac.signal });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buf += decoder.decode(value, { stream: true });
      if (buf.includes(': connected')) resolveOpened();
      let i: number;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const type = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (type && data) events.push({ type, data: JSON.parse(data) });
      }
    }
  })().catch(() => {});
  return { events, opened, close: () => ac.abort() };
}

function lineWebhook(n: number, text: string) {
  return JSON.stringify({
    destination: 'U0',
    events: [
      {
        type: 'message',
        webhookEventId: `01SCALE${n}`,
        timestamp: Date.now(),
        replyToken: `rt-scale-${n}`,
        mode: 'active',
        deliveryContext: { isRedelivery: false },
        source: { type: 'user', userId: `Uscale${n % 40}` },
        message: { type: 'text', id: `${7000000 + n}`, text, quoteToken: 'q' },
      },
    ],
  });
}

describe.skipIf(!runs)('two web and two worker processes on PostgreSQL and Redis', () => {
  let db: TestDatabase;
  let sql: pg.Client;
  let line: Awaited<ReturnType<typeof fakeLine>>;
  let webA: KoeProcess, webB: KoeProcess, worker1: KoeProcess, worker2: KoeProcess;
  let adminA: Client, adminB: Client;
  let channelId: string;
  let redis: Redis;
  let prefix: string;
  let env: Record<string, string>;
  /** Waits (up to 40 s) until every inbound event is processed and no job waits or runs (nor any reply, if asked). */
  const settled = (o: { outbox: boolean }) =>
    waitFor(async () => {
      const r = await sql.query<{ pending: string }>(
        `select (select count(*) from inbound_events where status <> 'processed')
              + ${o.outbox ? "(select count(*) from outbox where status <> 'sent')" : '0'}
              + (select count(*) from jobs where status in ('queued', 'running')) as pending`,
      );
      return Number(r.rows[0].pending) === 0;
    }, 40_000);
  /** The pid of the worker holding a singleton's lease (X polling, the SMTP listener), if any. */
  const leaseHolder = async (name: string) => Number((await redis.get(`${prefix}lease:${name}`))?.split(':')[0]);

  const deliver = (to: KoeProcess, n: number, text: string) => {
    const raw = lineWebhook(n, text);
    return fetch(`${to.base}/webhooks/line/${channelId}`, {
      method: 'POST',
      body: raw,
      headers: {
        'content-type': 'application/json',
        'x-line-signature': createHmac('sha256', LINE_SECRET).update(raw).digest('base64'),
      },
    });
  };

  beforeAll(async () => {
    db = await freshDatabase('postgres');
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    line = await fakeLine();
    prefix = `koe-scale-${process.pid}-${randomBytes(3).toString('hex')}:`;
    redis = new Redis(REDIS!);
    env = {
      KOE_DATABASE_URL: db.url!,
      KOE_DATA_DIR: db.dataDir,
      KOE_SECRET_KEY: randomBytes(32).toString('hex'),
      KOE_REDIS_URL: REDIS!,
      KOE_REDIS_PREFIX: prefix,
      KOE_LEASE_SECONDS: '4',
      KOE_LOG_LEVEL: 'warn',
    };
    // Two processes migrate the fresh database at once (the migrator locks); worker 1, first up, takes the leases.
    [webA, worker1] = await Promise.all([startKoeProcess('web', env), startKoeProcess('worker', env)]);
    [webB, worker2] = await Promise.all([startKoeProcess('web', env), startKoeProcess('worker', env)]);
    adminA = (await seededDesk(webA.base)).admin;
    adminB = new Client(webB.base);
    expect(
      (await adminB.post('/api/auth/login', { email: ADMIN.adminEmail, password: ADMIN.adminPassword })).status,
    ).toBe(200);
    const channel = await adminA.post('/api/channels', {
      kind: 'line',
      name: 'LINE',
      credentials: { channelSecret: LINE_SECRET, channelAccessToken: 't', apiBaseUrl: line.url },
    });
    expect(channel.status).toBe(201);
    channelId = channel.body.id;
  }, 90_000);

  /** Processes started by the restart test, killed at the end like the first four. */
  const later: KoeProcess[] = [];
  afterAll(async () => {
    for (const p of [webA, webB, worker1, worker2, ...later]) p?.proc.kill('SIGKILL');
    await sql?.end();
    redis?.disconnect();
    await line?.close();
    await db?.drop();
  });

  it('shows an agent on web A, live, a message that arrived on web B and was processed by a worker; presence too', async () => {
    const stream = openStream(`${webA.base}/api/events`, `koe_session=${adminA.cookie('koe_session')}`);
    await stream.opened;
    const sentAt = Date.now();
    expect((await deliver(webB, 0, 'ウェブBに届いた問い合わせ')).status).toBe(200);
    const created = await waitFor(
      async () =>
        stream.events.find((e) => e.type === 'message.created' && e.data.text === 'ウェブBに届いた問い合わせ'),
      10_000,
    );
    const latencyMs = Date.now() - sentAt;
    // BullMQ carried the jobs (its keys live under the desk's Redis prefix), the table recorded them.
    expect((await redis.keys(`${prefix}bull:jobs:*`)).length).toBeGreaterThan(0);

    // 鈴木 opens the conversation on web B and types: the admin's stream on web A shows it, and so does web A's list.
    const suzuki = await signedInAgent(webB.base, adminB);
    const conversationId = created.data.conversationId as string;
    expect((await suzuki.client.put(`/api/conversations/${conversationId}/viewing`, { typing: true })).status).toBe(
      204,
    );
    await waitFor(
      async () =>
        stream.events.find(
          (e) =>
            e.type === 'conversation.viewers' &&
            e.data.viewers.some((v: { name: string; typing: boolean }) => v.name === '鈴木' && v.typing),
        ),
      5_000,
    );
    const viewers = (await adminA.get('/api/conversations/viewers')).body.items;
    expect(viewers).toEqual([{ conversationId, viewers: [{ id: suzuki.id, name: '鈴木', typing: true }] }]);
    stream.close();
    console.log(`scale/multi-process: webhook on web B → worker → SSE on web A in ${latencyMs} ms`);
  }, 30_000);

  it('loses nothing, duplicates nothing and sends no reply twice when a worker is killed in a burst', async () => {
    const total = 160;
    const acknowledged = new Set<number>();
    let next = 1;
    const client = async () => {
      for (let n = next++; n <= total; n = next++) {
        const res = await deliver(n % 2 ? webA : webB, n, `バースト ${n}`);
        if (res.status === 200) acknowledged.add(n);
        await res.arrayBuffer();
      }
    };
    const clients = Array.from({ length: 6 }, client);

    // Agents reply on both web processes while the burst is on. Worker 2 is paused meanwhile, so worker 1 takes the
    // sends; it is killed once LINE has received one (accepted, not yet answered), and worker 2 resumes.
    await waitFor(async () => acknowledged.size >= 40, 20_000);
    const conversations = await waitFor(async () => {
      const r = await sql.query<{ id: string }>('select id from conversations where channel_id = $1 order by id', [
        channelId,
      ]);
      return r.rows.length >= 12 && r.rows.map((row) => row.id).slice(0, 12);
    }, 20_000);
    worker2.proc.kill('SIGSTOP');
    const replies = await Promise.all(
      conversations.map((id, k) =>
        (k % 2 ? adminA : adminB).post(`/api/conversations/${id}/messages`, { text: `返信 ${k}`, force: true }),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(conversations.map(() => 201));
    await line.sending; // LINE has a send; the workers are waiting for its answers
    expect([await leaseHolder('channel:x'), await leaseHolder('channel:email')]).toEqual([
      worker1.proc.pid,
      worker1.proc.pid,
    ]);
    const killedAt = Date.now();
    worker1.proc.kill('SIGKILL');
    worker2.proc.kill('SIGCONT');
    await Promise.all(clients);

    // Everything settles on the surviving worker: events processed, replies sent, no job left.
    await settled({ outbox: true });
    const settledS = ((Date.now() - killedAt) / 1000).toFixed(1);
    // The singletons worker 1 ran moved to worker 2 once its leases lapsed (KOE_LEASE_SECONDS=4).
    await waitFor(
      async () =>
        (await leaseHolder('channel:x')) === worker2.proc.pid &&
        (await leaseHolder('channel:email')) === worker2.proc.pid,
      10_000,
    );

    const stored = (
      await sql.query<{ text: string }>(
        `select m.text from messages m join conversations c on c.id = m.conversation_id
          where c.channel_id = $1 and m.kind = 'customer' and m.text like 'バースト %'`,
        [channelId],
      )
    ).rows.map((r) => Number(r.text.slice('バースト '.length)));
    expect([...acknowledged].filter((n) => !stored.includes(n))).toEqual([]); // nothing acknowledged is lost
    expect(stored.length).toBe(new Set(stored).size); // nor stored twice
    expect(acknowledged.size).toBe(total); // the web processes never stopped acknowledging

    const sentTexts = line.delivered.filter((t) => t.startsWith('返信 '));
    const sentTwice = sentTexts.filter((t, i) => sentTexts.indexOf(t) !== i);
    expect(sentTwice, line.log.join('\n')).toEqual([]);
    expect(new Set(sentTexts).size).toBe(conversations.length);
    const retried = (
      await sql.query<{ name: string; n: string }>(
        'select name, count(*) as n from jobs where attempts > 1 group by name order by name',
      )
    ).rows.map((r) => `${r.name} ×${r.n}`);
    console.log(
      `scale/multi-process: ${total} webhooks over 2 web processes, worker killed mid-burst; ${stored.length} stored once, ` +
        `${sentTexts.length} replies sent once each, jobs run again after the kill: ${retried.join(', ') || 'none'}, all settled ${settledS} s after it`,
    );
  }, 60_000);
  it('keeps every acknowledged webhook when a web process is killed in a burst, and through a rolling restart', async () => {
    /** How each graceful stop went (seconds to exit, exit code), printed below. */
    const stops: string[] = [];
    const stop = (p: KoeProcess, signal: NodeJS.Signals) =>
      new Promise<void>((resolve) => {
        if (p.proc.exitCode !== null || p.proc.signalCode !== null) return resolve();
        const at = Date.now();
        p.proc.once('exit', (code) => {
          if (signal === 'SIGTERM') stops.push(`${p.role} ${((Date.now() - at) / 1000).toFixed(1)} s exit ${code}`);
          resolve();
        });
        p.proc.kill(signal);
      });
    const start = async (role: 'web' | 'worker') => {
      const p = await startKoeProcess(role, env);
      later.push(p);
      return p;
    };
    // What a load balancer does: send to a web process that is up; a request cut off by a dying process is not
    // acknowledged, so the platform sends it again (here: at once, to the other process).
    const webs: KoeProcess[] = [webA, webB];
    const acknowledged = new Set<number>();
    const sendUntilAcknowledged = async (n: number, text: string) => {
      for (let attempt = 0; attempt < 40; attempt++) {
        const to = webs[(n + attempt) % webs.length];
        try {
          const res = await deliver(to, n, text);
          await res.arrayBuffer();
          if (res.status === 200) return acknowledged.add(n);
        } catch {
          // connection refused or reset: that process is down
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`webhook ${n} was never acknowledged`);
    };
    let next = 1000;
    let sending = true;
    // Four senders at about 15 webhooks a second each: steady traffic through every step.
    const clients = Array.from({ length: 4 }, async () => {
      while (sending) {
        await sendUntilAcknowledged(next++, `再起動中 ${next - 1}`);
        await new Promise((r) => setTimeout(r, 60));
      }
    });

    // Web B dies with SIGKILL in the middle of the stream, and comes back.
    await waitFor(async () => acknowledged.size >= 40, 20_000);
    await stop(webB, 'SIGKILL');
    webs[1] = await start('web');
    // Then every process is replaced in turn, gracefully (SIGTERM drains), while webhooks keep coming.
    for (const which of ['worker', 0, 1] as const) {
      if (which === 'worker') {
        const fresh = await start('worker');
        await stop(worker2, 'SIGTERM');
        worker2 = fresh;
      } else {
        const old = webs[which];
        const fresh = await start('web');
        webs[which] = fresh;
        await stop(old, 'SIGTERM');
      }
    }
    sending = false;
    await Promise.all(clients);

    await settled({ outbox: false });
    const stored = (
      await sql.query<{ text: string }>(
        `select m.text from messages m join conversations c on c.id = m.conversation_id
          where c.channel_id = $1 and m.kind = 'customer' and m.text like '再起動中 %'`,
        [channelId],
      )
    ).rows.map((r) => Number(r.text.slice('再起動中 '.length)));
    expect([...acknowledged].filter((n) => !stored.includes(n))).toEqual([]); // nothing acknowledged is lost
    expect(stored.length).toBe(new Set(stored).size); // a webhook sent again after a cut-off is stored once
    console.log(
      `scale/multi-process: ${acknowledged.size} webhooks while web B was killed and every process restarted in turn; ` +
        `${stored.length} stored, each once; graceful stops: ${stops.join(', ')}`,
    );
  }, 150_000);
});
