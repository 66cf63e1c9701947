import type { Element, Root as HastRoot } from 'hast';
import type { Image, Root as MdastRoot } from 'mdast';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkBreaks from 'remark-breaks';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

/**
 * What the public page lets through: GitHub's schema (headings, lists, tables, task lists, code, quotes, links) with
 * links narrowed to http(s) and mailto (a relative path of the help center stays), and no images — Koe stores none
 * and a visitor's browser should not fetch other sites for us; an image becomes a link to it first.
 */
const schema: SanitizeSchema = {
  ...defaultSchema,
  tagNames: (defaultSchema.tagNames ?? []).filter((t) => t !== 'img' && t !== 'picture' && t !== 'source'),
  protocols: { href: ['http', 'https', 'mailto'] },
};

/** Raw HTML in an article is shown as the characters typed, as the desk's own reader shows it — never inserted. */
function rawHtmlAsText() {
  return (tree: MdastRoot) => {
    visit(tree, 'html', (node, index, parent) => {
      if (parent && index !== undefined) parent.children[index] = { type: 'text', value: node.value };
    });
  };
}

/** The page's title is its one h1: the body's headings start one level below it (# → h2, ###### stays h6). */
function headingsBelowTitle() {
  return (tree: HastRoot) => {
    visit(tree, 'element', (node: Element) => {
      const level = /^h([1-6])$/.exec(node.tagName)?.[1];
      if (level) node.tagName = `h${Math.min(Number(level) + 1, 6)}`;
    });
  };
}

/** External links leave the help center without handing it the opener or vouching for the address. */
function externalLinks() {
  return (tree: HastRoot) => {
    visit(tree, 'element', (node: Element) => {
      const href = node.properties?.href;
      if (node.tagName === 'a' && typeof href === 'string' && /^https?:/i.test(href))
        node.properties = { ...node.properties, rel: ['noopener', 'noreferrer', 'nofollow'] };
    });
  };
}

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  // A single line break is kept: Japanese prose is written line by line.
  .use(remarkBreaks)
  .use(rawHtmlAsText)
  .use(remarkRehype, {
    handlers: {
      image: (_state, node: Image): Element => ({
        type: 'element',
        tagName: 'a',
        properties: { href: node.url },
        children: [{ type: 'text', value: node.alt || node.url }],
      }),
    },
  })
  .use(rehypeSanitize, schema)
  .use(headingsBelowTitle)
  .use(externalLinks)
  .use(rehypeStringify);

/**
 * An article's Markdown as HTML for the public help center, on the server: CommonMark with GitHub's tables, task
 * lists and strikethrough, line breaks kept. Nothing an author writes runs in a visitor's browser: raw HTML is text,
 * the sanitiser keeps only the allowed elements and attributes, and a link that is not http(s), mailto or a relative
 * path loses its address.
 */
export function markdownToSafeHtml(markdown: string): string {
  return String(processor.processSync(markdown));
}
