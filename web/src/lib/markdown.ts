// A small Markdown reader for knowledge-base articles: it turns the text into a tree that components/Markdown.tsx
// draws as React elements, so nothing an author writes is ever inserted as HTML (<script> stays the characters
// "<script>"). No Markdown library is among Koe's dependencies and none could be added, so this covers what support
// articles use — headings, paragraphs (a single line break is kept: Japanese prose is written line by line), bold,
// italics, code, links, lists, quotes, rules — and leaves the rest as plain text. Links open only http(s), mailto and
// paths of this site.

export type Inline =
  | { t: 'text'; v: string }
  | { t: 'code'; v: string }
  | { t: 'strong'; c: Inline[] }
  | { t: 'em'; c: Inline[] }
  | { t: 'del'; c: Inline[] }
  | { t: 'link'; href: string; c: Inline[] }
  | { t: 'br' };

export type Block =
  | { t: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; c: Inline[] }
  | { t: 'para'; c: Inline[] }
  | { t: 'code'; v: string }
  | { t: 'quote'; c: Block[] }
  | { t: 'list'; ordered: boolean; start: number; items: Inline[][] }
  | { t: 'hr' };

const SAFE_HREF = /^(https?:\/\/|mailto:|\/(?!\/)|#)/i;
/** The address of a link as written, if it is one a reader may follow. */
export const safeHref = (href: string): string | null => {
  const h = href.trim();
  return SAFE_HREF.test(h) && !/[\s<>"]/.test(h) ? h : null;
};

const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const FENCE = /^ {0,3}(```|~~~)/;
const RULE = /^ {0,3}([-*_])(\s*\1){2,}\s*$/;
const BULLET = /^ {0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^ {0,3}(\d{1,9})[.)]\s+(.*)$/;
const QUOTE = /^ {0,3}>\s?(.*)$/;

export function parseMarkdown(text: string): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (!line.trim()) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.trimStart().startsWith(fence[1]!)) body.push(lines[i++]!);
      i++;
      blocks.push({ t: 'code', v: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ t: 'heading', level: heading[1]!.length as 1, c: parseInline(heading[2]!) });
      i++;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ t: 'hr' });
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const inner: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i]!)) inner.push(QUOTE.exec(lines[i++]!)![1]!);
      blocks.push({ t: 'quote', c: parseMarkdown(inner.join('\n')) });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = NUMBERED.exec(line);
    if (bullet || numbered) {
      const pattern = bullet ? BULLET : NUMBERED;
      const items: string[] = [];
      while (i < lines.length && lines[i]!.trim()) {
        const m = pattern.exec(lines[i]!);
        if (m) items.push(m[m.length - 1]!);
        // A line that starts no new item continues the last one.
        else if (!startsBlock(lines[i]!)) items[items.length - 1] += `\n${lines[i]!.trim()}`;
        else break;
        i++;
      }
      blocks.push({
        t: 'list',
        ordered: !bullet,
        start: numbered ? Number(numbered[1]) : 1,
        items: items.map(parseInline),
      });
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && lines[i]!.trim() && (para.length === 0 || !startsBlock(lines[i]!)))
      para.push(lines[i++]!.trim());
    blocks.push({ t: 'para', c: parseInline(para.join('\n')) });
  }
  return blocks;
}

const startsBlock = (line: string) =>
  FENCE.test(line) ||
  HEADING.test(line) ||
  RULE.test(line) ||
  QUOTE.test(line) ||
  BULLET.test(line) ||
  NUMBERED.test(line);

const PUNCTUATION = /[!-/:-@[-`{-~]/;
const WORDCHAR = /[\p{L}\p{N}]/u;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let buf = '';
  const flush = () => {
    if (buf) out.push({ t: 'text', v: buf });
    buf = '';
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    const rest = text.slice(i);
    if (ch === '\\' && i + 1 < text.length && PUNCTUATION.test(text[i + 1]!)) {
      buf += text[i + 1];
      i += 2;
      continue;
    }
    if (ch === '\n') {
      flush();
      out.push({ t: 'br' });
      i++;
      continue;
    }
    if (ch === '`') {
      const run = /^`+/.exec(rest)![0];
      const end = text.indexOf(run, i + run.length);
      if (end > 0) {
        flush();
        out.push({ t: 'code', v: text.slice(i + run.length, end).trim() || text.slice(i + run.length, end) });
        i = end + run.length;
        continue;
      }
      buf += run;
      i += run.length;
      continue;
    }
    // [text](address) and ![alt](address): an image is shown as a link to it (articles keep to words).
    const link = /^!?\[([^\]\n]*)\]\(\s*([^)\s]*)\s*\)/.exec(rest);
    if (link) {
      const href = safeHref(link[2]!);
      flush();
      if (href) out.push({ t: 'link', href, c: parseInline(link[1] || link[2]!) });
      else out.push(...parseInline(link[1]!));
      i += link[0].length;
      continue;
    }
    const url = /^https?:\/\/[^\s<>"、。「」（）]+/.exec(rest);
    if (url && (i === 0 || !WORDCHAR.test(text[i - 1]!))) {
      const address = url[0].replace(/[.,:;!?)]+$/, '');
      flush();
      out.push({ t: 'link', href: address, c: [{ t: 'text', v: address }] });
      i += address.length;
      continue;
    }
    const delim = /^(\*\*|__|~~|\*|_)/.exec(rest)?.[1];
    if (delim) {
      const close = findClose(text, i, delim);
      if (close > 0) {
        flush();
        const inner = parseInline(text.slice(i + delim.length, close));
        out.push(delim === '~~' ? { t: 'del', c: inner } : { t: delim.length === 2 ? 'strong' : 'em', c: inner });
        i = close + delim.length;
        continue;
      }
      buf += delim;
      i += delim.length;
      continue;
    }
    buf += ch;
    i++;
  }
  flush();
  return out;
}

/** Where an emphasis opened at `at` closes: the next same mark after a non-space, on the same paragraph. */
function findClose(text: string, at: number, delim: string): number {
  const start = at + delim.length;
  if (start >= text.length || /\s/.test(text[start]!)) return -1;
  // An underscore inside a word (order_number) is no emphasis.
  if (delim[0] === '_' && at > 0 && WORDCHAR.test(text[at - 1]!)) return -1;
  for (let j = start + 1; j <= text.length - delim.length; j++) {
    if (text.startsWith(delim, j) && !/\s/.test(text[j - 1]!)) {
      // A single * must not be the start of a ** (that closes something else).
      if (delim.length === 1 && text[j + 1] === delim) {
        j++;
        continue;
      }
      if (delim[0] === '_' && j + delim.length < text.length && WORDCHAR.test(text[j + delim.length]!)) continue;
      return j;
    }
  }
  return -1;
}
