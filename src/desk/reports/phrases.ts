import type { RisingPhrases } from '../../contracts/report-phrases';
import { reportTexts, triageSettings, type Db } from '../../store/repositories';
import { deskSettings } from '../settings';
import { resolveRange, type ReportRange } from './report';

// "What customers are talking about now": words and names that occur in more conversations in the range than in the
// period before it. Japanese has no spaces, so candidates are runs of one script — katakana (product names: イヤホン,
// アプリ), kanji compounds (二重請求, 返金, 在庫), Latin words, and hashtags — which read as phrases without a tokeniser.

/** Conversations read per period at most: beyond it a uniform sample (ids are random UUIDs, so the lowest are one). */
export const PHRASE_SAMPLE = 5_000;
const MIN_CONVERSATIONS = 3;
const TOP = 10;

const JA_STOP = new Set([
  '今日',
  '昨日',
  '明日',
  '本当',
  '自分',
  '今回',
  '前回',
  '一番',
  '全然',
  '大丈夫',
  '何度',
  '以上',
  '以下',
  // Words nearly every support conversation uses (「確認してください」「ご連絡します」): they never rise, only drown out.
  '確認',
  '連絡',
]);
const EN_STOP = new Set(
  (
    'the and for you your yours this that with have has had not are was were but can could would should will just ' +
    'what when where which who why how from they them their there here about been being into out our ours its it’s ' +
    "it's i'm i’m im dont don't don’t cant can't can’t didn't didn’t doesn't doesn’t please thanks thank hello hi " +
    'any all some more most very really also too get got one two again still now today yesterday than then only even ' +
    'like know want need does did make made time way'
  ).split(/\s+/),
);

/** The distinct phrases of one text. `ignore` holds canonical phrases never worth showing (the brand's own names). */
export function phrasesOf(text: string, ignore: ReadonlySet<string> = new Set()): string[] {
  let t = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/@\w+/g, ' ');
  // A brand name may mix scripts (Koeマート): taken out whole, longest first, before the text is cut into runs.
  for (const name of [...ignore].sort((a, b) => b.length - a.length)) if (name) t = t.split(name).join(' ');
  const found = new Set<string>();
  const add = (p: string) => found.add(p);
  for (const m of t.matchAll(/#[\p{L}\p{N}_]{2,}/gu)) add(m[0]);
  const bare = t.replace(/#[\p{L}\p{N}_]+/gu, ' ');
  for (const m of bare.matchAll(/[\p{Script=Katakana}ー]{3,12}/gu)) if (!/^ー/.test(m[0])) add(m[0]);
  for (const m of bare.matchAll(/[\p{Script=Han}々]{2,8}/gu)) if (!JA_STOP.has(m[0])) add(m[0]);
  for (const m of bare.matchAll(/[a-z][a-z0-9'’-]{2,}/g)) if (!EN_STOP.has(m[0])) add(m[0].replace(/['’-]+$/, ''));
  return [...found];
}

/**
 * Phrases by how many more conversations name them now than the period before would predict (its count scaled to the
 * size of this period), at least three conversations now; the ten rising most.
 */
export function risingPhrases(
  current: readonly string[][],
  previous: readonly string[][],
): Array<{ phrase: string; conversations: number; before: number; change: number }> {
  const count = (docs: readonly string[][]) => {
    const n = new Map<string, number>();
    for (const d of docs) for (const p of d) n.set(p, (n.get(p) ?? 0) + 1);
    return n;
  };
  const now = count(current);
  const then = count(previous);
  const scale = previous.length ? current.length / previous.length : 1;
  return [...now]
    .filter(([, c]) => c >= MIN_CONVERSATIONS)
    .map(([phrase, c]) => {
      const before = then.get(phrase) ?? 0;
      return { phrase, conversations: c, before, change: c - Math.round(before * scale) };
    })
    .filter((p) => p.change > 0)
    .sort((a, b) => b.change - a.change || b.conversations - a.conversations || a.phrase.localeCompare(b.phrase))
    .slice(0, TOP);
}

/** Rising phrases of the report's range (same range and channel/level filters) against the period before. */
export async function buildRisingPhrases(
  db: Db,
  workspaceId: string,
  q: ReportRange,
  now = new Date(),
): Promise<RisingPhrases> {
  const settings = await deskSettings.get(db, workspaceId);
  const r = resolveRange(q, settings.businessHours.timeZone, now);
  const brands = (await triageSettings.get(db, workspaceId)).brands;
  const ignore = new Set(
    [...(brands.brands ?? []), ...(brands.hashtags ?? [])].map((b) =>
      b.normalize('NFKC').toLowerCase().replace(/^#/, ''),
    ),
  );
  const filter = { channelId: q.channel, level: q.level };
  const [current, previous] = await Promise.all([
    reportTexts.sample(db, workspaceId, r.from, r.to, filter, PHRASE_SAMPLE),
    reportTexts.sample(db, workspaceId, r.previous.from, r.previous.to, filter, PHRASE_SAMPLE),
  ]);
  return {
    phrases: risingPhrases(
      current.texts.map((t) => phrasesOf(t, ignore)),
      previous.texts.map((t) => phrasesOf(t, ignore)),
    ),
    conversations: current.total,
    sampled: current.total > current.texts.length || previous.total > previous.texts.length,
  };
}
