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
  const resolvedOn = async (
    platform: 'x' | 'line' | 'facebook' | 'instagram',
    text: string,
    visibility: 'public' | 'private',
    beforeResolving?: (conversationId: string) => Promise<void>,
  ) => {
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
    await beforeResolving?.(conv.id);
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

  const threadOf = async (conversationId: string) =>
    ((await desk.admin.get(`/api/conversations/${conversationId}/messages`)).body.items as any[]).map((m) => m.text);
  const surveyOf = (conversationId: string) =>
    desk.koe.koe.db
      .selectFrom('surveys')
      .select(['id', 'score'])
      .where('conversation_id', '=', conversationId)
      .executeTakeFirstOrThrow();

  for (const [platform, app] of [
    ['facebook', 'Messenger'],
    ['instagram', 'Instagram'],
  ] as const)
    it(`asks in the customer's ${app} DMs with the scores as quick replies; a tap records the score`, async () => {
      const { conv, seen } = await resolvedOn(platform, '注文した商品の色を変更できますか', 'private');
      expect(seen).toHaveLength(1);
      expect(seen[0].visibility).toBe('private');
      expect(seen[0].choices?.map((c) => c.label)).toEqual(['1', '2', '3', '4', '5']);
      // The link stays beside the buttons (Instagram shows no quick replies on a computer).
      expect(seen[0].text).toMatch(/\/rate\//);
      await sandbox.tap(seen[0].id, '4');
      await waitFor(async () => {
        await desk.koe.koe.jobs.drain();
        return (await threadOf(conv.id)).includes('お客様の満足度: 4/5');
      }, 5_000);
      expect(Number((await surveyOf(conv.id)).score)).toBe(4);
      // The tap is the answer, not a new message: the conversation stays resolved and no "4" is in the thread.
      await desk.koe.koe.jobs.drain();
      expect((await desk.admin.get(`/api/conversations/${conv.id}`)).body.status).toBe('resolved');
      expect(await threadOf(conv.id)).not.toContain('4');
      // Meta redelivers a webhook it thinks was not received: the same tap again records nothing twice.
      await sandbox.tap(seen[0].id, '4');
      await desk.koe.koe.jobs.drain();
      expect((await threadOf(conv.id)).filter((t) => t === 'お客様の満足度: 4/5')).toHaveLength(1);
      // A correction is a new answer; this one is tapped on the sandbox's page, as a newcomer would.
      const tap = (body: string, type: string) =>
        fetch(`${sandbox.url}/sandbox/api/tap`, { method: 'POST', headers: { 'content-type': type }, body });
      // A page elsewhere can post text/plain without asking first; the sandbox takes JSON only.
      const plain = await tap(JSON.stringify({ entryId: seen[0].id, label: '5' }), 'text/plain');
      expect(plain.status).toBe(400);
      expect((await tap(JSON.stringify({ entryId: seen[0].id, label: '5' }), 'application/json')).status).toBe(200);
      await waitFor(async () => (await threadOf(conv.id)).includes('お客様の満足度: 5/5'), 5_000);
    });

  it('sends a Facebook or Instagram commenter the link by private reply, without quick replies', async () => {
    for (const platform of ['facebook', 'instagram'] as const) {
      // A comment opens no messaging window: the survey goes as Meta's private reply to it, with the link only.
      const { conv, seen } = await resolvedOn(platform, '投稿の商品はまだ買えますか？', 'public');
      expect(seen).toHaveLength(1);
      expect(seen[0].visibility).toBe('private');
      expect(seen[0].choices).toBeUndefined();
      const url = new URL(seen[0].text.match(/https?:\/\/\S+\/rate\/\S+/)![0]);
      const page = new Client(desk.koe.base);
      const r = await page.raw('POST', url.pathname, 'score=3', undefined, {
        'content-type': 'application/x-www-form-urlencoded',
      });
      expect(r.status).toBe(200);
      expect(await threadOf(conv.id)).toContain('お客様の満足度: 3/5');
    }
  });

  it('offers no quick replies once a Messenger DM is older than the 24-hour window', async () => {
    // The customer's last DM is 25 hours old by the time the conversation is resolved.
    const aged = async (conversationId: string) => {
      const past = new Date(Date.now() - 25 * 3_600_000).toISOString();
      await desk.koe.koe.db
        .updateTable('messages')
        .set({ created_at: past })
        .where('conversation_id', '=', conversationId)
        .where('kind', '=', 'customer')
        .execute();
    };
    const entry = await sandbox.sendOne('facebook', '返品の送料はどちらの負担ですか', { visibility: 'private' });
    const conv = await waitFor(async () => {
      await desk.koe.koe.jobs.drain();
      const items = (await desk.admin.get('/api/conversations?limit=100')).body.items as any[];
      return items.find((c) => c.channel.kind === 'facebook' && String(c.preview).includes(entry.text.slice(-10)));
    }, 10_000);
    await aged(conv.id);
    expect((await desk.admin.patch(`/api/conversations/${conv.id}`, { status: 'resolved' })).status).toBe(200);
    await desk.koe.koe.jobs.drain();
    const asked = await desk.koe.koe.db
      .selectFrom('messages')
      .select(['text', 'meta'])
      .where('conversation_id', '=', conv.id)
      .where('author_type', '=', 'system')
      .where('kind', '=', 'reply')
      .executeTakeFirstOrThrow();
    // The question with the link, and no buttons to tap.
    expect(asked.text).toMatch(/\/rate\//);
    expect(JSON.parse(asked.meta!)).not.toHaveProperty('choices');
  });
});
