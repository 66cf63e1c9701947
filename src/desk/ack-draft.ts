// The first reply to an urgent post, drafted for the agent: acknowledge the
// specific problem, apologise, and say what happens next. Agents under a
// 5-minute target otherwise either send a generic "we're sorry" or spend the
// minutes writing; this gives them a sound start they edit and send themselves
// (Koe never sends it on its own). Pure: the reply context feeds it.

export type AckLang = 'ja' | 'en';

export interface AcknowledgementInput {
  /** The customer's language (their last message). */
  lang: AckLang;
  /** Addressed by name when known; null (or a handle-only '@') for none. */
  customerName: string | null;
  /** Triage categories of the conversation. */
  categories: readonly string[];
  /** The reply will be visible to everyone (a public thread on X, Facebook, Instagram). */
  channelIsPublic: boolean;
  /** The agent can move the thread to direct messages on the same platform. */
  canMoveToDm: boolean;
}

type Issue = 'safety' | 'billing_error' | 'outage' | 'defect' | 'backlash' | 'other';

/** The issue named in the draft when a post has several: the most serious first. */
export const ACK_ISSUE_ORDER: readonly Issue[] = ['safety', 'billing_error', 'outage', 'defect', 'backlash'];

interface IssueText {
  /** Acknowledges the specific problem and apologises; follows the greeting. */
  apology: string;
  /** What we need to check it. */
  details: string;
}

const JA: Record<Issue, IssueText> = {
  billing_error: {
    apology: '二重請求・ご請求の誤りの件、ご迷惑とご心配をおかけし大変申し訳ございません。',
    details: 'ご注文番号とご請求日',
  },
  outage: {
    apology: 'ログインできない・サービスの障害の件、ご不便をおかけし大変申し訳ございません。',
    details: 'お使いの端末（アプリ・ブラウザ）とエラーが出た時刻',
  },
  defect: {
    apology: '商品の破損・不具合の件、ご迷惑をおかけし大変申し訳ございません。',
    details: 'ご注文番号と、破損・不具合の箇所の写真',
  },
  safety: {
    apology: '安全に関わる事態となり、ご心配をおかけし大変申し訳ございません。',
    details: 'ご注文番号と、その時の状況',
  },
  backlash: { apology: 'ご不快な思いをおかけし、大変申し訳ございません。', details: '詳しい状況' },
  other: { apology: 'ご不便をおかけし、大変申し訳ございません。', details: 'ご注文番号など詳しい状況' },
};

const EN: Record<Issue, IssueText> = {
  billing_error: {
    apology: "we're very sorry about the double or incorrect charge, and for the worry it has caused.",
    details: 'your order number and the date of the charge',
  },
  outage: {
    apology: "we're very sorry you can't log in or use the service because of this outage.",
    details: "the device or browser you're using and when the error appeared",
  },
  defect: {
    apology: "we're very sorry that your item arrived damaged or faulty.",
    details: 'your order number and a photo of the damage',
  },
  safety: {
    apology: "we're very sorry about this safety issue, and thank you for telling us.",
    details: 'your order number and what happened',
  },
  backlash: {
    apology: "we're very sorry for the unpleasant experience we caused.",
    details: 'a little more about what happened',
  },
  other: { apology: "we're very sorry for the trouble.", details: 'your order number and any details' },
};

function issueOf(categories: readonly string[]): Issue {
  return ACK_ISSUE_ORDER.find((c) => categories.includes(c)) ?? 'other';
}

/** A name fit for a greeting: trimmed, without a leading @ of a handle. */
function greetingName(name: string | null): string | null {
  const n = name?.trim().replace(/^@+/, '').trim();
  return n ? n : null;
}

/**
 * 「山田さん、二重請求・ご請求の誤りの件、…大変申し訳ございません。すぐに確認いたしますので、…DMでお送りいただけますか。」
 * Two sentences (three for safety: stop using the product), short enough for a public reply on X.
 * On a public channel it never asks for order details in the open: by DM when the agent can move there,
 * otherwise it promises an update and warns against posting them.
 */
export function acknowledgementDraft(input: AcknowledgementInput): string {
  const issue = issueOf(input.categories);
  const name = greetingName(input.customerName);
  if (input.lang === 'en') {
    const t = EN[issue];
    const first = name ? `Hi ${name}, ${t.apology}` : t.apology.charAt(0).toUpperCase() + t.apology.slice(1);
    const caution = issue === 'safety' ? ' To be safe, please stop using the product for now.' : '';
    const next = !input.channelIsPublic
      ? ` So we can check right away, could you send us ${t.details}?`
      : input.canMoveToDm
        ? ` So we can check right away, could you send us ${t.details} by DM (not here in public)?`
        : " We're looking into it and will update you here; please don't post your order number or personal details publicly.";
    return first + caution + next;
  }
  const t = JA[issue];
  const first = (name ? `${name}さん、` : '') + t.apology;
  const caution = issue === 'safety' ? '念のため、該当の商品のご使用はお控えください。' : '';
  const next = !input.channelIsPublic
    ? `すぐに確認いたしますので、お手数ですが${t.details}をお知らせいただけますか。`
    : input.canMoveToDm
      ? `すぐに確認いたしますので、お手数ですが${t.details}はこちらではなくDMでお送りいただけますか。`
      : 'ただいま確認しておりますので、ご注文番号などの個人情報はこちらに書き込まず、ご報告をお待ちいただけますか。';
  return first + caution + next;
}
