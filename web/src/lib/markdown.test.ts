import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from './markdown';

describe('parseMarkdown', () => {
  it('reads headings, paragraphs with their line breaks, lists, quotes, code and rules', () => {
    expect(
      parseMarkdown(
        '# 営業時間\n\n当店は**平日**のみ\n営業しています。\n\n- 土曜\n- 日曜\n\n2. 二つ目\n3. 三つ目\n\n> 注意\n\n```\na < b\n```\n---',
      ),
    ).toEqual([
      { t: 'heading', level: 1, c: [{ t: 'text', v: '営業時間' }] },
      {
        t: 'para',
        c: [
          { t: 'text', v: '当店は' },
          { t: 'strong', c: [{ t: 'text', v: '平日' }] },
          { t: 'text', v: 'のみ' },
          { t: 'br' },
          { t: 'text', v: '営業しています。' },
        ],
      },
      { t: 'list', ordered: false, start: 1, items: [[{ t: 'text', v: '土曜' }], [{ t: 'text', v: '日曜' }]] },
      { t: 'list', ordered: true, start: 2, items: [[{ t: 'text', v: '二つ目' }], [{ t: 'text', v: '三つ目' }]] },
      { t: 'quote', c: [{ t: 'para', c: [{ t: 'text', v: '注意' }] }] },
      { t: 'code', v: 'a < b' },
      { t: 'hr' },
    ]);
  });

  it('keeps HTML as text and refuses links that are not http(s), mailto or this site', () => {
    expect(parseInline('<script>alert(1)</script>')).toEqual([{ t: 'text', v: '<script>alert(1)</script>' }]);
    expect(parseInline('[押して](javascript:alert(1))')).toEqual([
      { t: 'text', v: '押して' },
      { t: 'text', v: ')' },
    ]);
    expect(parseInline('[ヘルプ](https://example.com/help)')).toEqual([
      { t: 'link', href: 'https://example.com/help', c: [{ t: 'text', v: 'ヘルプ' }] },
    ]);
    expect(parseInline('[手順](/kb)')[0]).toMatchObject({ t: 'link', href: '/kb' });
    expect(parseInline('[x](//evil.example)')).toEqual([{ t: 'text', v: 'x' }]);
  });

  it('links bare addresses, and leaves snake_case, arithmetic and escaped marks alone', () => {
    expect(parseInline('詳細は https://example.com/a。')).toEqual([
      { t: 'text', v: '詳細は ' },
      { t: 'link', href: 'https://example.com/a', c: [{ t: 'text', v: 'https://example.com/a' }] },
      { t: 'text', v: '。' },
    ]);
    expect(parseInline('order_number_here と 2 * 3 * 4 と \\*そのまま\\*')).toEqual([
      { t: 'text', v: 'order_number_here と 2 * 3 * 4 と *そのまま*' },
    ]);
    expect(parseInline('`**太字にならない**` と *斜体*')).toEqual([
      { t: 'code', v: '**太字にならない**' },
      { t: 'text', v: ' と ' },
      { t: 'em', c: [{ t: 'text', v: '斜体' }] },
    ]);
  });
});
