// Brand awareness: a workspace names its own brands, products and hashtags, and its competitors. A post that reports
// a problem with a competitor is not the workspace's incident — it is a competitor mention (an opportunity to be
// there for that customer), so triage keeps it out of level 3 and out of incident spikes, with a reason.
//
// Whose issue is it? Each piece of issue evidence belongs to the brand named nearest before it (or, when none is
// named before it, nearest after it): 「カモメ通信、大規模障害で…うちはツバメモバイルだから普通に使えてる」 is the
// competitor's outage. An @mention of one of the workspace's handles addresses the post to us, so its issues are ours.
import type { PhraseMatch } from './matcher';
import { PhraseMatcher } from './matcher';
import { normaliseTerm } from './normalise';

/** What a workspace tells triage about itself (settings page 「ブランド」, `PUT /api/triage/brands`). */
export interface BrandProfile {
  /** The workspace's brand names in every spelling customers use (ヒナタマート, Hinata Mart, ﾋﾅﾀ…). */
  brands?: string[];
  /** Its product and service names (星クエ, Dashly Plus). */
  products?: string[];
  /** Its support or brand hashtags (#ミナト電機サポート): a post using one is addressed to us. */
  hashtags?: string[];
  /** Competitors' names in every spelling: their problems are not our incidents. */
  competitors?: string[];
}

export type Side = 'own' | 'competitor';

interface Mention {
  side: Side;
  term: string;
  start: number;
  end: number;
}

export interface BrandMentions {
  /** In text order. */
  mentions: Mention[];
  /** The post @mentions one of our handles or uses one of our hashtags: it is addressed to us. */
  addressed: boolean;
  /** The first competitor named, as written in the profile (for the reason). */
  competitor: string | null;
}

interface Compiled {
  signature: string;
  matcher: PhraseMatcher<{ side: Side; term: string }> | null;
  /** Our names without spaces or punctuation, to recognise handles (@minato_denki → minatodenki). */
  handleKeys: string[];
  /** The same for competitors, with the name to report. */
  competitorKeys: Array<{ key: string; name: string }>;
  /** Our hashtags without # or punctuation. */
  tags: ReadonlySet<string>;
}

const cache = new WeakMap<BrandProfile, Compiled>();
const squash = (s: string): string => normaliseTerm(s).replace(/[^\p{L}\p{N}]/gu, '');
/** Only Latin names of 4 or more characters can be told inside a handle. */
const handleKey = (key: string): boolean => key.length >= 4 && /^[a-z0-9]+$/.test(key);

function signatureOf(p: BrandProfile): string {
  return [p.brands, p.products, p.hashtags, p.competitors].map((l) => (l ?? []).join('\u0001')).join('\u0002');
}

function compile(profile: BrandProfile): Compiled {
  const signature = signatureOf(profile);
  const hit = cache.get(profile);
  if (hit && hit.signature === signature) return hit;
  const terms: Array<{ term: string; entry: { side: Side; term: string } }> = [];
  const add = (list: string[] | undefined, side: Side) => {
    for (const raw of list ?? []) {
      if (typeof raw !== 'string') continue;
      const term = normaliseTerm(raw.trim());
      // One- or two-letter names (HQ) match inside ordinary words too often to tell whose issue it is.
      if (term.length < 2 || (term.length < 3 && /^[a-z0-9]+$/.test(term))) continue;
      terms.push({ term, entry: { side, term: raw.trim() } });
    }
  };
  add(profile.brands, 'own');
  add(profile.products, 'own');
  add(profile.hashtags, 'own');
  add(profile.competitors, 'competitor');
  const handleKeys = [...(profile.brands ?? []), ...(profile.products ?? [])].map(squash).filter(handleKey);
  const competitorKeys = (profile.competitors ?? [])
    .map((name) => ({ key: squash(name), name: name.trim() }))
    .filter(({ key }) => handleKey(key));
  const compiled: Compiled = {
    signature,
    matcher: terms.length > 0 ? new PhraseMatcher(terms) : null,
    handleKeys,
    competitorKeys,
    tags: new Set((profile.hashtags ?? []).map(squash)),
  };
  cache.set(profile, compiled);
  return compiled;
}

/**
 * The brands a post names. `text` is the normalised text (the coordinates of the rules' evidence); `raw` is the post
 * as written, for @mentions and hashtags, which normalisation removes or unwraps.
 */
export function findBrands(profile: BrandProfile | undefined, text: string, raw: string): BrandMentions | null {
  if (!profile) return null;
  const c = compile(profile);
  if (!c.matcher) return null;
  const found: Array<PhraseMatch<{ side: Side; term: string }>> = [];
  c.matcher.scan(text, found);
  // Longest first at each position, then drop matches inside a longer one (ミナト inside ミナト電機).
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const mentions: Mention[] = [];
  let reach = -1;
  for (const m of found) {
    if (m.end <= reach) continue;
    mentions.push({ side: m.entry.side, term: m.entry.term, start: m.start, end: m.end });
    reach = m.end;
  }
  // @mentions and hashtags as written (normalisation removes or unwraps them).
  const written = raw.normalize('NFKC').toLowerCase();
  const handles = (written.match(/[@＠][a-z0-9_]+/g) ?? []).map((h) => h.slice(1).replace(/_/g, ''));
  const addressedByHandle = handles.some((key) => c.handleKeys.some((k) => key.includes(k)));
  // A reply to a competitor's account (@rival_support) is about the competitor from its first word.
  const toCompetitor = handles.flatMap((key) => c.competitorKeys.filter((k) => key.includes(k.key)))[0];
  if (toCompetitor && !addressedByHandle)
    mentions.unshift({ side: 'competitor', term: toCompetitor.name, start: -1, end: -1 });
  const addressedByTag = (written.match(/[#＃][^\s#＃@＠]+/g) ?? []).some((t) => c.tags.has(squash(t)));
  const competitor = mentions.find((m) => m.side === 'competitor')?.term ?? null;
  return { mentions, addressed: addressedByHandle || addressedByTag, competitor };
}

/** The brand an issue found at `at` is about: the nearest named before it, else the nearest after it. */
export function sideAt(b: BrandMentions, at: number): Side | null {
  let before: Mention | null = null;
  let after: Mention | null = null;
  for (const m of b.mentions) {
    // A mention that starts before the evidence is before it, even when they overlap (Orbit Card | card declined).
    if (m.start <= at) before = m;
    else if (!after) after = m;
  }
  return (before ?? after)?.side ?? null;
}

/**
 * True when every issue in the post is a competitor's: a competitor is named, and each piece of issue evidence
 * (`issueAt`: where the rules found it; empty when only the learned model raised the issue) belongs to a competitor.
 * A post addressed to us (our @handle, our hashtag) is never set aside this way.
 */
export function competitorsIssue(b: BrandMentions | null, issueAt: readonly number[]): boolean {
  if (!b || !b.competitor || b.addressed) return false;
  if (issueAt.length === 0) return !b.mentions.some((m) => m.side === 'own') || b.mentions[0].side === 'competitor';
  return issueAt.every((at) => sideAt(b, at) === 'competitor');
}

/** Stand-ins for names in the text the base model reads: any brand of ours reads the same, any competitor too. */
export const OWN_MARK = '\u24b7';
export const COMPETITOR_MARK = '\u24b8';

/**
 * The normalised text with each named brand replaced by one mark for ours (Ⓑ) or for a competitor (Ⓒ). The base model
 * reads this when it was trained so (`masksBrands`): names are arbitrary strings that differ in every workspace, while
 * "Ⓒ lost my parcel" against "Ⓑ lost my parcel" is something a model can learn across workspaces.
 */
export function maskBrands(text: string, b: BrandMentions | null): string {
  if (!b || b.mentions.length === 0) return text;
  let out = '';
  let at = 0;
  for (const m of b.mentions) {
    if (m.start < at) continue; // the @reply marker (start −1) names no span of the text
    out += text.slice(at, m.start) + (m.side === 'own' ? OWN_MARK : COMPETITOR_MARK);
    at = m.end;
  }
  return out + text.slice(at);
}
