import { describe, expect, it } from 'vitest';
import { plainOfMarkdown } from './plain-text';

describe('plainOfMarkdown', () => {
  it('keeps the words and drops the marks', () => {
    expect(
      plainOfMarkdown(
        '# 営業時間\n\n当店の**営業時間**は *平日* 10時〜18時です。\n- 土日: `休み`\n> 詳しくは[こちら](https://example.com/hours)\n1. 祝日',
      ),
    ).toBe('営業時間\n\n当店の営業時間は 平日 10時〜18時です。\n土日: 休み\n詳しくはこちら\n祝日');
  });
  it('leaves snake_case and arithmetic alone', () => {
    expect(plainOfMarkdown('order_number and 2 * 3 * 4')).toBe('order_number and 2 * 3 * 4');
  });
});
