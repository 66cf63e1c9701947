import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown, safeHref } from './Markdown';
import { MantineProvider } from '@mantine/core';

const html = (text: string) =>
  renderToStaticMarkup(createElement(MantineProvider, null, createElement(Markdown, { text })));

describe('article Markdown', () => {
  it('draws headings, line breaks, lists, quotes, code and tables', () => {
    const out = html(
      '# 営業時間\n\n当店は**平日**のみ\n営業しています。\n\n- 土曜\n- 日曜\n\n> 注意\n\n```\na < b\n```\n\n|曜日|時間|\n|-|-|\n|月|9時|',
    );
    expect(out).toContain('<h1>営業時間</h1>');
    expect(out).toContain('<p>当店は<strong>平日</strong>のみ<br/>\n営業しています。</p>');
    expect(out).toContain('<li>土曜</li>');
    expect(out).toContain('<blockquote>');
    expect(out).toContain('<code>a &lt; b\n</code>');
    expect(out).toContain('<td>9時</td>');
  });

  it('never inserts HTML, and follows only http(s), mailto and this site', () => {
    const out = html(
      '<script>alert(1)</script>\n\n<b>太字</b> [押して](javascript:alert(1)) [x](//evil.example) [手順](/kb) [ヘルプ](https://example.com/help)',
    );
    expect(out).not.toMatch(/<script|<b>/);
    expect(out).toContain('&lt;b&gt;太字&lt;/b&gt;');
    expect(out).not.toContain('javascript:');
    expect(out).not.toContain('evil.example');
    expect(out).toContain('<a href="/kb">手順</a>');
    expect(out).toContain('<a href="https://example.com/help" target="_blank" rel="noopener noreferrer">ヘルプ</a>');
    expect(safeHref('//evil.example')).toBeNull();
  });
});
