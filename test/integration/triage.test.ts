import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/triage';
import { Client, dialects, openDesk, Visitor, type OpenDesk } from './harness';

describe.each(dialects)('triage in the desk (%s)', (dialect) => {
  let desk: OpenDesk;

  beforeAll(async () => {
    desk = await openDesk(dialect);
  });
  afterAll(async () => {
    await desk.close();
  });

  const write = (text: string, visitor?: Visitor) => desk.write(text, visitor);

  it('levels the restaurant examples L1, L2 and L3 and sorts the urgent one first', async () => {
    const l1 = await write('来店の何日前までに予約すればよいでしょうか？');
    const l2 = await write('1週間後の友人の誕生日に予約をしたくて、様々なサプライズにも協力してほしい');
    const l3 = await write('昨日来店してクレジットカードで決済したのですが、二重請求になっていました。');
    expect([l1.level, l2.level, l3.level]).toEqual([1, 2, 3]);
    expect(l3.categories).toContain('billing_error');
    expect(l3.sentiment).toBe('negative');
    const inbox = (await desk.admin.get('/api/conversations?view=all_open')).body.items.map((c: any) => c.id);
    expect(inbox[0]).toBe(l3.id);
    expect(inbox.indexOf(l2.id)).toBeLessThan(inbox.indexOf(l1.id));
    const detail = (await desk.admin.get(`/api/conversations/${l3.id}`)).body;
    expect(detail.reasons.some((r: any) => r.code === 'billing_error' && r.evidence.includes('二重請求'))).toBe(true);
    // Each reason reads in both UI languages, quoting the customer's own words.
    const billing = detail.reasons.find((r: any) => r.kind === 'category' && r.code === 'billing_error');
    expect(billing.localized.ja).toMatch(/「.*二重請求.*」から請求トラブルと判断しました/);
    expect(billing.localized.en).toMatch(/".*二重請求.*" indicates a billing error/);
    const level = detail.reasons.find((r: any) => r.kind === 'level');
    expect(level.localized.en).toBe('level 3: a billing error needs attention now');
  });

  it('sets spam aside in its own view, and an agent can clear the flag', async () => {
    const spam = await write('【限定】フォローで10万円当選！今すぐ登録 https://bit.ly/xxxx #プレゼント #拡散希望');
    expect(spam.flag).toBe('spam');
    expect(spam.level).toBe(0);
    expect((await desk.admin.get('/api/conversations?view=all_open')).body.items.map((c: any) => c.id)).not.toContain(
      spam.id,
    );
    expect((await desk.admin.get('/api/conversations?view=flagged')).body.items.map((c: any) => c.id)).toEqual([
      spam.id,
    ]);
    expect((await desk.admin.get('/api/conversations/counts')).body.flagged).toBe(1);
    const cleared = await desk.admin.patch(`/api/conversations/${spam.id}`, { flag: null });
    expect(cleared.body.flag).toBeNull();
    expect((await desk.admin.get('/api/conversations?view=all_open')).body.items.map((c: any) => c.id)).toContain(
      spam.id,
    );
    expect((await desk.admin.get('/api/audit')).body.items.map((i: any) => i.action)).toContain(
      'conversation.flag_cleared',
    );
  });

  it("applies an admin's phrases to the next message", async () => {
    const before = await write('ポチ丸がまた動かない');
    expect(before.categories).not.toContain('defect');
    const agentOnly = new Client(desk.koe.base);
    await desk.admin.post('/api/agents', {
      email: 'l1@koe.example',
      name: '鈴木',
      password: 'agent-password-1',
      role: 'agent',
      level: 1,
    });
    await agentOnly.post('/api/auth/login', { email: 'l1@koe.example', password: 'agent-password-1' });
    expect((await agentOnly.req('PUT', '/api/triage/phrases', { phrases: { defect: ['ポチ丸'] } })).status).toBe(403);
    expect(
      (await desk.admin.req('PUT', '/api/triage/phrases', { phrases: { defect: ['ポチ丸'], unknown_category: ['x'] } }))
        .status,
    ).toBe(400);
    expect(
      (
        await desk.admin.req('PUT', '/api/triage/phrases', {
          phrases: { defect: ['ポチ丸'], support: ['#KoeMartサポート'] },
        })
      ).status,
    ).toBe(200);
    const after = await write('ポチ丸がまた壊れた');
    expect(after.categories).toContain('defect');
    expect((await desk.admin.get('/api/triage/settings')).body.phrases.defect).toEqual(['ポチ丸']);
  });

  it('stores agent corrections and learns them for the next conversation', async () => {
    // The workspace's game-currency slang, which the built-in lexicons do not know as a billing problem.
    const billing = [
      'ガチャ石が消えた',
      'ガチャ石が反映されない',
      'ガチャ石がなくなってる',
      '課金した石が消えた',
      '石が反映されてない',
      'ジェムが届かない',
      'ガチャ石の購入分がない',
      '買った石がどこにもない',
      '石が減ってる',
      'ガチャ石が0になった',
      '課金石が見当たらない',
      '購入したジェムが反映されない',
    ];
    const questions = [
      'イベントはいつまで？',
      '次のガチャはいつ？',
      'フレンド申請の方法は？',
      'ランキングの集計時間は？',
      'ログインボーナスはいつ更新？',
      '推奨スペックは？',
      'ギルドの作り方を教えて',
      '名前の変更方法は？',
      'メンテ終了は何時？',
      '引き継ぎコードはどこ？',
    ];
    const unseen = 'ガチャ石がまた消えてる';
    const before = await write(unseen);
    expect(before.categories).not.toContain('billing_error');

    for (const text of billing) {
      const c = await write(text);
      const r = await desk.admin.patch(`/api/conversations/${c.id}`, {
        categories: ['billing_error'],
        sentiment: 'negative',
        level: 3,
      });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ categories: ['billing_error'], sentiment: 'negative', level: 3 });
      expect(r.body.reasons[0]).toMatchObject({ code: 'agent_correction' });
      expect(r.body.reasons.filter((x: any) => x.kind === 'category')).toEqual([]);
    }
    for (const text of questions) {
      const c = await write(text);
      await desk.admin.patch(`/api/conversations/${c.id}`, {
        categories: ['question'],
        sentiment: 'neutral',
        level: 1,
      });
    }
    const settings = (await desk.admin.get('/api/triage/settings')).body;
    expect(settings.learnedExamples).toBeGreaterThanOrEqual(20);
    const rows = await desk.koe.koe.db.selectFrom('triage_corrections').selectAll().execute();
    expect(rows.length).toBe(settings.corrections);
    expect(rows.some((r) => JSON.parse(r.after).categories?.includes('billing_error'))).toBe(true);
    expect((await desk.admin.get('/api/audit?limit=500')).body.items.map((i: any) => i.action)).toContain(
      'triage.corrected',
    );

    // The same customer text, in a new conversation, now comes out as the agents taught it.
    const v = new Visitor(desk.koe.base, desk.channel.publicKey);
    await v.open();
    await v.say(unseen);
    await desk.koe.koe.jobs.drain();
    const items = (await desk.admin.get('/api/conversations?limit=100')).body.items as any[];
    const learned = items.find((c) => c.preview === unseen && c.id !== before.id);
    expect(learned.categories).toContain('billing_error');
    expect(learned.level).toBe(3);
    const detail = (await desk.admin.get(`/api/conversations/${learned.id}`)).body;
    expect(detail.reasons.some((r: any) => r.code === 'billing_error' && r.message.includes('学習モデル'))).toBe(true);
  });

  it('rejects an unknown category in a correction', async () => {
    const c = (await desk.admin.get('/api/conversations')).body.items[0];
    const r = await desk.admin.patch(`/api/conversations/${c.id}`, { categories: ['not_a_category'] });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].path).toMatch(/categories/);
  });
});

// Its own desk: the widget's per-address message limit is shared by every test on one desk.
describe.each(dialects)('per-message spam flags (%s)', (dialect) => {
  let desk: OpenDesk;
  beforeAll(async () => {
    desk = await openDesk(dialect);
  });
  afterAll(async () => {
    await desk.close();
  });

  it('flags messages, not whole conversations: a genuine message after spam takes the conversation out of the spam view', async () => {
    const visitor = new Visitor(desk.koe.base, desk.channel.publicKey);
    const spamText = '【限定】フォローで10万円当選！今すぐ登録 https://bit.ly/yyyy #プレゼント #拡散希望';
    const first = await desk.write(spamText, visitor);
    expect(first.flag).toBe('spam');
    const flaggedIds = async () =>
      (await desk.admin.get('/api/conversations?view=flagged')).body.items.map((c: any) => c.id);
    expect(await flaggedIds()).toContain(first.id);

    const genuine = await desk.write('法人でまとめて50台購入したいのですが、見積もりをお願いできますか？', visitor);
    expect(genuine.id).toBe(first.id);
    expect(genuine.flag).toBeNull();
    expect(await flaggedIds()).not.toContain(first.id);
    expect((await desk.admin.get('/api/conversations?view=all_open')).body.items.map((c: any) => c.id)).toContain(
      first.id,
    );
    // The agent sees which message was the spam one.
    const thread = (await desk.admin.get(`/api/conversations/${first.id}/messages`)).body.items as any[];
    expect(thread.filter((m) => m.kind === 'customer').map((m) => [m.text.slice(0, 4), m.flag])).toEqual([
      ['【限定】', 'spam'],
      ['法人でま', null],
    ]);
  });
});

// Its own desk: counts of marked conversations are per workspace.
describe.each(dialects)('brands, competitors and triage marks (%s)', (dialect) => {
  let desk: OpenDesk;
  beforeAll(async () => {
    desk = await openDesk(dialect);
  });
  afterAll(async () => {
    await desk.close();
  });

  const profile = {
    brands: ['コエマート', 'Koe Mart'],
    products: ['ポチ丸'],
    hashtags: ['コエマートサポート'],
    competitors: ['ライバル商店'],
  };

  it('only an admin sets the brand profile; a name in both lists is refused with a clear code', async () => {
    const agent = new Client(desk.koe.base);
    await desk.admin.post('/api/agents', {
      email: 'brands-agent@koe.example',
      name: '佐藤',
      password: 'agent-password-1',
      role: 'agent',
      level: 1,
    });
    await agent.post('/api/auth/login', { email: 'brands-agent@koe.example', password: 'agent-password-1' });
    expect((await agent.req('PUT', '/api/triage/brands', { brands: profile })).status).toBe(403);
    const both = await desk.admin.req('PUT', '/api/triage/brands', {
      brands: { ...profile, competitors: ['ライバル商店', 'koe mart'] },
    });
    expect(both.status).toBe(400);
    expect(both.body.code).toBe('brand_is_competitor');
    expect((await desk.admin.req('PUT', '/api/triage/brands', { brands: { brands: 'x' } })).status).toBe(400);
    expect((await desk.admin.get('/api/triage/settings')).body.brands).toEqual({
      brands: [],
      products: [],
      hashtags: [],
      competitors: [],
    });
  });

  it("a competitor's double charge is a competitor mention once the profile names it; ours stays urgent", async () => {
    const text = 'ライバル商店のアプリでまた二重請求された。最悪';
    const before = await desk.write(text);
    expect(before.level).toBe(3);
    expect(before.mark).toBeNull();

    const saved = await desk.admin.req('PUT', '/api/triage/brands', {
      brands: { ...profile, brands: [...profile.brands, 'コエマート'] },
    });
    expect(saved.status).toBe(200);
    // Deduplicated, and hashtags written with their #.
    expect(saved.body.brands).toEqual({ ...profile, hashtags: ['#コエマートサポート'] });
    expect((await desk.admin.get('/api/triage/settings')).body.brands).toEqual(saved.body.brands);
    const audit = (await desk.admin.get('/api/audit')).body.items.find(
      (i: any) => i.action === 'triage.brands_updated',
    );
    expect(audit.detail).toEqual({ brands: 2, products: 1, hashtags: 1, competitors: 1 });

    // (A new conversation: the same words once more, from another customer.)
    const theirs = await desk.write(`${text}…`);
    expect(theirs.level).toBe(0);
    expect(theirs.categories).toEqual([]);
    expect(theirs.sentiment).toBe('negative');
    expect(theirs.mark).toBe('competitor');
    const detail = (await desk.admin.get(`/api/conversations/${theirs.id}`)).body;
    expect(detail.reasons.find((r: any) => r.code === 'competitor').localized.ja).toMatch(/競合（ライバル商店）/);

    const ours = await desk.write('コエマートのアプリで二重請求された。ライバル商店では一度もなかったのに');
    expect(ours.level).toBe(3);
    expect(ours.mark).toBeNull();

    // Its own view and count; not in the urgent ones.
    expect((await desk.admin.get('/api/conversations/counts')).body).toMatchObject({ competitor: 1, needs_look: 0 });
    const marked = (await desk.admin.get('/api/conversations?view=all_open&mark=competitor')).body.items;
    expect(marked.map((c: any) => c.id)).toEqual([theirs.id]);
    const urgent = (await desk.admin.get('/api/conversations?view=all_open&level=3')).body.items.map((c: any) => c.id);
    expect(urgent).toContain(ours.id);
    expect(urgent).not.toContain(theirs.id);
    expect((await desk.admin.req('GET', '/api/conversations?mark=bogus')).status).toBe(400);
  });

  it('a later message about our own problem takes the mark away', async () => {
    const visitor = new Visitor(desk.koe.base, desk.channel.publicKey);
    const first = await desk.write('ライバル商店のアプリまた落ちてる。コエマートは普通に使えてる', visitor);
    expect(first.mark).toBe('competitor');
    const next = await desk.write('と思ったらコエマートのアプリでもログインできなくなりました', visitor);
    expect(next.id).toBe(first.id);
    expect(next.level).toBe(3);
    expect(next.mark).toBeNull();
  });
});

// Its own desk: precedents are per workspace.
describe.each(dialects)('precedents: an agent decision stands for near-identical posts (%s)', (dialect) => {
  let desk: OpenDesk;
  beforeAll(async () => {
    desk = await openDesk(dialect);
  });
  afterAll(async () => {
    await desk.close();
  });

  // Posts the shipped analyser marks "needs a look" with and without a trailing "!" (the near-identical post below),
  // so only a precedent can take the mark away. Which ones depends on the shipped model, so they are picked.
  const CANDIDATES = [
    'still down.',
    '箱の中、左足が2つ入ってた',
    '新ガチャ引くか迷う…石800個しかない',
    '営業中ですか？電話が話し中でつながらなくて',
    'くれじっとかーどで2かいひかれてる',
  ];

  it('after one dismissal a near-identical post is no longer marked, and after one confirmation it is urgent', async () => {
    const marked = CANDIDATES.filter(
      (text) => analyse({ text }).flags.needsLook && analyse({ text: `${text}!` }).flags.needsLook,
    );
    expect(marked.length).toBeGreaterThanOrEqual(2);

    const first = await desk.write(marked[0]);
    expect(first.mark).toBe('needs_look');
    const dismissed = await desk.admin.patch(`/api/conversations/${first.id}`, { level: first.level, categories: [] });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body.mark).toBeNull();
    const again = await desk.write(`${marked[0]}!`);
    expect(again.mark).toBeNull();
    const detail = (await desk.admin.get(`/api/conversations/${again.id}`)).body;
    expect(detail.reasons.some((r: any) => r.code === 'precedent')).toBe(true);

    const second = await desk.write(marked[1]);
    expect(second.mark).toBe('needs_look');
    const category = (await desk.admin.get(`/api/conversations/${second.id}`)).body.reasons.find(
      (r: any) => r.code === 'needs_look',
    ).category;
    await desk.admin.patch(`/api/conversations/${second.id}`, { level: 3, categories: [category] });
    const similar = await desk.write(`${marked[1]}!`);
    expect(similar.level).toBe(3);
    expect(similar.categories).toContain(category);
    expect(similar.mark).toBeNull();
  });
});
