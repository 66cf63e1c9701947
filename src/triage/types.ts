// Public types of the triage module. Kept free of logic so the server, the CLI
// and the web client can share them without pulling in lexicons.

export const CATEGORIES = [
  'billing_error',
  'outage',
  'defect',
  'safety',
  'backlash',
  'purchase_intent',
  'question',
  'request',
  'praise',
  'spam',
] as const;

export type Category = (typeof CATEGORIES)[number];
export type Sentiment = 'negative' | 'neutral' | 'positive';
export type Level = 0 | 1 | 2 | 3;
export type Lang = 'ja' | 'en';

/** Categories that put money, service, product safety or reputation at stake now. */
export const URGENT_CATEGORIES: ReadonlySet<Category> = new Set<Category>([
  'billing_error',
  'outage',
  'defect',
  'safety',
  'backlash',
]);

export type ReasonKind = 'category' | 'sentiment' | 'level' | 'priority' | 'spam' | 'troll';

export interface Reason {
  kind: ReasonKind;
  /** Stable machine code, e.g. the category name or `reach`, `sarcasm`. */
  code: string;
  /** The word or signal that caused the decision, in the post's language. */
  evidence: string;
  /** Human readable explanation in the post's language. */
  message: string;
  /** The explanation in each UI language (evidence stays the customer's words); absent on older stored reasons. */
  localized?: { ja: string; en: string };
  /** On a "needs a look" reason: the urgent category it may be (what confirming it sets). */
  category?: Category;
}

/** Flame-risk and queue signals supplied by the ingest pipeline. */
export interface TriageContext {
  authorFollowers?: number;
  reposts?: number;
  likes?: number;
  repostsPerHour?: number;
  /** How many posts the same customer wrote in the last 24 hours (including this one). */
  recentPostsByCustomer?: number;
  vip?: boolean;
  waitingMinutes?: number;
  /** The customer's recent post texts, newest first, for spam/baiting detection. */
  recentTexts?: string[];
}

export interface TriagePost {
  text: string;
  lang?: Lang;
  context?: TriageContext;
}

export interface TriageFlags {
  spam: boolean;
  troll: boolean;
  /**
   * Unsure: the learned model thinks the post may be urgent but the words show nothing (or the rules found an issue
   * the model doubts). Below confirmed level 3, above level 2 (priority), with a reason; never counted as level 3.
   */
  needsLook?: boolean;
  /** Names a competitor and reports no problem of ours (the workspace's brand profile): an opportunity, not an alarm. */
  competitor?: boolean;
}

export interface TriageResult {
  sentiment: Sentiment;
  /** -1 (very negative) .. 1 (very positive). */
  sentimentScore: number;
  categories: Category[];
  level: Level;
  /** 0..100 integer; the inbox sorts by it. */
  priority: number;
  reasons: Reason[];
  /** Flagged items go to their own view; never hidden or deleted. */
  flags: TriageFlags;
  lang: Lang;
}

/**
 * Admin-defined phrases per category (product names, support hashtags, slang).
 * Keys are category names, or `positive` / `negative` for sentiment words, or
 * `support` for phrases that mark a post as addressed to the brand's support.
 */
export type WorkspacePhrases = { [category: string]: string[] };

export interface LabelSet {
  sentiment?: Sentiment;
  categories?: Category[];
  level?: Level;
}
