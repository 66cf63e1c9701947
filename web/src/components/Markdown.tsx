import { Fragment, type ReactNode } from 'react';
import { Typography } from '@mantine/core';
import { parseMarkdown, type Block, type Inline } from '../lib/markdown';

/**
 * An article's Markdown drawn as React elements (lib/markdown.ts): every word is text to React, so HTML in an article
 * is shown, never run. Links to other sites open in a new tab without the opener.
 */
export function Markdown({ text, testId }: { text: string; testId?: string }) {
  return (
    <Typography data-testid={testId} style={{ overflowWrap: 'anywhere' }}>
      {parseMarkdown(text).map(block)}
    </Typography>
  );
}

function block(b: Block, key: number): ReactNode {
  switch (b.t) {
    case 'heading': {
      const H = `h${b.level}` as const;
      return <H key={key}>{inlines(b.c)}</H>;
    }
    case 'para':
      return <p key={key}>{inlines(b.c)}</p>;
    case 'code':
      return (
        <pre key={key}>
          <code>{b.v}</code>
        </pre>
      );
    case 'quote':
      return <blockquote key={key}>{b.c.map(block)}</blockquote>;
    case 'list': {
      const items = b.items.map((item, i) => <li key={i}>{inlines(item)}</li>);
      return b.ordered ? (
        <ol key={key} start={b.start}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
    case 'hr':
      return <hr key={key} />;
  }
}

function inlines(list: Inline[]): ReactNode {
  return list.map((n, i) => <Fragment key={i}>{inline(n)}</Fragment>);
}

function inline(n: Inline): ReactNode {
  switch (n.t) {
    case 'text':
      return n.v;
    case 'br':
      return <br />;
    case 'code':
      return <code>{n.v}</code>;
    case 'strong':
      return <strong>{inlines(n.c)}</strong>;
    case 'em':
      return <em>{inlines(n.c)}</em>;
    case 'del':
      return <del>{inlines(n.c)}</del>;
    case 'link': {
      const external = /^(https?:|mailto:)/i.test(n.href);
      return (
        <a href={n.href} {...(external ? { target: '_blank', rel: 'noopener noreferrer' } : {})}>
          {inlines(n.c)}
        </a>
      );
    }
  }
}
