import {
  ArticleContent,
  ArticleLine,
  type Article,
  type ArticleHit,
  type ArticleImportResult,
  type ArticleUpdateInput,
} from '../contracts/knowledge-base';
import type { ArticleLang, ArticleStatus, ImportProblem } from '../contracts/knowledge-base-values';
import { conflict, DomainError, notFound } from '../domain/errors';
import type { Actor } from '../domain/permissions';
import { plainOfMarkdown } from '../search/plain-text';
import { snippetOf } from '../search/snippet';
import { foldForSearch, searchPhrase } from '../search/tokens';
import { audit, byAgent, knowledgeBase, type Db } from '../store/repositories';
import { revisionContent, summaryOf } from '../store/repositories/knowledge-base';

const LANGS: ArticleLang[] = ['ja', 'en'];
/** More lines than a workspace's whole knowledge base in two languages is a wrong file. */
const MAX_IMPORT_LINES = 5000;

const staleRevision = () =>
  new DomainError(
    'conflict',
    'Someone else saved this article after you opened it; reload it and make your change again',
    undefined,
    'kb_revision_conflict',
  );

/** An audit entry on an article (each call writes its action out, where the audit-label test finds it). */
const log = (db: Db, actor: Actor, e: { action: string; id: string; detail: Record<string, unknown> }) =>
  audit.log(db, {
    workspaceId: actor.workspaceId,
    actor: byAgent(actor),
    action: e.action,
    target: { type: 'kb_article', id: e.id },
    detail: e.detail,
  });

const titleOf = (a: { versions: Article['versions'] }) => a.versions.ja?.title ?? a.versions.en?.title ?? '';

/** A new article and its first revision (supervisors and admins). */
export async function createArticle(db: Db, actor: Actor, content: ArticleContent): Promise<Article> {
  return db.transaction().execute(async (tx) => {
    const id = await knowledgeBase.create(tx, actor.workspaceId, actor.agentId, content);
    await log(tx, actor, {
      action: 'kb_article.created',
      id,
      detail: { title: titleOf(content), status: content.status },
    });
    return (await knowledgeBase.get(tx, actor.workspaceId, id))!;
  });
}

/** Saves an edit as the next revision; refused with `kb_revision_conflict` if the article moved past the editor's base. */
export async function updateArticle(
  db: Db,
  actor: Actor,
  id: string,
  { baseRevision, ...input }: ArticleUpdateInput,
): Promise<Article> {
  const content = ArticleContent.parse(input);
  return db.transaction().execute(async (tx) => {
    const found = await knowledgeBase.get(tx, actor.workspaceId, id);
    if (!found) throw notFound('Article');
    if (found.revision !== baseRevision) throw staleRevision();
    if (!(await knowledgeBase.update(tx, actor.workspaceId, id, baseRevision, actor.agentId, content)))
      throw staleRevision();
    await log(tx, actor, {
      action: 'kb_article.updated',
      id,
      detail: {
        title: titleOf(content),
        revision: baseRevision + 1,
        ...(found.status !== content.status ? { articleStatus: content.status } : {}),
      },
    });
    return (await knowledgeBase.get(tx, actor.workspaceId, id))!;
  });
}

/**
 * Brings back an old revision's words (titles, bodies, category, tags) as a new revision. The status stays as it is:
 * restoring a draft's wording must not take a published article away from agents, nor publish one unseen.
 */
export async function restoreRevision(
  db: Db,
  actor: Actor,
  id: string,
  number: number,
  baseRevision: number,
): Promise<Article> {
  return db.transaction().execute(async (tx) => {
    const found = await knowledgeBase.get(tx, actor.workspaceId, id);
    if (!found) throw notFound('Article');
    const old = await knowledgeBase.revision(tx, actor.workspaceId, id, number);
    if (!old) throw notFound('Revision');
    if (found.revision !== baseRevision) throw staleRevision();
    const content = ArticleContent.parse({ ...old.content, status: found.status });
    if (!(await knowledgeBase.update(tx, actor.workspaceId, id, baseRevision, actor.agentId, content, number)))
      throw staleRevision();
    await log(tx, actor, {
      action: 'kb_article.restored',
      id,
      detail: {
        title: titleOf(content),
        restoredFrom: number,
        revision: baseRevision + 1,
      },
    });
    return (await knowledgeBase.get(tx, actor.workspaceId, id))!;
  });
}

/** Takes an article off the list and out of search; its revisions stay. */
export async function archiveArticle(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const found = await knowledgeBase.get(tx, actor.workspaceId, id);
    if (!found || !(await knowledgeBase.archive(tx, actor.workspaceId, id))) throw notFound('Article');
    await log(tx, actor, { action: 'kb_article.archived', id, detail: { title: titleOf(found) } });
  });
}

/**
 * Articles holding the query in a title or body (Japanese-aware, src/search/tokens.ts), title matches first, one hit
 * per article in its best language, with the words around the match.
 */
export async function searchArticles(
  db: Db,
  workspaceId: string,
  q: string,
  status: ArticleStatus | undefined,
  limit: number,
): Promise<ArticleHit[]> {
  const folded = foldForSearch(q).trim();
  const phrase = searchPhrase(q);
  // An article matching in both languages has two index rows: ask for enough to fill the page with distinct ones.
  const found = phrase
    ? await knowledgeBase.search(db, workspaceId, phrase, status, limit * 2)
    : await knowledgeBase.searchScan(db, workspaceId, folded, status, limit);
  const best = new Map<string, ArticleLang>();
  for (const f of found) if (!best.has(f.articleId)) best.set(f.articleId, f.lang);
  const ids = [...best.keys()].slice(0, limit);
  const byId = new Map((await knowledgeBase.many(db, workspaceId, ids)).map((a) => [a.id, a]));
  return ids.flatMap((id) => {
    const article = byId.get(id);
    const lang = best.get(id)!;
    const version = article?.versions[lang];
    if (!article || !version) return [];
    return [
      {
        article: summaryOf(article),
        lang,
        inTitle: foldForSearch(version.title).includes(folded),
        snippet: snippetOf(plainOfMarkdown(version.body), q),
      },
    ];
  });
}

/** Every live article as JSON lines, one line per article and language (docs/knowledge-base.md). */
export async function exportArticles(db: Db, workspaceId: string): Promise<string> {
  const lines: string[] = [];
  for (const a of await knowledgeBase.all(db, workspaceId))
    for (const lang of LANGS) {
      const v = a.versions[lang];
      if (!v) continue;
      const line: ArticleLine = {
        article: a.id,
        lang,
        title: v.title,
        body: v.body,
        questions: v.questions,
        category: a.category,
        tags: a.tags,
        status: a.status,
      };
      lines.push(JSON.stringify(line));
    }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

export interface ImportError {
  /** `<line>` or `<line>.<field>`, lines counted from 1. */
  path: string;
  message: string;
  code: ImportProblem;
}

/** One article as a file gives it: its content, and the languages whose lines leave out `questions` (older files). */
export interface ImportedArticle {
  content: ArticleContent;
  /** An update keeps the questions these languages already have, rather than clearing them. */
  keepQuestions: ArticleLang[];
}

/** The file read and checked line by line, grouped into articles; nothing is written. */
export function readImport(text: string): { articles: Map<string, ImportedArticle>; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const groups = new Map<string, { lines: ArticleLine[]; at: number[] }>();
  const rawLines = text.replace(/^\uFEFF/, '').split('\n');
  if (rawLines.filter((l) => l.trim()).length > MAX_IMPORT_LINES)
    return {
      articles: new Map(),
      errors: [{ path: '1', message: `a file holds at most ${MAX_IMPORT_LINES} lines`, code: 'too_long' }],
    };
  rawLines.forEach((raw, i) => {
    const n = i + 1;
    if (!raw.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      errors.push({ path: `${n}`, message: 'not a JSON object', code: 'not_json' });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      errors.push({ path: `${n}`, message: 'not a JSON object', code: 'not_json' });
      return;
    }
    const parsed = ArticleLine.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        errors.push({
          path: [n, ...issue.path].join('.'),
          message: issue.message,
          code: issue.code === 'too_big' ? 'too_long' : issue.code === 'too_small' ? 'empty' : 'invalid',
        });
      return;
    }
    const line = parsed.data;
    const group = groups.get(line.article) ?? { lines: [], at: [] };
    const first = group.lines[0];
    if (group.lines.some((l) => l.lang === line.lang))
      errors.push({
        path: `${n}.lang`,
        message: `article ${line.article} already has a ${line.lang} line`,
        code: 'duplicate',
      });
    else if (first && !sameArticleFields(first, line))
      errors.push({
        path: `${n}`,
        message: `category, tags and status differ from line ${group.at[0]} of the same article`,
        code: 'mismatch',
      });
    else {
      group.lines.push(line);
      group.at.push(n);
      groups.set(line.article, group);
    }
  });
  const articles = new Map<string, ImportedArticle>();
  for (const [key, { lines }] of groups) {
    const [first] = lines as [ArticleLine];
    articles.set(key, {
      content: ArticleContent.parse({
        versions: Object.fromEntries(
          lines.map((l) => [l.lang, { title: l.title, body: l.body, questions: l.questions ?? [] }]),
        ),
        category: first.category,
        tags: first.tags,
        status: first.status,
      }),
      keepQuestions: lines.filter((l) => l.questions === undefined).map((l) => l.lang),
    });
  }
  return { articles, errors };
}

const sameArticleFields = (a: ArticleLine, b: ArticleLine) =>
  (a.category || null) === (b.category || null) &&
  a.status === b.status &&
  JSON.stringify([...new Set(a.tags)].sort()) === JSON.stringify([...new Set(b.tags)].sort());

/**
 * Imports a file in the export's format, all or nothing: every line is checked first and any problem refuses the
 * whole file with each line's problem named. An article whose key is a live article of this workspace is updated (its
 * languages in the file replace those languages; the others stay) as a new revision; any other key creates an
 * article. A line without `questions` (a file from before they existed) keeps the questions its language has. A line
 * repeating an article's content exactly makes no revision.
 */
export async function importArticles(db: Db, actor: Actor, text: string): Promise<ArticleImportResult> {
  const { articles, errors } = readImport(text);
  if (errors.length)
    throw new DomainError(
      'validation',
      `${new Set(errors.map((e) => e.path.split('.')[0])).size} line(s) of the file cannot be imported; nothing was imported`,
      errors,
      'kb_import_invalid',
    );
  if (!articles.size)
    throw new DomainError(
      'validation',
      'The file holds no articles',
      [{ path: '1', message: 'no lines', code: 'empty' }],
      'kb_import_invalid',
    );
  const result: ArticleImportResult = { created: 0, updated: 0, unchanged: 0 };
  await db.transaction().execute(async (tx) => {
    for (const [key, { content, keepQuestions }] of articles) {
      const existing = await knowledgeBase.get(tx, actor.workspaceId, key);
      if (!existing) {
        await knowledgeBase.create(tx, actor.workspaceId, actor.agentId, content);
        result.created++;
        continue;
      }
      const versions = { ...existing.versions, ...content.versions };
      for (const lang of keepQuestions) {
        const had = existing.versions[lang];
        const now = versions[lang];
        if (had && now) versions[lang] = { ...now, questions: had.questions };
      }
      const merged = ArticleContent.parse({ ...content, versions });
      if (revisionContent(merged) === revisionContent(existing)) {
        result.unchanged++;
        continue;
      }
      if (!(await knowledgeBase.update(tx, actor.workspaceId, key, existing.revision, actor.agentId, merged)))
        throw conflict('An article changed while the file was imported; nothing was imported, try again');
      result.updated++;
    }
    await audit.log(tx, {
      workspaceId: actor.workspaceId,
      actor: byAgent(actor),
      action: 'kb.imported',
      detail: { ...result },
    });
  });
  return result;
}
