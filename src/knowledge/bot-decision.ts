// When the answer bot may answer a customer, as a pure rule the desk service (src/desk/answer-bot.ts), the evaluation
// (scripts/eval-bot.ts) and the tests share. The bot answers only a plain question: the first message of a private
// conversation on a channel where an admin turned it on, that triage put at level 1 with no urgent category, no
// negative sentiment and no spam or troll flag, and that one published article answers clearly. Everything else is
// left to people, as before the bot existed.
import { URGENT_CATEGORIES, type Category } from '../triage/types';
import { confidentAnswer, DEFAULT_THRESHOLDS, type AnswerMatch, type AnswerThresholds } from './answer-match';

/** Channels the bot can answer on: private conversations only (never a public post or comment). */
export const BOT_CHANNEL_KINDS = ['webchat', 'line', 'facebook', 'instagram'] as const;

export interface BotTriage {
  level: number;
  sentiment: string;
  categories: string[];
  flags: { spam: boolean; troll: boolean; needsLook?: boolean };
}

export interface BotSituation {
  channelKind: string;
  /** The channel's setting (off unless an admin turned it on). */
  enabled: boolean;
  /** The message's visibility as its platform said (`public` comments and posts, `group` LINE groups, `private`). */
  visibility: 'public' | 'group' | 'private';
  /** The customer's messages in this conversation, this one included. */
  customerMessages: number;
  /** Someone already answered or owns the conversation (an agent, an automation rule, an incident). */
  handled: boolean;
  triage: BotTriage;
  /** The customer's message. */
  text: string;
}

export type BotRefusal =
  | 'off'
  | 'channel'
  | 'public'
  | 'not_first'
  | 'handled'
  | 'level'
  | 'negative'
  | 'urgent'
  | 'trouble'
  | 'not_a_question'
  | 'flagged'
  | 'uncertain'
  | 'no_match'
  | 'low_confidence';

export type BotDecision = { answer: true; articleId: string; confidence: number } | { answer: false; why: BotRefusal };

/** What a customer asks the bot can answer: a question, a request, a question before buying. */
const ASKING: ReadonlySet<string> = new Set(['question', 'request', 'purchase_intent']);

/**
 * Signs of a problem that is this customer's own — money gone or taken, harm, a break-in — which a help article never
 * settles. Triage reads most of them as urgent already; these catch the calm or wry wording it can take for a
 * question (「登録した覚えがない請求があるんですが、これ何ですか？」, 「お金はどこへ旅立ったんでしょうか」).
 */
const TROUBLE =
  /覚えが(な|あり)|身に覚え|知らない(請求|引き落とし|注文)|不正|勝手に|詐欺|乗っ取|返して|お金(は|が)?(どこ|まだ|戻)|返金(が|は)?まだ|割れて(い|ま|た)|壊れて(い|ま|た)|怪我|けが|やけど|火傷|\b(unauthori[sz]ed|never ordered|didn't order|fraud|scam|stolen|hacked|injur\w*|burn(ed|t)|where('s| is) my (money|refund)|still no refund)\b/iu;

/** The triage gate: null when the verdict lets the bot answer, else why not. `text` is the customer's message. */
export function triageRefusal(t: BotTriage, text = ''): BotRefusal | null {
  if (t.flags.spam || t.flags.troll) return 'flagged';
  // The analyser suspects an urgent problem it may not raise on its own ("needs a look"): a person decides.
  if (t.flags.needsLook) return 'uncertain';
  if (t.categories.some((c) => URGENT_CATEGORIES.has(c as Category))) return 'urgent';
  if (t.level !== 1) return 'level';
  if (t.sentiment === 'negative') return 'negative';
  if (!t.categories.some((c) => ASKING.has(c))) return 'not_a_question';
  if (TROUBLE.test(text.normalize('NFKC'))) return 'trouble';
  return null;
}

/** Every reason not to answer that needs no knowledge base: null when only the match is left to decide. */
export function botRefusal(s: BotSituation): BotRefusal | null {
  if (!s.enabled) return 'off';
  if (!(BOT_CHANNEL_KINDS as readonly string[]).includes(s.channelKind)) return 'channel';
  if (s.visibility !== 'private') return 'public';
  if (s.customerMessages !== 1) return 'not_first';
  if (s.handled) return 'handled';
  return triageRefusal(s.triage, s.text);
}

/** The match's verdict: the article, or why not. */
export function decideFromMatch(m: AnswerMatch, thresholds: AnswerThresholds = DEFAULT_THRESHOLDS): BotDecision {
  if (!m.best) return { answer: false, why: 'no_match' };
  const chosen = confidentAnswer(m, thresholds);
  return chosen
    ? { answer: true, articleId: chosen.articleId, confidence: chosen.confidence }
    : { answer: false, why: 'low_confidence' };
}

/** The whole decision; the match (which reads the knowledge base) is asked for only when all else allows. */
export function botDecision(
  s: BotSituation,
  match: () => AnswerMatch,
  thresholds: AnswerThresholds = DEFAULT_THRESHOLDS,
): BotDecision {
  const why = botRefusal(s);
  return why ? { answer: false, why } : decideFromMatch(match(), thresholds);
}

/**
 * What the customer's message after a bot answer says: they asked for a person (the "talk to a person" button or words
 * to that effect), they are unhappy, or they simply wrote again. Any of them hands the conversation over.
 */
export type HandOverReason = 'asked_for_person' | 'negative' | 'follow_up';

const ASKS_FOR_PERSON =
  /担当者|オペレーター|オペレータ|人と話|人間|有人|スタッフ(と|に|さん)|\b(talk|speak|chat)\b.*\b(person|human|agent|someone|representative)\b|\b(human|real person|agent please)\b/iu;

/** A short message that only asks for a person (the button's words): nothing in it to match an article on. */
export const onlyAsksForPerson = (text: string) => text.trim().length <= 20 && ASKS_FOR_PERSON.test(text);

export function handOverReason(text: string, sentiment: string | null): HandOverReason {
  if (ASKS_FOR_PERSON.test(text)) return 'asked_for_person';
  if (sentiment === 'negative') return 'negative';
  return 'follow_up';
}
