// Text normalisation shared by the rules, the learned model and workspace
// phrases: every matcher sees the same canonical form, so lexicon entries are
// written once and half-width kana, full-width digits or letter case never
// cause a miss.
import type { Lang } from './types';

export interface NormalisedText {
  /** NFKC, lower-cased, URLs and @mentions removed, `#` stripped from hashtags. */
  text: string;
  lang: Lang;
  urls: number;
  mentions: number;
  hashtags: string[];
}

const URL_RE = /(?:https?:\/\/|www\.)[^\s\u3000]+/g;
const MENTION_RE = /@[a-z0-9_.]+/g;
const HASHTAG_RE = /#([^\s#]+)/g;
const JAPANESE_RE = /[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]/;
const CURLY_QUOTE_RE = /[\u2018\u2019\u2032]/g;

/** Canonical form of a lexicon term or admin phrase (no URL/mention handling). */
export function normaliseTerm(term: string): string {
  return term.normalize('NFKC').toLowerCase().replace(CURLY_QUOTE_RE, "'").replace(/^#/, '');
}

const TAGS_AND_LINKS_RE = /(?:https?:\/\/|www\.)[^\s\u3000]+|[#＃@＠][^\s\u3000#＃@＠]+/g;
const LETTER_RE = /[a-zA-Z\u3040-\u30ff\u3400-\u9fff\uff21-\uff5a\uff66-\uff9f]/;

/**
 * `ja` when the post's own words contain kana or kanji. Hashtags, @mentions and
 * URLs are ignored ("Charged twice again #KoeMartサポート" is English) unless
 * they are all there is.
 */
export function detectLang(text: string): Lang {
  if (!JAPANESE_RE.test(text)) return 'en';
  if (
    !text.includes('#') &&
    !text.includes('@') &&
    !text.includes('＃') &&
    !text.includes('＠') &&
    !text.includes('http') &&
    !text.includes('www.')
  )
    return 'ja';
  const body = text.replace(TAGS_AND_LINKS_RE, ' ');
  if (!LETTER_RE.test(body)) return 'ja';
  return JAPANESE_RE.test(body) ? 'ja' : 'en';
}

const JA_CHAR_RE = /[\u3040-\u30ff\u3400-\u9fff]/;

/**
 * Posts written one phrase per line (「サブスク\n解約\nしたのに\n\n請求きた」) are
 * one sentence: when most lines are short and none ends a sentence, the line
 * breaks are dropped (Japanese) or become spaces, so phrases and frames that
 * span lines still match. Ordinary multi-line posts are left alone.
 */
export function joinFragmentedLines(text: string): string {
  const lines = text.split('\n');
  const filled = lines.filter((l) => l.trim() !== '');
  if (filled.length < 4) return text;
  const short = filled.filter((l) => l.trim().length <= 8 && !/[。.!?]$/.test(l.trim())).length;
  if (short / filled.length < 0.75) return text;
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    if (out !== '') out += JA_CHAR_RE.test(out[out.length - 1]) && JA_CHAR_RE.test(line[0]) ? '' : ' ';
    out += line;
  }
  return out;
}

export function normalise(raw: string, lang?: Lang): NormalisedText {
  // NFKC folds half-width kana to full-width and full-width digits/letters to
  // ASCII (？ → ?, ２ → 2), which is what the lexicons are written against.
  let text = raw.normalize('NFKC').toLowerCase();
  let urls = 0;
  let mentions = 0;
  const hashtags: string[] = [];
  // Cheap guards first: most posts have none of these, and regex replace is the
  // most expensive part of normalisation.
  if (text.includes('http') || text.includes('www.')) {
    text = text.replace(URL_RE, () => {
      urls++;
      return ' ';
    });
  }
  if (text.includes('@')) {
    text = text.replace(MENTION_RE, () => {
      mentions++;
      return ' ';
    });
  }
  if (text.includes('#')) {
    // Hashtags keep their words so #返金して or #KoeMartサポート still match.
    text = text.replace(HASHTAG_RE, (_m, tag: string) => {
      hashtags.push(tag);
      return ` ${tag} `;
    });
  }
  if (text.includes('\u2019') || text.includes('\u2018')) text = text.replace(CURLY_QUOTE_RE, "'");
  if (text.includes('\n')) text = joinFragmentedLines(text);
  return { text, lang: lang ?? detectLang(raw), urls, mentions, hashtags };
}
