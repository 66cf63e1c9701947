// Co-occurrence frames: two roles found close together in one sentence become
// category evidence, so combinations nobody listed still count.
//
//   money noun + anomaly        料金…違う, 同じ金額が2つ, charged…2x       → billing_error
//   cancelled + money/renewed   解約したのに…引き落とし, …勝手に更新された → billing_error
//   refund + not returned       返金…まだ口座に入ってない, refund still…   → billing_error
//   benefit + not applied       ポイント付与されてへん, promo…didn't apply → billing_error
//   service + failure verb      通知が…来なくなった, メール送れない         → outage
//   device/part + failure       イヤホン…聞こえんくなった, 印刷できひん     → defect
//   foreign matter + inside     プラスチックのかけら…入ってました          → defect
//   expiry + past               賞味期限…先月, 消費期限切れてる             → defect
//   ordered X + got Y (en)      ordered a M, got an XL                     → defect
//   body part + injury          腰打った, 口の中切った, 手をやけど          → safety
//   appliance + heat/smoke      本体がアチアチ, 充電器…煙                   → safety
//   child + danger              子供が…口に入れそう…危なすぎる             → safety
//   public medium + publish     SNSにあげときます, Xに晒す                  → backlash
//
// Roles are `slot` entries in the shared automaton (one scan finds them with
// every other term) and get the same generated variants (〜へん, 〜ません,
// kana spellings, dropped particles), so each role word is written once. A
// frame match is an ordinary category match spanning both roles: negation,
// hypotheticals (もし…たら), mistakes and resolutions cancel it like any other.
import { EMPTY_SECTIONS, type LexEntry, type LexiconSource } from './lexicon';
import type { PhraseMatch } from './matcher';
import type { Category } from './types';

type Match = PhraseMatch<LexEntry>;

export interface Frame {
  category: Category;
  a: string;
  b: string;
  /** Maximum characters between the two roles (both in the same sentence). */
  gap: number;
  /** Role a must come first. */
  ordered?: boolean;
  weight: number;
  /** Other categories' terms inside role b are explained by the frame (返金…入ってない is not a missing item). */
  claims?: boolean;
  /** Not in a post that is clearly positive overall (インスタにあげました！可愛い). */
  notPraise?: boolean;
}

export const FRAMES: readonly Frame[] = [
  { category: 'billing_error', a: 'money', b: 'anomaly', gap: 14, weight: 1.1, claims: true },
  { category: 'billing_error', a: 'cancelled', b: 'money', gap: 24, ordered: true, weight: 1.1 },
  { category: 'billing_error', a: 'cancelled', b: 'renewed', gap: 20, ordered: true, weight: 1.1 },
  { category: 'billing_error', a: 'unknown', b: 'money', gap: 2, ordered: true, weight: 1.1 },
  { category: 'billing_error', a: 'refund', b: 'unreturned', gap: 24, weight: 1.1, claims: true },
  { category: 'billing_error', a: 'benefit', b: 'unapplied', gap: 12, weight: 1.1, claims: true },
  { category: 'outage', a: 'service', b: 'fail', gap: 12, weight: 1.1 },
  { category: 'defect', a: 'device', b: 'broken', gap: 12, weight: 1.1 },
  { category: 'defect', a: 'foreign', b: 'inside', gap: 12, ordered: true, weight: 1.1 },
  { category: 'defect', a: 'expiry', b: 'past', gap: 6, ordered: true, weight: 1.1 },
  { category: 'defect', a: 'ordered', b: 'gotother', gap: 30, ordered: true, weight: 1.1, notPraise: true },
  { category: 'safety', a: 'body', b: 'injury', gap: 3, ordered: true, weight: 1.2 },
  { category: 'safety', a: 'appliance', b: 'heat', gap: 14, weight: 1.1 },
  { category: 'safety', a: 'child', b: 'danger', gap: 30, weight: 1.1 },
  { category: 'backlash', a: 'medium', b: 'publish', gap: 5, ordered: true, weight: 1.1, notPraise: true },
];

export const JA_FRAME_SLOTS: LexiconSource = {
  lang: 'ja',
  categories: {},
  ...EMPTY_SECTIONS,
  slots: {
    money: `請求|引き落と|引落|引かれ|課金|料金|代金|金額|額|円|お金|残高|会計|お釣り|おつり|明細|通帳|レシート|チャージ|手数料|月額|年会費|値段|値札|送料|決済額|支払額|支払い額
額縁:0|円満:0|半額:0|全額返金:0`,
    anomaly: `違う|違い|違っ|違いま|ちがう|2つ|二つ|2件|二件|3件|三件|2回|二回|3回|三回|2度|二度|倍|多く|多め|余計|余分|覚えがない|覚えのない|身に覚え|謎|勝手に|おかしい|おかしく|消え|満額|全額|定価|二重|ダブル|重複|間違|取られ過ぎ|取りすぎ|取られすぎ
契約にない|契約外|頼んでいない|申し込んでいない|いつのまにか|いつの間にか|知らない間に|知らぬ間に|足りな
違い無い:0|間違いない:0|間違いなく:0`,
    cancelled: `解約したのに|解約済み|退会したのに|退会済み|キャンセルしたのに|キャンセル済みなのに|止めたのに|やめたのに`,
    renewed: `更新され|更新して|継続され|継続して|自動更新`,
    expiry: `賞味期限|消費期限|使用期限`,
    past: `切れ|過ぎ|先月|先週|昨日|去年|昨年|超えて`,
    unknown: `知らない|覚えのない|見覚えのない|身に覚えのない|謎の|不明な|よくわからない|わからない`,
    refund: `返金|払い戻し|払い戻|払戻|お金|口座に|残高に`,
    unreturned: `入ってない|入っていない|戻ってこない|戻ってない|戻っていない|返ってこない|かえってこない|帰ってこない|反映されていない|反映されない|確認できていない|確認できない|されていない|振り込まれていない|振り込まれない|来ない|届いていない|はよ|さっさと|いつになったら`,
    benefit: `ポイント|クーポン|割引|キャンペーン|特典|セール価格|セール|値引き|ポイント分|マイル`,
    unapplied: `付与されない|付与されていない|適用されない|適用されていない|反映されない|反映されていない|つかない|付かない|ついていない|付いていない|割引されない|割引されていない|引かれていない|入っていない|効かない|加算されていない|貯まっていない`,
    service: `アプリ|あぷり|サイト|ページ|画面|ログイン|ろぐいん|メール|通知|動画|再生|送信|接続|ネット|回線|wifi|wi-fi|サーバー|システム|ボタン|カート|認証|マイページ|アカウント|読み込み|ロード|配信|ゲーム|検索|注文画面|決済画面|予約ページ|ストリーミング|同期|予約`,
    fail: `止まる|止まって|止まっ|止まり|進まない|進めない|来なくなる|来なくなっ|届かなくなっ|届かない|送れない|開かない|開けない|見れない|見られない|使えない|押せない|入れない|読み込まない|落ちる|落ちた|落ちて|落ちま|反応しない|反応なし|反応がない|動かない|表示されない|真っ白|真っ黒|真っ暗|くるくる|ぐるぐる|固まる|固まって|固まった|固まり|重すぎ|おかしい|おかしく|エラー|繋がらない|つながらない|切れる|切れて|消えた|できなくなっ|出来なくなっ|観れない|再生されない|送信されない|来ない|来なくなり|ダウン
ダウンロード:0|ダウンジャケット:0|ダウンコート:0|ダウンベスト:0`,
    device: `本体|商品|製品|電源|液晶|充電|電池|バッテリー|イヤホン|ヘッドホン|スピーカー|プリンター|プリンタ|掃除機|冷蔵庫|洗濯機|電子レンジ|ドライヤー|炊飯器|ケトル|ポット|時計|カメラ|リモコン|ケーブル|充電器|マウス|キーボード|テレビ|エアコン|扇風機|ライト|電球|ファスナー|チャック|取っ手|持ち手|靴底|ヒール|バッグ|鞄|シャツ|ズボン|傘|椅子|右耳|左耳|右だけ|左だけ|片耳|片方|印刷|インク|吸引力|音|コントローラー|ルーター|ラジオ|プリンター
商品ページ:0|商品画面:0`,
    broken: `聞こえない|聞こえなくなっ|映らない|点かない|動かない|冷えない|温まらない|印刷できない|反応しない|壊れ|割れ|折れ|剥がれ|はがれ|紙詰まり|詰まる|漏れ|故障|入らない|効かない|吸わない|吸い込まない|鳴らない|充電できない|充電されない|使えない|使用できない|きかない|変な音|異音|ほつれ|破れ|穴が|穴あい|全然ない|弱い|弱すぎ|取れた|取れて|外れた|外れて`,
    foreign: `プラスチック|かけら|髪の毛|毛が|虫|ビニール|糸くず|ゴミ|ごみ|ホチキス|石ころ|小石
ガラスのかけら:0|金属のかけら:0`,
    inside: `入って|入ってた|入っていた|入ってました|入っており|混入|混じって|混ざって|出てきた|ついてた|付いてた|紛れ`,
    body: `手|指|腕|足|膝|ひざ|腰|頭|顔|目|口|唇|くちびる|喉|のど|肌|皮膚|頭皮|背中|首|舌|歯|お腹|おなか|腹|耳|まぶた|頬|おでこ|手首|足首|口の中
手数料:0|手続:0|手配:0|手順:0|入手:0|上手:0|下手:0|相手:0|手紙:0|手間:0|手元:0|手伝:0|手動:0|手書:0|手軽:0|手頃:0|目的:0|目安:0|注目:0|目次:0|目標:0|口コミ:0|口座:0|窓口:0|入口:0|出口:0|人口:0|足り:0|頭金:0|顔文字:0|腹立:0|腹が立:0|回目:0|目覚:0|一口:0|早口:0|悪口:0|二度目:0|目立:0|見た目:0|歯車:0|首都:0|土足:0|満足:0|不足:0|遠足:0|手首:0.5`,
    injury: `打っ|打った|ぶつけ|切っ|切れ|切った|挟ん|挟ま|はさま|やけど|火傷|ヤケド|腫れ|はれ|かぶれ|ただれ|赤く|真っ赤|血|傷|ケガ|怪我|けが|ヒリヒリ|ひりひり|かゆ|痒|しびれ|痺れ|擦りむ|すりむ|裂け|刺さ|骨折|捻っ|ひねっ`,
    appliance: `本体|バッテリー|モバイルバッテリー|充電器|ケーブル|コンセント|プラグ|電池|スマホ|ストーブ|加湿器|ヒーター|ドライヤー|アイロン|ヘアアイロン|ケトル|電子レンジ|延長コード|アダプター|アダプタ|家電|充電中|充電しながら|電気毛布|こたつ|炊飯器`,
    heat: `熱い|熱く|熱すぎ|熱っ|アチアチ|あちあち|あっつ|熱を持|焦げ|溶け|煙|火花|発火|膨ら|膨張|燃え|火が`,
    child: `子供|子ども|こども|息子|娘|赤ちゃん|乳児|幼児|孫|うちの子|娘さん|キッズ|ベビー`,
    danger: `危な|危険|あぶな|口に入れ|飲み込|誤飲|喉に|窒息|詰まらせ|落ちそう|転落|転ん|挟ま|ケガ|怪我|けが|やけど|火傷`,
    medium: `ネット|sns|x|ツイッター|twitter|インスタ|tiktok|youtube|ユーチューブ|掲示板|ブログ|知恵袋|5ch|2ch|世間|全国|ネット上|ネットの海`,
    publish: `晒|さら|書く|書き込|書いた|書いとく|書いとき|書きま|書いて|あげる|あげとき|あげとく|あげま|あげた|上げる|上げとき|上げま|上げた|載せ|流す|流し|投稿|広め|言いふら|拡散|ばらま|バラす|バラし|公開`,
  },
};

export const EN_FRAME_SLOTS: LexiconSource = {
  ...JA_FRAME_SLOTS,
  lang: 'en',
  slots: {
    money: `charge|charged|charges|charging|billed|bill|billing|refund*|money|$|¥|yen|price|fee|fees|statement|subscription|sub|invoice|total`,
    anomaly: `twice|2x|x2|3x|two times|three times|double|doubled|wrong|extra|more than|never signed up|don't recognize|don't recognise|didn't authorize|didn't authorise|unknown|random|after i cancel*|after cancelling|after canceling|full price|without permission|same order|same item|same purchase|overcharged`,
    unknown: `unknown|random|mystery|weird|strange|unrecognized|unrecognised`,
    refund: `refund|refunded|refunds|money back|my money`,
    unreturned: `still|hasn't|has not|haven't|have not|never|not yet|where's|where is|no sign|didn't|isn't`,
    benefit: `promo|promo code|coupon|discount|points|voucher|gift card`,
    unapplied: `didn't apply|did not apply|wasn't applied|not applied|didn't work|doesn't work|wasn't added|not added|never got|didn't get|missing|not showing|never showed up|didn't show up|not showing up`,
    service: `app|site|website|page|checkout|login|log in|payment page|button|server|wifi|internet|account|cart|dashboard|sync|syncing|streaming|stream`,
    fail: `spins|spinning|does nothing|did nothing|won't load|not loading|crash|crash*|freez*|froze|broken|borked|busted|down|stuck|error*|blank|fails|failing|nothing happens|broke|dead|keeps logging|logs me out|kicks me out|won't open|can't open|won't let me`,
    device: `screen|battery|zipper|lid|strap|handle|charger|cable|headphones|headphone|earbuds|earbud|controller|remote|router|speaker|printer|vacuum|blender|kettle|toaster|fridge|sole|seam|heel|buckle`,
    broken: `broke|broken|cracked|busted|dead|doesn't fit|leaks|leaking|stopped working|died|fell off|came off|snapped|won't charge|won't close|doesn't close|ripped|torn|doesn't work|won't work|not working`,
    ordered: `ordered|i ordered|asked for|requested|paid for`,
    gotother: `got a|got an|got the|got some|received a|received an|sent me a|sent me an|sent me the|gave me a|gave me an|gave me the|came with a|showed up with`,
    body: `hand|finger|fingers|arm|leg|knee|back|head|face|eye|eyes|mouth|lip|lips|throat|skin|scalp|tongue|tooth|stomach|ear|neck`,
    injury: `burned|burnt|cut|bleeding|swollen|swelled|rash|hurt|bruised|blistered|sliced`,
    appliance: `charger|battery|power bank|cable|plug|outlet|adapter|heater|kettle|iron|hair dryer|microwave|toaster|laptop|phone`,
    heat: `smoking|smoke|sparked|sparks|sparking|melted|melting|too hot|overheat*|scorch*|burning|caught fire|swollen|swelling`,
    child: `kid|kids|child|children|baby|toddler|son|daughter|infant`,
    danger: `choke|choking|choked|swallow*|hazard|dangerous|hurt|injured|fell|burned`,
    medium: `tiktok|twitter|reddit|youtube|instagram|facebook|online|social media|yelp|google reviews`,
    publish: `post|posting|posted|expose|exposing|blast|share|sharing|spread|review`,
  },
};

const SENTENCE_BREAK = /[。.!?\n]/;

function sameSentence(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (SENTENCE_BREAK.test(text[i])) return false;
  return true;
}

export interface FrameResult {
  matches: Match[];
  /** Spans whose other-category terms the frame explains. */
  claimed: Array<[number, number, Category]>;
}

/**
 * Builds one category match per frame that fires. `slots` are the non-negated
 * slot matches in text order; `positive` says the post reads as praise overall.
 */
export function applyFrames(text: string, slots: Match[], positive: boolean): FrameResult {
  const out: FrameResult = { matches: [], claimed: [] };
  if (slots.length < 2) return out;
  for (const f of FRAMES) {
    if (f.notPraise && positive) continue;
    let fired = false;
    for (const a of slots) {
      if (fired) break;
      if (a.entry.slot !== f.a || a.entry.weight <= 0) continue;
      for (const b of slots) {
        if (b.entry.slot !== f.b || b.entry.weight <= 0) continue;
        const aFirst = a.end <= b.start;
        if (!aFirst && (f.ordered || b.end > a.start)) continue; // order, or overlapping roles
        const [first, second] = aFirst ? [a, b] : [b, a];
        if (second.start - first.end > f.gap || !sameSentence(text, first.end, second.start)) continue;
        const term = `${text.slice(first.start, first.end)}…${text.slice(second.start, second.end)}`;
        out.matches.push({
          entry: { term, kind: 'cat', category: f.category, weight: f.weight, lang: a.entry.lang, source: 'builtin' },
          start: first.start,
          end: second.end,
        });
        if (f.claims) out.claimed.push([b.start, b.end, f.category]);
        fired = true;
        break;
      }
    }
  }
  return out;
}
