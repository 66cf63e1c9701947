import type { Lang } from './localized';

/**
 * What Koe drafts for customers, in the customer's language (their last message's). Agents edit and send these
 * themselves; Koe never sends them on its own (desk/ack-draft.ts composes the acknowledgement from these parts).
 */
export type AckIssue = 'safety' | 'billing_error' | 'outage' | 'defect' | 'backlash' | 'other';

export interface IssueText {
  /** Acknowledges the specific problem and apologises; follows the greeting. */
  apology: string;
  /** What we need to check it. */
  details: string;
}

const JA_ISSUES: Record<AckIssue, IssueText> = {
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

const EN_ISSUES: Record<AckIssue, IssueText> = {
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

interface AckTexts {
  issues: Record<AckIssue, IssueText>;
  /** The greeting (by name when known) and the apology for the named problem. */
  opening(name: string | null, apology: string): string;
  stopUsing: string;
  /** Private channel: ask for what we need here. */
  askPrivately(details: string): string;
  /** Public post that can move to DMs: ask for details there, not in public. */
  askByDm(details: string): string;
  /** Public post without DMs: promise an update and warn against posting personal details. */
  promiseUpdate: string;
}

export const ACK_TEXTS: Record<Lang, AckTexts> = {
  ja: {
    issues: JA_ISSUES,
    opening: (name, apology) => (name ? `${name}さん、` : '') + apology,
    stopUsing: '念のため、該当の商品のご使用はお控えください。',
    askPrivately: (d) => `すぐに確認いたしますので、お手数ですが${d}をお知らせいただけますか。`,
    askByDm: (d) => `すぐに確認いたしますので、お手数ですが${d}はこちらではなくDMでお送りいただけますか。`,
    promiseUpdate:
      'ただいま確認しておりますので、ご注文番号などの個人情報はこちらに書き込まず、ご報告をお待ちいただけますか。',
  },
  en: {
    issues: EN_ISSUES,
    opening: (name, apology) => (name ? `Hi ${name}, ${apology}` : apology.charAt(0).toUpperCase() + apology.slice(1)),
    stopUsing: ' To be safe, please stop using the product for now.',
    askPrivately: (d) => ` So we can check right away, could you send us ${d}?`,
    askByDm: (d) => ` So we can check right away, could you send us ${d} by DM (not here in public)?`,
    promiseUpdate:
      " We're looking into it and will update you here; please don't post your order number or personal details publicly.",
  },
};
