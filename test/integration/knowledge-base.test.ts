import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, dialects, openDesk, signedInAgent, type OpenDesk } from './harness';

/** Issue 16, first part: knowledge-base articles — languages, revisions and restore, search, roles, import/export. */
describe.each(dialects)('knowledge base (%s)', (dialect) => {
  let desk: OpenDesk;
  let agent: Client;
  let supervisor: Client;

  const HOURS_JA = {
    title: '営業時間のご案内',
    body: '# 営業時間\n\n当店の営業時間は**平日10時〜18時**です。土日祝日はお休みをいただいております。',
    questions: ['何時まで開いていますか？', '土日も営業していますか？'],
  };
  const HOURS_EN = { title: 'Opening hours', body: 'We are open **10:00–18:00** on weekdays.', questions: [] };
  const create = (client: Client, body: unknown) => client.post('/api/kb/articles', body);
  const search = async (client: Client, q: string, extra = '') =>
    (await client.get(`/api/kb/search?q=${encodeURIComponent(q)}${extra}`)).body.items as any[];

  beforeAll(async () => {
    desk = await openDesk(dialect);
    agent = (await signedInAgent(desk.koe.base, desk.admin, { email: 'kb-agent@koe.example', name: '鈴木' })).client;
    supervisor = (
      await signedInAgent(desk.koe.base, desk.admin, {
        email: 'kb-sv@koe.example',
        name: '高橋',
        role: 'supervisor',
        level: 3,
      })
    ).client;
  });
  afterAll(async () => {
    await desk.close();
  });

  it('writes an article in two languages; supervisors and admins write, agents read drafts and published alike', async () => {
    const made = await create(desk.admin, {
      versions: {
        // The ways customers ask are trimmed, and empty lines and repeats dropped.
        ja: {
          ...HOURS_JA,
          questions: [' 何時まで開いていますか？ ', '', '何時まで開いていますか？', '土日も営業していますか？'],
        },
        // A version written without them has none.
        en: { title: HOURS_EN.title, body: HOURS_EN.body },
      },
      category: '店舗',
      tags: ['営業時間', 'FAQ', 'FAQ'],
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      versions: { ja: HOURS_JA, en: HOURS_EN },
      category: '店舗',
      tags: ['営業時間', 'FAQ'],
      status: 'draft',
      revision: 1,
      author: { name: '山田 花子' },
      updatedBy: { name: '山田 花子' },
    });

    const bySupervisor = await create(supervisor, {
      versions: { en: { title: 'Returns', body: 'Send it back within 30 days.' } },
      category: '返品',
      status: 'published',
    });
    expect(bySupervisor.status).toBe(201);
    expect(bySupervisor.body.versions.ja).toBeUndefined();

    // An agent reads both, the draft marked as such, but writes nothing.
    expect((await create(agent, { versions: { ja: HOURS_JA } })).status).toBe(403);
    expect(
      (await agent.put(`/api/kb/articles/${made.body.id}`, { versions: { ja: HOURS_JA }, baseRevision: 1 })).status,
    ).toBe(403);
    expect((await agent.del(`/api/kb/articles/${made.body.id}`)).status).toBe(403);
    expect((await agent.get(`/api/kb/articles/${made.body.id}/revisions`)).status).toBe(403);
    const list = (await agent.get('/api/kb/articles')).body;
    expect(list.items.map((a: any) => [a.titles.ja ?? a.titles.en, a.status])).toEqual([
      ['Returns', 'published'],
      ['営業時間のご案内', 'draft'],
    ]);
    expect(list.items[1].titles).toEqual({ ja: '営業時間のご案内', en: 'Opening hours' });
    expect((await agent.get(`/api/kb/articles/${made.body.id}`)).body.versions.ja).toEqual(HOURS_JA);
  });

  it('refuses an article without any language, an empty title and too long a body, naming the field', async () => {
    const none = await create(desk.admin, { versions: {} });
    expect(none.status).toBe(400);
    expect(JSON.stringify(none.body.errors)).toContain('versions');
    const emptyTitle = await create(desk.admin, { versions: { ja: { title: '  ', body: '本文' } } });
    expect(emptyTitle.status).toBe(400);
    expect(emptyTitle.body.errors.map((e: any) => e.path)).toContain('body.versions.ja.title');
    const long = await create(desk.admin, { versions: { en: { title: 'Long', body: 'あ'.repeat(15_001) } } });
    expect(long.status).toBe(400);
    expect(long.body.errors.map((e: any) => e.path)).toContain('body.versions.en.body');
    const badStatus = await create(desk.admin, { versions: { en: HOURS_EN }, status: 'archived' });
    expect(badStatus.status).toBe(400);
    expect((await desk.admin.get('/api/kb/articles')).body.items).toHaveLength(2);
  });

  it('filters by status, category and tag, and pages', async () => {
    const titles = async (query: string) =>
      ((await agent.get(`/api/kb/articles${query}`)).body.items as any[]).map((a) => a.titles.ja ?? a.titles.en);
    expect(await titles('?status=draft')).toEqual(['営業時間のご案内']);
    expect(await titles('?status=published')).toEqual(['Returns']);
    expect(await titles(`?category=${encodeURIComponent('返品')}`)).toEqual(['Returns']);
    expect(await titles(`?tag=${encodeURIComponent('営業時間')}`)).toEqual(['営業時間のご案内']);
    // A tag matches whole, not as part of another: FA is no tag of anything.
    expect(await titles('?tag=FA')).toEqual([]);

    const first = (await agent.get('/api/kb/articles?limit=1')).body;
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toBeTruthy();
    const second = (await agent.get(`/api/kb/articles?limit=1&cursor=${first.nextCursor}`)).body;
    expect(second.items.map((a: any) => a.id)).not.toContain(first.items[0].id);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect((await agent.get('/api/kb/articles?cursor=nonsense')).status).toBe(400);

    const facets = (await agent.get('/api/kb/facets')).body;
    expect(facets.categories).toEqual(
      expect.arrayContaining([
        { name: '店舗', count: 1 },
        { name: '返品', count: 1 },
      ]),
    );
    expect(facets.tags).toEqual(expect.arrayContaining([{ name: 'FAQ', count: 1 }]));
  });

  it('finds Japanese words inside running text, marks drafts, and ranks a title match above a body match', async () => {
    const hits = await search(agent, '営業時間');
    expect(hits[0].article.titles.ja).toBe('営業時間のご案内');
    expect(hits[0]).toMatchObject({ lang: 'ja', inTitle: true });
    expect(hits[0].article.status).toBe('draft');
    // The snippet is words, not Markdown.
    expect(hits[0].snippet).toContain('当店の営業時間は平日10時〜18時です');
    expect(hits[0].snippet).not.toContain('**');

    // A word in the middle of a sentence, two characters long, in the body only.
    const holiday = await search(agent, '祝日');
    expect(holiday.map((h) => h.article.titles.ja)).toEqual(['営業時間のご案内']);
    expect(holiday[0].inTitle).toBe(false);
    expect(holiday[0].snippet).toContain('土日祝日はお休み');
    // English, and a word that is nowhere.
    expect((await search(agent, 'weekdays'))[0]).toMatchObject({
      lang: 'en',
      article: { titles: { en: 'Opening hours' } },
    });
    expect(await search(agent, '送料')).toEqual([]);
    // A lone kanji goes to the scan and still finds it.
    expect((await search(agent, '祝')).map((h) => h.article.titles.ja)).toEqual(['営業時間のご案内']);
    expect((await search(agent, '営業時間', '&status=published')).length).toBe(0);

    // Title outranks body: the body-only article repeats the word and is newer, the title one still comes first.
    await create(desk.admin, { versions: { ja: { title: '配送料について', body: '地域によって異なります。' } } });
    await create(desk.admin, {
      versions: { ja: { title: '年末年始のお知らせ', body: '配送料は無料です。配送料の詳細は配送料のページへ。' } },
    });
    const ranked = await search(agent, '配送料');
    expect(ranked.map((h) => h.article.titles.ja)).toEqual(['配送料について', '年末年始のお知らせ']);
    expect((await agent.get('/api/kb/search?q=')).status).toBe(400);
  });

  it('keeps every save as a revision; an old one is read and restored as a new revision, keeping the status', async () => {
    const id = (await search(agent, '営業時間'))[0].article.id;
    const v2 = await desk.admin.put(`/api/kb/articles/${id}`, {
      versions: {
        ja: { title: '営業時間', body: '営業時間は毎日9時〜21時です。', questions: ['夜は何時までですか？'] },
        en: { ...HOURS_EN, questions: ['When do you close?'] },
      },
      category: '店舗',
      tags: ['営業時間'],
      status: 'published',
      baseRevision: 1,
    });
    expect(v2.status).toBe(200);
    expect(v2.body).toMatchObject({ revision: 2, status: 'published' });
    expect(v2.body.versions.ja.questions).toEqual(['夜は何時までですか？']);

    // A save from the old base is refused: someone saved meanwhile.
    const stale = await supervisor.put(`/api/kb/articles/${id}`, {
      versions: { ja: HOURS_JA },
      baseRevision: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('kb_revision_conflict');

    const revisions = (await supervisor.get(`/api/kb/articles/${id}/revisions`)).body.items as any[];
    expect(revisions.map((r) => [r.number, r.status, r.agent.name, r.restoredFrom])).toEqual([
      [2, 'published', '山田 花子', null],
      [1, 'draft', '山田 花子', null],
    ]);
    const first = (await supervisor.get(`/api/kb/articles/${id}/revisions/1`)).body;
    expect(first.content).toEqual({
      versions: { ja: HOURS_JA, en: HOURS_EN },
      category: '店舗',
      tags: ['営業時間', 'FAQ'],
      status: 'draft',
    });
    expect((await supervisor.get(`/api/kb/articles/${id}/revisions/2`)).body.content.versions.en.questions).toEqual([
      'When do you close?',
    ]);
    expect((await supervisor.get(`/api/kb/articles/${id}/revisions/9`)).status).toBe(404);

    const restored = await supervisor.post(`/api/kb/articles/${id}/revisions/1/restore`, { baseRevision: 2 });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({
      revision: 3,
      // The questions come back with the words: revision 2's are gone, and the English version had none.
      versions: { ja: HOURS_JA, en: HOURS_EN },
      tags: ['営業時間', 'FAQ'],
      // Restoring the draft's words does not unpublish the article.
      status: 'published',
      updatedBy: { name: '高橋' },
    });
    const after = (await supervisor.get(`/api/kb/articles/${id}/revisions`)).body.items as any[];
    expect(after[0]).toMatchObject({ number: 3, restoredFrom: 1, agent: { name: '高橋' } });
    expect(after).toHaveLength(3);
    // The index follows: the restored words are found again, the replaced ones are not.
    expect((await search(agent, '祝日')).map((h) => h.article.id)).toEqual([id]);
    expect(await search(agent, '毎日9時')).toEqual([]);

    const audit = ((await desk.admin.get('/api/audit?limit=50')).body.items as any[]).map((a) => a.action);
    expect(audit).toEqual(expect.arrayContaining(['kb_article.created', 'kb_article.updated', 'kb_article.restored']));
  });

  it('archives on delete: gone from the list, the article and search; its revisions are kept', async () => {
    const made = (
      await create(desk.admin, { versions: { ja: { title: '旧キャンペーン', body: '春の割引キャンペーンです。' } } })
    ).body;
    await desk.admin.put(`/api/kb/articles/${made.id}`, {
      versions: { ja: { title: '旧キャンペーン', body: '春の割引キャンペーンは終了しました。' } },
      baseRevision: 1,
    });
    expect((await search(agent, 'キャンペーン')).length).toBe(1);
    expect((await desk.admin.del(`/api/kb/articles/${made.id}`)).status).toBe(204);
    expect((await desk.admin.del(`/api/kb/articles/${made.id}`)).status).toBe(404);
    expect((await agent.get(`/api/kb/articles/${made.id}`)).status).toBe(404);
    expect(((await agent.get('/api/kb/articles?limit=100')).body.items as any[]).map((a) => a.id)).not.toContain(
      made.id,
    );
    expect(await search(agent, 'キャンペーン')).toEqual([]);
    const kept = await desk.koe.koe.db
      .selectFrom('kb_revisions')
      .select('number')
      .where('article_id', '=', made.id)
      .execute();
    expect(kept.map((r) => r.number).sort()).toEqual([1, 2]);
  });

  it('exports JSON lines and imports them back: a round trip changes nothing, edits become revisions, new keys new articles', async () => {
    const exported = await supervisor.get('/api/kb/export.jsonl');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toContain('application/x-ndjson');
    const text: string = typeof exported.body === 'string' ? exported.body : JSON.stringify(exported.body);
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    // One line per article and language: the hours article in two, Returns, and the two shipping ones.
    expect(lines).toHaveLength(5);
    const hoursJa = lines.find((l) => l.lang === 'ja' && l.title === '営業時間のご案内');
    expect(hoursJa).toEqual({
      article: expect.any(String),
      lang: 'ja',
      ...HOURS_JA,
      category: '店舗',
      tags: ['営業時間', 'FAQ'],
      status: 'published',
    });
    expect((await agent.get('/api/kb/export.jsonl')).status).toBe(403);

    const same = await supervisor.post('/api/kb/import', { text });
    expect(same.status).toBe(200);
    expect(same.body).toEqual({ created: 0, updated: 0, unchanged: 4 });

    const returnsEn = lines.find((l) => l.title === 'Returns');
    expect(returnsEn.questions).toEqual([]);
    const edited = lines.map((l) => {
      // A line from an older file, without questions, keeps the ones the version has.
      if (l === hoursJa) {
        const { questions: _kept, ...old } = l;
        return { ...old, body: '当店の営業時間は平日10時〜19時です。' };
      }
      return l === returnsEn ? { ...l, questions: ['How do I send something back?', ' '] } : l;
    });
    edited.push({
      article: 'new-1',
      lang: 'ja',
      title: 'ポイントの使い方',
      body: '1ポイント1円です。',
      tags: ['ポイント'],
    });
    edited.push({
      article: 'new-1',
      lang: 'en',
      title: 'Using points',
      body: 'One point is one yen.',
      tags: ['ポイント'],
    });
    const imported = await supervisor.post('/api/kb/import', { text: edited.map((l) => JSON.stringify(l)).join('\n') });
    expect(imported.status).toBe(200);
    expect(imported.body).toEqual({ created: 1, updated: 2, unchanged: 2 });
    const hours = (await agent.get(`/api/kb/articles/${hoursJa.article}`)).body;
    // The Japanese line replaced the Japanese version; the English one in the file was the same.
    expect(hours.versions.ja).toEqual({ ...HOURS_JA, body: '当店の営業時間は平日10時〜19時です。' });
    expect(hours.versions.en).toEqual(HOURS_EN);
    expect(hours.revision).toBe(4);
    const returns = (await agent.get(`/api/kb/articles/${returnsEn.article}`)).body;
    expect(returns.versions.en.questions).toEqual(['How do I send something back?']);
    const returnsRevision = (
      await supervisor.get(`/api/kb/articles/${returnsEn.article}/revisions/${returns.revision}`)
    ).body;
    expect(returnsRevision.content.versions.en.questions).toEqual(['How do I send something back?']);
    const points = (await search(agent, 'ポイント'))[0].article;
    expect(points).toMatchObject({ titles: { ja: 'ポイントの使い方', en: 'Using points' }, status: 'draft' });
    // A new article from a file without questions has none.
    expect((await agent.get(`/api/kb/articles/${points.id}`)).body.versions.ja.questions).toEqual([]);

    // The export carries the questions, and importing it again changes nothing.
    const againBody = (await supervisor.get('/api/kb/export.jsonl')).body;
    const again: string = typeof againBody === 'string' ? againBody : JSON.stringify(againBody);
    const againLines = again
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(againLines.find((l) => l.title === 'Returns').questions).toEqual(['How do I send something back?']);
    expect((await supervisor.post('/api/kb/import', { text: again })).body).toEqual({
      created: 0,
      updated: 0,
      unchanged: 5,
    });
    // An empty list in the file removes them.
    const cleared = againLines.map((l) => (l.title === 'Returns' ? { ...l, questions: [] } : l));
    expect(
      (await supervisor.post('/api/kb/import', { text: cleared.map((l) => JSON.stringify(l)).join('\n') })).body,
    ).toEqual({ created: 0, updated: 1, unchanged: 4 });
    expect((await agent.get(`/api/kb/articles/${returnsEn.article}`)).body.versions.en.questions).toEqual([]);
  });

  it('refuses a bad file whole, naming each line and what is wrong with it', async () => {
    const before = (await desk.admin.get('/api/kb/articles?limit=100')).body.items.length;
    const good = { article: 'x-1', lang: 'ja', title: '良い行', body: '本文です。' };
    const text = [
      JSON.stringify(good),
      'not json',
      JSON.stringify({ article: 'x-2', lang: 'fr', title: 'Bonjour', body: 'Texte' }),
      JSON.stringify({ article: 'x-3', lang: 'ja', title: '', body: '本文' }),
      '',
      JSON.stringify({ ...good, title: '二回目' }),
      JSON.stringify({ ...good, lang: 'en', title: 'Good', status: 'published' }),
      JSON.stringify({ article: 'x-4', lang: 'en', title: 'No body' }),
    ].join('\n');
    const res = await desk.admin.post('/api/kb/import', { text });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('kb_import_invalid');
    expect(res.body.errors.map((e: any) => [e.path, e.code])).toEqual([
      ['2', 'not_json'],
      ['3.lang', 'invalid'],
      ['4.title', 'empty'],
      ['6.lang', 'duplicate'],
      ['7', 'mismatch'],
      ['8.body', 'invalid'],
    ]);
    // Nothing was imported, not even the good first line.
    expect((await desk.admin.get('/api/kb/articles?limit=100')).body.items.length).toBe(before);
    expect((await desk.admin.post('/api/kb/import', { text: '\n\n' })).status).toBe(400);
    expect((await agent.post('/api/kb/import', { text: JSON.stringify(good) })).status).toBe(403);
  });

  it('limits the ways customers ask; articles and revisions saved before them read as having none', async () => {
    const many = Array.from({ length: 31 }, (_, i) => `質問その${i + 1}`);
    const tooMany = await create(desk.admin, {
      versions: { ja: { title: '多すぎる', body: '本文', questions: many } },
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors.map((e: any) => e.path)).toContain('body.versions.ja.questions');
    // The limit counts what is kept: thirty-one lines, two of them repeats, are twenty-nine questions.
    const repeated = await create(desk.admin, {
      versions: {
        ja: {
          title: '聞き方の多い記事',
          body: '本文です。',
          questions: [...many.slice(0, 29), many[0], ` ${many[1]} `],
        },
      },
    });
    expect(repeated.status).toBe(201);
    expect(repeated.body.versions.ja.questions).toEqual(many.slice(0, 29));
    const tooLong = await create(desk.admin, {
      versions: { en: { title: 'Long', body: 'Body', questions: ['x'.repeat(201)] } },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors.map((e: any) => e.path)).toContain('body.versions.en.questions.0');

    const line = (article: string, questions: unknown) =>
      JSON.stringify({ article, lang: 'ja', title: '取り込み', body: '本文です。', questions });
    const badFile = await desk.admin.post('/api/kb/import', {
      text: [line('q-1', ['あ'.repeat(201)]), line('q-2', '一つだけ'), line('q-3', many)].join('\n'),
    });
    expect(badFile.status).toBe(400);
    expect(badFile.body.errors.map((e: any) => [e.path, e.code])).toEqual([
      ['1.questions.0', 'too_long'],
      ['2.questions', 'invalid'],
      ['3.questions', 'too_long'],
    ]);

    // As an article and its first revision were stored before migration 027: no column value, no field in the JSON.
    const id = repeated.body.id;
    const db = desk.koe.koe.db;
    await db.updateTable('kb_articles').set({ questions_ja: null }).where('id', '=', id).execute();
    await db
      .updateTable('kb_revisions')
      .set({
        content: JSON.stringify({
          versions: { ja: { title: '聞き方の多い記事', body: '本文です。' } },
          category: null,
          tags: [],
          status: 'draft',
        }),
      })
      .where('article_id', '=', id)
      .where('number', '=', 1)
      .execute();
    expect((await agent.get(`/api/kb/articles/${id}`)).body.versions.ja.questions).toEqual([]);
    expect((await supervisor.get(`/api/kb/articles/${id}/revisions/1`)).body.content.versions.ja).toEqual({
      title: '聞き方の多い記事',
      body: '本文です。',
      questions: [],
    });
    const v2 = await desk.admin.put(`/api/kb/articles/${id}`, {
      versions: { ja: { title: '聞き方の多い記事', body: '本文です。', questions: ['新しい聞き方'] } },
      baseRevision: 1,
    });
    expect(v2.body.versions.ja.questions).toEqual(['新しい聞き方']);
    const restored = await supervisor.post(`/api/kb/articles/${id}/revisions/1/restore`, { baseRevision: 2 });
    expect(restored.status).toBe(200);
    expect(restored.body.versions.ja.questions).toEqual([]);
  });
});
