import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ARTICLES, openDemoHelpCenter } from '../../src/sandbox/help-center';
import { workspaces } from '../../src/store/repositories';
import { Client, dialects, openDesk, signedInAgent, type OpenDesk } from './harness';

/** Issue 16: the public help center — pages, settings, sitemap, and the widget's article suggestions. */
describe.each(dialects)('help center (%s)', (dialect) => {
  let desk: OpenDesk;
  let anon: Client;
  const ids: Record<string, string> = {};
  const page = async (url: string, headers: Record<string, string> = {}) => {
    const r = await anon.req('GET', url, undefined, headers);
    return { status: r.status, text: String(r.body ?? ''), headers: r.headers };
  };

  beforeAll(async () => {
    desk = await openDesk(dialect);
    anon = new Client(desk.koe.base);
    const made = async (key: string, body: unknown) => {
      const r = await desk.admin.post('/api/kb/articles', body);
      expect(r.status).toBe(201);
      ids[key] = r.body.id;
    };
    await made('hours', {
      versions: {
        ja: { title: '営業時間のご案内', body: '# 営業時間\n\n当店の営業時間は**平日10時〜18時**です。' },
        en: { title: 'Opening hours', body: 'We are open **10:00–18:00** on weekdays.' },
      },
      category: '店舗',
      status: 'published',
    });
    await made('returns', {
      versions: { en: { title: 'Returns', body: 'Send the item back within 30 days.' } },
      category: '返品',
      status: 'published',
    });
    await made('draft', {
      versions: { ja: { title: '下書きの記事', body: '営業時間の変更（未公開）' } },
      category: '店舗',
    });
    await made('archived', {
      versions: { ja: { title: '古い記事', body: '営業時間は以前9時からでした。' } },
      category: '店舗',
      status: 'published',
    });
    expect((await desk.admin.del(`/api/kb/articles/${ids.archived}`)).status).toBe(204);
    await made('xss', {
      versions: {
        ja: {
          title: '<img src=x onerror=alert(1)>注意',
          body: '<script>alert("x")</script>\n\n[押してね](javascript:alert(1))\n\n<a href="javascript:alert(2)">link</a>',
        },
      },
      status: 'published',
    });
  });
  afterAll(async () => {
    await desk.close();
  });

  it('is off by default: every public page and the suggestions answer as if nothing were there', async () => {
    const settings = await desk.admin.get('/api/kb/help-center');
    expect(settings.body).toMatchObject({ enabled: false, slug: 'support', name: null, accent: '#0c8599' });
    expect(settings.body.url).toBe(`${desk.koe.base}/help/support`);
    const off = await page('/help/support/ja');
    expect(off.status).toBe(404);
    expect(off.text).toContain('ページが見つかりません');
    expect((await page(`/help/support/en/articles/${ids.hours}`)).status).toBe(404);
    expect((await page('/help/support/sitemap.xml')).status).toBe(404);
    const suggest = await anon.get(
      `/api/widget/${desk.channel.publicKey}/articles?q=${encodeURIComponent('営業時間')}`,
    );
    expect(suggest.status).toBe(200);
    expect(suggest.body.items).toEqual([]);
  });

  it('lets only admins change the settings, validates them and audits the change', async () => {
    const supervisor = (
      await signedInAgent(desk.koe.base, desk.admin, { email: 'hc-sv@koe.example', role: 'supervisor', level: 3 })
    ).client;
    expect((await supervisor.get('/api/kb/help-center')).status).toBe(403);
    expect((await supervisor.patch('/api/kb/help-center', { enabled: true })).status).toBe(403);
    expect((await desk.admin.patch('/api/kb/help-center', { accent: 'teal' })).status).toBe(400);
    expect((await desk.admin.patch('/api/kb/help-center', { accent: '#12345' })).status).toBe(400);
    expect((await desk.admin.patch('/api/kb/help-center', { slug: 'Bad Slug!' })).status).toBe(400);
    const saved = await desk.admin.patch('/api/kb/help-center', {
      enabled: true,
      slug: 'KoeMart',
      name: 'Koeマート',
      accent: '#C2410C',
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ enabled: true, slug: 'koemart', name: 'Koeマート', accent: '#c2410c' });
    // A partial change keeps the rest.
    expect((await desk.admin.patch('/api/kb/help-center', { name: 'Koeマート公式' })).body).toMatchObject({
      enabled: true,
      slug: 'koemart',
      name: 'Koeマート公式',
    });
    const audit = (await desk.admin.get('/api/audit?limit=20')).body.items as any[];
    expect(audit.filter((e) => e.action === 'help_center.updated')).toHaveLength(2);
  });

  it('serves the home page with categories of published articles, in either language, with SEO links', async () => {
    const ja = await page('/help/koemart/ja');
    expect(ja.status).toBe(200);
    expect(ja.headers.get('content-type')).toContain('text/html');
    expect(ja.headers.get('cache-control')).toBe('public, max-age=60');
    expect(ja.text).toContain('<html lang="ja">');
    expect(ja.text).toContain('<title>Koeマート公式 ヘルプセンター</title>');
    expect(ja.text).toContain(`<link rel="canonical" href="${desk.koe.base}/help/koemart/ja">`);
    expect(ja.text).toContain(`<link rel="alternate" hreflang="en" href="${desk.koe.base}/help/koemart/en">`);
    expect(ja.text).toContain('<meta name="description"');
    expect(ja.text).toContain('営業時間のご案内');
    // The English-only article is listed with its English title and marked.
    expect(ja.text).toMatch(/lang="en">Returns<\/a> <span class="muted">（英語）/);
    expect(ja.text).toContain(`href="${desk.koe.base}/help/koemart/ja/categories/${encodeURIComponent('店舗')}"`);
    expect(ja.text).not.toContain('下書きの記事');
    expect(ja.text).not.toContain('古い記事');
    // The accent colour is the page's.
    expect(ja.text).toMatch(/header\.top\{background:#[0-9a-f]{6};color:#ffffff/);
    // The web chat channel exists: the "chat with us" link and the widget script are there.
    expect(ja.text).toContain('href="#koe-chat"');
    expect(ja.text).toContain(`data-channel="${desk.channel.publicKey}" data-lang="ja"`);

    const en = await page('/help/koemart/en');
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('Opening hours');
    expect(en.text).toContain('Chat with us');

    // The same bytes again: a conditional request is answered 304.
    const again = await page('/help/koemart/ja', { 'if-none-match': ja.headers.get('etag')! });
    expect(again.status).toBe(304);

    const redirect = await fetch(`${desk.koe.base}/help/koemart`, {
      redirect: 'manual',
      headers: { 'accept-language': 'en-US,en' },
    });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe(`${desk.koe.base}/help/koemart/en`);
    expect(redirect.headers.get('vary')).toContain('accept-language');
  });

  it('renders an article, falls back to the other language and says so, and 404s drafts and archived ones', async () => {
    const ja = await page(`/help/koemart/ja/articles/${ids.hours}`);
    expect(ja.status).toBe(200);
    expect(ja.text).toContain('<title>営業時間のご案内 | Koeマート公式 ヘルプセンター</title>');
    expect(ja.text).toContain('<h1>営業時間のご案内</h1><h2>営業時間</h2>');
    expect(ja.text).toContain('<strong>平日10時〜18時</strong>');
    expect(ja.text).toContain('<meta name="description" content="営業時間 当店の営業時間は平日10時〜18時です。">');
    expect(ja.text).toContain(`hreflang="en" href="${desk.koe.base}/help/koemart/en/articles/${ids.hours}"`);
    expect(ja.text).not.toContain('data-testid="help-fallback"');

    const fallback = await page(`/help/koemart/ja/articles/${ids.returns}`);
    expect(fallback.status).toBe(200);
    expect(fallback.text).toContain('この記事には日本語版がないため、英語版を表示しています。');
    expect(fallback.text).toContain('<article class="body" lang="en"><h1>Returns</h1>');
    // The English page is the original: it is canonical, and the only alternate.
    expect(fallback.text).toContain(
      `<link rel="canonical" href="${desk.koe.base}/help/koemart/en/articles/${ids.returns}">`,
    );
    expect(fallback.text).not.toContain('hreflang="ja" href');

    for (const id of [ids.draft, ids.archived, 'no-such-article']) {
      const en = await page(`/help/koemart/en/articles/${id}`);
      expect(en.status).toBe(404);
      expect(en.text).toContain('Page not found');
      expect(en.text).toContain('<meta name="robots" content="noindex">');
      const ja = await page(`/help/koemart/ja/articles/${id}`);
      expect(ja.status).toBe(404);
      expect(ja.text).toContain('お探しのページは見つかりませんでした');
    }
    expect((await page('/help/koemart/fr')).status).toBe(404);
    expect((await page('/help/nobody/ja')).status).toBe(404);
    expect((await page(`/help/koemart/ja/categories/${encodeURIComponent('存在しない')}`)).status).toBe(404);
    const category = await page(`/help/koemart/en/categories/${encodeURIComponent('店舗')}`);
    expect(category.status).toBe(200);
    expect(category.text).toContain('Opening hours');
    expect(category.text).toContain('1 article');
  });

  it('renders Markdown and titles inert: no script, no event handler, no javascript: link', async () => {
    const r = await page(`/help/koemart/ja/articles/${ids.xss}`);
    expect(r.status).toBe(200);
    const main = r.text.slice(r.text.indexOf('<main'), r.text.indexOf('</main>'));
    // Every element is one the page's own layout or plain Markdown makes, and no attribute runs anything.
    const elements = [...main.matchAll(/<([a-z][a-z0-9]*)\b([^>]*)>/gi)];
    expect(new Set(elements.map((m) => m[1]))).toEqual(new Set(['main', 'nav', 'ol', 'li', 'a', 'article', 'h1', 'p']));
    expect(elements.filter((m) => /\bon[a-z]+=|javascript:/i.test(m[2]!))).toEqual([]);
    expect(main).toContain('&#x3C;script>alert("x")&#x3C;/script>');
    expect(main).toContain('<a>押してね</a>');
    expect(r.text).toContain('<title>&lt;img src=x onerror=alert(1)&gt;注意 | ');
    // The only script on the page is the chat widget's.
    expect([...r.text.matchAll(/<script[^>]*>/g)].map((m) => m[0])).toEqual([
      `<script src="${desk.koe.base}/widget.js" data-channel="${desk.channel.publicKey}" data-lang="ja" async>`,
    ]);
  });

  it('searches published articles only, in the page language, keeping the query in the box', async () => {
    const r = await page(`/help/koemart/ja/search?q=${encodeURIComponent('営業時間')}`);
    expect(r.status).toBe(200);
    expect(r.text).toContain('「営業時間」の検索結果: 1件');
    expect(r.text).toContain(`/help/koemart/ja/articles/${ids.hours}`);
    expect(r.text).not.toContain('下書きの記事');
    expect(r.text).not.toContain('古い記事');
    expect(r.text).toContain('value="営業時間"');
    expect(r.text).toContain('<meta name="robots" content="noindex">');
    const none = await page(`/help/koemart/en/search?q=${encodeURIComponent('<b>zzz</b>')}`);
    expect(none.text).toContain('0 results for “&lt;b&gt;zzz&lt;/b&gt;”');
  });

  it('lists published pages in sitemap.xml with their languages, and names it in robots.txt', async () => {
    const r = await page('/help/koemart/sitemap.xml');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('application/xml');
    const locs = [...r.text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!.replace(desk.koe.base, ''));
    expect(locs.sort()).toEqual(
      [
        '/help/koemart/ja',
        '/help/koemart/en',
        `/help/koemart/ja/categories/${encodeURIComponent('店舗')}`,
        `/help/koemart/en/categories/${encodeURIComponent('店舗')}`,
        `/help/koemart/ja/categories/${encodeURIComponent('返品')}`,
        `/help/koemart/en/categories/${encodeURIComponent('返品')}`,
        `/help/koemart/ja/articles/${ids.hours}`,
        `/help/koemart/en/articles/${ids.hours}`,
        `/help/koemart/en/articles/${ids.returns}`,
        `/help/koemart/ja/articles/${ids.xss}`,
      ].sort(),
    );
    expect(r.text).toContain(
      `<xhtml:link rel="alternate" hreflang="en" href="${desk.koe.base}/help/koemart/en/articles/${ids.hours}"/>`,
    );
    const robots = await page('/robots.txt');
    expect(robots.text).toContain('Allow: /help/koemart/');
    expect(robots.text).toContain('Disallow: /');
    expect(robots.text).toContain(`Sitemap: ${desk.koe.base}/help/koemart/sitemap.xml`);
  });

  it('suggests published articles to the chat widget in its language, with snippets and page addresses', async () => {
    const key = desk.channel.publicKey;
    const ja = await anon.get(`/api/widget/${key}/articles?q=${encodeURIComponent('営業時間')}&lang=ja`);
    expect(ja.status).toBe(200);
    expect(ja.headers.get('access-control-allow-origin')).toBe('*');
    expect(ja.body.items).toEqual([
      {
        title: '営業時間のご案内',
        snippet: expect.stringContaining('営業時間は平日10時〜18時です'),
        url: `${desk.koe.base}/help/koemart/ja/articles/${ids.hours}`,
        lang: 'ja',
      },
    ]);
    // Found through its Japanese words, shown in the English widget's language.
    const en = await anon.get(`/api/widget/${key}/articles?q=${encodeURIComponent('営業時間')}&lang=en`);
    expect(en.body.items).toEqual([
      {
        title: 'Opening hours',
        snippet: expect.stringContaining('We are open'),
        url: `${desk.koe.base}/help/koemart/en/articles/${ids.hours}`,
        lang: 'en',
      },
    ]);
    // A question being typed finds the article by its words.
    const typed = await anon.get(`/api/widget/${key}/articles?q=${encodeURIComponent('営業時間はいつですか')}&lang=ja`);
    expect(typed.body.items.map((i: any) => i.title)).toEqual(['営業時間のご案内']);
    const words = await anon.get(`/api/widget/${key}/articles?q=${encodeURIComponent('when are you open')}&lang=en`);
    expect(words.body.items.map((i: any) => i.title)).toEqual(['Opening hours']);
    expect((await anon.get(`/api/widget/${key}/articles?q=${encodeURIComponent('未公開')}`)).body.items).toEqual([]);
    expect((await anon.get(`/api/widget/${key}/articles?q=`)).status).toBe(400);
    expect((await anon.get(`/api/widget/no-such-key/articles?q=x`)).status).toBe(404);
  });

  it('turned off again, every page is 404', async () => {
    expect((await desk.admin.patch('/api/kb/help-center', { enabled: false })).status).toBe(200);
    expect((await page('/help/koemart/ja')).status).toBe(404);
    expect((await page(`/help/koemart/en/articles/${ids.hours}`)).status).toBe(404);
    expect((await page('/robots.txt')).text).not.toContain('koemart');
    const suggest = await anon.get(
      `/api/widget/${desk.channel.publicKey}/articles?q=${encodeURIComponent('営業時間')}`,
    );
    expect(suggest.body.items).toEqual([]);
  });
});

describe.each(dialects)('the sandbox opens its help center (%s)', (dialect) => {
  let desk: OpenDesk;
  beforeAll(async () => {
    desk = await openDesk(dialect);
  });
  afterAll(async () => {
    await desk.close();
  });

  it('turns it on with a few published articles, once, and leaves an admin’s settings alone', async () => {
    const workspace = (await workspaces.first(desk.koe.koe.db))!;
    expect(await openDemoHelpCenter(desk.koe.koe.db, workspace.id)).toBe(true);
    const home = await new Client(desk.koe.base).get('/help/koemart/ja');
    expect(home.status).toBe(200);
    expect(String(home.body)).toContain('送料とお届け日数');
    const suggest = await new Client(desk.koe.base).get(
      `/api/widget/${desk.channel.publicKey}/articles?q=${encodeURIComponent('送料')}&lang=ja`,
    );
    expect(suggest.body.items.map((i: any) => i.title)).toEqual(['送料とお届け日数']);
    expect((await desk.admin.patch('/api/kb/help-center', { enabled: false })).status).toBe(200);
    expect(await openDemoHelpCenter(desk.koe.koe.db, workspace.id)).toBe(false);
    expect((await desk.admin.get('/api/kb/help-center')).body.enabled).toBe(false);
    expect((await desk.admin.get('/api/kb/articles')).body.items).toHaveLength(DEMO_ARTICLES.length);
  });
});
