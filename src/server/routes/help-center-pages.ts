import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ARTICLE_LANGS, type ArticleLang } from '../../contracts/knowledge-base-values';
import {
  helpCenterPath,
  openHelpCenter,
  openHelpCenters,
  publishedArticle,
  publishedArticles,
  searchPublished,
  versionFor,
  type HelpCenterSite,
  type PublishedArticle,
} from '../../desk/help-center';
import { markdownToSafeHtml } from '../../help-center/markdown';
import {
  articlePage,
  categoryPage,
  categoryPath,
  homePage,
  notFoundPage,
  pageUrl,
  robotsTxt,
  searchPage,
  sitemapXml,
  type HelpBrand,
  type ListedArticle,
  type SitemapEntry,
} from '../../help-center/pages';
import { plainOfMarkdown } from '../../search/plain-text';
import type { Koe } from '../context';
import { withoutCsrf } from '../route-table';
import { baseUrl } from './channels';

// The public help center (docs/knowledge-base.md): server-rendered pages of a workspace's published articles at
// /help/<slug>/<ja|en>/…, no sign-in and no app script. Drafts, archived articles and a help center that is off are
// 404 in the visitor's language.

const Slug = z.string().min(1).max(60);
const Lang = z.string().max(10);
const SiteParams = z.object({ slug: Slug });
const LangParams = z.object({ slug: Slug, lang: Lang });
const ArticleParams = LangParams.extend({ id: z.string().min(1).max(100) });
const CategoryParams = LangParams.extend({ category: z.string().min(1).max(200) });
const SearchQuery = z.object({ q: z.string().max(200).optional() });

/** Pages change when an article is published: visitors and caches look again after a minute. */
const CACHE = 'public, max-age=60';

const isLang = (l: string): l is ArticleLang => (ARTICLE_LANGS as readonly string[]).includes(l);
const preferred = (req: FastifyRequest): ArticleLang =>
  /^\s*en\b/i.test(req.headers['accept-language'] ?? '') ? 'en' : 'ja';

const listed = (a: PublishedArticle, lang: ArticleLang): ListedArticle => {
  const own = lang === 'ja' ? a.titleJa : a.titleEn;
  return { id: a.id, title: own ?? a.titleJa ?? a.titleEn ?? '', fallback: own === null };
};

export const helpCenterPageRoutes =
  (koe: Koe): FastifyPluginAsyncZod =>
  async (app) => {
    withoutCsrf(app as unknown as FastifyInstance);

    const brandOf = (req: FastifyRequest, site: HelpCenterSite): HelpBrand => {
      const siteBase = baseUrl(koe, req);
      return {
        name: site.name,
        accent: site.accent,
        root: `${siteBase}${helpCenterPath(site.slug)}`,
        chatKey: site.chatKey,
        siteBase,
      };
    };

    /** A page with a short cache and an ETag of its bytes; a matching If-None-Match gets 304. */
    const send = (req: FastifyRequest, reply: FastifyReply, type: string, body: string) => {
      const etag = `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      void reply.header('cache-control', CACHE).header('etag', etag).header('vary', 'accept-encoding');
      if (req.headers['if-none-match'] === etag) return reply.status(304).send();
      return reply.status(200).type(type).send(body);
    };
    const html = (req: FastifyRequest, reply: FastifyReply, body: string) =>
      send(req, reply, 'text/html; charset=utf-8', body);
    const missing = (reply: FastifyReply, lang: ArticleLang, brand: HelpBrand | null) =>
      reply
        .status(404)
        .header('cache-control', 'no-cache')
        .type('text/html; charset=utf-8')
        .send(notFoundPage(lang, brand));

    /** The help center and language of a request, or the 404 page already sent. */
    const open = async (req: FastifyRequest, reply: FastifyReply, slug: string, lang: string) => {
      const site = await openHelpCenter(koe.db, slug);
      const l = isLang(lang) ? lang : preferred(req);
      if (!site) return void (await missing(reply, l, null));
      const brand = brandOf(req, site);
      if (!isLang(lang)) return void (await missing(reply, l, brand));
      return { site, brand, lang: l };
    };

    app.get('/help/:slug', { schema: { hide: true, params: SiteParams } }, async (req, reply) => {
      const site = await openHelpCenter(koe.db, req.params.slug);
      if (!site) return missing(reply, preferred(req), null);
      // The target depends on the visitor's language: caches keep one answer per Accept-Language.
      return reply.header('vary', 'accept-language').redirect(pageUrl(brandOf(req, site), preferred(req), ''), 302);
    });

    app.get('/help/:slug/:lang', { schema: { hide: true, params: LangParams } }, async (req, reply) => {
      const at = await open(req, reply, req.params.slug, req.params.lang);
      if (!at) return reply;
      const groups = new Map<string | null, ListedArticle[]>();
      for (const a of await publishedArticles(koe.db, at.site)) {
        const list = groups.get(a.category) ?? [];
        list.push(listed(a, at.lang));
        groups.set(a.category, list);
      }
      // Named categories in order, the uncategorised last.
      const ordered = [...groups]
        .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b, at.lang)))
        .map(([category, articles]) => ({ category, articles }));
      return html(req, reply, homePage(at.lang, at.brand, ordered));
    });

    app.get(
      '/help/:slug/:lang/categories/:category',
      { schema: { hide: true, params: CategoryParams } },
      async (req, reply) => {
        const at = await open(req, reply, req.params.slug, req.params.lang);
        if (!at) return reply;
        const articles = (await publishedArticles(koe.db, at.site)).filter((a) => a.category === req.params.category);
        if (!articles.length) return missing(reply, at.lang, at.brand);
        return html(
          req,
          reply,
          categoryPage(
            at.lang,
            at.brand,
            req.params.category,
            articles.map((a) => listed(a, at.lang)),
          ),
        );
      },
    );

    app.get('/help/:slug/:lang/articles/:id', { schema: { hide: true, params: ArticleParams } }, async (req, reply) => {
      const at = await open(req, reply, req.params.slug, req.params.lang);
      if (!at) return reply;
      const article = await publishedArticle(koe.db, at.site, req.params.id);
      if (!article) return missing(reply, at.lang, at.brand);
      const v = versionFor(article, at.lang);
      const plain = plainOfMarkdown(v.body).replace(/\s+/g, ' ').trim();
      return html(
        req,
        reply,
        articlePage(at.lang, at.brand, {
          id: article.id,
          title: v.title,
          html: markdownToSafeHtml(v.body),
          shownLang: v.lang,
          fallback: v.fallback,
          langs: ARTICLE_LANGS.filter((l) => article.versions[l]),
          category: article.category,
          updatedAt: article.updatedAt,
          description: [...plain].length > 150 ? `${[...plain].slice(0, 150).join('')}…` : plain,
        }),
      );
    });

    app.get(
      '/help/:slug/:lang/search',
      {
        config: {
          rateLimit: { max: 60, timeWindow: 60_000, hook: 'preHandler', keyGenerator: (req) => `help|${req.ip}` },
        },
        schema: { hide: true, params: LangParams, querystring: SearchQuery },
      },
      async (req, reply) => {
        const at = await open(req, reply, req.params.slug, req.params.lang);
        if (!at) return reply;
        const q = (req.query.q ?? '').trim();
        const hits = q ? await searchPublished(koe.db, at.site, q) : [];
        return html(
          req,
          reply,
          searchPage(
            at.lang,
            at.brand,
            q,
            hits.map((h) => {
              const title = h.article.titles[at.lang];
              return {
                id: h.article.id,
                title: title ?? h.article.titles[h.lang] ?? '',
                fallback: title === undefined,
                snippet: h.snippet,
              };
            }),
          ),
        );
      },
    );

    app.get('/help/:slug/sitemap.xml', { schema: { hide: true, params: SiteParams } }, async (req, reply) => {
      const site = await openHelpCenter(koe.db, req.params.slug);
      if (!site) return missing(reply, preferred(req), null);
      const brand = brandOf(req, site);
      const both = (path: string, lastmod?: string): SitemapEntry[] =>
        ARTICLE_LANGS.map((lang) => ({
          loc: pageUrl(brand, lang, path),
          lastmod,
          alternates: ARTICLE_LANGS.map((l) => ({ lang: l, href: pageUrl(brand, l, path) })),
        }));
      const articles = await publishedArticles(koe.db, site);
      const entries: SitemapEntry[] = [...both('')];
      for (const category of new Set(articles.flatMap((a) => (a.category ? [a.category] : []))))
        entries.push(...both(categoryPath(category)));
      for (const a of articles) {
        // Only the languages an article is written in: a fallback page repeats the other one.
        const langs = ARTICLE_LANGS.filter((l) => (l === 'ja' ? a.titleJa : a.titleEn) !== null);
        const path = `/articles/${encodeURIComponent(a.id)}`;
        for (const lang of langs)
          entries.push({
            loc: pageUrl(brand, lang, path),
            lastmod: a.updatedAt,
            alternates: langs.length > 1 ? langs.map((l) => ({ lang: l, href: pageUrl(brand, l, path) })) : [],
          });
      }
      return send(req, reply, 'application/xml; charset=utf-8', sitemapXml(entries));
    });

    app.get('/robots.txt', { schema: { hide: true } }, async (req, reply) =>
      send(req, reply, 'text/plain; charset=utf-8', robotsTxt(baseUrl(koe, req), await openHelpCenters(koe.db))),
    );
  };
