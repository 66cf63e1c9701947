import type { ArticleLang } from '../contracts/knowledge-base-values';
import { inkOf, textOn } from './colour';
import { HELP_TEXTS } from './texts';

// The public help center's pages as HTML strings: no app script, one small inline style sheet, landmarks and a
// language switch. The route gathers the data; everything here only escapes and arranges it.

const LANGS: ArticleLang[] = ['ja', 'en'];
const other = (lang: ArticleLang): ArticleLang => (lang === 'ja' ? 'en' : 'ja');

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The brand and the address of one help center. */
export interface HelpBrand {
  name: string;
  accent: string;
  /** Absolute address of the help center, without the language: https://desk.example/help/koemart */
  root: string;
  /** The web chat channel its "chat with us" opens, if the workspace has one. */
  chatKey: string | null;
  /** Where widget.js is served (the site's base). */
  siteBase: string;
}

/** One page: its language, its path below the language (`/articles/…`), and the languages it exists in. */
export interface PageFrame {
  lang: ArticleLang;
  brand: HelpBrand;
  /** '' for the home page, else `/categories/…`, `/articles/…`, `/search`. */
  path: string;
  title: string;
  description: string;
  /** Languages this page has its own content in (hreflang alternates); the canonical is the first that fits. */
  alternates: ArticleLang[];
  /** The language whose address is canonical for this content (a fallback page points at the original). */
  canonicalLang?: ArticleLang;
  noindex?: boolean;
  /** The search page's query, kept in the search box. */
  query?: string;
}

export const pageUrl = (brand: HelpBrand, lang: ArticleLang, path: string) => `${brand.root}/${lang}${path}`;

function styles(accent: string): string {
  const onAccent = textOn(accent);
  // White text needs a dark enough bar; a pale accent keeps its colour under dark text.
  const bar = onAccent === '#ffffff' ? inkOf(accent) : accent;
  const ink = inkOf(accent);
  return `*{box-sizing:border-box}
body{margin:0;font:16px/1.75 system-ui,-apple-system,"Hiragino Sans","Noto Sans JP","Noto Sans CJK JP",sans-serif;color:#1f2328;background:#f7f8fa;overflow-wrap:anywhere}
a{color:${ink}}a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid ${ink};outline-offset:2px}
.wrap{max-width:860px;margin:0 auto;padding:0 20px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:1}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
header.top{background:${bar};color:${onAccent};padding:16px 0 28px}
header.top a{color:${onAccent}}header.top :focus-visible{outline-color:${onAccent}}
.bar{display:flex;justify-content:space-between;align-items:center;gap:12px;flex-wrap:wrap}
.brand{font-weight:700;font-size:20px;text-decoration:none}.brand span{font-weight:400;opacity:.9;margin-left:8px;font-size:15px}
form.search{display:flex;gap:8px;margin-top:20px}
form.search input{flex:1;min-width:0;font:inherit;padding:10px 14px;border:2px solid transparent;border-radius:10px;color:#1f2328}
form.search button,.button{font:inherit;font-weight:700;padding:10px 18px;border-radius:10px;border:2px solid ${onAccent};background:transparent;color:${onAccent};cursor:pointer}
.button{display:inline-block;background:${bar};color:${onAccent};border-color:${bar};text-decoration:none}
main.wrap{padding-top:28px;padding-bottom:8px}
h1{font-size:26px;line-height:1.4;margin:0 0 16px}h2{font-size:19px;line-height:1.4;margin:0 0 8px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:16px;padding:0;margin:0;list-style:none}
.card,.panel{background:#fff;border:1px solid #dfe3e8;border-radius:12px;padding:18px 20px}
.card ul,.list{margin:0;padding-left:1.2em}.card li,.list li{margin:4px 0}
.muted{color:#57606a;font-size:14px}
.notice{background:#fff8c5;border:1px solid #d4a72c;border-radius:8px;padding:10px 14px;margin:0 0 16px}
nav.crumbs ol{list-style:none;padding:0;margin:0 0 12px;display:flex;flex-wrap:wrap;gap:6px;font-size:14px}
nav.crumbs li+li::before{content:"›";margin-right:6px;color:#57606a}
article.body{background:#fff;border:1px solid #dfe3e8;border-radius:12px;padding:24px}
article.body img{max-width:100%}article.body pre{overflow-x:auto;background:#f6f8fa;padding:12px;border-radius:8px}
article.body table{border-collapse:collapse;display:block;overflow-x:auto}article.body th,article.body td{border:1px solid #dfe3e8;padding:6px 10px}
.hits{list-style:none;padding:0;margin:0}.hits li{background:#fff;border:1px solid #dfe3e8;border-radius:12px;padding:14px 18px;margin:0 0 12px}
.hits p{margin:4px 0 0}
.help{margin-top:28px;text-align:center}.help p{margin:0 0 10px;font-weight:700}
footer{padding:24px 20px 40px;text-align:center}
@media (max-width:480px){h1{font-size:22px}main.wrap{padding-top:20px}.wrap{padding:0 16px}article.body{padding:16px}form.search button{padding:10px 12px}}`;
}

function layout(f: PageFrame, main: string): string {
  const t = HELP_TEXTS[f.lang];
  const { brand } = f;
  const canonicalLang = f.canonicalLang ?? f.lang;
  const alternates = f.alternates
    .map((l) => `<link rel="alternate" hreflang="${l}" href="${escapeHtml(pageUrl(brand, l, f.path))}">`)
    .join('');
  const xDefault = f.alternates.includes('ja') ? 'ja' : f.alternates[0];
  const switchTo = other(f.lang);
  const chat = brand.chatKey
    ? `<section class="help wrap" aria-label="${escapeHtml(t.chat)}"><p>${escapeHtml(t.stillNeedHelp)}</p><a class="button" href="#koe-chat" data-testid="help-chat">${escapeHtml(t.chat)}</a></section>`
    : '';
  const widget = brand.chatKey
    ? `<script src="${escapeHtml(brand.siteBase)}/widget.js" data-channel="${escapeHtml(brand.chatKey)}" data-lang="${f.lang}" async></script>`
    : '';
  return `<!doctype html>
<html lang="${f.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(f.title)}</title>
<meta name="description" content="${escapeHtml(f.description)}">
${f.noindex ? '<meta name="robots" content="noindex">' : ''}
<link rel="canonical" href="${escapeHtml(pageUrl(brand, canonicalLang, f.path))}">
${alternates}${xDefault ? `<link rel="alternate" hreflang="x-default" href="${escapeHtml(pageUrl(brand, xDefault, f.path))}">` : ''}
<style>${styles(brand.accent)}</style></head>
<body><a class="skip" href="#main">${escapeHtml(t.skip)}</a>
<header class="top"><div class="wrap"><div class="bar"><a class="brand" href="${escapeHtml(pageUrl(brand, f.lang, ''))}">${escapeHtml(brand.name)}<span>${escapeHtml(t.helpCenter)}</span></a>
<a href="${escapeHtml(pageUrl(brand, switchTo, f.path))}" hreflang="${switchTo}" lang="${switchTo}" data-testid="help-language">${escapeHtml(t.otherLanguage)}</a></div>
<form class="search" role="search" action="${escapeHtml(pageUrl(brand, f.lang, '/search'))}" method="get"><label class="vh" for="q">${escapeHtml(t.searchLabel)}</label><input id="q" name="q" type="search" maxlength="200" placeholder="${escapeHtml(t.searchPlaceholder)}" value="${escapeHtml(f.path === '/search' ? (f.query ?? '') : '')}"><button type="submit">${escapeHtml(t.search)}</button></form></div></header>
<main id="main" class="wrap">${main}</main>
${chat}
<footer class="muted">${escapeHtml(t.poweredBy)}</footer>${widget}
</body></html>`;
}

/** An article as a list shows it: its title in the page's language, or in the other with a mark. */
export interface ListedArticle {
  id: string;
  title: string;
  /** Whether the title is the other language's (the page's language has no version). */
  fallback: boolean;
}

const articleLink = (brand: HelpBrand, lang: ArticleLang, a: ListedArticle) =>
  `<a href="${escapeHtml(pageUrl(brand, lang, `/articles/${encodeURIComponent(a.id)}`))}"${a.fallback ? ` lang="${other(lang)}"` : ''}>${escapeHtml(a.title)}</a>${a.fallback ? ` <span class="muted">${escapeHtml(HELP_TEXTS[lang].fallbackTitle)}</span>` : ''}`;

export const categoryPath = (category: string) => `/categories/${encodeURIComponent(category)}`;

export function homePage(
  lang: ArticleLang,
  brand: HelpBrand,
  groups: { category: string | null; articles: ListedArticle[] }[],
): string {
  const t = HELP_TEXTS[lang];
  const cards = groups
    .map((g) => {
      const heading = g.category
        ? `<a href="${escapeHtml(pageUrl(brand, lang, categoryPath(g.category)))}">${escapeHtml(g.category)}</a>`
        : escapeHtml(t.uncategorised);
      return `<li class="card"><h2>${heading}</h2><ul>${g.articles.map((a) => `<li>${articleLink(brand, lang, a)}</li>`).join('')}</ul></li>`;
    })
    .join('');
  return layout(
    {
      lang,
      brand,
      path: '',
      title: `${brand.name} ${t.helpCenter}`,
      description: t.homeDescription(brand.name),
      alternates: LANGS,
    },
    `<h1>${escapeHtml(`${brand.name} ${t.helpCenter}`)}</h1>${
      groups.length
        ? `<h2 class="vh">${escapeHtml(t.categories)}</h2><ul class="cards">${cards}</ul>`
        : `<p>${escapeHtml(t.noArticles)}</p>`
    }`,
  );
}

export function categoryPage(lang: ArticleLang, brand: HelpBrand, category: string, articles: ListedArticle[]): string {
  const t = HELP_TEXTS[lang];
  return layout(
    {
      lang,
      brand,
      path: categoryPath(category),
      title: `${category} | ${brand.name} ${t.helpCenter}`,
      description: t.categoryDescription(brand.name, category),
      alternates: LANGS,
    },
    `${crumbs(lang, brand, [])}<h1>${escapeHtml(category)}</h1><p class="muted">${escapeHtml(t.articles(articles.length))}</p>
<div class="panel"><ul class="list">${articles.map((a) => `<li>${articleLink(brand, lang, a)}</li>`).join('')}</ul></div>`,
  );
}

function crumbs(lang: ArticleLang, brand: HelpBrand, trail: { label: string; path: string }[]): string {
  const t = HELP_TEXTS[lang];
  const items = [{ label: t.helpCenter, path: '' }, ...trail]
    .map((c) => `<li><a href="${escapeHtml(pageUrl(brand, lang, c.path))}">${escapeHtml(c.label)}</a></li>`)
    .join('');
  return `<nav class="crumbs" aria-label="${escapeHtml(t.breadcrumb)}"><ol>${items}</ol></nav>`;
}

export interface ArticleView {
  id: string;
  title: string;
  /** The body as safe HTML (markdown.ts). */
  html: string;
  /** The language of the version shown. */
  shownLang: ArticleLang;
  /** The page's language has no version: the other is shown, and the page says so. */
  fallback: boolean;
  /** The languages the article has. */
  langs: ArticleLang[];
  category: string | null;
  updatedAt: string;
  description: string;
}

export function articlePage(lang: ArticleLang, brand: HelpBrand, a: ArticleView): string {
  const t = HELP_TEXTS[lang];
  const date = new Intl.DateTimeFormat(t.dateLocale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(a.updatedAt),
  );
  return layout(
    {
      lang,
      brand,
      path: `/articles/${encodeURIComponent(a.id)}`,
      title: `${a.title} | ${brand.name} ${t.helpCenter}`,
      description: a.description,
      alternates: a.langs,
      // The fallback repeats the other language's page: that one is canonical.
      canonicalLang: a.shownLang,
    },
    `${crumbs(lang, brand, a.category ? [{ label: a.category, path: categoryPath(a.category) }] : [])}
${a.fallback ? `<p class="notice" role="note" data-testid="help-fallback">${escapeHtml(t.fallback)}</p>` : ''}
<article class="body" lang="${a.shownLang}"><h1>${escapeHtml(a.title)}</h1>${a.html}</article>
<p class="muted">${escapeHtml(t.updated(date))}</p>`,
  );
}

export interface SearchHitView extends ListedArticle {
  snippet: string;
}

export function searchPage(lang: ArticleLang, brand: HelpBrand, query: string, hits: SearchHitView[]): string {
  const t = HELP_TEXTS[lang];
  const frame: PageFrame = {
    lang,
    brand,
    path: '/search',
    query,
    title: `${query ? `${query} | ` : ''}${t.search} | ${brand.name} ${t.helpCenter}`,
    description: t.homeDescription(brand.name),
    alternates: LANGS,
    noindex: true,
  };
  const body = !query
    ? `<p>${escapeHtml(t.emptyQuery)}</p>`
    : `<p role="status">${escapeHtml(t.results(query, hits.length))}</p>${
        hits.length
          ? `<ul class="hits">${hits.map((h) => `<li>${articleLink(brand, lang, h)}<p class="muted">${escapeHtml(h.snippet)}</p></li>`).join('')}</ul>`
          : `<p>${escapeHtml(t.noResults)}</p>`
      }`;
  return layout(frame, `${crumbs(lang, brand, [])}<h1>${escapeHtml(t.search)}</h1>${body}`);
}

/** The page for an address that is not there (unknown, draft, archived, help center off), in the visitor's language. */
export function notFoundPage(lang: ArticleLang, brand: HelpBrand | null): string {
  const t = HELP_TEXTS[lang];
  const main = `<h1>${escapeHtml(t.notFoundTitle)}</h1><p>${escapeHtml(t.notFound)}</p>${
    brand ? `<p><a href="${escapeHtml(pageUrl(brand, lang, ''))}">${escapeHtml(t.backHome)}</a></p>` : ''
  }`;
  if (brand)
    return layout(
      {
        lang,
        brand,
        path: '',
        title: `${t.notFoundTitle} | ${brand.name}`,
        description: t.notFound,
        alternates: [],
        noindex: true,
      },
      main,
    ).replace(/<link rel="canonical"[^>]*>\n?/, '');
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(t.notFoundTitle)}</title><style>${styles('#57606a')}</style></head><body><main id="main" class="wrap">${main}</main></body></html>`;
}

/** One address of the sitemap with its language alternates. */
export interface SitemapEntry {
  loc: string;
  lastmod?: string;
  alternates: { lang: ArticleLang; href: string }[];
}

const escapeXml = escapeHtml;

export function sitemapXml(entries: SitemapEntry[]): string {
  const urls = entries
    .map(
      (e) =>
        `<url><loc>${escapeXml(e.loc)}</loc>${e.lastmod ? `<lastmod>${escapeXml(e.lastmod.slice(0, 10))}</lastmod>` : ''}${e.alternates
          .map((a) => `<xhtml:link rel="alternate" hreflang="${a.lang}" href="${escapeXml(a.href)}"/>`)
          .join('')}</url>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
${urls}
</urlset>
`;
}

/** Robots may read the help centers and nothing else of the desk. */
export function robotsTxt(siteBase: string, slugs: string[]): string {
  return [
    'User-agent: *',
    ...slugs.map((s) => `Allow: /help/${s}/`),
    'Disallow: /',
    '',
    ...slugs.map((s) => `Sitemap: ${siteBase}/help/${s}/sitemap.xml`),
    '',
  ].join('\n');
}
