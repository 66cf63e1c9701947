import { describe, expect, it } from 'vitest';
import { xWeightedLength } from '../channels/x/weighted-length';
import { acknowledgementDraft, type AcknowledgementInput } from './ack-draft';

const base: AcknowledgementInput = {
  lang: 'ja',
  customerName: '山田',
  categories: ['billing_error'],
  channelIsPublic: false,
  canMoveToDm: false,
};
const draft = (p: Partial<AcknowledgementInput>) => acknowledgementDraft({ ...base, ...p });
/** Sentences end with 。 ? or . followed by a space or the end. */
const sentences = (text: string) =>
  text
    .split(/(?<=[。？?])|(?<=\.)\s/)
    .map((s) => s.trim())
    .filter(Boolean);

const CATEGORY_WORDS: Array<[string, string, RegExp]> = [
  ['billing_error', '二重請求・ご請求の誤り', /double or incorrect charge/],
  ['outage', 'ログインできない・サービスの障害', /can't log in .* outage/],
  ['defect', '商品の破損・不具合', /damaged or faulty/],
  ['safety', '安全に関わる', /safety issue/],
  ['backlash', 'ご不快な思い', /unpleasant experience/],
];

describe('acknowledgementDraft', () => {
  it('addresses the customer, names the double charge, apologises and asks for the order number in a private channel', () => {
    const text = draft({});
    expect(text).toBe(
      '山田さん、二重請求・ご請求の誤りの件、ご迷惑とご心配をおかけし大変申し訳ございません。すぐに確認いたしますので、お手数ですがご注文番号とご請求日をお知らせいただけますか。',
    );
    expect(draft({ lang: 'en', customerName: 'Alex' })).toBe(
      "Hi Alex, we're very sorry about the double or incorrect charge, and for the worry it has caused. So we can check right away, could you send us your order number and the date of the charge?",
    );
  });

  it.each(CATEGORY_WORDS)('names the %s issue in both languages', (category, ja, en) => {
    expect(draft({ categories: [category] })).toContain(ja);
    expect(draft({ categories: [category], lang: 'en' })).toMatch(en);
    // Other issues are not named.
    for (const [other, otherJa] of CATEGORY_WORDS)
      if (other !== category) expect(draft({ categories: [category] })).not.toContain(otherJa);
  });

  it('names the most serious issue of several, and apologises in general words without an urgent category', () => {
    expect(draft({ categories: ['defect', 'safety'] })).toContain('安全に関わる');
    expect(draft({ categories: ['backlash', 'billing_error'] })).toContain('二重請求');
    expect(draft({ categories: ['question'] })).toBe(
      '山田さん、ご不便をおかけし、大変申し訳ございません。すぐに確認いたしますので、お手数ですがご注文番号と詳しい状況をお知らせいただけますか。',
    );
    expect(draft({ categories: [], lang: 'en', customerName: null })).toMatch(/^We're very sorry for the trouble\./);
  });

  it('on a public channel with DMs, asks for the details by DM and never in public', () => {
    const ja = draft({ channelIsPublic: true, canMoveToDm: true });
    expect(ja).toContain('DMでお送りいただけますか');
    expect(ja).toContain('こちらではなく');
    const en = draft({ lang: 'en', customerName: 'Alex', channelIsPublic: true, canMoveToDm: true });
    expect(en).toContain('by DM (not here in public)');
  });

  it('on a public channel without DMs, promises an update and asks for no personal details', () => {
    const ja = draft({ channelIsPublic: true, canMoveToDm: false });
    expect(ja).not.toContain('お知らせいただけますか');
    expect(ja).toContain('個人情報はこちらに書き込まず');
    const en = draft({ lang: 'en', channelIsPublic: true, canMoveToDm: false });
    expect(en).not.toMatch(/could you send/);
    expect(en).toContain("please don't post your order number or personal details publicly");
  });

  it('asks the customer to stop using an unsafe product', () => {
    expect(draft({ categories: ['safety'] })).toContain('ご使用はお控えください');
    expect(draft({ categories: ['safety'], lang: 'en' })).toContain('please stop using the product');
  });

  it('leaves out the greeting when the name is unknown, and drops the @ of a handle', () => {
    expect(draft({ customerName: null })).toMatch(/^二重請求/);
    expect(draft({ customerName: '  ' })).toMatch(/^二重請求/);
    expect(draft({ customerName: '@yamada_k' })).toMatch(/^yamada_kさん、/);
    expect(draft({ lang: 'en', customerName: null })).toMatch(/^We're very sorry about the double/);
    expect(draft({ lang: 'en', customerName: '@alex' })).toMatch(/^Hi alex, /);
  });

  it('is two or three sentences and fits a public reply on X in every case', () => {
    const cats = [...CATEGORY_WORDS.map(([c]) => c), 'question'];
    for (const lang of ['ja', 'en'] as const) {
      for (const category of cats) {
        for (const [channelIsPublic, canMoveToDm] of [
          [true, true],
          [true, false],
          [false, false],
        ] as const) {
          const text = draft({
            lang,
            categories: [category],
            channelIsPublic,
            canMoveToDm,
            customerName: lang === 'ja' ? '山田 花子' : 'Alexandra',
          });
          const n = sentences(text).length;
          expect(n, text).toBeGreaterThanOrEqual(2);
          expect(n, text).toBeLessThanOrEqual(3);
          expect(xWeightedLength(text), text).toBeLessThanOrEqual(280);
        }
      }
    }
  });

  it('does not ask again for what the thread already says, and names the order number only in private', () => {
    const known = { orderNumber: 'KM-20241206-0042' };
    expect(draft({ known })).toBe(
      '山田さん、二重請求・ご請求の誤りの件、ご迷惑とご心配をおかけし大変申し訳ございません。ご注文番号（KM-20241206-0042）の件、すぐに確認いたします。お手数ですが、あわせてご請求日をお知らせいただけますか。',
    );
    const both = draft({ known: { ...known, date: '12月5日' } });
    expect(both).toContain('KM-20241206-0042');
    expect(both).not.toContain('お知らせいただけますか');
    expect(draft({ lang: 'en', known })).toContain('Could you also send us the date of the charge?');
    expect(draft({ lang: 'en', known: { ...known, date: 'Dec 5' } })).toContain(
      "We're checking order KM-20241206-0042",
    );
    // In public the number is never repeated; with everything known, nothing is asked for by DM either.
    const pub = draft({ known: { ...known, date: '12月5日' }, channelIsPublic: true, canMoveToDm: true });
    expect(pub).not.toContain('KM-');
    expect(pub).not.toContain('DM');
    expect(pub).toContain('すぐに確認いたします');
    const partly = draft({ known, channelIsPublic: true, canMoveToDm: true });
    expect(partly).toContain('ご請求日はこちらではなくDMで');
    expect(partly).not.toContain('ご注文番号');
  });
});
