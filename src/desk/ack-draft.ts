// The first reply to an urgent post, drafted for the agent: acknowledge the
// specific problem, apologise, and say what happens next. Agents under a
// 5-minute target otherwise either send a generic "we're sorry" or spend the
// minutes writing; this gives them a sound start they edit and send themselves
// (Koe never sends it on its own). Pure: the reply context feeds it.
import type { Lang } from '../texts/localized';

export type AckLang = Lang;

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
  /** What the customer already wrote in the thread (domain/thread-facts.ts): never asked for again. */
  known?: { orderNumber?: string | null; date?: string | null };
}

import { ACK_TEXTS, type AckIssue as Issue, type AckNeed } from '../texts/customer-texts';

/** The issue named in the draft when a post has several: the most serious first. */
export const ACK_ISSUE_ORDER: readonly Issue[] = ['safety', 'billing_error', 'outage', 'defect', 'backlash'];

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
 * Two sentences (three for safety: stop using the product), short enough for a public reply on X. What the thread
 * already says (an order number, a date) is not asked for again; on a private channel the order number is named.
 * On a public channel it never asks for order details in the open: by DM when the agent can move there,
 * otherwise it promises an update and warns against posting them.
 */
export function acknowledgementDraft(input: AcknowledgementInput): string {
  const issue = issueOf(input.categories);
  const t = ACK_TEXTS[input.lang];
  const { apology, needs } = t.issues[issue];
  const order = input.known?.orderNumber ?? null;
  const given: Partial<Record<AckNeed, boolean>> = { order: Boolean(order), chargeDate: Boolean(input.known?.date) };
  const missing = needs.filter((n) => !given[n]).map((n) => t.needs[n]);
  const details = t.list(missing);
  const next = !input.channelIsPublic
    ? order
      ? t.checkingOrder(order) + (missing.length ? t.askAlso(details) : '')
      : missing.length
        ? t.askPrivately(details)
        : t.checkingNow
    : !missing.length
      ? t.checkingNow
      : input.canMoveToDm
        ? t.askByDm(details)
        : t.promiseUpdate;
  return t.opening(greetingName(input.customerName), apology) + (issue === 'safety' ? t.stopUsing : '') + next;
}
