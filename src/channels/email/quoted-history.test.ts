import { describe, expect, it } from 'vitest';
import { withoutQuotedHistory } from './quoted-history';

describe('withoutQuotedHistory', () => {
  it('drops a trailing quote and its attribution line (en, ja)', () => {
    expect(withoutQuotedHistory('Thanks!\n\nOn Fri, 1 May 2026, Koe <s@k> wrote:\n> earlier\n>\n')).toBe('Thanks!');
    expect(
      withoutQuotedHistory('ありがとうございます。\n\n2026年5月1日(金) 11:00 Koe <s@k>:のメッセージ:\n> 以前の返信\n'),
    ).toBe('ありがとうございます。');
  });
  it('keeps quotes in the middle and text that is only a quote', () => {
    expect(withoutQuotedHistory('You said:\n> refund in 3 days\nIt has been a week.')).toBe(
      'You said:\n> refund in 3 days\nIt has been a week.',
    );
    expect(withoutQuotedHistory('> only a quote')).toBe('> only a quote');
  });
});
