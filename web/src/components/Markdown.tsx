import { Typography } from '@mantine/core';
import ReactMarkdown, { defaultUrlTransform, type Components } from 'react-markdown';
import remarkBreaks from 'remark-breaks';
import remarkGfm from 'remark-gfm';

/** Links a reader may follow: http(s), mailto, and this site's own paths and anchors. Anything else becomes plain. */
export const safeHref = (href: string): string | null => {
  const h = href.trim();
  return /^(https?:\/\/|mailto:|\/(?!\/)|#)/i.test(h) && !/[\s<>"]/.test(h) ? h : null;
};

const components: Components = {
  a: ({ href, children }) => {
    const to = href ? safeHref(href) : null;
    if (!to) return <>{children}</>;
    const external = /^(https?:|mailto:)/i.test(to);
    return (
      <a href={to} {...(external ? { target: '_blank', rel: 'noopener noreferrer' } : {})}>
        {children}
      </a>
    );
  },
  // Koe stores no images: an image in an article is shown as a link to it.
  img: ({ src, alt }) => {
    const to = typeof src === 'string' ? safeHref(src) : null;
    return to ? (
      <a href={to} target="_blank" rel="noopener noreferrer">
        {alt || to}
      </a>
    ) : (
      <>{alt}</>
    );
  },
};

/**
 * An article's Markdown (CommonMark with GitHub's tables, task lists and strikethrough; a single line break kept, as
 * Japanese prose is written line by line), drawn by react-markdown as React elements: HTML in an article is shown
 * as the characters typed, never inserted (react-markdown renders raw HTML only with a plugin Koe does not use), and
 * links open only http(s), mailto and this site.
 */
export function Markdown({ text, testId }: { text: string; testId?: string }) {
  return (
    <Typography data-testid={testId} style={{ overflowWrap: 'anywhere' }}>
      <ReactMarkdown
        remarkPlugins={[remarkGfm, remarkBreaks]}
        urlTransform={(url) => defaultUrlTransform(url)}
        components={components}
      >
        {text}
      </ReactMarkdown>
    </Typography>
  );
}
