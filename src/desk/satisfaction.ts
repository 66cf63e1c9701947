import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import { messagingWindow } from '../channels/meta/window';
import { invalid, notFound } from '../domain/errors';
import { nowIso } from '../domain/ids';
import type { JobQueue } from '../jobs/queue';
import { queueSend } from '../outbound/sender';
import { topics, type RealtimeBus } from '../realtime/bus';
import {
  agents,
  audit,
  bySystem,
  channels,
  conversations,
  customers,
  messages,
  outbox,
  surveys,
  type Db,
  type SurveyRow,
} from '../store/repositories';
import type { Lang, Localized } from '../texts/localized';
import { addressee } from './incidents/acknowledge';
import { notify } from './notifications';
import { deskSettings } from './settings';
import type { SatisfactionSettings } from '../contracts/routing';

export const SURVEY_ASK = 'survey.ask';
/** How long a survey can be answered (the chat widget also stops showing it then). */
export const SURVEY_OPEN_DAYS = 7;
const PURPOSE = 'koe-survey-link-v1';
const CHOICE_PREFIX = 'koe-survey:';
const scoreChoices = (surveyId: string, kind: 'csat' | 'nps') =>
  Array.from({ length: kind === 'nps' ? 11 : 5 }, (_, i) => {
    const score = kind === 'nps' ? i : i + 1;
    return { label: String(score), data: `${CHOICE_PREFIX}${surveyId}:${score}` };
  });

/** Channels whose conversations may be public threads: the survey link goes by direct message there. */
const PUBLIC_THREADS = new Set(['x', 'facebook', 'instagram']);

/**
 * Whether the survey can carry tap-to-answer buttons: LINE quick replies always; Messenger and Instagram quick
 * replies only on a DM inside the 24-hour messaging window the customer's last DM opened. Outside it (a comment
 * answered by a private reply, or a DM older than a day) the message has the link alone.
 */
async function offersChoices(db: Db, kind: string, conversationId: string): Promise<boolean> {
  if (kind === 'line') return true;
  if (kind !== 'facebook' && kind !== 'instagram') return false;
  const last = await messages.lastInbound(db, conversationId);
  return !!last && last.meta.visibility !== 'public' && messagingWindow(last.createdAt).open;
}

export interface SatisfactionDeps {
  db: Db;
  jobs: JobQueue;
  bus: RealtimeBus;
  log: Logger;
  secretKey: Buffer;
  /** Where customers open the answer page: the desk's public address. */
  baseUrl: string;
}

const mac = (key: Buffer, id: string) => createHmac('sha256', key).update(`${PURPOSE}\0${id}`).digest();
/** The token of a survey's answer page: its id and an HMAC, so nobody can answer another customer's survey. */
export const surveyToken = (key: Buffer, id: string) => `${id}.${mac(key, id).toString('base64url')}`;
/** The survey id of a genuine token, else null. */
export function surveyIdOf(key: Buffer, token: string): string | null {
  const [id, given, ...rest] = token.split('.');
  if (!id || !given || rest.length) return null;
  // Compared as text: only the one canonical spelling of the MAC opens the page.
  const expected = Buffer.from(mac(key, id).toString('base64url'));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? id : null;
}

/** After a conversation is resolved (in the caller's transaction): ask for a rating once the change commits. */
export async function queueSurvey(jobs: JobQueue, conversationId: string, tx: Db): Promise<void> {
  await jobs.enqueue(SURVEY_ASK, { conversationId }, { maxAttempts: 3 }, tx);
}

export interface SurveyView {
  id: string;
  kind: 'csat' | 'nps';
  question: string;
  thanks: string;
  score: number | null;
  comment: string | null;
  open: boolean;
}

/** What the customer is shown: the question in their language, and their answer once given. */
export async function surveyView(db: Db, s: SurveyRow, known?: SatisfactionSettings): Promise<SurveyView> {
  const settings = known ?? (await deskSettings.get(db, s.workspace_id)).satisfaction;
  const lang = s.language === 'en' ? 'en' : 'ja';
  const question = s.kind === 'nps' ? settings.nps.question : settings.csat.question;
  return {
    id: s.id,
    kind: s.kind === 'nps' ? 'nps' : 'csat',
    question: question[lang],
    thanks: settings.csat.thanks[lang],
    score: s.score === null ? null : Number(s.score),
    comment: s.comment,
    open: Date.parse(s.asked_at) > Date.now() - SURVEY_OPEN_DAYS * 86_400_000,
  };
}

const linkLine: Localized = {
  ja: 'こちらからご回答いただけます（1分ほど）: ',
  en: 'You can answer here (about a minute): ',
};

/**
 * The `survey.ask` job: when the conversation is still resolved and its channel is on, asks CSAT — or NPS when the
 * customer is due one — once for this resolution. The chat widget shows the question in place; other channels get a
 * short message with a link to a one-question page (by direct message where the thread is public).
 */
export function surveyAsker(deps: SatisfactionDeps) {
  return async ({ conversationId }: { conversationId: string }) => {
    const conv = await conversations.byId(deps.db, conversationId);
    if (!conv || conv.status !== 'resolved' || !conv.resolved_at) return;
    const channel = await channels.byId(deps.db, conv.channel_id);
    if (!channel) return;
    const settings = (await deskSettings.get(deps.db, conv.workspace_id)).satisfaction;
    if (!settings.csat.enabled && !settings.nps.enabled) return;
    if (!(settings.csat.channels as string[]).includes(channel.kind)) return;
    const lastNps = settings.nps.enabled ? await surveys.lastAskedAt(deps.db, conv.customer_id, 'nps') : null;
    const npsDue =
      settings.nps.enabled && (!lastNps || Date.parse(lastNps) < Date.now() - settings.nps.cooldownDays * 86_400_000);
    if (!npsDue && !settings.csat.enabled) return;
    const kind = npsDue ? 'nps' : 'csat';
    const lang: Lang = (await addressee(deps.db, conv.id, conv.customer_id)).lang ?? 'ja';
    const choices = await offersChoices(deps.db, channel.kind, conv.id);
    const at = nowIso();
    const asked = await deps.db.transaction().execute(async (tx) => {
      const s = await surveys.create(tx, {
        workspace_id: conv.workspace_id,
        conversation_id: conv.id,
        customer_id: conv.customer_id,
        channel_id: channel.id,
        kind,
        agent_id: conv.assignee_id,
        team_id: conv.team_id,
        language: lang,
        resolution_at: conv.resolved_at!,
        asked_at: at,
      });
      if (!s) return null; // this resolution was asked already
      const question = (kind === 'nps' ? settings.nps.question : settings.csat.question)[lang];
      if (channel.kind !== 'webchat') {
        const url = `${deps.baseUrl.replace(/\/+$/, '')}/rate/${surveyToken(deps.secretKey, s.id)}`;
        const id = await messages.create(tx, {
          conversationId: conv.id,
          kind: 'reply',
          text: `${question}\n${linkLine[lang]}${url}`,
          authorType: 'system',
          authorId: null,
          authorName: 'Koe',
          createdAt: at,
          meta: {
            survey: s.id,
            ...(PUBLIC_THREADS.has(channel.kind) ? { via: 'dm' } : {}),
            // One tap answers on platforms with quick replies; the link stays for a comment (and for Instagram on a
            // computer, which does not show quick replies).
            ...(choices ? { choices: scoreChoices(s.id, kind) } : {}),
          },
        });
        const outboxId = await outbox.create(tx, { messageId: id, channelId: channel.id, at });
        await queueSend(deps.jobs, outboxId, tx);
      }
      await messages.system(
        tx,
        conv.id,
        kind === 'nps'
          ? { ja: 'お客様にNPS（おすすめ度）をおたずねしました', en: 'Asked the customer for an NPS rating' }
          : { ja: 'お客様に満足度をおたずねしました', en: 'Asked the customer for a satisfaction rating' },
        at,
      );
      return s;
    });
    if (!asked) return;
    if (channel.kind === 'webchat') {
      const identity = await conversations.customerIdentityOn(deps.db, conv.customer_id, channel.id);
      if (identity)
        deps.bus.publish(topics.visitor(channel.id, identity), {
          type: 'survey',
          data: await surveyView(deps.db, asked, settings),
        });
    }
  };
}

/**
 * Records a customer's answer (again, to correct it, while the survey is open). A low CSAT with a comment reopens the
 * conversation or alerts its owner and the supervisors, as the desk's setting says. Returns the survey as shown.
 */
export async function answerSurvey(
  deps: Omit<SatisfactionDeps, 'secretKey' | 'baseUrl'>,
  surveyId: string,
  score: number,
  comment: string | null,
): Promise<SurveyView> {
  const s = await surveys.get(deps.db, surveyId);
  if (!s) throw notFound('Survey');
  const satisfaction = (await deskSettings.get(deps.db, s.workspace_id)).satisfaction;
  const view = await surveyView(deps.db, s, satisfaction);
  if (!view.open) throw invalid('survey', 'This survey has closed');
  const max = s.kind === 'nps' ? 10 : 5;
  const min = s.kind === 'nps' ? 0 : 1;
  if (!Number.isInteger(score) || score < min || score > max) throw invalid('score', `must be ${min}–${max}`);
  const text = comment?.trim() ? comment.trim().slice(0, 2000) : null;
  const settings = satisfaction.csat;
  const isLow = (kind: string, value: number | null, said: string | null) =>
    kind === 'csat' && value !== null && value <= settings.lowAtMost && said !== null;
  // Only the answer that makes the survey low acts: correcting a low answer again alerts nobody twice.
  const low = isLow(s.kind, score, text) && !isLow(s.kind, s.score === null ? null : Number(s.score), s.comment);
  const at = nowIso();
  const reopened = await deps.db.transaction().execute(async (tx) => {
    const first = s.answered_at === null;
    await surveys.answer(tx, s.id, score, text, at);
    await messages.system(tx, s.conversation_id, scoreLine(s.kind, score, text), at);
    await audit.log(tx, {
      workspaceId: s.workspace_id,
      actor: bySystem('survey'),
      action: 'survey.answered',
      target: { type: 'conversation', id: s.conversation_id },
      detail: { rating: `${s.kind === 'nps' ? 'NPS' : 'CSAT'} ${score}/${max}`, corrected: !first },
    });
    if (low && settings.lowScore === 'reopen')
      return conversations.reopenForFeedback(tx, s.conversation_id, s.resolution_at, at);
    return false;
  });
  const item = await conversations.item(deps.db, s.workspace_id, s.conversation_id);
  if (item) deps.bus.publish(topics.workspace(s.workspace_id), { type: 'conversation.updated', data: item });
  if (low && settings.lowScore !== 'none') {
    const supervisors = await agents.supervisorIds(deps.db, s.workspace_id);
    const owner = s.agent_id ? [s.agent_id] : [];
    await notify(deps, {
      workspaceId: s.workspace_id,
      agentIds: [...owner, ...supervisors],
      kind: 'low_satisfaction',
      conversationId: s.conversation_id,
      title: reopened
        ? { ja: `低い評価（${score}/5）で会話を再開しました`, en: `Low rating (${score}/5): conversation reopened` }
        : { ja: `低い評価（${score}/5）が届きました`, en: `Low rating received (${score}/5)` },
      body: text ?? '',
      urgent: false,
    });
  }
  return surveyView(deps.db, (await surveys.get(deps.db, s.id))!, satisfaction);
}

function scoreLine(kind: string, score: number, comment: string | null): Localized {
  const said = (open: string, close: string) => (comment ? `${open}${comment}${close}` : '');
  return kind === 'nps'
    ? {
        ja: `お客様のおすすめ度: ${score}/10${said('「', '」')}`,
        en: `Customer's NPS rating: ${score}/10${said(' “', '”')}`,
      }
    : {
        ja: `お客様の満足度: ${score}/5${said('「', '」')}`,
        en: `Customer's satisfaction rating: ${score}/5${said(' “', '”')}`,
      };
}

/**
 * A customer tapped a score on a platform's quick reply: records it when the survey is theirs (the tap comes from the
 * customer's own account on the survey's channel). False for data that is not a Koe survey score, or not theirs.
 */
export async function answerFromChoice(
  deps: Omit<SatisfactionDeps, 'secretKey' | 'baseUrl'>,
  channelId: string,
  customerExternalId: string,
  data: string,
): Promise<boolean> {
  const m = /^koe-survey:([^:]{1,100}):(\d{1,2})$/.exec(data);
  if (!m) return false;
  const s = await surveys.get(deps.db, m[1]);
  const customer = s && (await customers.byIdentity(deps.db, channelId, customerExternalId));
  if (!s || !customer || s.customer_id !== customer.id || s.channel_id !== channelId) return false;
  // The same score again (a platform redelivering the webhook, a second tap) is already recorded: nothing to add.
  if (s.answered_at !== null && s.score !== null && Number(s.score) === Number(m[2])) return true;
  try {
    await answerSurvey(deps, s.id, Number(m[2]), s.comment);
    return true;
  } catch (err) {
    deps.log.info({ err, surveyId: s.id }, 'a tapped survey score was not recorded');
    return false;
  }
}
