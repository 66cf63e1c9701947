import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiDirectory, startSandbox, type Sandbox, type SandboxPlatform } from '../../src/sandbox';
import { dialects, openDesk, waitFor, type OpenDesk } from './harness';

describe.each(dialects)('sandbox platforms (%s)', (dialect) => {
  let desk: OpenDesk;
  let sandbox: Sandbox;
  let token: string;

  /** The conversation Koe made of a sandbox customer's post, once the pipeline has processed it. */
  const conversationOf = (kind: SandboxPlatform, entry: { text: string }) =>
    waitFor(async () => {
      await desk.koe.koe.jobs.drain();
      const items = (await desk.admin.get('/api/conversations?limit=100')).body.items as any[];
      return items.find((c) => c.channel.kind === kind && String(c.preview).includes(entry.text.slice(0, 12)));
    }, 10_000).catch(async (err) => {
      console.error(
        kind,
        entry.text,
        JSON.stringify(
          (await desk.admin.get('/api/conversations?limit=100')).body.items.map((c: any) => [
            c.channel.kind,
            c.customer.name,
            c.preview,
          ]),
        ),
      );
      throw err;
    });

  /** What the customer saw from the brand on the sandbox page's JSON. */
  const answersSeen = async (platform: SandboxPlatform, customerId: string) => {
    const view = (await (await fetch(`${sandbox.url}/sandbox/api/transcript`)).json()) as any;
    return (view.platforms.find((p: any) => p.platform === platform).entries as any[]).filter(
      (e) => e.customer.id === customerId && e.author === 'brand',
    );
  };

  const replyAndWait = async (conversationId: string, text: string) => {
    const m = (await desk.admin.post(`/api/conversations/${conversationId}/messages`, { text })).body;
    return waitFor(async () => {
      const items = (await desk.admin.get(`/api/conversations/${conversationId}/messages`)).body.items as any[];
      return items.find((x) => x.id === m.id && x.delivery?.status === 'sent');
    }, 12_000);
  };

  beforeAll(async () => {
    desk = await openDesk(dialect);
    token = (await desk.admin.post('/api/tokens', { name: 'sandbox' })).body.token;
    sandbox = await startSandbox({ port: 0, ratePerMinute: 0 });
    await sandbox.connect(desk.koe.base, apiDirectory(desk.koe.base, token));
  }, 20_000);
  afterAll(async () => {
    await sandbox?.stop();
    await desk?.close();
  });

  it('delivers signed posts from every platform into the inbox with the right channel kinds', async () => {
    const sent = {
      line: await sandbox.sendOne('line', '注文した電気ケトルがまだ届きません。注文番号は KM-20481 です'),
      facebook: await sandbox.sendOne('facebook', '同じ1,980円が2回引き落とされています。返金してください', {
        visibility: 'public',
      }),
      instagram: await sandbox.sendOne('instagram', 'このイヤホン、渋谷店に在庫ありますか？', { visibility: 'public' }),
      x: await sandbox.sendOne('x', 'アプリにログインできない。障害ですか？', { visibility: 'public' }),
      email: await sandbox.sendOne(
        'email',
        'I was charged twice for order KM-77310. Please refund the duplicate charge.',
      ),
    };
    for (const [kind, entry] of Object.entries(sent) as [SandboxPlatform, typeof sent.line][]) {
      const conv = await conversationOf(kind, entry);
      expect(conv.channel.kind).toBe(kind);
      expect(conv.channel.name).toMatch(/^Sandbox /);
    }
  }, 30_000);

  it("shows the agent's replies where each customer wrote: LINE chat, public X reply, public Instagram comment reply", async () => {
    const line = await sandbox.sendOne('line', 'ポイントが反映されていません');
    const x = await sandbox.sendOne('x', '配送状況を教えてください', { visibility: 'public' });
    const ig = await sandbox.sendOne('instagram', '届いた加湿器が動きません', { visibility: 'public' });
    for (const [kind, entry, text] of [
      ['line', line, 'ポイントを確認いたします。'],
      ['x', x, 'ご迷惑をおかけしております。DMで詳細を伺えますか。'],
      ['instagram', ig, '大変申し訳ございません。交換の手続きをご案内します。'],
    ] as const) {
      const conv = await conversationOf(kind, entry);
      await replyAndWait(conv.id, text);
      const seen = await answersSeen(kind, entry.customer.id);
      expect(seen.map((e) => [e.text, e.visibility, e.inReplyTo])).toEqual([
        [text, kind === 'line' ? 'private' : 'public', entry.id],
      ]);
    }
  }, 30_000);

  it('retries a reply the platform throttled with 429 and delivers it once', async () => {
    const entry = await sandbox.sendOne('line', '返金はいつになりますか');
    const conv = await conversationOf('line', entry);
    sandbox.world.rateLimits.throttleNext('line', 1);
    const sent = await replyAndWait(conv.id, '本日中に返金手続きいたします。');
    expect(sent.delivery.status).toBe('sent');
    const seen = await answersSeen('line', entry.customer.id);
    expect(seen.map((e) => e.text)).toEqual(['本日中に返金手続きいたします。']);
    const attempts = await desk.koe.koe.db
      .selectFrom('outbox')
      .select('attempts')
      .where('message_id', '=', sent.id)
      .executeTakeFirstOrThrow();
    expect(Number(attempts.attempts)).toBeGreaterThanOrEqual(2);
  }, 30_000);

  it('reuses its channels when connected again', async () => {
    const before = (await desk.admin.get('/api/channels')).body.items.length;
    await sandbox.connect(desk.koe.base, apiDirectory(desk.koe.base, token));
    expect((await desk.admin.get('/api/channels')).body.items.length).toBe(before);
    const again = await sandbox.sendOne('line', '営業時間を教えてください');
    expect(await conversationOf('line', again)).toBeTruthy();
  }, 20_000);
});
