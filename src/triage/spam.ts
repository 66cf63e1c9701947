// Spam and troll flags. Flagged posts go to their own view: the flags never
// hide or delete anything, and an agent can clear them.
import type { NormalisedText } from './normalise';
import { normalise } from './normalise';
import { joinEvidence, reason } from './messages';
import type { RuleAnalysis } from './rules';
import type { Category, Reason, TriageContext } from './types';

const SPAM_THRESHOLD = 3;
const ACTIONABLE: Category[] = ['billing_error', 'outage', 'defect', 'safety', 'purchase_intent', 'request'];

export interface FlagResult {
  spam: boolean;
  troll: boolean;
  reasons: Reason[];
}

/** Counts how often the customer already posted this exact (normalised) text. */
function repeats(current: string, recent: string[] | undefined): number {
  if (!recent || recent.length === 0) return 0;
  const key = current.replace(/\s+/g, '');
  if (key.length < 6) return 0;
  let n = 0;
  for (const t of recent.slice(0, 20)) if (normalise(t).text.replace(/\s+/g, '') === key) n++;
  return n;
}

/** A real product problem in the words (a strong issue term): such a post is never spam, whatever else it says. */
export function hasIssueWords(rules: RuleAnalysis): boolean {
  return (['billing_error', 'outage', 'defect', 'safety'] as const).some((c) => rules.scores[c] >= 1.5);
}

export function detectFlags(
  norm: NormalisedText,
  rules: RuleAnalysis,
  categories: Category[],
  context: TriageContext | undefined,
  recentAbuse: number,
): FlagResult {
  const lang = norm.lang;
  const reasons: Reason[] = [];
  const signals = [...rules.spamWords];
  let score = rules.spamScore;
  // Links and tag/mention stuffing only matter together with promo vocabulary.
  if (norm.urls > 0 && score > 0) {
    score += 1;
    signals.push('URL');
  }
  if (norm.mentions >= 3 || norm.hashtags.length >= 5) {
    score += 1;
    signals.push(lang === 'ja' ? 'メンション・タグの多用' : 'mention/hashtag stuffing');
  }
  const same = repeats(norm.text, context?.recentTexts);
  if (same >= 2) {
    // Copy-paste posting is a spam pattern on its own; real problems repeated
    // by a frustrated customer are protected by the issue check below.
    score += 3;
    signals.push(lang === 'ja' ? `同一文の連投 ${same}回` : `same text posted ${same} times`);
  }
  // A real product problem mentioned alongside promo words is not spam.
  const spam = score >= SPAM_THRESHOLD && !hasIssueWords(rules);
  if (spam) reasons.push(reason(lang, 'spam', 'spam', 'spam', joinEvidence(lang, signals)));

  const actionable = categories.some((c) => ACTIONABLE.includes(c));
  const abuseNow = rules.abuse.length > 0;
  const troll = !spam && ((abuseNow && !actionable) || (recentAbuse >= 2 && (abuseNow || !actionable)));
  if (troll) {
    const ev = [...rules.abuse];
    if (recentAbuse >= 2)
      ev.push(lang === 'ja' ? `直近の攻撃的な投稿 ${recentAbuse}件` : `${recentAbuse} recent abusive posts`);
    reasons.push(reason(lang, 'troll', 'troll', 'troll', joinEvidence(lang, ev)));
  }
  return { spam, troll, reasons };
}
