/**
 * The words of a Markdown text without its marks, for search snippets and the index: headings' #, emphasis, code
 * fences and backticks, list and quote markers go; a link keeps its text (`[営業時間](https://…)` → 営業時間), an image
 * its alt text. Not a renderer: only what a reader of a one-line snippet would find noisy is removed.
 */
export function plainOfMarkdown(markdown: string): string {
  return (
    markdown
      .replace(/^```.*$/gm, '')
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/gm, '')
      .replace(/^\s*([-*_]\s*){3,}$/gm, '')
      .replace(/(\*\*|__|~~|`)/g, '')
      // *平日* but not 2 * 3 * 4: emphasis opens before and closes after a non-space.
      .replace(/(^|[^\p{L}\p{N}])[*_](\S|\S[^*_\n]*\S)[*_](?=[^\p{L}\p{N}]|$)/gu, '$1$2')
  );
}
