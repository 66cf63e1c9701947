import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiDirectory, startSandbox, type Sandbox } from '../../src/sandbox';
import { Client, dialects, openDesk, waitFor, type OpenDesk } from './harness';

/** Outside the web chat, the question goes as a short message with a link, on the customer's own platform. */
describe.each(dialects)('satisfaction surveys on the social channels (%s)', (dialect) => {
  let desk: OpenDesk;
  let sandbox: Sandbox;

  beforeAll(async () => {
    desk = await openDesk(dialect);
    const token = (await desk.admin.post('/api/tokens', { name: 'sandbox' })).body.token;
    sandbox = await startSandbox({ port: 0, ratePerMinute: 0 });
    await sandbox.connect(desk.koe.base, apiDirectory(desk.koe.base, token));
  }, 20_000);
  afterAll(async () => {
    await sandbox?.stop();
    await desk?.close();
  });

  /** A customer writes on a platform; an agent answers and resolves; resolves with what the customer then saw. */
  const resolvedOn = async (platform: 'x' | 'line', text: string, visibility: 'public' | 'private') => {
    const entry = await sandbox.sendOne(platform, text, { visibility });
    const conv = await waitFor(async () => {
      await desk.koe.koe.jobs.drain();
      const items = (await desk.admin.get('/api/conversations?limit=100')).body.items as any[];
      return items.find((c) => c.channel.kind === platform && String(c.preview).includes(entry.text.slice(-10)));
    }, 10_000);
    expect(
      (await desk.admin.post(`/api/conversations/${conv.id}/messages`, { text: '担当の山田です。確認いたしました。' }))
        .status,
    ).toBe(201);
    await desk.koe.koe.jobs.drain();
    expect((await desk.admin.patch(`/api/conversations/${conv.id}`, { status: 'resolved' })).status).toBe(200);
    await desk.koe.koe.jobs.drain();
    const seen = await waitFor(async () => {
      await desk.koe.koe.jobs.drain();
      const brand = sandbox.world.transcript
        .list(platform)
        .filter((e) => e.author === 'brand' && e.customer.id === entry.customer.id && e.text.includes('/rate/'));
      return brand.length ? brand : null;
    }, 10_000);
    return { conv, entry, seen };
  };

  it('sends a public X mention’s survey link by direct message, and the page records the answer', async () => {
    const { conv, seen } = await resolvedOn('x', '@koemart 注文の配送日を変更できますか？', 'public');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ visibility: 'private' });
    expect(seen[0].text).toContain('今回の対応はいかがでしたか');
    const url = new URL(seen[0].text.match(/https?:\/\/\S+\/rate\/\S+/)![0]);
    const page = new Client(desk.koe.base);
    expect((await page.raw('GET', url.pathname)).status).toBe(200);
    const r = await page.raw('POST', url.pathname, 'score=5', undefined, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(r.status).toBe(200);
    const thread = ((await desk.admin.get(`/api/conversations/${conv.id}/messages`)).body.items as any[]).map(
      (m) => m.text,
    );
    expect(thread).toContain('お客様の満足度: 5/5');
  });

  it('asks a LINE customer in the chat they wrote in, with the scores as quick-reply buttons', async () => {
    const { conv, seen } = await resolvedOn('line', '会員カードの再発行はできますか', 'private');
    expect(seen).toHaveLength(1);
    expect(seen[0].visibility).toBe('private');
    expect(seen[0].choices?.map((c) => c.label)).toEqual(['1', '2', '3', '4', '5']);
    await sandbox.tap(seen[0].id, '4');
    const thread = async () =>
      ((await desk.admin.get(`/api/conversations/${conv.id}/messages`)).body.items as any[]).map((m) => m.text);
    await waitFor(async () => (await thread()).includes('お客様の満足度: 4/5'), 5_000);
    // A forged tap (another survey's data, or not Koe's) changes nothing.
    const s = await desk.koe.koe.db
      .selectFrom('surveys')
      .select(['id', 'score'])
      .where('conversation_id', '=', conv.id)
      .executeTakeFirstOrThrow();
    expect(Number(s.score)).toBe(4);
    const other = await resolvedOn('line', 'ポイントの使い方を教えてください', 'private');
    const forged = { ...other.seen[0], choices: [{ label: '1', data: `koe-survey:${s.id}:1` }] };
    sandbox.world.transcript.list('line').find((e) => e.id === other.seen[0].id)!.choices = forged.choices;
    await sandbox.tap(other.seen[0].id, '1');
    await desk.koe.koe.jobs.drain();
    const after = await desk.koe.koe.db
      .selectFrom('surveys')
      .select('score')
      .where('id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(Number(after.score)).toBe(4);
  });
});
