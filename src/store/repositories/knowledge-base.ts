import { sql, type Selectable } from 'kysely';
import type {
  Article,
  ArticleContent,
  ArticleFacets,
  ArticleSummary,
  ArticleVersion,
  ArticleVersions,
  Revision,
  RevisionSummary,
} from '../../contracts/knowledge-base';
import type { ArticleLang, ArticleStatus } from '../../contracts/knowledge-base-values';
import { newId, nowIso } from '../../domain/ids';
import { plainOfMarkdown } from '../../search/plain-text';
import { searchTokens } from '../../search/tokens';
import type { KbArticleTable } from '../schema';
import { matchExpression } from './search-index';
import { isPostgres, parseJson, type Db } from './types';

type Row = Selectable<KbArticleTable> & { author_name: string | null; updated_by_name: string | null };

const LANGS: ArticleLang[] = ['ja', 'en'];

type VersionColumns = 'title_ja' | 'body_ja' | 'questions_ja' | 'title_en' | 'body_en' | 'questions_en';

const versionsOf = (r: Pick<KbArticleTable, VersionColumns>): ArticleVersions => ({
  ...(r.title_ja !== null
    ? { ja: { title: r.title_ja, body: r.body_ja ?? '', questions: parseJson<string[]>(r.questions_ja, []) } }
    : {}),
  ...(r.title_en !== null
    ? { en: { title: r.title_en, body: r.body_en ?? '', questions: parseJson<string[]>(r.questions_en, []) } }
    : {}),
});

/** A version's questions as stored: null when it has none. */
const questionsColumn = (v: ArticleVersion | undefined) => (v?.questions.length ? JSON.stringify(v.questions) : null);

const common = (r: Row) => ({
  id: r.id,
  category: r.category,
  tags: parseJson<string[]>(r.tags, []),
  status: r.status as ArticleStatus,
  author: { id: r.author_id, name: r.author_name ?? '' },
  updatedBy: { id: r.updated_by, name: r.updated_by_name ?? '' },
  revision: Number(r.revision),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toSummary = (r: Row): ArticleSummary => ({
  ...common(r),
  titles: {
    ...(r.title_ja !== null ? { ja: r.title_ja } : {}),
    ...(r.title_en !== null ? { en: r.title_en } : {}),
  },
});
const toArticle = (r: Row): Article => ({ ...common(r), versions: versionsOf(r) });

/** An article as a list shows it: its titles without the bodies. */
export const summaryOf = ({ versions, ...rest }: Article): ArticleSummary => ({
  ...rest,
  titles: {
    ...(versions.ja ? { ja: versions.ja.title } : {}),
    ...(versions.en ? { en: versions.en.title } : {}),
  },
});

/** The article's columns for its content. */
const columnsOf = (c: ArticleContent) => ({
  title_ja: c.versions.ja?.title ?? null,
  body_ja: c.versions.ja?.body ?? null,
  questions_ja: questionsColumn(c.versions.ja),
  title_en: c.versions.en?.title ?? null,
  body_en: c.versions.en?.body ?? null,
  questions_en: questionsColumn(c.versions.en),
  category: c.category,
  tags: JSON.stringify(c.tags),
  status: c.status,
});

const revisionVersion = (v: ArticleVersion) => ({ title: v.title, body: v.body, questions: v.questions });

/** What a revision keeps: the content with its keys in one order, so equal contents compare equal as text. */
export const revisionContent = (c: ArticleContent): string =>
  JSON.stringify({
    versions: {
      ...(c.versions.ja ? { ja: revisionVersion(c.versions.ja) } : {}),
      ...(c.versions.en ? { en: revisionVersion(c.versions.en) } : {}),
    },
    category: c.category,
    tags: c.tags,
    status: c.status,
  });

const select = (db: Db, workspaceId: string) =>
  db
    .selectFrom('kb_articles as a')
    .leftJoin('agents as au', 'au.id', 'a.author_id')
    .leftJoin('agents as ub', 'ub.id', 'a.updated_by')
    .selectAll('a')
    .select(['au.name as author_name', 'ub.name as updated_by_name'])
    .where('a.workspace_id', '=', workspaceId)
    .where('a.archived_at', 'is', null);

/** tsvector input with weights: the title's tokens at A, the body's at B after a gap, so no phrase spans the two. */
function weightedTsvector(title: string[], body: string[]): string {
  const lit = (t: string, pos: number, w: 'A' | 'B') =>
    `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}':${Math.min(pos, 16383)}${w}`;
  const bodyFrom = title.length + 2;
  return [...title.map((t, i) => lit(t, i + 1, 'A')), ...body.map((t, i) => lit(t, bodyFrom + i, 'B'))].join(' ');
}

/** Replaces an article's index rows with its current content (none when archived). */
async function reindex(db: Db, id: string, versions: ArticleVersions | null): Promise<void> {
  const pg = isPostgres(db);
  await db.deleteFrom('kb_search').where('article_id', '=', id).execute();
  for (const lang of LANGS) {
    const v = versions?.[lang];
    if (!v) continue;
    const title = searchTokens(v.title);
    const body = searchTokens(plainOfMarkdown(v.body));
    await (
      pg
        ? sql`insert into kb_search (article_id, lang, tokens) values (${id}, ${lang}, cast(${weightedTsvector(title, body)} as tsvector))`
        : sql`insert into kb_search (title, body, article_id, lang) values (${title.join(' ')}, ${body.join(' ')}, ${id}, ${lang})`
    ).execute(db);
  }
}

const encodeCursor = (r: { updated_at: string; id: string }) =>
  Buffer.from(JSON.stringify([r.updated_at, r.id])).toString('base64url');
export function decodeArticleCursor(c: string): [string, string] | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string')) return v as [string, string];
  } catch {
    /* not ours */
  }
  return null;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface ArticleFilters {
  status?: ArticleStatus;
  category?: string;
  tag?: string;
}

/**
 * Knowledge-base articles, their revisions and their search index (docs/knowledge-base.md). Writes keep the three in
 * step; callers run them in a transaction.
 */
export const knowledgeBase = {
  /** Newest edits first, a page at a time (`after` is the previous page's cursor). */
  async list(db: Db, workspaceId: string, f: ArticleFilters, after: [string, string] | null, limit: number) {
    let q = select(db, workspaceId);
    if (f.status) q = q.where('a.status', '=', f.status);
    if (f.category) q = q.where('a.category', '=', f.category);
    // Tags are a JSON array of strings: the tag as JSON writes it, quotes included, matches one element exactly.
    if (f.tag) q = q.where(sql<boolean>`a.tags like ${`%${escapeLike(JSON.stringify(f.tag))}%`} escape '\\'`);
    if (after)
      q = q.where((eb) =>
        eb.or([
          eb('a.updated_at', '<', after[0]),
          eb.and([eb('a.updated_at', '=', after[0]), eb('a.id', '<', after[1])]),
        ]),
      );
    const rows = await q
      .orderBy('a.updated_at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(limit + 1)
      .execute();
    const page = rows.slice(0, limit);
    return {
      items: page.map(toSummary),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null,
    };
  },

  async get(db: Db, workspaceId: string, id: string): Promise<Article | undefined> {
    const r = await select(db, workspaceId).where('a.id', '=', id).executeTakeFirst();
    return r && toArticle(r);
  },

  /** Live articles by id, whole, in no particular order. */
  async many(db: Db, workspaceId: string, ids: string[]): Promise<Article[]> {
    if (!ids.length) return [];
    return (await select(db, workspaceId).where('a.id', 'in', ids).execute()).map(toArticle);
  },

  /** Every live article whole, oldest first: the export. */
  async all(db: Db, workspaceId: string): Promise<Article[]> {
    const rows = await select(db, workspaceId).orderBy('a.created_at').orderBy('a.id').execute();
    return rows.map(toArticle);
  },

  /** The categories and tags in use, with how many live articles carry each, most used first. */
  async facets(db: Db, workspaceId: string): Promise<ArticleFacets> {
    const rows = await db
      .selectFrom('kb_articles')
      .select(['category', 'tags'])
      .where('workspace_id', '=', workspaceId)
      .where('archived_at', 'is', null)
      .execute();
    const count = (names: string[]) => {
      const m = new Map<string, number>();
      for (const n of names) m.set(n, (m.get(n) ?? 0) + 1);
      return [...m]
        .map(([name, n]) => ({ name, count: n }))
        .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
    };
    return {
      categories: count(rows.flatMap((r) => (r.category ? [r.category] : []))),
      tags: count(rows.flatMap((r) => parseJson<string[]>(r.tags, []))),
    };
  },

  /** A new article with its first revision, indexed. */
  async create(db: Db, workspaceId: string, agentId: string, content: ArticleContent): Promise<string> {
    const id = newId();
    const now = nowIso();
    await db
      .insertInto('kb_articles')
      .values({
        id,
        workspace_id: workspaceId,
        ...columnsOf(content),
        author_id: agentId,
        updated_by: agentId,
        revision: 1,
        created_at: now,
        updated_at: now,
        archived_at: null,
      })
      .execute();
    await knowledgeBase.addRevision(db, id, 1, agentId, content, null, now);
    await reindex(db, id, content.versions);
    return id;
  },

  /**
   * Saves new content as the next revision, if the article is still at `baseRevision`. False when it is not (someone
   * saved meanwhile) or is gone: the conditional update makes two concurrent saves from one base end in one winner.
   */
  async update(
    db: Db,
    workspaceId: string,
    id: string,
    baseRevision: number,
    agentId: string,
    content: ArticleContent,
    restoredFrom: number | null = null,
  ): Promise<boolean> {
    const now = nowIso();
    const updated = await db
      .updateTable('kb_articles')
      .set({ ...columnsOf(content), updated_by: agentId, updated_at: now, revision: baseRevision + 1 })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .where('archived_at', 'is', null)
      .where('revision', '=', baseRevision)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return false;
    await knowledgeBase.addRevision(db, id, baseRevision + 1, agentId, content, restoredFrom, now);
    await reindex(db, id, content.versions);
    return true;
  },

  async addRevision(
    db: Db,
    articleId: string,
    number: number,
    agentId: string,
    content: ArticleContent,
    restoredFrom: number | null,
    at: string,
  ): Promise<void> {
    await db
      .insertInto('kb_revisions')
      .values({
        id: newId(),
        article_id: articleId,
        number,
        agent_id: agentId,
        created_at: at,
        content: revisionContent(content),
        restored_from: restoredFrom,
      })
      .execute();
  },

  /** Takes the article out of the list and the index; its revisions stay. */
  async archive(db: Db, workspaceId: string, id: string): Promise<boolean> {
    const r = await db
      .updateTable('kb_articles')
      .set({ archived_at: nowIso() })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .where('archived_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await reindex(db, id, null);
    return true;
  },

  /** A live article's revisions, newest first. */
  async revisions(db: Db, workspaceId: string, id: string): Promise<RevisionSummary[]> {
    return (await revisionRows(db, workspaceId, id).orderBy('r.number', 'desc').execute()).map((r) => {
      const { content: _content, ...summary } = toRevision(r);
      return summary;
    });
  },

  async revision(db: Db, workspaceId: string, id: string, number: number): Promise<Revision | undefined> {
    const r = await revisionRows(db, workspaceId, id).where('r.number', '=', number).executeTakeFirst();
    if (!r) return undefined;
    const { content, ...rest } = toRevision(r);
    return { ...rest, content };
  },

  /**
   * Articles whose title or body holds the phrase, best first: a match in the title weighs ten times one in the body
   * (FTS5's bm25 with column weights; ts_rank with A = 1.0 and B = 0.1). One row per article and language; the
   * caller keeps each article's best.
   */
  async search(
    db: Db,
    workspaceId: string,
    phrase: { tokens: string[]; prefixLast: boolean },
    status: ArticleStatus | undefined,
    limit: number,
  ): Promise<{ articleId: string; lang: ArticleLang }[]> {
    const pg = isPostgres(db);
    const expr = matchExpression(pg, phrase);
    let q = db
      .selectFrom('kb_search as s')
      .innerJoin('kb_articles as a', 'a.id', 's.article_id')
      .select(['s.article_id', 's.lang'])
      .where('a.workspace_id', '=', workspaceId)
      .where('a.archived_at', 'is', null)
      .where(pg ? sql<boolean>`s.tokens @@ cast(${expr} as tsquery)` : sql<boolean>`kb_search match ${expr}`);
    if (status) q = q.where('a.status', '=', status);
    const rows = await q
      .orderBy(
        pg ? sql`ts_rank('{0.1, 0.1, 0.1, 1.0}', s.tokens, cast(${expr} as tsquery))` : sql`bm25(kb_search, 10.0, 1.0)`,
        pg ? 'desc' : 'asc',
      )
      .orderBy('a.updated_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ articleId: r.article_id, lang: r.lang as ArticleLang }));
  },

  /** What the index cannot narrow (a lone Japanese character): a substring of a title or body, newest first. */
  async searchScan(db: Db, workspaceId: string, folded: string, status: ArticleStatus | undefined, limit: number) {
    const like = `%${escapeLike(folded)}%`;
    const has = (column: string) => sql<boolean>`lower(${sql.ref(column)}) like ${like} escape '\\'`;
    let q = db
      .selectFrom('kb_articles as a')
      .select(['a.id', 'a.title_ja', 'a.body_ja'])
      .where('a.workspace_id', '=', workspaceId)
      .where('a.archived_at', 'is', null)
      .where((eb) => eb.or([has('a.title_ja'), has('a.body_ja'), has('a.title_en'), has('a.body_en')]));
    if (status) q = q.where('a.status', '=', status);
    const rows = await q.orderBy('a.updated_at', 'desc').limit(limit).execute();
    return rows.map((r) => ({
      articleId: r.id,
      lang: (`${r.title_ja ?? ''}\n${r.body_ja ?? ''}`.toLowerCase().includes(folded) ? 'ja' : 'en') as ArticleLang,
    }));
  },
};

const revisionRows = (db: Db, workspaceId: string, id: string) =>
  db
    .selectFrom('kb_revisions as r')
    .innerJoin('kb_articles as a', 'a.id', 'r.article_id')
    .leftJoin('agents as g', 'g.id', 'r.agent_id')
    .select(['r.number', 'r.agent_id', 'g.name as agent_name', 'r.created_at', 'r.content', 'r.restored_from'])
    .where('a.workspace_id', '=', workspaceId)
    .where('a.id', '=', id)
    .where('a.archived_at', 'is', null);

function toRevision(r: {
  number: number;
  agent_id: string;
  agent_name: string | null;
  created_at: string;
  content: string;
  restored_from: number | null;
}): Revision {
  const stored = parseJson<Revision['content']>(r.content, {
    versions: {},
    category: null,
    tags: [],
    status: 'draft',
  });
  // Revisions saved before an article had questions read as having none.
  const content: Revision['content'] = {
    ...stored,
    versions: Object.fromEntries(
      LANGS.flatMap((l) => {
        const v = stored.versions[l];
        return v ? [[l, { ...v, questions: v.questions ?? [] }]] : [];
      }),
    ),
  };
  return {
    number: Number(r.number),
    agent: { id: r.agent_id, name: r.agent_name ?? '' },
    createdAt: r.created_at,
    restoredFrom: r.restored_from === null ? null : Number(r.restored_from),
    status: content.status,
    langs: LANGS.filter((l) => content.versions[l]),
    content,
  };
}
