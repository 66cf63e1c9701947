// Reason messages in the post's language, so the agent reads the explanation
// in the same language as the customer wrote.
import type { Category, Lang, Level, Reason, ReasonKind } from './types';

const CATEGORY_LABEL: Record<Lang, Record<Category, string>> = {
  ja: {
    billing_error: '請求トラブル',
    outage: '障害・利用不可',
    defect: '商品の不良・誤配',
    safety: '安全上の問題',
    backlash: '炎上・告発リスク',
    purchase_intent: '購入・予約の意向',
    question: '質問',
    request: '要望・依頼',
    praise: '称賛・お礼',
    spam: 'スパム',
  },
  en: {
    billing_error: 'a billing error',
    outage: 'an outage',
    defect: 'a defective or wrong item',
    safety: 'a safety issue',
    backlash: 'a backlash/flame risk',
    purchase_intent: 'purchase intent',
    question: 'a question',
    request: 'a request',
    praise: 'praise',
    spam: 'spam',
  },
};

export const categoryLabel = (lang: Lang, c: Category): string => CATEGORY_LABEL[lang][c];

type Template = (evidence: string, extra: string) => string;

const TEMPLATES: Record<Lang, Record<string, Template>> = {
  ja: {
    category: (e, x) => `「${e}」から${x}と判断しました`,
    learned: (e, x) => `学習モデル（担当者の修正から学習）が${x}と判断しました（確信度 ${e}）`,
    base_model: (e, x) =>
      `ルールでは緊急と判断しませんでしたが、基本学習モデルが${x}の可能性が高いと判断しました（確信度 ${e}）`,
    learned_removed: (e, x) => `学習モデルにより${x}を除外しました（確信度 ${e}）`,
    base_model_veto: (e, x) =>
      `${x}に関わる語はありますが、基本学習モデルは今すぐの問題ではない可能性が高いと判断しました（緊急の確信度 ${e}）`,
    base_model_category: (e, x) => `基本学習モデルが${x}と判断しました（確信度 ${e}）`,
    base_model_spam: (e) => `基本学習モデルがスパムと判断しました（確信度 ${e}）`,
    base_model_removed: (e, x) => `基本学習モデルにより${x}を外しました（確信度 ${e}）`,
    base_sentiment: (e, x) =>
      `基本学習モデルにより感情を「${({ negative: '否定的', positive: '肯定的', neutral: '中立' } as Record<string, string>)[x] ?? x}」と判断しました（確信度 ${e}）`,
    workspace: (e, x) => `ワークスペースの登録語「${e}」により${x}と判断しました`,
    negated: (e) => `「${e}」は否定されているため問題として扱いません`,
    resolved: (e, x) => `「${x}」とあり、「${e}」は解決済み・勘違いと判断しました`,
    quoted: (e) => `「${e}」は引用（RT・返信元）の中の言葉なので、投稿者自身の問題としては扱いません`,
    context: (e, x) => `「${e}」は${x}の経緯として書かれているため、別の問題としては数えません`,
    hearsay: (e, x) => `「${x}」とあり、「${e}」は投稿者自身ではなく他の人の話・噂と判断しました`,
    notice: (e, x) => `「${x}」とあり、「${e}」は予告・お知らせについての投稿と判断しました`,
    hyperbole: (e, x) => `「${e}」は楽しさや称賛の誇張表現と判断しました（文脈: ${x}）`,
    negative: (e) => `否定的な表現: ${e}`,
    positive: (e) => `肯定的な表現: ${e}`,
    neutral: () => '強い感情表現はありません',
    issue_tone: (e) => `問題の報告（${e}）のため否定的と判断しました`,
    sarcasm: (e) => `「${e}」は不満の文脈での皮肉と判断し、否定的に扱いました`,
    learned_sentiment: (e, x) => `学習モデルにより感情を「${x}」に補正しました（確信度 ${e}）`,
    L3: (e, x) => `レベル3: ${x}のため今すぐ対応が必要です`,
    L2: (e) => `レベル2: 専門知識または個別の手配が必要です（${e}）`,
    L1: (e) => `レベル1: FAQ・定型回答またはお礼で対応できます（${e}）`,
    L0: (e) => `レベル0: 返信不要（${e}）`,
    support_tag: (e) => `サポート宛ての投稿です（${e}）`,
    L0_competitor: (e) => `レベル0: 競合（${e}）への言及で、当社の問題の報告ではありません`,
    competitor_issue: (e, x) => `${x}は競合（${e}）についての話と判断し、当社の緊急案件にはしません`,
    precedent_dismissed: (e) =>
      `担当者が「緊急ではない」と判断した投稿とほぼ同じ内容のため（類似度 ${e}）、緊急扱いにしません`,
    precedent_confirmed: (e, x) =>
      `担当者が緊急（${x}）と判断した投稿とほぼ同じ内容のため（類似度 ${e}）、同じく緊急と判断しました`,
    needs_look: (e, x) =>
      `要確認: 基本学習モデルは${x}の可能性を示しています（確信度 ${e}）が、文面に問題を示す語がありません。担当者が確認してください`,
    needs_look_veto: (e, x) =>
      `要確認: ${x}に関わる語がありますが、基本学習モデルは今すぐの問題ではないと見ています（緊急の確信度 ${e}）。担当者が確認してください`,
    p_level: (e) => `対応レベル ${e} による基礎点`,
    p_sentiment: (e) => `否定の強さ ${e}`,
    p_reach: (e) => `投稿者のフォロワー数 ${e}（拡散リスク）`,
    p_engagement: (e) => `リポスト・いいね ${e}`,
    p_velocity: (e) => `拡散速度 ${e}件/時`,
    p_repeat: (e) => `同じお客様の直近24時間の投稿 ${e}件`,
    p_vip: () => 'VIPのお客様',
    p_waiting: (e) => `待ち時間 ${e}分`,
    p_safety: () => '安全に関わるため優先',
    p_needs_look: () => '要確認のためレベル2より上に表示',
    p_troll: () => '荒らしの可能性があるため優先度を下げました',
    p_spam: () => 'スパムのため優先度を下げました',
    spam: (e) => `スパムの特徴: ${e}`,
    troll: (e) => `荒らしの可能性: ${e}（表示は残し、担当者が解除できます）`,
  },
  en: {
    category: (e, x) => `"${e}" indicates ${x}`,
    learned: (e, x) => `the learned model (trained on agent corrections) predicts ${x} (confidence ${e})`,
    base_model: (e, x) =>
      `the rules found nothing urgent, but the base learned model reads this as ${x} (confidence ${e})`,
    learned_removed: (e, x) => `the learned model removed ${x} (confidence ${e})`,
    base_model_veto: (e, x) =>
      `words about ${x} appear, but the base learned model reads this as no current problem (confidence it is urgent: ${e})`,
    base_model_category: (e, x) => `the base learned model reads this as ${x} (confidence ${e})`,
    base_model_spam: (e) => `the base learned model reads this as spam (confidence ${e})`,
    base_model_removed: (e, x) => `the base learned model removed ${x} (confidence ${e})`,
    base_sentiment: (e, x) => `the base learned model reads the sentiment as ${x} (confidence ${e})`,
    workspace: (e, x) => `workspace phrase "${e}" indicates ${x}`,
    negated: (e) => `"${e}" is negated, so it is not treated as an issue`,
    resolved: (e, x) => `"${x}" shows "${e}" was resolved or a misunderstanding`,
    quoted: (e) => `"${e}" is inside a quoted or retweeted text, so it is not treated as the author's own issue`,
    hearsay: (e, x) => `"${x}": "${e}" is someone else's story or a rumour, not the writer's own issue`,
    notice: (e, x) => `"${x}": "${e}" is about an announcement or planned window`,
    hyperbole: (e, x) => `"${e}" reads as playful exaggeration (${x})`,
    context: (e, x) => `"${e}" describes how the ${x} happened, so it is not counted as a separate issue`,
    negative: (e) => `negative wording: ${e}`,
    positive: (e) => `positive wording: ${e}`,
    neutral: () => 'no strong sentiment',
    issue_tone: (e) => `reports a problem (${e}), so negative`,
    sarcasm: (e) => `"${e}" reads as sarcasm in a complaint, treated as negative`,
    learned_sentiment: (e, x) => `the learned model corrected sentiment to ${x} (confidence ${e})`,
    L3: (e, x) => `level 3: ${x} needs attention now`,
    L2: (e) => `level 2: needs expertise or a personal arrangement (${e})`,
    L1: (e) => `level 1: an FAQ answer or a thank-you is enough (${e})`,
    L0: (e) => `level 0: no reply needed (${e})`,
    support_tag: (e) => `addressed to support (${e})`,
    L0_competitor: (e) => `level 0: mentions a competitor (${e}), not a problem of ours`,
    competitor_issue: (e, x) => `${x} is about a competitor (${e}), so it is not treated as our urgent issue`,
    precedent_dismissed: (e) =>
      `reads almost the same as a post an agent judged not urgent (similarity ${e}), so it is not treated as urgent`,
    precedent_confirmed: (e, x) =>
      `reads almost the same as a post an agent judged urgent (${x}; similarity ${e}), so it is urgent too`,
    needs_look: (e, x) =>
      `needs a look: the base learned model says this may be ${x} (confidence ${e}), but no word in the post shows a problem; please check`,
    needs_look_veto: (e, x) =>
      `needs a look: words suggest ${x}, but the base learned model reads no current problem (urgency confidence ${e}); please check`,
    p_level: (e) => `base score for level ${e}`,
    p_sentiment: (e) => `negativity ${e}`,
    p_reach: (e) => `author has ${e} followers (spread risk)`,
    p_engagement: (e) => `reposts/likes ${e}`,
    p_velocity: (e) => `spreading at ${e} reposts/hour`,
    p_repeat: (e) => `${e} posts by this customer in 24h`,
    p_vip: () => 'VIP customer',
    p_waiting: (e) => `waiting ${e} minutes`,
    p_safety: () => 'safety first',
    p_needs_look: () => 'needs a look: shown above level 2',
    p_troll: () => 'likely troll, lowered',
    p_spam: () => 'spam, lowered',
    spam: (e) => `spam signals: ${e}`,
    troll: (e) => `likely troll: ${e} (still visible; an agent can clear the flag)`,
  },
};

/** A value that reads differently per language (a category's label); a plain string reads the same in both. */
export type PerLang = string | ((lang: Lang) => string);
const inLang = (v: PerLang, lang: Lang) => (typeof v === 'string' ? v : v(lang));

/**
 * A reason in the post's language (`message`), and in both UI languages (`localized`): an agent reading the desk in
 * English sees English reasons for a Japanese post, quoting the customer's own words as evidence.
 */
export function reason(
  lang: Lang,
  kind: ReasonKind,
  code: string,
  template: string,
  evidence: PerLang,
  extra: PerLang = '',
): Reason {
  const render = (l: Lang) => {
    const t = TEMPLATES[l][template] ?? TEMPLATES.en[template];
    return t ? t(inLang(evidence, l), inLang(extra, l)) : inLang(evidence, l);
  };
  const localized = { ja: render('ja'), en: render('en') };
  return { kind, code, evidence: inLang(evidence, lang), message: localized[lang], localized };
}

/** Category labels joined for a reason, per language. */
export const categoryLabels =
  (cats: readonly Category[]): PerLang =>
  (l: Lang) =>
    joinEvidence(
      l,
      cats.map((c) => categoryLabel(l, c)),
    );

/** A sentiment code as a word of the language. */
export const sentimentWord =
  (s: string): PerLang =>
  (l: Lang) =>
    l === 'ja' ? (({ negative: '否定的', positive: '肯定的', neutral: '中立' } as Record<string, string>)[s] ?? s) : s;

export const levelTemplate = (level: Level): string => `L${level}`;

/** A model's confidence as shown in reasons: 0.734 → "73%". */
export const pct = (p: number): string => `${Math.round(p * 100)}%`;

export const joinEvidence = (lang: Lang, items: string[]): string => items.join(lang === 'ja' ? '、' : ', ');
