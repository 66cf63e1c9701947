import type { Article, ArticleHit } from '../contracts/knowledge-base';
import type { ArticleLang } from '../contracts/knowledge-base-values';
import type {
  ArticleSuggestion,
  HelpCenterSettings,
  HelpCenterSettingsUpdate as HelpCenterPatch,
} from '../contracts/help-center';
import { HelpCenterSettingsUpdate } from '../contracts/help-center';
import { DomainError } from '../domain/errors';
import type { Actor } from '../domain/permissions';
import { plainOfMarkdown } from '../search/plain-text';
import { snippetOf } from '../search/snippet';
import { suggestionTerms } from '../search/suggestion-terms';
import {
  audit,
  byAgent,
  channels,
  helpCenters,
  knowledgeBase,
  workspaces,
  type Db,
  type HelpCenterRow,
  type PublishedArticleRow,
} from '../store/repositories';
import { searchArticles } from './knowledge-base';

/** The widget's own colour: a help center nobody has styled yet matches the chat it opens. */
export const DEFAULT_ACCENT = '#0c8599';
const DEFAULT_SLUG = 'support';

/** Where a help center's pages are: /help/<slug>/<lang>/… under the site's base. */
export const helpCenterPath = (slug: string) => `/help/${slug}`;

const defaults = (workspaceId: string): HelpCenterRow => ({
  workspaceId,
  enabled: false,
  slug: DEFAULT_SLUG,
  name: null,
  accent: DEFAULT_ACCENT,
  updatedAt: '',
});

const view = (row: HelpCenterRow, base: string): HelpCenterSettings => ({
  enabled: row.enabled,
  slug: row.slug,
  name: row.name,
  accent: row.accent,
  url: `${base}${helpCenterPath(row.slug)}`,
});

/** A workspace's help-center settings; off with the default address until an admin saves them. */
export async function helpCenterSettings(db: Db, workspaceId: string, base: string): Promise<HelpCenterSettings> {
  return view((await helpCenters.get(db, workspaceId)) ?? defaults(workspaceId), base);
}

/** Saves what the admin changed; an address another workspace uses is refused (409 `help_center_slug_taken`). */
export async function updateHelpCenterSettings(
  db: Db,
  actor: Actor,
  patch: HelpCenterPatch,
  base: string,
): Promise<HelpCenterSettings> {
  const change = HelpCenterSettingsUpdate.parse(patch);
  return db.transaction().execute(async (tx) => {
    const before = (await helpCenters.get(tx, actor.workspaceId)) ?? defaults(actor.workspaceId);
    const after: HelpCenterRow = {
      ...before,
      ...(change.enabled !== undefined ? { enabled: change.enabled } : {}),
      ...(change.slug !== undefined ? { slug: change.slug } : {}),
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.accent !== undefined ? { accent: change.accent.toLowerCase() } : {}),
    };
    const holder = await helpCenters.bySlug(tx, after.slug);
    if (holder && holder.workspaceId !== actor.workspaceId)
      throw new DomainError(
        'conflict',
        'Another workspace’s help center already uses this address',
        [{ path: 'slug', message: 'is taken' }],
        'help_center_slug_taken',
      );
    await helpCenters.save(tx, after);
    const changed = (['enabled', 'slug', 'name', 'accent'] as const).filter((k) => before[k] !== after[k]);
    await audit.log(tx, {
      workspaceId: actor.workspaceId,
      actor: byAgent(actor),
      action: 'help_center.updated',
      // `fields` is for API readers; the audit page says whether it is on and where.
      detail: { fields: changed, helpCenterOn: after.enabled, address: helpCenterPath(after.slug) },
    });
    return view(after, base);
  });
}

/** An open help center as its pages need it: the brand, and the chat its "still need help?" link opens. */
export interface HelpCenterSite {
  workspaceId: string;
  slug: string;
  name: string;
  accent: string;
  /** The workspace's web chat channel, if it has one. */
  chatKey: string | null;
}

/** The help center at this address, if it is on. */
export async function openHelpCenter(db: Db, slug: string): Promise<HelpCenterSite | null> {
  const row = await helpCenters.bySlug(db, slug);
  if (!row?.enabled) return null;
  const workspace = await workspaces.get(db, row.workspaceId);
  return {
    workspaceId: row.workspaceId,
    slug: row.slug,
    name: row.name ?? workspace?.name ?? '',
    accent: row.accent,
    chatKey: (await helpCenters.webchatKey(db, row.workspaceId)) ?? null,
  };
}

/** Every help center that is on (robots.txt names their sitemaps). */
export const openHelpCenters = async (db: Db) => (await helpCenters.enabled(db)).map((r) => r.slug);

export type PublishedArticle = PublishedArticleRow;

/** The published articles a help center lists, by category then newest. */
export const publishedArticles = (db: Db, site: HelpCenterSite) => helpCenters.publishedArticles(db, site.workspaceId);

/** A published, live article of the help center's workspace; drafts and archived ones are not there. */
export async function publishedArticle(db: Db, site: HelpCenterSite, id: string): Promise<Article | null> {
  const a = await knowledgeBase.get(db, site.workspaceId, id);
  return a && a.status === 'published' ? a : null;
}

/** The help center's search: published articles only, title matches first. */
export const searchPublished = (db: Db, site: HelpCenterSite, q: string, limit = 20) =>
  searchArticles(db, site.workspaceId, q, 'published', limit);

/** The version to show in a language: that language's, or the other one (and the page says so). */
export function versionFor(a: Pick<Article, 'versions'>, lang: ArticleLang) {
  const other: ArticleLang = lang === 'ja' ? 'en' : 'ja';
  const own = a.versions[lang];
  if (own) return { lang, ...own, fallback: false };
  const alt = a.versions[other]!;
  return { lang: other, ...alt, fallback: true };
}

const SUGGESTIONS = 5;

/**
 * Published articles for what a chat visitor has typed so far, in the widget's language where the article has it:
 * title, a few plain words around the match and the public page. Empty when the workspace's help center is off.
 */
export async function articleSuggestions(
  db: Db,
  publicKey: string,
  q: string,
  lang: ArticleLang,
  base: string,
): Promise<ArticleSuggestion[]> {
  const channel = await channels.byPublicKey(db, publicKey);
  if (!channel || channel.kind !== 'webchat') return [];
  const row = await helpCenters.get(db, channel.workspaceId);
  if (!row?.enabled) return [];
  // The whole text rarely matches as one phrase while it is a question being typed: its content words count too, and
  // an article found by more of them (the whole text weighs most) comes first.
  const found = new Map<string, { hit: ArticleHit; score: number; order: number }>();
  for (const [i, term] of suggestionTerms(q).entries())
    for (const hit of await searchArticles(db, channel.workspaceId, term, 'published', SUGGESTIONS)) {
      const seen = found.get(hit.article.id) ?? { hit, score: 0, order: found.size };
      seen.score += i === 0 ? 3 : 1;
      found.set(hit.article.id, seen);
    }
  const hits = [...found.values()]
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, SUGGESTIONS)
    .map((f) => f.hit);
  const out: ArticleSuggestion[] = [];
  for (const hit of hits) {
    let shown: ArticleLang = hit.lang;
    let snippet = hit.snippet;
    if (hit.lang !== lang && hit.article.titles[lang]) {
      // Found in the other language: show the visitor's version, from its beginning.
      const whole = await knowledgeBase.get(db, channel.workspaceId, hit.article.id);
      const v = whole?.versions[lang];
      if (v) {
        shown = lang;
        snippet = snippetOf(plainOfMarkdown(v.body), q);
      }
    }
    out.push({
      title: hit.article.titles[shown] ?? '',
      snippet,
      url: `${base}${helpCenterPath(row.slug)}/${lang}/articles/${hit.article.id}`,
      lang: shown,
    });
  }
  return out;
}
