// Pass 3: vocabulary of styles the other lexicons under-represent — youth
// slang, 関西弁, keigo, English abbreviations — plus scope markers (もし…たら,
// hearsay, laughter hyperbole, plain-form resolutions). Written from how people
// post, not from evaluation posts; compositional cases are left to frames.ts
// and inflections to variants.ts, so this list stays short.
import { EMPTY_SECTIONS, type LexiconSource } from '../lexicon';

const EMPTY = EMPTY_SECTIONS;

export const JA_SLANG_DIALECT_KEIGO: LexiconSource = {
  ...EMPTY,
  lang: 'ja',
  categories: {
    billing_error: `返金はよ:1.5|はよ返金:1.5|全部請求:1.5|全額請求:1.5|満額払わされ:1.5|両方請求:2|両方引き落と:2|両方引かれ:2|二重で引かれ:2|二重に引かれ:2|重複して請求:2|重複請求:2`,
    outage: `サーバーダウン:2|ダウンして:1.5|ダウンしてる:2|ダウン中:2|落ちとる:1.5|落ちてへん:0|くるくるしたまま:2|ぐるぐるしたまま:2|くるくるして:1.2|ぐるぐるして:1.2|ロード終わらん:2|読み込み終わらん:2|開いた瞬間:0.8|勝手に閉じる:2|勝手に閉じ:1.5|強制的に閉じ:2|混み合って:0.8|ログインでき:0.4`,
    defect: `聞こえない:0.8|聞こえなくなった:1.5|紙詰まり:1.5|ドット抜け:2|初期不良:2|サイズ違い:1.5|色違いが届:2|色違いのが:1.5|割れとった:1.5|割れとる:1.5|バキバキ:1.5|ばきばき:1.2|ぐちゃぐちゃに:1.2|崩れて:1|崩れてました:1.5`,
    safety: `アチアチ:0.6|あちあち:0.6|焦げ跡:1.2|焦げた跡:1.2|口に入れそう:1.2|飲み込みそう:1.5|喉に詰まらせ:2|詰まらせかけ:2|あたったかも:1.5|当たったかも:1.5|食あたり:2|お腹こわし:2|おなかこわし:2|腹こわし:2`,
    backlash: `タレこ:1.5|タレコミ:1.5|たれこ:1.2|チクる:1.5|チクり:1.2|通報しま:1.5|通報した:1.5|通報する:1.5|はい通報:2|さらす:1.5|晒したる:2|晒しとく:2|言いふらしたる:2|広めたる:2|景品表示法:2|景表法:2|特商法:1.5|消費者契約法:1.5`,
    praise: `美味い:1.2|うまい:0.8|美味すぎ:1.5|うますぎ:1.5|旨すぎ:1.5|反則級:1|罪深い:0.6|神すぎ:1.5|神対応:2|リピ確:1.5|リピ確定:1.5|爆速:1.2|サクサク:1.2|履き心地いい:1.5|着心地いい:1.5|使い心地いい:1.5`,
    purchase_intent: `いくらい:0|いくらいくら:0`,
    request: `折り返し:1.2|電話いただけ:1.2|電話ください:1.5|再発行:1.2|変更お願い:1.5|してもらえます?:1.2|てもらえます?:1.2|ていただけます?:1.2|確認してもらえ:1.2|確認していただけ:1.2`,
  },
  positive: `😋:1|🤤:0.8|worth:0|やばうま:1.5|ヤバうま:1.5|うまっ:1|最高かよ:1.5`,
  negative: `失礼しました:0|失礼いたしました:0|値上げ:0.8|萎え:1.2|萎えた:1.5|ワロタ:0.5|草も生えない:1.5|笑えない:1.2|の方が好きやった:1.2|の方が好きだった:1.2|の方が良かった:1.2|の方がよかった:1.2|前の方が:0.8|前のほうが:0.8|はよ:0.5|ふざけてる:1.5|買わせる気:1.5|使わせる気:1.5|やる気ある:1|仕事にならん:1.5|仕事にならない:1.5`,
  negAfter: `にくい|にくく|づらい|づらく`,
  hypothetical: `たら|れば|もしかして:0|もしかしたら:0|もしや:0|くらい笑:1|ぐらい笑:1|ほど笑:1|笑いすぎ:1`,
  mistake: `と思たら|かと思たら|と思てたら|と思とったら|って聞いた|と聞いた|って聞きました|と聞きました|ってニュース|ニュースで`,
  resolved: `普通に使え|使えた|使えるようになった|直ってた|大丈夫やった|大丈夫だった|大丈夫でした|うちは大丈夫|問題なかった|受け取ってた|受け取ってました`,
  spam: `フォロワー1万:2|フォロワー増やし:2`,
};

export const EN_SLANG_ABBREVIATIONS: LexiconSource = {
  ...EMPTY,
  lang: 'en',
  categories: {
    billing_error: `hit twice:1.5|got hit twice:2|hit my card twice:2|charged my card twice:2|charged 2x:2|charged 3x:2|billed 2x:2|billed 3x:2|charged x2:2|charged me 2x:2|charged me twice:2|charged for the annual:1|charged for annual:1|picked monthly:0.6|still billed me:2|still billed:1.5|you still billed:2|overcharged by:2`,
    outage: `crash:1.5|borked:1.5|b0rked:1.5|bricked:1.2|does nothing:1.2|did nothing:1.2|nothing happens:1.2|button does nothing:2|spins forever:2|just spins:1.5|keeps spinning:1.5|cant even open:1.5|can't even open:1.5|can't even log in:2|won't even open:2|won't even load:2|logging me out:1.5|session expired:1.2|503 on:1.5|502 on:1.5`,
    defect: `won't even turn on:2|doesn't even turn on:2|won't turn on:2|arrived busted:2|came busted:2|someone else's food:2|someone else's order:1.5|wrong order entirely:2|doesnt fit:1.2|doesn't fit:1.2|leaks everywhere:2|quality is trash:1.2|says delivered but:2|delivered but nothing:2|nothing at my door:2`,
    safety: `broke out in:1.5|throat started closing:2|throat closing:2|up all night vomiting:2|started smoking:2|sparked:1.5|tripped my breaker:1.5|cut my hand:2|my dog got sick:2|got sick after:2`,
    backlash: `post this everywhere:2|posting this everywhere:2|exposing this:2|exposing you:2|put you on blast:2|on blast:1.5|you guys are clowns:2|leaked my:2|y'all leaked:2|reporting you:2|filing a complaint:2|consumer protection:2`,
    praise: `slaps:1.5|this slaps:2|worth it:1.2|totally worth:1.5|killer deal:1.5|goated:1.5|fire 🔥:1|legends:1.5|ngl best:1.5|best in town:1.5|crazy fast:1.2|insane service:1.5|went above and beyond:2|above and beyond:1.5`,
  },
  positive: `ngl:0|🔥:0.3|crazy fast:0.8|insane:0.2`,
  negative: `smh:1.2|not cool:1.2|not funny:1|lol not funny:1.5|🙃:0.6|wtf:1.5|trash:1|borked:1|super annoying:1.5`,
  hypothetical: `what happens if:1|if my:1|in case`,
  mistake: `thought i:1|i thought:1`,
  resolved: `nvm:1|never mind:1|all good:1|was my wifi:1|was my internet:1|my bad:1|back now:1|it's back:1|fixed it:1|sorted it:1|got my refund:1`,
  spam: `followers fast:2|10k followers:2|cheap prices:1|dm now:1.5|claim now:1.5|free crypto:2|airdrop:2`,
};
