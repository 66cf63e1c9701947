import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiDirectory,
  startSandbox,
  type Sandbox,
  type SandboxPlatform,
  type TranscriptEntry,
} from '../../src/sandbox';
import { Client, dialects, openDesk, waitFor, type OpenDesk } from './harness';

describe.each(dialects)('amplify: liking and reposting customer posts (%s)', (dialect) => {
  let desk: OpenDesk;
  let sandbox: Sandbox;
  let agent: Client;

  /** The conversation and customer message Koe made of a sandbox post. */
  const arrived = async (kind: SandboxPlatform, entry: TranscriptEntry) => {
    const conv = await waitFor(async () => {
      await desk.koe.koe.jobs.drain();
      const items = (await desk.admin.get('/api/conversations?limit=100')).body.items as any[];
      return items.find((c) => c.channel.kind === kind && String(c.preview).includes(entry.text.slice(-12)));
    }, 10_000);
    const items = (await agent.get(`/api/conversations/${conv.id}/messages`)).body.items as any[];
    const message = items.filter((m) => m.kind === 'customer').at(-1);
    return { conv, message };
  };
  const amplify = (messageId: string, action: 'like' | 'repost') =>
    agent.post(`/api/messages/${messageId}/amplify`, { action });
  const replyContextOf = async (conversationId: string) =>
    (await agent.get(`/api/conversations/${conversationId}`)).body.replyContext;
  const reactions = (platform: SandboxPlatform, entry: TranscriptEntry) =>
    sandbox.world.transcript.list(platform).filter((e) => e.inReplyTo === entry.id && e.reaction);

  beforeAll(async () => {
    desk = await openDesk(dialect);
    const token = (await desk.admin.post('/api/tokens', { name: 'sandbox' })).body.token;
    sandbox = await startSandbox({ port: 0, ratePerMinute: 0 });
    await sandbox.connect(desk.koe.base, apiDirectory(desk.koe.base, token));
    // Any signed-in agent may amplify, not only admins.
    await desk.admin.post('/api/agents', {
      email: 'suzuki@koe.example',
      name: '鈴木',
      password: 'agent-password-1',
      role: 'agent',
      level: 1,
    });
    agent = new Client(desk.koe.base);
    expect(
      (await agent.post('/api/auth/login', { email: 'suzuki@koe.example', password: 'agent-password-1' })).status,
    ).toBe(200);
  }, 20_000);
  afterAll(async () => {
    await sandbox?.stop();
    await desk?.close();
  });

  it('likes and reposts an X praise mention as the brand account, once each', async () => {
    const entry = await sandbox.sendOne('x', '昨日届いたケトル、最高です！サポートも丁寧でした', {
      visibility: 'public',
    });
    const { conv, message } = await arrived('x', entry);
    expect((await replyContextOf(conv.id)).amplify).toEqual(['like', 'repost']);

    const liked = await amplify(message.id, 'like');
    expect(liked.status).toBe(200);
    expect(liked.body).toEqual({ action: 'like', externalId: null });
    expect((await replyContextOf(conv.id)).amplify).toEqual(['repost']);

    const reposted = await amplify(message.id, 'repost');
    expect(reposted.status).toBe(200);
    expect(reposted.body.action).toBe('repost');
    expect(reposted.body.externalId).toMatch(/^\d+$/);
    expect((await replyContextOf(conv.id)).amplify).toEqual([]);

    // The fake X saw both calls for the brand's user id and the customer's tweet id.
    const seen = reactions('x', entry);
    expect(
      seen.map((e) => [e.reaction!.kind, e.reaction!.by, e.reaction!.target, e.text, e.author, e.visibility]),
    ).toEqual([
      ['like', sandbox.world.accounts.x.userId, entry.externalId, 'Koeマートがいいねしました', 'brand', 'public'],
      ['repost', sandbox.world.accounts.x.userId, entry.externalId, 'Koeマートがリポストしました', 'brand', 'public'],
    ]);
    expect(seen[1].externalId).toBe(reposted.body.externalId);

    const again = await amplify(message.id, 'like');
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/already liked/);
    expect((await amplify(message.id, 'repost')).body.detail).toMatch(/already reposted/);
    expect(reactions('x', entry)).toHaveLength(2);

    const audit = (await desk.admin.get('/api/audit')).body.items as any[];
    expect(audit.filter((a) => a.action === 'message.amplified' && a.target?.id === message.id)).toHaveLength(2);
  }, 30_000);

  it('answers 429 with the wait when X rate-limits, and lets the agent try again', async () => {
    const entry = await sandbox.sendOne('x', 'Love the new app update, so fast!', { visibility: 'public' });
    const { message } = await arrived('x', entry);
    sandbox.world.rateLimits.throttleNext('x', 1);
    const limited = await amplify(message.id, 'like');
    expect(limited.status).toBe(429);
    expect(limited.body.detail).toMatch(/try again in \d+ s/);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(reactions('x', entry)).toHaveLength(0);
    expect((await amplify(message.id, 'like')).status).toBe(200);
    expect(reactions('x', entry)).toHaveLength(1);
  }, 30_000);

  it('likes a Facebook comment as the page; reposting it is refused', async () => {
    const entry = await sandbox.sendOne('facebook', '店員さんの対応が素晴らしかったです。ありがとう！', {
      visibility: 'public',
    });
    const { conv, message } = await arrived('facebook', entry);
    expect((await replyContextOf(conv.id)).amplify).toEqual(['like']);
    const repost = await amplify(message.id, 'repost');
    expect(repost.status).toBe(409);
    expect(repost.body.detail).toMatch(/Facebook does not allow reposting/);

    const liked = await amplify(message.id, 'like');
    expect(liked.status).toBe(200);
    expect(liked.body.action).toBe('like');
    const seen = reactions('facebook', entry);
    expect(seen.map((e) => [e.reaction!.kind, e.reaction!.by, e.reaction!.target, e.text])).toEqual([
      ['like', sandbox.world.accounts.meta.pageId, entry.externalId, 'Koeマートがいいねしました'],
    ]);
    expect((await replyContextOf(conv.id)).amplify).toEqual([]);
    expect((await amplify(message.id, 'like')).status).toBe(409);
  }, 30_000);

  it("refuses Instagram comments, DMs and messages that are not the customer's, with the reason", async () => {
    const ig = await sandbox.sendOne('instagram', 'このバッグ本当にかわいい！', { visibility: 'public' });
    const igMsg = await arrived('instagram', ig);
    expect((await replyContextOf(igMsg.conv.id)).amplify).toEqual([]);
    const igLike = await amplify(igMsg.message.id, 'like');
    expect(igLike.status).toBe(409);
    expect(igLike.body.detail).toBe('Instagram does not allow liking comments through the API');
    expect(reactions('instagram', ig)).toHaveLength(0);

    const dm = await sandbox.sendOne('x', 'DMで失礼します。いつも助かっています', { visibility: 'private' });
    const dmMsg = await arrived('x', dm);
    expect((await replyContextOf(dmMsg.conv.id)).amplify).toEqual([]);
    const dmLike = await amplify(dmMsg.message.id, 'like');
    expect(dmLike.status).toBe(409);
    expect(dmLike.body.detail).toMatch(/Only public posts can be amplified/);

    const line = await sandbox.sendOne('line', 'ありがとうございました！');
    const lineMsg = await arrived('line', line);
    expect((await replyContextOf(lineMsg.conv.id)).amplify).toEqual([]);
    expect((await amplify(lineMsg.message.id, 'like')).status).toBe(409);

    const reply = await agent.post(`/api/conversations/${igMsg.conv.id}/messages`, { text: 'ありがとうございます！' });
    const notCustomer = await amplify(reply.body.id, 'like');
    expect(notCustomer.status).toBe(409);
    expect(notCustomer.body.detail).toMatch(/Only a customer's message/);

    expect((await amplify('no-such-message', 'like')).status).toBe(404);
    expect((await agent.post(`/api/messages/${igMsg.message.id}/amplify`, { action: 'share' })).status).toBe(400);
  }, 30_000);

  it('offers amplify on the latest public customer message even after the customer moved to DMs', async () => {
    const customer = sandbox.world.customers.create('x', 'ja', () => 0);
    const post = await sandbox.sendOne('x', '神対応ありがとうございました！', { visibility: 'public', customer });
    const { conv } = await arrived('x', post);
    await sandbox.sendOne('x', '追加で質問です', { visibility: 'private', customer });
    await waitFor(async () => {
      await desk.koe.koe.jobs.drain();
      const items = (await agent.get(`/api/conversations/${conv.id}/messages`)).body.items as any[];
      return items.filter((m) => m.kind === 'customer').length >= 2;
    }, 10_000).catch(() => undefined);
    // Whether or not the DM joined the same conversation, the public post stays the one to like.
    expect((await replyContextOf(conv.id)).amplify).toEqual(['like', 'repost']);
  }, 30_000);
});
