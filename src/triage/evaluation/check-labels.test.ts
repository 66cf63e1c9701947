import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkLabelled } from './check-labels';
import { detectLang } from '../normalise';

const dir = fileURLToPath(new URL('../../../test/fixtures/triage/', import.meta.url));
const line = (o: Record<string, unknown>) => JSON.stringify({ id: 'x-1', lang: 'ja', sentiment: 'negative', ...o });

describe('label checker', () => {
  it('applies the lang rule: hashtags, mentions and URLs do not make a post Japanese', () => {
    expect(detectLang('Charged twice again #KoeMartサポート')).toBe('en');
    expect(detectLang('@コエマート help https://例え.jp')).toBe('en');
    expect(detectLang('#KoeMartサポート')).toBe('ja');
    expect(detectLang('ﾛｸﾞｲﾝできない')).toBe('ja');
    expect(detectLang('login dekinai')).toBe('en');
  });

  it('reports inconsistent labels with their line', () => {
    const text = [
      line({ text: '二重請求です', categories: ['billing_error'], level: 2 }),
      line({ id: 'x-2', text: '予約したい', categories: ['purchase_intent'], level: 3 }),
      line({ id: 'x-3', text: 'フォローで当たる', categories: ['spam', 'question'], level: 0 }),
      line({ id: 'x-4', text: '壊れてた、交換して', categories: ['defect', 'request'], level: 3 }),
      line({ id: 'x-4', text: 'dup id', lang: 'en', categories: [], level: 0 }),
      line({ id: 'x-6', text: '二重請求です', categories: ['billing_error'], level: 3 }),
      line({ id: 'x-7', text: 'hello', categories: ['nonsense'], level: 0, sentiment: 'angry' }),
      '{not json',
    ].join('\n');
    const problems = checkLabelled(text).map((p) => `${p.line}:${p.problem}`);
    expect(problems).toEqual([
      '1:urgent category needs level 3',
      '2:level 3 needs an urgent category',
      '3:spam is exclusive',
      '4:no question/request/praise beside an urgent category (precedence rule 1)',
      '5:duplicate id',
      '6:same text as x-1',
      '7:lang should be en',
      '7:unknown sentiment angry',
      '7:unknown category nonsense',
      expect.stringMatching(/^8:not JSON/),
    ]);
  });

  it('finds no problem in any labelled fixture file', () => {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.jsonl'))
      .map((f) => `${dir}${f}`);
    const corpus = `${dir}corpus/`;
    if (existsSync(corpus))
      files.push(
        ...readdirSync(corpus)
          .filter((f) => f.endsWith('.jsonl'))
          .map((f) => `${corpus}${f}`),
      );
    expect(files.length).toBeGreaterThanOrEqual(5);
    // Each file on its own (texts may repeat across files, e.g. a phrase in dev and in a corpus file).
    for (const f of files) expect(checkLabelled(readFileSync(f, 'utf8')), f).toEqual([]);
  });
});
