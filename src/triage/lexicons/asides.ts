// What a brand's real stream holds besides customers' own problems (issue 13), written from how people talk about
// brands in public, not from any evaluation file:
// - someone else's story or a rumour (友達が…らしい, heard…, my coworker swears…, is that real?);
// - announcements: planned maintenance, restored outages (メンテのお知らせ, 復旧済み, back up now);
// - alarm words used for fun or fandom (推しが尊すぎて死んだ, I'm going to explode, 財布が事件) — discounted only in
//   a post that reads as fun or praise and names no physical thing (a battery that exploded stays a safety issue);
// - giveaway, follower-selling and money-making spam that uses a brand's name or hashtag.
import { EMPTY_SECTIONS, type LexiconSource } from '../lexicon';

export const JA_ASIDES: LexiconSource = {
  ...EMPTY_SECTIONS,
  lang: 'ja',
  // Words that contain an alarm word without being one (a weight of 0 hides the shorter term).
  categories: {
    backlash: `カスタマー:0|カスタム:0|カステラ:0|カスタード:0|カスタマイズ:0`,
    safety: `ショート動画:0|ショートケーキ:0|ショートカット:0|ショートヘア:0|ショートパンツ:0|ショートメール:0`,
    outage: `電話が混んで:0|電話が混み:0|電話がつながらない:0.5|電話が繋がらない:0.5`,
  },
  abuse: `カスタマー:0|カスタム:0|カステラ:0|カスタード:0|カスタマイズ:0`,
  hearsay: `らしい|らしいけど|tlで見た|タイムラインで見た|トレンド入り|トレンドに|トレンド入って|って見たけど|と見たけど|ってツイート|って投稿|グループで|界隈で|らしいね|らしいよ|って聞いた|って聞きました|と聞いた|と聞きました|って噂|という噂|との噂|噂で|って話|って言ってた|って言ってる|と言ってた|っていう話|みたいな話|ってニュース|というニュース|ニュースで見た|ニュースになって|報道によると|報道で|記事で見た|って記事|まとめサイト|友達が言って|友人が言って|同僚が言って|家族が言って
素晴らしい:0|すばらしい:0|可愛らしい:0|かわいらしい:0|愛らしい:0|男らしい:0|女らしい:0|子供らしい:0|自分らしい:0|あなたらしい:0|らしさ:0|わざとらしい:0|いやらしい:0|嫌らしい:0|憎たらしい:0|にくたらしい:0|汚らしい:0|あたらしい:0|めずらしい:0|貴方らしい:0|君らしい:0
デマ:2|デマかな:2|デマなの:2|本当なの?:2|本当ですか?:2|ほんとなの?:2|マジなの?:2|ガチなの?:2|本当かな:2`,
  notice: `今夜メンテ|今日メンテ|明日メンテ|今夜のメンテ|明日のメンテ|深夜メンテ|メンテの告知|メンテ了解|メンテなの了解|メンテで使えないの了解|メンテのお知らせ|メンテナンスのお知らせ|メンテ予告|メンテナンス予告|定期メンテ|定期メンテナンス|メンテ予定|メンテナンス予定|予定メンテ|計画メンテ|メンテ告知|メンテナンス告知|メンテ中|メンテナンス中|メンテ入り|メンテに入|メンテナンスに入|メンテ明け|メンテ終わ|メンテナンス終了|工事のお知らせ|工事予定|停止予定|休止予定|お知らせが来|お知らせきて|告知されて|予告通り|予告どおり`,
  hyperbole: `死ぬ|死んだ|死んでる|死にそう|死ねる|死亡|昇天|爆発|爆発しそう|爆死|事件|事件発生|大事件|炎上|犯罪|犯罪的|罪深い|破産|破産する|危険|危ない|危なすぎ|やばい|ヤバい|地獄|瀕死|致命傷|被害|重症|沼|溶ける|溶けた`,
  fun: `自制心|財布が|私が爆発|私の財布|鈍器|寸前|草|笑|(笑)|ww|www|wwww|🤣|😂|💀|🥹|😍|🥰|✨|推し|尊い|尊すぎ|神|最高|優勝|エモ|楽しみ|楽しい|おもろ|面白|かわいい|可愛い|好きすぎ|大好き|ガチャ|10連|十連|天井|ssr|ur|限定キャラ|詫び石|ホルダー歓喜`,
  // Fandom and everyday praise slang; 草 alone stays neutral (it is laughter, often at oneself).
  positive: `尊い:1.5|尊すぎ:1.5|てぇてぇ:1.5|歓喜:1.2|爆買い:0.8|制覇:0.8|優勝:1|神回:1.5|神イベ:1.5|神引き:1.5|神ゲー:1.5|神アプデ:1.5|神対応:1.5|神すぎ:1.5|最高か:1.5|推しが:0.6|推しの:0.4|ありがてぇ:1.2|助かる:0.8|地味にすごい:1.2|地味に便利:1.2|マジ早い:1.2|まじ早い:1.2|沸くの早い:1|詫び石うま:1.2|うますぎ:1.2`,
  negative: `ありえん:1.2|ありえへん:1.2|無理すぎ:1|萎える:1.2|もう使わん:1.2|二度と使わん:1.5`,
  resolved: `もう直ってる|もう直った|直ってるね|普通に繋がってる|普通につながってる|普通に使えてる|普通に使える|平常運転|返金されてた|返金されていた|返金済み|解決です|解決した|解決済|結局ただの|かと思うくらい|かと思うほど|届けてくれた|届けてくださった|復旧済み|復旧済|もう復旧|復旧したらしい|復旧したみたい|無事復旧|復旧してた|復旧してました|復旧されました|直ったらしい|直ったみたい|再開しました|再開した|再開してる|元通り`,
  spam: `ログインidとパスワード:3|idとパスワードを送:3|パスワードを送って:3|dmでパスワード:3|カード番号をご確認:3|カード番号を入力:2.5|暗証番号を:2|招待コード:2|紹介コード:2|登録するだけで:2.5|コピペ拡散:3|コピペok:2.5|リプで「欲しい」:3|欲しいと送る:2.5|当たる!:2|お譲りします:2|格安でお譲り:3|フォロー&rtで:3|フォローとrtで:3|フォロー＋rt:3|フォロー+rt:3|フォロー&リポスト:3|フォロー+リポスト:3|フォローとリポスト:3|フォローといいね:2.5|フォロー&いいね:2.5|rtで当たる:3|リポストで当たる:3|で当たる:1.5|名様に:1.5|名様:1|抽選で:1|応募完了:2|応募は:1|締切:0.8|当選しました:2|当選者:1.5|全員に:1|全員プレゼント:2|アンケート回答で:2|プレゼント中:2|プレゼント企画:2|フォロワー1000:3|フォロワー販売:3|フォロワー購入:3|日本人フォロワー:3|即日納品:3|格安で:1|代行:1.5|代行やります:3|代行します:3|垢売り:3|引退垢:2.5|アカウント売ります:3|売ります:1|買い取ります:1.5|月50万:3|月収:1.5|スマホだけで:2|スマホ1台:2|儲かる方法:3|稼ぐ方法:3|人生変わりました:2|半額で買える:2|公式の半額:2.5|無料でもらえる:2|無料配布中:2|🎁:0.5`,
};

export const EN_ASIDES: LexiconSource = {
  ...EMPTY_SECTIONS,
  lang: 'en',
  categories: {
    safety: `exploded with joy:0|exploding with joy:0|on fire this:0|fire emoji:0`,
    backlash: `criminal value:0|criminally cheap:0|criminally underrated:0|is criminal:0.5`,
  },
  hearsay: `group chat says|gc says|my feed says|twitter says|saw on my tl|saw on the tl|people on here|trending|heard|i heard|apparently|reportedly|allegedly|rumor|rumour|rumors|rumours|people are saying|someone said|somebody said|a friend said|my friend said|my friend says|my coworker|my co-worker|my roommate|my sister said|my brother said|my mom said|swears|according to|saw on the news|saw it on the news|on the news|in the news|news says|article says|read an article|read that
is that real:2|is that true:2|is it true:2|or a rumor:2|or a rumour:2|fake news:2|is this real:2|is this true:2`,
  notice: `scheduled maintenance|planned maintenance|maintenance tonight|maintenance window|maintenance notice|under maintenance|down for maintenance|maintenance mode|maintenance is|maintenance was|announced maintenance|maintenance announced|heads up|as announced|as scheduled`,
  hyperbole: `explode|exploded|exploding|dead|died|dying|die|i'm dead|im dead|killing me|killed me|kill me|crime|criminal|criminally|illegal|bankrupt|bankrupting|danger|dangerous|dangerously|fire|on fire|insane|lethal|deadly|toxic|unhinged|violent|violence|assault|addicted|addictive`,
  fun: `🔥|joy|value|jingle|ad|commercial|mascot|cute|can't stop|cant stop|problem lol|lol|lmao|lmfao|lmaooo|lolol|haha|hahaha|😂|🤣|💀|🥹|😍|🥰|✨|omg|obsessed|bestie|slay|slaps|goated|so good|too good|love|loving|best|amazing|ssr|10-pull|gacha|pulled|banner`,
  positive: `slaps:1.5|goated:1.5|bussin:1.5|banger:1.2|chef's kiss:1.5|no notes:1.2|10/10:1.2|obsessed:1|so fire:1.2|is fire:1.2|straight fire:1.5|unreal:0.8|dangerously good:1.5|criminally good:1.5|too good:1|not bad at all:1.2|can't stop using:1.2|lucky:0.8|never gonna be this lucky:1`,
  negative: `never again:1.2|on hold for:1|the death of me:0.8|no ssr:0.6`,
  sarcasm: `incredible|unreal|amazing`,
  resolved: `status page is all green|all green again|reversed the|reversing the|refund came|got it back|mine worked|mine works|works for me|worked for me|fine for me|back up|is back|are back|back to normal|restored|service restored|up again|running again|all fixed`,
  spam: `recover lost crypto:3|recovering lost crypto:3|scammed funds:3|recovery expert:3|contact our:1.5|on telegram:2|send your password:3|send us your login:3|invite code:2|referral code:2|follow + rt:3|follow+rt:3|follow & rt:3|rt to win:3|retweet to win:3|rt this and follow:3|follow + retweet:3|like + rt:2.5|tag 3 friends:2.5|tag a friend:1.5|for a chance to win:2.5|chance to win:2|winners picked:2|winner picked:2|giveaway:1.5|claim your:2|claim here:3|claim now:2.5|verify your card:3|verify your account:2|real followers:3|followers cheap:3|buy 10k:3|cheap & fast:2|signals group:3|win rate:2|turn $:2.5|into $:1.5|ai crypto:3|crypto bot:3|trading bot:3|dm me "profit":3|free credits:2|free $:2|$500 bonus:3|bonus now:2|airdrop:2`,
};
