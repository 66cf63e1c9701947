// Which published article answers a customer's question, and how sure that is. Pure and offline: the desk builds an
// index of a workspace's articles in one language and asks it for the best article of a message, with a confidence
// (how much of what the customer asked the article covers) and the margin over the runner-up (how clearly it wins).
//
// Scoring is BM25 over the knowledge base's own search tokens (src/search/tokens.ts: Japanese as overlapping bigrams,
// Latin letters and digits as words), with the title counted several times over the body, so 「営業時間のご案内」 wins a
// question about opening hours over an article that mentions the hours in passing. A few general question phrases are
// folded to the words articles use (「何時まで」 → 営業時間), and polite filler (「教えてください」, "please") is dropped,
// since it is in every question and no article's subject.
import { plainOfMarkdown } from '../search/plain-text';

export type AnswerLang = 'ja' | 'en';

export interface AnswerArticle {
  id: string;
  lang: AnswerLang;
  title: string;
  /** Markdown, as stored. */
  body: string;
  /** Ways customers ask what this article answers, written by the article's author (one question each). */
  questions?: string[];
}

export interface ArticleScore {
  articleId: string;
  /** BM25 score; comparable only within one question. */
  score: number;
  /** 0..1: the share of the question's weighted tokens the article holds. */
  confidence: number;
  /** 0..1: the share of the article's title the question names (is the question about this subject at all?). */
  titleCover: number;
  /**
   * 0..1: how closely the question says what one of the article's own customer questions says (weighted overlap both
   * ways, the best of them); null when the article has none.
   */
  asked: number | null;
}

export interface AnswerMatch {
  best: ArticleScore | null;
  runnerUp: ArticleScore | null;
  /** 0..1: how far the best article's score is ahead of the runner-up's ((best − second) / best); 1 when alone. */
  margin: number;
  /**
   * How much more the question is said like one of the best article's customer questions than like any other
   * article's (best `asked` − the highest other); 0 when the best article has none.
   */
  askedMargin: number;
  /** The best articles first (as many as asked for). */
  ranked: ArticleScore[];
}

/** BM25's usual constants: term-frequency saturation and length normalisation. */
const K1 = 1.2;
const B = 0.75;
/** A token in the title counts as this many in the body. */
const TITLE_WEIGHT = 3;
/** Bigrams of hiragana alone are mostly grammar (です, ます, ので): they count for less than content words. */
const KANA_WEIGHT = 0.3;
/** A question token no article holds (a place, a product, a date) counts this much of the rarest article token. */
const UNKNOWN_WEIGHT = 0.5;
/** A token of one of the article's customer questions counts as this many in the body. */
const QUESTION_WEIGHT = 1;

/**
 * General ways of asking folded to the words an article uses. Small on purpose: each entry is a question form, not a
 * topic of one shop's knowledge base.
 */
const QUESTION_FORMS: { pattern: RegExp; adds: string }[] = [
  { pattern: /何時(まで|から|に)?|(開い|あい)て(ます|る|い)|営業して|やって(ます|る)/gu, adds: '営業時間' },
  { pattern: /おいくら|いくら|値段|金額は/gu, adds: '料金 価格' },
  { pattern: /\b(what time|open(ing)?|close|closing)\b/giu, adds: '$& hours' },
  { pattern: /\bhow much\b|\bcost\b|\bprice\b/giu, adds: '$& price fee' },
];

/** Polite filler found in questions about anything. */
const FILLER_JA =
  /(教えて(ください|下さい|いただけ\S*)?|お願いします|お願い致します|すみません|こんにちは|こんばんは|知りたい(です)?|質問(です|があります)?)/gu;
const STOP_EN = new Set(
  (
    'a an the i me my we our you your it its is are was were be been am do does did can could would should will ' +
    'to of in on at for with from by about as and or but if so not no this that there here what how when where ' +
    'which who why please hi hello thanks thank know tell want like get have has had any some just'
  ).split(' '),
);
const KANA_ONLY = /^[\p{Script=Hiragana}ー]+$/u;

/** English words to a rough stem, so "refunds" finds "refund" and "shipping" finds "ship". */
function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ies')) return word.slice(0, -3) + 'y';
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

type Script = 'kanji' | 'katakana' | 'hiragana' | 'latin';
const SCRIPTS: [Script, RegExp][] = [
  ['kanji', /[\p{Script=Han}々〆ヶ]/u],
  ['katakana', /[\p{Script=Katakana}ー]/u],
  ['hiragana', /\p{Script=Hiragana}/u],
  ['latin', /[\p{L}\p{N}]/u],
];
const scriptOf = (ch: string): Script | null => SCRIPTS.find(([, re]) => re.test(ch))?.[0] ?? null;

/**
 * The tokens a text is matched on, in order (repeats kept, for term frequency). Like the search index's tokens, but a
 * Japanese run is cut where the script changes, so 「営業時間を」 gives 営業 業時 時間 and no 間を: a bigram straddling a
 * particle is in no article and would count against every match. A lone kanji (靴, 店) is a token of its own.
 */
export function matchTokens(text: string): string[] {
  const out: string[] = [];
  let run = '';
  let script: Script | null = null;
  const flush = () => {
    const chars = [...run];
    if (script === 'latin') {
      if (!STOP_EN.has(run)) out.push(stem([...run].slice(0, 40).join('')));
    } else if (chars.length === 1) {
      if (script === 'kanji') out.push(run);
    } else for (let i = 1; i < chars.length; i++) out.push(chars[i - 1] + chars[i]);
    run = '';
  };
  for (const ch of text.normalize('NFKC').toLowerCase()) {
    const s = scriptOf(ch);
    if (s !== script && run) flush();
    script = s;
    if (s) run += ch;
  }
  if (run) flush();
  return out;
}

const tokenWeight = (t: string) => (KANA_ONLY.test(t) ? KANA_WEIGHT : 1);

/** The question's tokens: filler removed, question forms expanded, each counted once. */
export function questionTokens(text: string): string[] {
  // The question form is replaced by the words it stands for: 何時 and まで are in no article about opening hours.
  const folded = QUESTION_FORMS.reduce((t, f) => t.replace(f.pattern, ` ${f.adds} `), text.normalize('NFKC'));
  return [...new Set(matchTokens(folded.replace(FILLER_JA, ' ')))];
}

interface IndexedArticle {
  id: string;
  /** The distinct tokens of the title. */
  titleTokens: string[];
  /** The distinct tokens of each of the article's customer questions. */
  questions: string[][];
  /** Weighted term frequency: title tokens count TITLE_WEIGHT times. */
  tf: Map<string, number>;
  length: number;
}

export interface AnswerIndex {
  lang: AnswerLang;
  articles: IndexedArticle[];
  /** How many articles hold each token. */
  df: Map<string, number>;
  avgLength: number;
}

/** Indexes the articles of one language (others are left out). Build once per knowledge-base state; matching is cheap. */
export function buildAnswerIndex(articles: AnswerArticle[], lang: AnswerLang): AnswerIndex {
  const indexed = articles
    .filter((a) => a.lang === lang)
    .map((a) => {
      const tf = new Map<string, number>();
      const title = matchTokens(a.title);
      const body = matchTokens(plainOfMarkdown(a.body));
      const questions = (a.questions ?? []).map(questionTokens).filter((q) => q.length > 0);
      for (const t of title) tf.set(t, (tf.get(t) ?? 0) + TITLE_WEIGHT);
      for (const t of body) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const q of questions) for (const t of q) tf.set(t, (tf.get(t) ?? 0) + QUESTION_WEIGHT);
      const questionsLength = questions.reduce((n, q) => n + q.length, 0) * QUESTION_WEIGHT;
      return {
        id: a.id,
        titleTokens: [...new Set(title)],
        questions,
        tf,
        length: title.length * TITLE_WEIGHT + body.length + questionsLength,
      };
    });
  const df = new Map<string, number>();
  for (const a of indexed) for (const t of a.tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const avgLength = indexed.length ? indexed.reduce((s, a) => s + a.length, 0) / indexed.length : 1;
  return { lang, articles: indexed, df, avgLength: avgLength || 1 };
}

/**
 * The articles that best answer `question`, best first. `confidence` weighs each question token by its rarity among
 * the articles; a token no article holds weighs as much as the rarest, so a question about something the knowledge
 * base does not cover scores low however well a few of its words match.
 */
export function matchQuestion(index: AnswerIndex, question: string, limit = 3): AnswerMatch {
  const n = index.articles.length;
  const tokens = questionTokens(question);
  // A token no article holds weighs as much as one only a single article holds: rare, but not more telling than that.
  const idf = (t: string) => {
    const df = index.df.get(t) ?? 0;
    const w = Math.log(1 + (n - Math.max(1, df) + 0.5) / (Math.max(1, df) + 0.5));
    return df ? w : w * UNKNOWN_WEIGHT;
  };
  const weights = tokens.map((t) => idf(t) * tokenWeight(t));
  const total = weights.reduce((s, w) => s + w, 0);
  const scored: ArticleScore[] = [];
  const inQuestion = new Set(tokens);
  const weightOf = (ts: string[]) => ts.reduce((sum, t) => sum + idf(t) * tokenWeight(t), 0);
  if (total > 0)
    index.articles.forEach((a) => {
      let score = 0;
      let covered = 0;
      tokens.forEach((t, i) => {
        const f = a.tf.get(t);
        if (!f) return;
        covered += weights[i];
        score += (weights[i] * (f * (K1 + 1))) / (f + K1 * (1 - B + (B * a.length) / index.avgLength));
      });
      if (score <= 0) return;
      const whole = weightOf(a.titleTokens);
      const titleCover = whole ? weightOf(a.titleTokens.filter((t) => inQuestion.has(t))) / whole : 0;
      // Weighted Dice overlap with each of the article's customer questions: what both say over what either says.
      let closest: number | null = a.questions.length ? 0 : null;
      for (const q of a.questions) {
        const own = weightOf(q);
        const shared = weightOf(q.filter((t) => inQuestion.has(t)));
        if (own + total > 0) closest = Math.max(closest ?? 0, (2 * shared) / (own + total));
      }
      scored.push({ articleId: a.id, score, confidence: covered / total, titleCover, asked: closest });
    });
  scored.sort((x, y) => y.score - x.score || (x.articleId < y.articleId ? -1 : 1));
  const best = scored[0] ?? null;
  const runnerUp = scored[1] ?? null;
  const margin = !best ? 0 : !runnerUp ? 1 : (best.score - runnerUp.score) / best.score;
  const askedMargin = best?.asked == null ? 0 : best.asked - Math.max(0, ...scored.slice(1).map((s) => s.asked ?? 0));
  return { best, runnerUp, margin, askedMargin, ranked: scored.slice(0, limit) };
}

/** When the bot may answer: thresholds on the best article's confidence and its margin over the runner-up. */
export interface AnswerThresholds {
  minConfidence: number;
  minMargin: number;
  /** For an article without customer questions: the share of its title the question must name. */
  minTitleCover: number;
  /** For an article with customer questions: how closely the question must say what one of them says. */
  minAsked: number;
}

/** Tuned on the labelled tune half of the bot evaluation set (docs/knowledge-base.md, "The answer bot"). */
export const DEFAULT_THRESHOLDS: AnswerThresholds = {
  minConfidence: 0.5,
  minMargin: 0.4,
  minTitleCover: 0.1,
  minAsked: 0.3,
};

/** A match so complete and so clear that no subject check is needed (tune half: no message reaches it wrongly). */
const EVIDENT = { confidence: 0.95, margin: 0.6 };
/**
 * A question said almost as one of an article's customer questions, and clearly less like any other article's, is not
 * a close call however near the two articles' words are (「クーポンの使い方」 against the birthday-coupon article).
 */
const SAID_CLEARLY = { asked: 0.7, askedMargin: 0.3 };

/** The article the bot would answer with, or null when it is not sure enough. */
export function confidentAnswer(m: AnswerMatch, t: AnswerThresholds = DEFAULT_THRESHOLDS): ArticleScore | null {
  const b = m.best;
  const saidClearly = (b?.asked ?? 0) >= SAID_CLEARLY.asked && m.askedMargin >= SAID_CLEARLY.askedMargin;
  if (!b || b.confidence < t.minConfidence || (m.margin < t.minMargin && !saidClearly)) return null;
  // Is the question about this article's subject at all? Said like one of its customer questions, or, for an article
  // without them, naming part of its title. An article that holds nearly every word of the question and wins clearly
  // is on the subject however it was asked.
  const evident = b.confidence >= EVIDENT.confidence && m.margin >= EVIDENT.margin;
  const onSubject = evident || (b.asked !== null ? b.asked >= t.minAsked : b.titleCover >= t.minTitleCover);
  return onSubject ? b : null;
}

/**
 * The start of an article for a short quote: its first sentences without Markdown marks, up to about `max`
 * characters (at least one sentence, cut at `max` when even that is longer).
 */
export function articleExcerpt(body: string, max = 140): string {
  // Headings name the subject the title already gave; the quote starts with the first sentence of prose.
  const plain = plainOfMarkdown(body.replace(/^\s{0,3}#{1,6}\s.*$/gm, ''))
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ');
  const sentences = plain.match(/[^。！？!?.]+[。！？!?.]*\s*/gu) ?? [plain];
  let out = '';
  for (const s of sentences) {
    if (out && (out + s).trim().length > max) break;
    out += s;
  }
  out = out.trim();
  return out.length > max ? `${[...out].slice(0, max - 1).join('')}…` : out;
}
