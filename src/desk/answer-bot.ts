import type { Logger } from 'pino';
import type { JobQueue } from '../jobs/queue';
import { buildAnswerIndex, articleExcerpt, matchQuestion, type AnswerArticle } from '../knowledge/answer-match';
import {
  BOT_CHANNEL_KINDS,
  onlyAsksForPerson,
  botRefusal,
  decideFromMatch,
  handOverReason,
  type HandOverReason,
} from '../knowledge/bot-decision';
import type { AnswerBotFigures, ArticleSuggestions } from '../contracts/answer-bot';
import { invalid, notFound } from '../domain/errors';
import { nowIso } from '../domain/ids';
import type { Actor } from '../domain/permissions';
import { queueSend } from '../outbound/sender';
import { topics, type RealtimeBus } from '../realtime/bus';
import {
  answerBot,
  audit,
  byAgent,
  bySystem,
  channels,
  conversations,
  helpCenters,
  knowledgeBase,
  messages,
  outbox,
} from '../store/repositories';
import type { Db } from '../store/repositories';
import { parseJson } from '../store/repositories/types';
import { botTexts } from '../texts/bot-texts';
import { resumeClock } from './clock';
import { helpCenterPath } from './help-center';
import { resolveRange, type ReportRange } from './reports/report';
import { deskSettings } from './settings';
import type { Lang } from '../texts/localized';
import { detectLang } from '../triage/normalise';

// The answer bot (docs/knowledge-base.md, "The answer bot"): in the route job, after the admin's rules and a declared
// incident and before assignment, it answers a plain question from a published article when the channel has it on,
// or hands a conversation it answered over to the agents when the customer writes again. Its answer goes through the
// outbox like any reply, signed 「自動応答」, and offers a "talk to a person" button where the platform has one.

export interface AnswerBotDeps {
  db: Db;
  bus: RealtimeBus;
  log: Logger;
  jobs: JobQueue;
  /** Where a help article is read, `{id}` and `{lang}` filled in (KOE_HELP_ARTICLE_URL). */
  helpArticleUrl?: string;
  /** Koe's public address (KOE_PUBLIC_URL): without a template, articles link to the workspace's own help center. */
  publicUrl?: string;
}

/** The data a "talk to a person" button carries (LINE postback, Meta quick-reply payload). */
export const TALK_TO_PERSON = 'koe-bot:person';

/** A channel's answer-bot setting: off unless an admin turned it on. */
export const botEnabled = (settings: Record<string, unknown>) => settings.answerBot === true;

/** The answer bot's figures for a report's range (its days in the desk's time zone), on one channel or all. */
export async function answerBotFigures(
  db: Db,
  workspaceId: string,
  q: ReportRange,
  now = new Date(),
): Promise<AnswerBotFigures> {
  const r = resolveRange(q, (await deskSettings.get(db, workspaceId)).businessHours.timeZone, now);
  const { answered, handedOver } = await answerBot.counts(db, workspaceId, r.from, r.to, q.channel);
  return { answered, handedOver, deflected: answered - handedOver };
}

/** An admin turns the bot on or off for one channel (web chat, LINE, Messenger, Instagram: private messages only). */
export async function setChannelAnswerBot(db: Db, actor: Actor, channelId: string, enabled: boolean): Promise<void> {
  const channel = await channels.get(db, actor.workspaceId, channelId);
  if (!channel) throw notFound('Channel');
  if (enabled && !(BOT_CHANNEL_KINDS as readonly string[]).includes(channel.kind))
    throw invalid('enabled', `The answer bot does not answer on ${channel.kind} channels`);
  await db.transaction().execute(async (tx) => {
    await channels.patchSettings(tx, channelId, { answerBot: enabled });
    await audit.log(tx, {
      workspaceId: actor.workspaceId,
      actor: byAgent(actor),
      action: 'channel.answer_bot_changed',
      target: { type: 'channel', id: channelId },
      detail: { enabled },
    });
  });
}

/** The published articles of a workspace, one entry per language version. */
async function publishedArticles(db: Db, workspaceId: string): Promise<(AnswerArticle & { title: string })[]> {
  return (await knowledgeBase.all(db, workspaceId))
    .filter((a) => a.status === 'published')
    .flatMap((a) =>
      (['ja', 'en'] as const).flatMap((lang) => {
        const v = a.versions[lang];
        return v ? [{ id: a.id, lang, title: v.title, body: v.body, questions: v.questions }] : [];
      }),
    );
}

/** The best published articles for a customer's text, in its language (the agents' suggestions use this too). */
export async function articlesFor(db: Db, workspaceId: string, text: string, limit = 3) {
  const lang: Lang = detectLang(text);
  const articles = await publishedArticles(db, workspaceId);
  const match = matchQuestion(buildAnswerIndex(articles, lang), text, limit);
  return { lang, match, articles: articles.filter((a) => a.lang === lang) };
}

/**
 * The agents' suggestions beside a conversation: the published articles that best match the customer's last message,
 * in its language, with the excerpt and link a reply would quote.
 */
export async function suggestArticles(
  deps: Pick<AnswerBotDeps, 'db' | 'helpArticleUrl' | 'publicUrl'>,
  workspaceId: string,
  conversationId: string,
): Promise<ArticleSuggestions> {
  const conv = await conversations.row(deps.db, workspaceId, conversationId);
  if (!conv) throw notFound('Conversation');
  // The newest message with something to match: after 「担当者と話す」 the agent still wants the question's articles.
  const { newestFirst } = await answerBot.customerMessages(deps.db, conversationId);
  const asked = newestFirst.find((m) => !onlyAsksForPerson(m.text)) ?? newestFirst[0];
  if (!asked) return { lang: null, items: [] };
  const found = await articlesFor(deps.db, workspaceId, asked.text, 3);
  const byId = new Map(found.articles.map((a) => [a.id, a]));
  const articleUrl = await articleLinks(deps, workspaceId);
  return {
    lang: found.lang,
    items: found.match.ranked.flatMap((r) => {
      const a = byId.get(r.articleId);
      return a
        ? [
            {
              articleId: a.id,
              lang: found.lang,
              title: a.title,
              excerpt: articleExcerpt(a.body),
              url: articleUrl(a.id, found.lang),
            },
          ]
        : [];
    }),
  };
}

/**
 * Where a customer reads an article: KOE_HELP_ARTICLE_URL when set; else the workspace's own help center when it is on
 * and Koe knows its public address; else nowhere (the reply names the title).
 */
async function articleLinks(
  deps: Pick<AnswerBotDeps, 'db' | 'helpArticleUrl' | 'publicUrl'>,
  workspaceId: string,
): Promise<(id: string, lang: Lang) => string | null> {
  const template = deps.helpArticleUrl;
  if (template) return (id, lang) => template.replaceAll('{id}', encodeURIComponent(id)).replaceAll('{lang}', lang);
  const site = deps.publicUrl ? await helpCenters.get(deps.db, workspaceId) : null;
  if (!site?.enabled) return () => null;
  return (id, lang) => `${deps.publicUrl}${helpCenterPath(site.slug)}/${lang}/articles/${encodeURIComponent(id)}`;
}

/**
 * Route job step for a conversation that just received a customer message. Returns true when the bot answered (the
 * conversation now waits on the customer and is not assigned); false leaves routing as it always was. Safe to run
 * again for the same message: the answer is claimed with a conditional update, the hand-over too.
 */
export async function runAnswerBot(deps: AnswerBotDeps, workspaceId: string, conversationId: string): Promise<boolean> {
  const conv = await conversations.row(deps.db, workspaceId, conversationId);
  if (!conv || conv.status === 'closed') return false;
  const { count, last } = await answerBot.customerMessages(deps.db, conversationId);
  if (!last) return false;
  const triage = parseJson<{ sentiment?: string } | null>(last.triage, null);
  if (conv.bot_state === 'answered') {
    const reason = handOverReason(last.text, triage?.sentiment ?? null);
    const at = nowIso();
    const noteId = await deps.db
      .transaction()
      .execute((tx) => handOverInTx(tx, workspaceId, conversationId, reason, at));
    await publishMessage(deps, workspaceId, noteId);
    return false;
  }
  if (conv.bot_state) return false;
  const channel = await channels.byId(deps.db, conv.channel_id);
  if (!channel) return false;
  const meta = parseJson<Record<string, unknown>>(last.meta, {});
  // Without a stored verdict (triage off) there is nothing to gate on: the bot stays quiet.
  if (!triage) return false;
  const t = triage as {
    level?: number;
    sentiment?: string;
    categories?: string[];
    flags?: { spam?: boolean; troll?: boolean; needsLook?: boolean };
  };
  const refusal = botRefusal({
    channelKind: channel.kind,
    enabled: botEnabled(channel.settings),
    visibility: meta.visibility === 'public' ? 'public' : meta.visibility === 'group' ? 'group' : 'private',
    customerMessages: count,
    handled: !!(conv.assignee_id || conv.first_response_at || conv.incident_id),
    text: last.text,
    triage: {
      level: t.level ?? 0,
      sentiment: t.sentiment ?? 'neutral',
      categories: t.categories ?? [],
      flags: { spam: !!t.flags?.spam, troll: !!t.flags?.troll, needsLook: !!t.flags?.needsLook },
    },
  });
  if (refusal) return false;
  const found = await articlesFor(deps.db, workspaceId, last.text);
  const decision = decideFromMatch(found.match);
  if (!decision.answer) {
    deps.log.debug({ conversationId, why: decision.why }, 'answer bot: no confident article');
    return false;
  }
  const article = found.articles.find((a) => a.id === decision.articleId)!;
  const text = botTexts.answer(found.lang, {
    excerpt: articleExcerpt(article.body),
    title: article.title,
    url: (await articleLinks(deps, workspaceId))(article.id, found.lang),
  });
  return sendAnswer(deps, workspaceId, conversationId, channel.id, {
    text,
    lang: found.lang,
    articleId: article.id,
    title: article.title,
    confidence: decision.confidence,
  });
}

/** The bot's reply, its outbox entry and send job, the claim and the thread's line, in one transaction. */
async function sendAnswer(
  deps: AnswerBotDeps,
  workspaceId: string,
  conversationId: string,
  channelId: string,
  a: { text: string; lang: Lang; articleId: string; title: string; confidence: number },
): Promise<boolean> {
  const at = nowIso();
  const ids = await deps.db.transaction().execute(async (tx) => {
    if (!(await answerBot.claimAnswer(tx, conversationId, at))) return null;
    const replyId = await messages.create(tx, {
      conversationId,
      kind: 'reply',
      text: a.text,
      authorType: 'bot',
      authorId: null,
      authorName: botTexts.author[a.lang],
      createdAt: at,
      meta: {
        bot: { articleId: a.articleId, confidence: a.confidence },
        choices: [{ label: botTexts.talkToPerson[a.lang], data: TALK_TO_PERSON }],
      },
    });
    const outboxId = await outbox.create(tx, { messageId: replyId, channelId, at });
    await queueSend(deps.jobs, outboxId, tx);
    const noteId = await messages.system(tx, conversationId, botTexts.answered(a.title, a.confidence), at);
    await audit.log(tx, {
      workspaceId,
      actor: bySystem('answer bot'),
      action: 'answer_bot.answered',
      target: { type: 'conversation', id: conversationId },
      detail: { messageId: replyId, articleId: a.articleId, confidence: Math.round(a.confidence * 100) / 100 },
    });
    return [replyId, noteId];
  });
  if (!ids) return false;
  for (const id of ids) await publishMessage(deps, workspaceId, id);
  deps.bus.publish(topics.workspace(workspaceId), {
    type: 'conversation.updated',
    data: await conversations.item(deps.db, workspaceId, conversationId),
  });
  return true;
}

/**
 * A tap on the bot's "talk to a person" button (LINE postback, Meta quick reply), which brings no message of its own:
 * the conversation the bot answered goes back to the agents as if the customer had written. False when the data is
 * not the bot's or the customer has no conversation the bot answered.
 */
export async function talkToPersonTapped(
  deps: AnswerBotDeps & { enqueueRoute: (workspaceId: string, conversationId: string, tx: Db) => Promise<void> },
  channelId: string,
  customerExternalId: string,
  data: string,
): Promise<boolean> {
  if (data !== TALK_TO_PERSON) return false;
  const conv = await answerBot.answeredConversationOf(deps.db, channelId, customerExternalId);
  if (!conv) return false;
  const at = nowIso();
  const noteId = await deps.db.transaction().execute(async (tx) => {
    const row = await conversations.row(tx, conv.workspace_id, conv.id);
    if (!row || row.status === 'closed') return null;
    const id = await handOverInTx(tx, conv.workspace_id, conv.id, 'asked_for_person', at);
    if (!id) return null;
    // Back to the agents as if the customer had written: open, waiting from now, routed (assignment, SLA timer).
    await conversations.update(tx, conv.id, {
      status: 'open',
      waiting_since: row.waiting_since ?? at,
      last_customer_message_at: at,
      ...(await resumeClock(tx, row, at)),
    });
    await deps.enqueueRoute(conv.workspace_id, conv.id, tx);
    return id;
  });
  await publishMessage(deps, conv.workspace_id, noteId);
  if (noteId)
    deps.bus.publish(topics.workspace(conv.workspace_id), {
      type: 'conversation.updated',
      data: await conversations.item(deps.db, conv.workspace_id, conv.id),
    });
  return true;
}

/** Marks the hand-over and writes the thread's line, in the caller's transaction; null when it was not the bot's. */
async function handOverInTx(
  tx: Db,
  workspaceId: string,
  conversationId: string,
  reason: HandOverReason,
  at: string,
): Promise<string | null> {
  if (!(await answerBot.handOver(tx, conversationId))) return null;
  const id = await messages.system(tx, conversationId, botTexts.handedOver(reason), at);
  await audit.log(tx, {
    workspaceId,
    actor: bySystem('answer bot'),
    action: 'answer_bot.handed_over',
    target: { type: 'conversation', id: conversationId },
    detail: { reason },
  });
  return id;
}

async function publishMessage(deps: AnswerBotDeps, workspaceId: string, id: string | null) {
  if (id)
    deps.bus.publish(topics.workspace(workspaceId), { type: 'message.created', data: await messages.get(deps.db, id) });
}
