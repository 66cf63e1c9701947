import type { Lang } from './localized';

/**
 * What Koe drafts for customers, in the customer's language (their last message's). Agents edit and send these
 * themselves; Koe never sends them on its own (desk/ack-draft.ts composes the acknowledgement from these parts).
 */
export type AckIssue = 'safety' | 'billing_error' | 'outage' | 'defect' | 'backlash' | 'other';

/** What the desk may need to check a problem; asked for only when the thread does not already say it. */
export type AckNeed = 'order' | 'chargeDate' | 'photo' | 'device' | 'errorTime' | 'situation' | 'moment';

export interface IssueText {
  /** Acknowledges the specific problem and apologises; follows the greeting. */
  apology: string;
  /** What we need to check it, in the order asked. */
  needs: readonly AckNeed[];
}

const NEEDS: Record<AckIssue, readonly AckNeed[]> = {
  billing_error: ['order', 'chargeDate'],
  outage: ['device', 'errorTime'],
  defect: ['order', 'photo'],
  safety: ['order', 'moment'],
  backlash: ['situation'],
  other: ['order', 'situation'],
};

const JA_ISSUES: Record<AckIssue, IssueText> = {
  billing_error: {
    apology: '二重請求・ご請求の誤りの件、ご迷惑とご心配をおかけし大変申し訳ございません。',
    needs: NEEDS.billing_error,
  },
  outage: {
    apology: 'ログインできない・サービスの障害の件、ご不便をおかけし大変申し訳ございません。',
    needs: NEEDS.outage,
  },
  defect: { apology: '商品の破損・不具合の件、ご迷惑をおかけし大変申し訳ございません。', needs: NEEDS.defect },
  safety: { apology: '安全に関わる事態となり、ご心配をおかけし大変申し訳ございません。', needs: NEEDS.safety },
  backlash: { apology: 'ご不快な思いをおかけし、大変申し訳ございません。', needs: NEEDS.backlash },
  other: { apology: 'ご不便をおかけし、大変申し訳ございません。', needs: NEEDS.other },
};

const EN_ISSUES: Record<AckIssue, IssueText> = {
  billing_error: {
    apology: "we're very sorry about the double or incorrect charge, and for the worry it has caused.",
    needs: NEEDS.billing_error,
  },
  outage: {
    apology: "we're very sorry you can't log in or use the service because of this outage.",
    needs: NEEDS.outage,
  },
  defect: { apology: "we're very sorry that your item arrived damaged or faulty.", needs: NEEDS.defect },
  safety: { apology: "we're very sorry about this safety issue, and thank you for telling us.", needs: NEEDS.safety },
  backlash: { apology: "we're very sorry for the unpleasant experience we caused.", needs: NEEDS.backlash },
  other: { apology: "we're very sorry for the trouble.", needs: NEEDS.other },
};

interface AckTexts {
  issues: Record<AckIssue, IssueText>;
  needs: Record<AckNeed, string>;
  /** Several needs as one phrase: 「ご注文番号とご請求日」, "your order number and the date of the charge". */
  list(items: string[]): string;
  /** Private channel, the order number already given: say it is being checked (never echoed in public). */
  checkingOrder(orderNumber: string): string;
  /** After checkingOrder: the rest of what we need. */
  askAlso(details: string): string;
  /** Everything needed is in the thread already. */
  checkingNow: string;
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
    needs: {
      order: 'ご注文番号',
      chargeDate: 'ご請求日',
      photo: '破損・不具合の箇所の写真',
      device: 'お使いの端末（アプリ・ブラウザ）',
      errorTime: 'エラーが出た時刻',
      situation: '詳しい状況',
      moment: 'その時の状況',
    },
    list: (items) => items.join('と'),
    checkingOrder: (n) => `ご注文番号（${n}）の件、すぐに確認いたします。`,
    askAlso: (d) => `お手数ですが、あわせて${d}をお知らせいただけますか。`,
    checkingNow: 'いただいた内容をもとに、すぐに確認いたします。',
    opening: (name, apology) => (name ? `${name}さん、` : '') + apology,
    stopUsing: '念のため、該当の商品のご使用はお控えください。',
    askPrivately: (d) => `すぐに確認いたしますので、お手数ですが${d}をお知らせいただけますか。`,
    askByDm: (d) => `すぐに確認いたしますので、お手数ですが${d}はこちらではなくDMでお送りいただけますか。`,
    promiseUpdate:
      'ただいま確認しておりますので、ご注文番号などの個人情報はこちらに書き込まず、ご報告をお待ちいただけますか。',
  },
  en: {
    issues: EN_ISSUES,
    needs: {
      order: 'your order number',
      chargeDate: 'the date of the charge',
      photo: 'a photo of the damage',
      device: "the device or browser you're using",
      errorTime: 'when the error appeared',
      situation: 'a little more about what happened',
      moment: 'what happened',
    },
    list: (items) => (items.length < 3 ? items.join(' and ') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`),
    checkingOrder: (n) => ` We're checking order ${n} right away.`,
    askAlso: (d) => ` Could you also send us ${d}?`,
    checkingNow: " We're checking it right away with the details you gave us.",
    opening: (name, apology) => (name ? `Hi ${name}, ${apology}` : apology.charAt(0).toUpperCase() + apology.slice(1)),
    stopUsing: ' To be safe, please stop using the product for now.',
    askPrivately: (d) => ` So we can check right away, could you send us ${d}?`,
    askByDm: (d) => ` So we can check right away, could you send us ${d} by DM (not here in public)?`,
    promiseUpdate:
      " We're looking into it and will update you here; please don't post your order number or personal details publicly.",
  },
};

/**
 * The short public follow-up on the original post once a complaint moved to DMs is resolved: others who saw the
 * complaint see it answered. No details of the case (they stayed private).
 */
export const PUBLIC_FOLLOW_UP: Record<Lang, (name: string | null) => string> = {
  ja: (name) =>
    `${name ? `${name}さん、` : ''}DMでのご対応にご協力いただきありがとうございました。解決いたしましたので、こちらでもご報告いたします。ほかにもお困りのことがあれば、いつでもお知らせください。`,
  en: (name) =>
    `${name ? `Thank you, ${name}, for` : 'Thank you for'} sorting this out with us by DM. It's resolved now, so we're letting you know here too. If anything else comes up, we're always here.`,
};
