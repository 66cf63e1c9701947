import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDue, pollListening, runListeningQuery } from '../../src/desk/listening';
import { apiDirectory, startSandbox, type Sandbox } from '../../src/sandbox';
import { listening } from '../../src/store/repositories';
import { dialects, openDesk, signedInAgent, type OpenDesk } from './harness';

describe.each(dialects)('listening (%s)', (dialect) => {
  let desk: OpenDesk;
  let sandbox: Sandbox;
  let xQuery: any;
  let igQuery: any;

  const search = async (id: string) => {
    const res = await desk.admin.post(`/api/listening/queries/${id}/search`, {});
    expect(res.status).toBe(200);
    await desk.koe.koe.jobs.drain();
    return res.body;
  };
  const posts = async (query = '') =>
    (await desk.admin.get(`/api/listening/posts?limit=100${query}`)).body.items as any[];
  const postOf = async (text: string) => (await posts()).find((p) => p.text.includes(text));
  const conversations = async () => (await desk.admin.get('/api/conversations?limit=100')).body.items as any[];

  beforeAll(async () => {
    desk = await openDesk(dialect);
    const token = (await desk.admin.post('/api/tokens', { name: 'sandbox' })).body.token;
    sandbox = await startSandbox({ port: 0, ratePerMinute: 0 });
    await sandbox.connect(desk.koe.base, apiDirectory(desk.koe.base, token));
    const queries = (await desk.admin.get('/api/listening/queries')).body.items as any[];
    xQuery = queries.find((q) => q.channel.kind === 'x');
    igQuery = queries.find((q) => q.channel.kind === 'instagram');
  }, 20_000);
  afterAll(async () => {
    await sandbox?.stop();
    await desk?.close();
  });

  it('gives the sandbox one query for X and one for Instagram, with the brand name and hashtags', () => {
    expect(xQuery.terms).toEqual(['KoeMart', 'Koeマート', '#KoeMart', '#Koeマート']);
    expect(igQuery.terms).toEqual(['#KoeMart', '#Koeマート']);
    expect(xQuery.active).toBe(true);
  });

  it('brings an untagged X post that needs an answer into the inbox, marked as listening', async () => {
    const entry = await sandbox.postUntagged(
      'x',
      'Koeマートで同じ注文が2回引き落とされています。返金してほしい #Koeマート',
    );
    const after = await search(xQuery.id);
    expect(after.lastError).toBeNull();
    expect(after.postsLastWeek).toBeGreaterThanOrEqual(1);
    const post = await postOf('2回引き落とされて');
    expect(post).toMatchObject({ needsAnswer: true, sentiment: 'negative', flag: null, competitor: false });
    expect(post.level).toBeGreaterThanOrEqual(1);
    expect(post.author.handle).toBeTruthy();
    expect(post.url).toContain(entry.externalId);
    expect(post.conversationId).toBeTruthy();
    const conv = (await conversations()).find((c) => c.id === post.conversationId);
    expect(conv).toMatchObject({ listening: true, channel: { kind: 'x' } });
    expect(conv.preview).toContain('2回引き落とされて');
    // A mention from the brand's own inbox is not marked as listening.
    await sandbox.sendOne('x', '配送状況を教えてください', { visibility: 'public' });
    await desk.koe.koe.jobs.drain();
    const mention = (await conversations()).find((c) => c.preview.includes('配送状況を教えて'));
    expect(mention?.listening).toBe(false);
  }, 20_000);

  it('keeps chatter and spam in the Listening view only, and skips posts that tag the brand', async () => {
    const before = (await conversations()).length;
    await sandbox.postUntagged('x', 'Koeマートの新しいCM、音楽がいいね #Koeマート');
    await sandbox.postUntagged('x', '今だけ無料でフォロワー1万人！プロフのリンクから登録 Koeマート #Koeマート');
    await sandbox.sendOne('x', 'KoeMart アプリが開きません', { visibility: 'public' }); // tags @KoeMart
    await search(xQuery.id);
    const chatter = await postOf('音楽がいいね');
    expect(chatter).toMatchObject({ needsAnswer: false, level: 0, conversationId: null });
    const spam = await postOf('フォロワー1万人');
    expect(spam).toMatchObject({ flag: 'spam', needsAnswer: false, conversationId: null });
    expect(await postOf('アプリが開きません')).toBeUndefined();
    // Only the tagged mention became a conversation (through the webhook, as before).
    expect((await conversations()).length).toBe(before + 1);
    const aside = await posts('&show=set_aside');
    expect(aside.map((p) => p.id)).toContain(spam.id);
    expect(aside.every((p) => p.flag !== null)).toBe(true);
  }, 20_000);

  it('finds each post once, however often it searches', async () => {
    const count = (await posts()).length;
    await search(xQuery.id);
    await search(xQuery.id);
    expect((await posts()).length).toBe(count);
  }, 20_000);

  it('drops posts naming an exclusion, and starts a new search window when the terms change', async () => {
    // Posted now but matching none of the terms yet: the next search passes it by.
    await sandbox.postUntagged('x', 'コエ祭りの会場、今年は広くなってた');
    await search(xQuery.id);
    expect(await postOf('今年は広くなってた')).toBeUndefined();
    const patched = await desk.admin.patch(`/api/listening/queries/${xQuery.id}`, {
      terms: [...xQuery.terms, 'コエ祭り'],
      exclusions: ['求人'],
    });
    expect(patched.status).toBe(200);
    expect(patched.body.exclusions).toEqual(['求人']);
    await sandbox.postUntagged('x', 'Koeマート 渋谷店 アルバイト求人 募集中 #Koeマート');
    await sandbox.postUntagged('x', 'Koeマートの配達、今日もすごく早かった #Koeマート');
    await search(xQuery.id);
    expect(await postOf('アルバイト求人')).toBeUndefined();
    expect(await postOf('すごく早かった')).toMatchObject({ sentiment: 'positive' });
    // New terms, new window: the post from before the change is found now.
    expect(await postOf('今年は広くなってた')).toBeTruthy();
  }, 20_000);

  it('changes only what an edit sends: pausing keeps the exclusions, renaming keeps the pause', async () => {
    const paused = await desk.admin.patch(`/api/listening/queries/${xQuery.id}`, { active: false });
    expect(paused.body).toMatchObject({ active: false, exclusions: ['求人'] });
    const renamed = await desk.admin.patch(`/api/listening/queries/${xQuery.id}`, { name: 'ブランド名' });
    expect(renamed.body).toMatchObject({ name: 'ブランド名', active: false, exclusions: ['求人'] });
    const search = await desk.admin.post(`/api/listening/queries/${xQuery.id}/search`, {});
    expect(search.status).toBe(400);
    expect(search.body.code).toBe('listening_paused');
    expect((await desk.admin.patch(`/api/listening/queries/${xQuery.id}`, { active: true })).body.active).toBe(true);
  });

  it('records a kept post into the inbox on the next search when recording failed the first time', async () => {
    const deps = desk.koe.koe.listening;
    await sandbox.postUntagged('x', 'Koeマートのアプリで決済が二重になった。至急確認して #Koeマート');
    const failing = {
      ...deps,
      channelCtx: { ...deps.channelCtx, record: () => Promise.reject(new Error('database busy')) },
    };
    const q = (await listening.active(desk.koe.koe.db)).find((d) => d.id === xQuery.id)!;
    await expect(runListeningQuery(failing, q)).rejects.toThrow('database busy');
    expect(await postOf('決済が二重になった')).toMatchObject({ needsAnswer: true, conversationId: null });
    await search(xQuery.id);
    const post = await postOf('決済が二重になった');
    expect(post.conversationId).toBeTruthy();
    expect((await conversations()).filter((c) => c.preview.includes('決済が二重になった'))).toHaveLength(1);
  }, 20_000);

  it('searches each query once per interval, whichever process asks, and not while the platform says wait', async () => {
    const deps = desk.koe.koe.listening;
    const q = (await listening.active(desk.koe.koe.db)).find((d) => d.id === xQuery.id)!;
    // Two processes see the same turn; one takes it.
    const at = new Date().toISOString();
    const taken = await Promise.all([
      listening.claim(desk.koe.koe.db, q.id, q.polledAt, at),
      listening.claim(desk.koe.koe.db, q.id, q.polledAt, at),
    ]);
    expect(taken.filter(Boolean)).toHaveLength(1);
    const now = Date.now();
    const fresh = { ...q, polledAt: new Date(now).toISOString() };
    expect(isDue(deps, fresh, now + 30_000)).toBe(false);
    expect(isDue(deps, fresh, now + 60_000)).toBe(true);
    expect(isDue(deps, { ...fresh, channelKind: 'instagram' }, now + 60_000)).toBe(false);
    expect(isDue(deps, { ...fresh, pausedUntil: new Date(now + 120_000).toISOString() }, now + 60_000)).toBe(false);
    // The poller runs what is due: a post made since is found once its turn comes.
    await sandbox.postUntagged('x', 'Koeマートのポイント還元、今週は倍らしい #Koeマート');
    await pollListening(deps, Date.now());
    expect(await postOf('今週は倍らしい')).toBeUndefined(); // searched moments ago: not its turn
    await pollListening(deps, Date.now() + 61_000);
    expect(await postOf('今週は倍らしい')).toBeTruthy();
  }, 20_000);

  it('marks a post about a competitor, which is not our incident', async () => {
    const res = await desk.admin.put('/api/triage/brands', {
      brands: {
        brands: ['Koeマート', 'KoeMart'],
        products: [],
        hashtags: ['#Koeマート'],
        competitors: ['ライバルマート'],
      },
    });
    expect(res.status).toBe(200);
    await sandbox.postUntagged('x', 'ライバルマートのアプリが障害で使えない。Koeマートは普通に使えた #Koeマート');
    await search(xQuery.id);
    const post = await postOf('ライバルマートのアプリが障害');
    expect(post.competitor).toBe(true);
    expect(post.categories).not.toContain('outage');
    expect((await posts('&show=competitor')).map((p) => p.id)).toEqual([post.id]);
  }, 20_000);

  it('searches Instagram hashtags: posts are triaged and kept, with a link, but cannot enter the inbox', async () => {
    const before = (await conversations()).length;
    await sandbox.postUntagged('instagram', '届いたイヤホンが片方だけ壊れていました。交換してほしい #KoeMart');
    await sandbox.postUntagged('instagram', '今日のコーデ #ootd'); // another hashtag
    const after = await search(igQuery.id);
    expect(after.lastError).toBeNull();
    const post = await postOf('片方だけ壊れて');
    expect(post).toMatchObject({
      needsAnswer: true,
      conversationId: null,
      author: null,
      channel: { kind: 'instagram' },
    });
    expect(post.url).toMatch(/^http/);
    expect(await postOf('今日のコーデ')).toBeUndefined();
    expect((await conversations()).length).toBe(before);
    // Seen once: the next search starts after it.
    await search(igQuery.id);
    expect((await posts()).filter((p) => p.text.includes('片方だけ壊れて'))).toHaveLength(1);
  }, 20_000);

  it('counts volume and sentiment per day in the desk time zone', async () => {
    const all = await posts();
    const s = (await desk.admin.get('/api/listening/summary?days=7')).body;
    expect(s.days).toHaveLength(7);
    expect(s.totals.posts).toBe(all.length);
    expect(s.totals.negative).toBe(all.filter((p) => p.sentiment === 'negative').length);
    expect(s.totals.needsAnswer).toBe(all.filter((p) => p.needsAnswer).length);
    expect(s.totals.inInbox).toBe(all.filter((p) => p.conversationId).length);
    expect(s.totals.competitor).toBe(1);
    const today = s.days.at(-1);
    expect(today.negative + today.neutral + today.positive).toBe(all.length);
    const ig = (await desk.admin.get(`/api/listening/summary?days=7&queryId=${igQuery.id}`)).body;
    expect(ig.totals.posts).toBe(all.filter((p) => p.query.id === igQuery.id).length);
  });

  it('pages the posts newest first', async () => {
    const all = await posts();
    const first = (await desk.admin.get('/api/listening/posts?limit=2')).body;
    expect(first.items.map((p: any) => p.id)).toEqual(all.slice(0, 2).map((p) => p.id));
    const second = (await desk.admin.get(`/api/listening/posts?limit=2&before=${first.nextCursor}`)).body;
    expect(second.items.map((p: any) => p.id)).toEqual(all.slice(2, 4).map((p) => p.id));
    expect((await desk.admin.get('/api/listening/posts?before=nonsense')).status).toBe(400);
  });

  it('refuses queries a platform cannot run, and lets only admins change queries', async () => {
    const web = await desk.admin.post('/api/listening/queries', {
      name: 'web',
      channelId: desk.channel.id,
      terms: ['KoeMart'],
    });
    expect(web.status).toBe(400);
    expect(web.body.code).toBe('listening_channel');
    const words = await desk.admin.post('/api/listening/queries', {
      name: 'ig words',
      channelId: igQuery.channel.id,
      terms: ['KoeMart'],
    });
    expect(words.body.code).toBe('instagram_hashtags_only');
    const both = await desk.admin.post('/api/listening/queries', {
      name: 'both',
      channelId: xQuery.channel.id,
      terms: ['KoeMart', '求人'],
      exclusions: ['求人'],
    });
    expect(both.body.code).toBe('listening_term_excluded');
    const long = await desk.admin.post('/api/listening/queries', {
      name: 'long',
      channelId: xQuery.channel.id,
      terms: Array.from({ length: 20 }, (_, i) => `とても長いキーワードその${i}番目の語句です、さらに長くした言葉`),
    });
    expect(long.body.code).toBe('x_query_too_long');
    const { client: agent } = await signedInAgent(desk.koe.base, desk.admin);
    const denied = await agent.post('/api/listening/queries', {
      name: 'x',
      channelId: xQuery.channel.id,
      terms: ['KoeMart'],
    });
    expect(denied.status).toBe(403);
    expect((await agent.get('/api/listening/posts')).status).toBe(200);
  });

  it('reports a platform that refuses, in words the page can show', async () => {
    const made = await desk.admin.post('/api/listening/queries', {
      name: 'unknown tag',
      channelId: igQuery.channel.id,
      terms: ['#koeテスト'],
    });
    expect(made.status).toBe(201);
    const token = (await desk.admin.post('/api/tokens', { name: 'x' })).body.token;
    await apiDirectory(desk.koe.base, token).replaceCredentials(igQuery.channel.id, {
      ...(await desk.koe.koe.channelCtx.credentials(igQuery.channel.id)),
      pageAccessToken: 'EAABrevoked',
    });
    const after = await search(made.body.id);
    expect(after.lastError).toBe('not_authorised');
  });

  it('removes a query but keeps what it found', async () => {
    const count = (await posts()).length;
    expect((await desk.admin.del(`/api/listening/queries/${igQuery.id}`)).status).toBe(204);
    const left = (await desk.admin.get('/api/listening/queries')).body.items as any[];
    expect(left.map((q) => q.id)).not.toContain(igQuery.id);
    expect((await posts()).length).toBe(count);
    expect((await desk.admin.del(`/api/listening/queries/${igQuery.id}`)).status).toBe(404);
  });
});
