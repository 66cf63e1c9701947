import { describe, expect, it } from 'vitest';
import { markdownToSafeHtml } from './markdown';

describe('markdownToSafeHtml', () => {
  it('renders headings (below the page’s h1), emphasis, lists, tables and kept line breaks', () => {
    const html = markdownToSafeHtml(
      '# 営業時間\n\n平日は**10時〜18時**です。\n土日はお休み。\n\n- 電話\n- メール\n\n| a | b |\n|---|---|\n| 1 | 2 |',
    );
    expect(html).toContain('<h2>営業時間</h2>');
    expect(html).toContain('<strong>10時〜18時</strong>です。<br>');
    expect(html).toContain('<li>電話</li>');
    expect(html).toContain('<td>1</td>');
  });

  it('shows raw HTML as the characters typed and never emits an executable element or attribute', () => {
    const html = markdownToSafeHtml(
      'Hello <script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n<a href="javascript:alert(3)">x</a>\n\n<iframe src="https://evil.example"></iframe>',
    );
    expect(html).toContain('&#x3C;script>alert(1)&#x3C;/script>');
    // Every element in the output is a paragraph: the rest is text (its "<" escaped).
    expect([...html.matchAll(/<\/?([a-z][a-z0-9]*)/gi)].map((m) => m[1])).toEqual(['p', 'p', 'p', 'p']);
    expect(html).toContain('&#x3C;img src=x onerror="alert(2)">');
  });

  it('keeps http(s), mailto and relative links; drops other schemes; turns images into links', () => {
    const html = markdownToSafeHtml(
      '[web](https://koe.example/a) [mail](mailto:help@koe.example) [here](../articles/1) [bad](javascript:alert(1)) [data](data:text/html,hi) [v](vbscript:x)\n\n![地図](https://koe.example/map.png)',
    );
    expect(html).toContain('<a href="https://koe.example/a" rel="noopener noreferrer nofollow">web</a>');
    expect(html).toContain('<a href="mailto:help@koe.example">mail</a>');
    expect(html).toContain('<a href="../articles/1">here</a>');
    expect(html).toContain('<a>bad</a>');
    expect(html).toContain('<a>data</a>');
    expect(html).toContain('<a>v</a>');
    expect(html).toContain('<a href="https://koe.example/map.png" rel="noopener noreferrer nofollow">地図</a>');
    expect(html).not.toContain('<img');
  });
});
