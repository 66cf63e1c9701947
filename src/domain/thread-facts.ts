/**
 * What a customer has already told us in a thread: order numbers, dates and amounts. Replies built for the agent (the
 * apology draft, saved-reply variables) use them instead of asking again. Pure; the customer's messages go in oldest
 * first, and the newest mention of each kind wins.
 */
export interface ThreadFacts {
  /** Order, booking or ticket numbers as the customer wrote them (normalised to half-width), newest first. */
  orderNumbers: string[];
  /** Dates as written (「12月5日」, "2024/12/05", "Dec 5"), newest first. */
  dates: string[];
  /** Amounts with their currency (「¥3,980」, 「3,980円」, "$12.50"), newest first. */
  amounts: string[];
}

// A label, then the number: 注文番号 KM-0042, ご注文番号は123456, order #A1B2C3, Order No. 778899.
const LABELLED =
  /(?:ご?注文番号|オーダー番号|受付番号|予約番号|お問い合わせ番号|伝票番号|order\s*(?:no\.?|number|id|#)|booking\s*(?:no\.?|number|ref(?:erence)?)|ticket\s*#?)\s*(?:は|が|:|#|＃)?\s*#?([A-Z0-9][A-Z0-9-]{3,30}[A-Z0-9])/giu;
// A number shaped like an order code on its own: KM-20241206-0042, ORD-77812, #4410-2231.
const CODE_SHAPED =
  /(?<![A-Z0-9-])((?:[A-Z]{1,5}-)?\d{4,}(?:-\d{2,})+|[A-Z]{2,5}-\d{4,}(?:-[A-Z0-9]+)*|#\d{6,})(?![A-Z0-9-])/gu;

const IS_DATE = /^\d{4}[/.-]\d{1,2}[/.-]\d{1,2}$/u;
// Japanese phone numbers (0120-123-456, 090-1234-5678) are not order numbers.
const IS_PHONE = /^0\d{1,4}-\d{1,4}-\d{3,4}$/u;

const DATE_PATTERNS = [
  /\d{4}[/.-]\d{1,2}[/.-]\d{1,2}/gu,
  /(?:\d{4}年\s*)?\d{1,2}月\s*\d{1,2}日/gu,
  /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s*\d{4})?\b/giu,
  /\b\d{1,2}\/\d{1,2}\b/gu,
];

const AMOUNT_PATTERNS = [/[¥$€£]\s?\d[\d,]*(?:\.\d{1,2})?/gu, /\d[\d,]*(?:\.\d{1,2})?\s?(?:円|ドル|yen|USD|JPY)/giu];

/** Full-width digits, letters and punctuation become half-width (ＫＭ－００４２ → KM-0042). */
const halfWidth = (s: string) => s.normalize('NFKC').replace(/[‐‑‒–—―−ー](?=\d)/gu, '-');

function pushNewest(list: string[], found: string[]) {
  for (const f of found) {
    const i = list.indexOf(f);
    if (i >= 0) list.splice(i, 1);
    list.unshift(f);
  }
}

function matchesOf(text: string, pattern: RegExp, group = 0): { at: number; value: string }[] {
  return [...text.matchAll(pattern)].map((m) => ({ at: m.index ?? 0, value: (m[group] ?? m[0]).trim() }));
}

/** The facts in one message, in the order they appear. */
export function factsOfText(raw: string): ThreadFacts {
  const text = halfWidth(raw);
  const labelled = matchesOf(text, LABELLED, 1).filter((m) => /\d/.test(m.value));
  const shaped = matchesOf(text, CODE_SHAPED, 1).map((m) => ({ ...m, value: m.value.replace(/^#/, '') }));
  const orders = [...labelled, ...shaped]
    .sort((a, b) => a.at - b.at)
    .map((m) => m.value.toUpperCase())
    .filter((v, i, all) => all.indexOf(v) === i && !IS_DATE.test(v) && !IS_PHONE.test(v));
  const dates = DATE_PATTERNS.flatMap((p) => matchesOf(text, p))
    .sort((a, b) => a.at - b.at)
    .filter(
      (d, i, all) =>
        !all.some((o, j) => j !== i && o.at <= d.at && o.at + o.value.length > d.at && o.value.length > d.value.length),
    )
    .map((d) => d.value);
  const amounts = AMOUNT_PATTERNS.flatMap((p) => matchesOf(text, p))
    .sort((a, b) => a.at - b.at)
    .map((a) => a.value.replace(/\s+/g, ''));
  return { orderNumbers: orders, dates: [...new Set(dates)], amounts: [...new Set(amounts)] };
}

/** The facts of a thread: the customer's messages, oldest first. */
export function threadFacts(customerTexts: readonly string[]): ThreadFacts {
  const facts: ThreadFacts = { orderNumbers: [], dates: [], amounts: [] };
  for (const text of customerTexts) {
    const f = factsOfText(text);
    pushNewest(facts.orderNumbers, f.orderNumbers);
    pushNewest(facts.dates, f.dates);
    pushNewest(facts.amounts, f.amounts);
  }
  return facts;
}
