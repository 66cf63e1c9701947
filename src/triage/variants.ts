// Surface variants of lexicon terms, generated once at start-up so the
// automaton (and therefore the per-post cost) stays a single linear pass.
//
// Lexicon authors write one canonical form; this module adds the forms real
// posts use for it:
// - Japanese negative conjugations: 〜ない → 〜ません / 〜へん / 〜ひん / 〜ん /
//   〜ねー / 〜ず / 〜なかった / 〜なくて … (godan stems shift a→i before ます:
//   繋がらない → 繋がりません; する verbs → せえへん / せん; できない → でけへん).
// - Kana spellings: katakana words of ≥ 3 characters also in hiragana
//   (ログイン → ろぐいん), and common kanji words in kana (壊れ → こわれ,
//   請求 → せいきゅう), for kana-only posts and input-method slips.
// - English contractions written without an apostrophe (can't → cant) and
//   cannot ↔ can't.

const A_TO_I: Record<string, string> = {
  か: 'き',
  が: 'ぎ',
  さ: 'し',
  た: 'ち',
  な: 'に',
  ば: 'び',
  ま: 'み',
  ら: 'り',
  わ: 'い',
};

const isKana = (ch: string): boolean => /^[\u3041-\u309f]$/.test(ch);

/** Verb base (the part before ない) → its other negative surface forms. */
function negativeForms(base: string): string[] {
  if (base.length < 2) return [];
  const last = base.at(-1)!;
  if (!isKana(last) && !/[\u3400-\u9fff]/.test(last)) return [];
  const out: string[] = [];
  if ('がはもをの'.includes(last)) {
    // 連絡がない / 意味がない: the adjective ない, not a verb ending.
    out.push(`${base}ありません`, `${base}ねー`, `${base}ねえ`, `${base}なかった`, `${base}無い`);
    return out;
  }
  if (base.endsWith('てい') || base.endsWith('でい')) {
    // 返金されていない → されてへん / されてません / されてねー
    const te = base.slice(0, -1);
    out.push(`${base}ません`, `${te}ません`, `${te}へん`, `${te}ねー`, `${te}ねえ`, `${te}ない`, `${base}なかった`);
    return out;
  }
  if (last === 'て' || last === 'で') {
    // 入ってない / 付いてない: progressive; only whole-form endings are safe.
    out.push(`${base}ません`, `${base}へん`, `${base}ねー`, `${base}なかった`);
    return out;
  }
  if (last === 'く') return out; // adjectives (美味しくない) conjugate differently
  if (last === 'し') {
    // する verbs: 反応しない → 反応しません / 反応せえへん / 反応せん / 反応しーひん
    const stem = base.slice(0, -1);
    out.push(`${base}ません`, `${stem}せえへん`, `${stem}せーへん`, `${stem}せへん`, `${stem}せん`, `${base}ーひん`, `${stem}せず`);
  } else {
    const masu = A_TO_I[last] ? base.slice(0, -1) + A_TO_I[last] : base;
    out.push(`${masu}ません`, `${base}へん`, `${base}ん`, `${base}ず`);
    if (last === 'き') out.push(`${base}ひん`); // できひん
    if (/[\u3400-\u9fff]/.test(last)) out.push(`${base}えへん`, `${base}いひん`); // 出えへん, 見いひん
    if (base.endsWith('でき')) out.push(`${base.slice(0, -2)}でけへん`, `${base.slice(0, -2)}でけん`);
    if (base.endsWith('出来')) out.push(`${base.slice(0, -2)}でけへん`);
  }
  out.push(`${base}ねー`, `${base}ねえ`, `${base}なかった`, `${base}なくて`, `${base}なくなった`);
  return out;
}

/** Kanji spellings that are often typed in kana. Longest keys first. */
const KANA_SPELLINGS: Array<[string, string]> = [
  ['引き落と', 'ひきおと'],
  ['不具合', 'ふぐあい'],
  ['部品', 'ぶひん'],
  ['電源', 'でんげん'],
  ['残高', 'ざんだか'],
  ['入金', 'にゅうきん'],
  ['支払', 'しはらい'],
  ['病院', 'びょういん'],
  ['障害', 'しょうがい'],
  ['異物', 'いぶつ'],
  ['期限', 'きげん'],
  ['不良', 'ふりょう'],
  ['反応', 'はんのう'],
  ['固ま', 'かたま'],
  ['途切', 'とぎ'],
  ['入ら', 'はいら'],
  ['足り', 'たり'],
  ['消え', 'きえ'],
  ['出来', 'でき'],
  ['壊れ', 'こわれ'],
  ['壊し', 'こわし'],
  ['届', 'とど'],
  ['請求', 'せいきゅう'],
  ['返金', 'へんきん'],
  ['課金', 'かきん'],
  ['決済', 'けっさい'],
  ['繋', 'つな'],
  ['使え', 'つかえ'],
  ['動か', 'うごか'],
  ['動い', 'うごい'],
  ['故障', 'こしょう'],
  ['怪我', 'けが'],
  ['火傷', 'やけど'],
  ['腫れ', 'はれ'],
  ['二重', 'にじゅう'],
  ['二回', 'にかい'],
  ['中身', 'なかみ'],
  ['間違', 'まちが'],
  ['違', 'ちが'],
  ['最悪', 'さいあく'],
  ['最高', 'さいこう'],
  ['詐欺', 'さぎ'],
  ['許さ', 'ゆるさ'],
  ['許せ', 'ゆるせ'],
  ['通報', 'つうほう'],
  ['保健所', 'ほけんじょ'],
  ['弁護士', 'べんごし'],
  ['警察', 'けいさつ'],
  ['訴え', 'うったえ'],
  ['拡散', 'かくさん'],
  ['晒', 'さら'],
  ['接続', 'せつぞく'],
  ['表示', 'ひょうじ'],
  ['感謝', 'かんしゃ'],
  ['助か', 'たすか'],
  ['嬉し', 'うれし'],
  ['美味し', 'おいし'],
  ['素敵', 'すてき'],
  ['可愛', 'かわい'],
  ['残念', 'ざんねん'],
  ['酷', 'ひど'],
  ['困', 'こま'],
  ['入って', 'はいって'],
  ['楽し', 'たのし'],
  ['入れ', 'はいれ'],
  ['起動', 'きどう'],
  ['開か', 'ひらか'],
  ['開け', 'ひらけ'],
  ['落ち', 'おち'],
  ['遅', 'おそ'],
];

const KATAKANA_RUN = /[\u30a1-\u30f6ー]{3,}/g;
const toHiragana = (s: string): string =>
  s.replace(KATAKANA_RUN, (run) => run.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60)));

function kanaSpellings(term: string): string[] {
  const out = new Set<string>();
  const hira = toHiragana(term);
  if (hira !== term) out.add(hira);
  for (const base of [term, hira]) {
    let spelled = base;
    for (const [kanji, kana] of KANA_SPELLINGS) if (spelled.includes(kanji)) spelled = spelled.split(kanji).join(kana);
    // Short kana spellings collide with grammar (割れて → われて in 言われて), so
    // only spellings of four characters or more are added.
    if (spelled !== base && spelled.length >= 4) out.add(spelled);
  }
  return [...out];
}

/** Terms whose tail is a negative verb form: …ない, …な (stem entry), …ません. */
function negativeBase(term: string): string | null {
  if (term.length < 3) return null;
  if (term.endsWith('ない')) return term.slice(0, -2);
  if (term.endsWith('な') && isKana(term.at(-2)!) && !term.endsWith('くな')) return term.slice(0, -1);
  return null;
}

export function japaneseVariants(term: string, conjugate: boolean): string[] {
  const out = new Set<string>();
  for (const spelling of [term, ...kanaSpellings(term)]) {
    if (spelling !== term) out.add(spelling);
    const base = conjugate ? negativeBase(spelling) : null;
    if (base) for (const v of negativeForms(base)) out.add(v);
  }
  out.delete(term);
  return [...out];
}

export function englishVariants(term: string): string[] {
  const out = new Set<string>();
  if (term.includes("n't")) out.add(term.replace(/n't/g, 'nt'));
  if (term.includes("can't")) {
    out.add(term.replace(/can't/g, 'cannot'));
    out.add(term.replace(/can't/g, 'can not'));
  }
  if (term.includes('cannot')) {
    out.add(term.replace(/cannot/g, "can't"));
    out.add(term.replace(/cannot/g, 'cant'));
  }
  if (term.includes("won't")) out.add(term.replace(/won't/g, 'will not'));
  if (term.includes("doesn't")) out.add(term.replace(/doesn't/g, 'does not'));
  if (term.includes("isn't")) out.add(term.replace(/isn't/g, 'is not'));
  if (term.includes("didn't")) out.add(term.replace(/didn't/g, 'did not'));
  if (term.includes("hasn't")) out.add(term.replace(/hasn't/g, 'has not'));
  if (term.includes("haven't")) out.add(term.replace(/haven't/g, 'have not'));
  out.delete(term);
  return [...out];
}
