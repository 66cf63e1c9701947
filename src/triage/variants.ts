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
    // Keigo: 返金が確認できておりません / 反映されておらず
    out.push(`${te}おりません`, `${te}おらず`);
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
    out.push(
      `${base}ません`,
      `${stem}せえへん`,
      `${stem}せーへん`,
      `${stem}せへん`,
      `${stem}せん`,
      `${base}ーひん`,
      `${stem}せず`,
    );
  } else {
    const masu = A_TO_I[last] ? base.slice(0, -1) + A_TO_I[last] : base;
    out.push(`${masu}ません`, `${base}へん`, `${base}ん`, `${base}ず`);
    if (last === 'き') out.push(`${base}ひん`); // できひん
    if (/[\u3400-\u9fff]/.test(last)) out.push(`${base}えへん`, `${base}いひん`); // 出えへん, 見いひん
    if (base.endsWith('でき')) out.push(`${base.slice(0, -2)}でけへん`, `${base.slice(0, -2)}でけん`);
    if (base.endsWith('出来')) out.push(`${base.slice(0, -2)}でけへん`);
  }
  out.push(`${base}ねー`, `${base}ねえ`, `${base}なかった`, `${base}なくて`, `${base}なくなっ`, `${base}なくなり`);
  // Youth / 関西: 聞こえんくなった, 繋がらなすぎ
  out.push(`${base}んくなった`, `${base}んくなって`, `${base}なすぎ`);
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
  ['下し', 'くだし'],
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

const KANA_OF = new Map(KANA_SPELLINGS);
const KANA_KEYS = [...KANA_OF.keys()].sort((a, b) => b.length - a.length).join('|');
const KANA_KEY_RE = new RegExp(KANA_KEYS);
const KANA_KEY_RE_G = new RegExp(KANA_KEYS, 'g');

const KATAKANA_RUN = /[\u30a1-\u30f6ー]{3,}/g;
const toHiragana = (s: string): string =>
  s.replace(KATAKANA_RUN, (run) => run.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60)));

function kanaSpellings(term: string): string[] {
  const out = new Set<string>();
  const hira = toHiragana(term);
  if (hira !== term) out.add(hira);
  for (const base of [term, hira]) {
    // One pass with the keys as an alternation (longest first), instead of one
    // scan per key: this runs for every term at start-up.
    const spelled = KANA_KEY_RE.test(base) ? base.replace(KANA_KEY_RE_G, (k) => KANA_OF.get(k)!) : base;
    // Short kana spellings collide with grammar (割れて → われて in 言われて), so
    // only spellings of four characters or more are added.
    if (spelled !== base && spelled.length >= 4) out.add(spelled);
  }
  return [...out];
}

/**
 * Casual posts drop particles: 電源が入らない → 電源入らない, サイズが違う → サイズ違う.
 * Only after a kanji/katakana/ASCII word, and only when ≥ 3 characters remain
 * (色が違 → 色違 would read 色違い, a colour variant).
 */
const PARTICLE_AFTER_WORD = /([\u30a1-\u30fa\u30fc\u3400-\u9fffa-z0-9])[がをは](?=[\u3040-\u30ff\u3400-\u9fff])/g;

function particleDropped(term: string): string | null {
  if (!PARTICLE_AFTER_WORD.test(term)) return null;
  PARTICLE_AFTER_WORD.lastIndex = 0;
  const dropped = term.replace(PARTICLE_AFTER_WORD, '$1');
  return dropped.length >= 3 && dropped !== term ? dropped : null;
}

/** i-adjectives: 危ない → 危なすぎ / 危なかった / 危なくて, 美味しい → 美味しすぎ … */
function adjectiveForms(term: string): string[] {
  if (!term.endsWith('い') || term.length < 2) return [];
  const stem = term.slice(0, -1);
  if (stem.length < 2 && isKana(stem)) return []; // いい → いすぎ would match 言いすぎ
  return [`${stem}すぎ`, `${stem}かった`, `${stem}くて`];
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
  const spellings = [term, ...kanaSpellings(term)];
  if (conjugate) {
    const dropped = particleDropped(term);
    if (dropped) spellings.push(dropped);
  }
  // 関西: サイズが違う → サイズがちゃう (only whole forms: ちゃう alone is 〜ちゃう).
  for (const sp of [...spellings]) {
    const kansai = sp.endsWith('違')
      ? `${sp.slice(0, -1)}ちゃう`
      : sp.endsWith('違う')
        ? `${sp.slice(0, -2)}ちゃう`
        : null;
    if (conjugate && kansai && kansai.length >= 4) spellings.push(kansai);
  }
  for (const spelling of spellings) {
    if (spelling !== term) out.add(spelling);
    const base = conjugate ? negativeBase(spelling) : null;
    if (base) for (const v of negativeForms(base)) out.add(v);
    if (conjugate) for (const v of adjectiveForms(spelling)) out.add(v);
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
