// Pass-2 coverage for level-3 situations, written from domain knowledge of how
// customers phrase money lost, unusable services, faulty goods, harm and
// escalation — not from any evaluation file. Plain forms only: variants.ts adds
// the negative conjugations (〜ません / 〜へん / 〜ん / 〜ず …), kana spellings and
// English contraction forms. Weights follow core-ja.ts (≥ 1 decides alone).
import { EMPTY_SECTIONS, type LexiconSource } from '../lexicon';

const EMPTY = EMPTY_SECTIONS;

export const JA_URGENT_SITUATIONS: LexiconSource = {
  ...EMPTY,
  lang: 'ja',
  categories: {
    // Charged twice / wrong amount / unknown charge / refund not arriving / balance vanished.
    billing_error: `
ガチャ回したのに:1.2|石が消え:2|課金したのに:1.5|購入したのに反映:2|買ったのに反映:2|課金アイテムが消え:2|アイテムが消え:1.2|送金したのに:1.5|送金が届かな:2|着金していない:1.5|振込が反映されな:2|検針ミス:2|電気代が倍:2|ギガが減:1.2|データ量が減:1.2|口座凍結:0.8
引き落とし二回:2|引き落としが二回:2|引き落とし2回:2|請求二回:2|請求2回:2|請求が二回:2|決済二回:2|決済2回:2|二度引き落と:2|二度請求:2|二度決済:2|二度払い:2|二重で:0.8|二重に取られ:2|ダブルで請求:2|ダブル請求:2|ダブルで引き落と:2|ダブルで決済:2|二重注文:1.2
2回取られ:2|二回取られ:2|多く取られ:2|多めに取られ:2|余計に取られ:2|余分に取られ:2|高く取られ:1.5|お金取られ:1|金取られ:1|余分に引かれ:2|多めに引かれ:2|余計に引かれ:2
金額が間違:2|金額間違:2|料金が間違:2|請求が間違:2|請求金額が違:2|請求金額がおかし:2|請求金額が間違:2|会計が間違:2|会計ミス:2|会計がおかし:1.5|計算が間違:1.5|計算がおかし:1.5|レジで二回:2|返金額が少な:2|返金額が違:2|金額が高すぎ:0.8|高額請求:1.5|高額な請求:1.5|法外な:1.2|請求が高すぎ:1.2
残高が消え:2|残高消え:2|残高がなくな:1.5|残高が減って:1|残高が合わ:1.5|残高がおかし:1.5|ポイントがなくな:1.5|ポイントが無くな:1.5|ポイント消え:1.5|ポイントが減って:1|ポイントがつかな:1.2|ポイントが付かな:1.2|ポイント付かな:1.2|ポイントつかな:1.2|ポイントが反映されな:1.2|ポイントが貯まらな:1|マイルが消え:1.5|マイルがつかな:1.2|チャージが消え:2|チャージしたのに:1.5|チャージが反映されな:2|ギフト券が消え:1.5
振り込んだのに:1.2|払ったのに:1.2|支払ったのに:1.2|支払い済みなのに:1.5|支払済みなのに:1.5|払ったはず:1|入金されていない:1|入金がない:0.8|お金返して:1.2|お金を返して:1.2|金返して:1.2|お金戻して:1.2
返金まだ:1.5|返金いつ:1.2|返金はまだ:1.5|ポイント全部:0.6|返金が遅:1.5|返金遅:1.5|返金待ち:1.2|返金してくれない:1.5|返金に応じ:1.2|返金拒否:2|返金を拒否:2|返金を断:1.5|返金不可:1|返金処理:0.6|返金の連絡:0.8|払い戻しされな:1.5|払い戻しがな:1.2|返金されていない:1.5
勝手に有料:2|有料になって:0.6|勝手に契約:1.5|勝手に登録:1.2|勝手に購入:1.5|勝手に定期:1.5|勝手に年額:2|自動で課金:1.5|いつの間にか課金:2|いつの間にか請求:2|いつの間にか引き落と:2|知らないうちに課金:2|知らない間に課金:2|請求が止まらな:2|引き落としが止まらな:2|課金が止まらな:2|解約できてなかった:1|キャンセルしたのに:0.8
積算されてない:1.5|積算されていない:1.5|積算されてません:1.5|加算されてない:1.2|両方来てる:1|両方請求:1.5|同じ月に2回:1.5|2行ある:1.2|二行ある:1.2`,
    // Cannot pay / log in / connect; crashes, freezes, errors, endless loading.
    outage: `
データ消え:1.5|引き継ぎできな:1.5|進行不能:2|緊急メンテ:1.5|メンテ延長:1.2|停電:2|断水:2|ガスが止ま:1.5|電気が止ま:1.5|水が出な:1.5|お湯が出な:1.5|atmが使えな:2|カードが止ま:1.2|手続きできな:1.2|手続きができな:1.2|乗っ取り:1|5gにならな:0.8
即落ち:2|落ちまくり:2|すぐ落ち:2|勝手に落ち:1.5|アプリが落ち:2|強制終了され:2|強制終了する:2|落ちとる:1.5|固まっとる:1.5|固まり:1|固まったまま:2|フリーズする:2|フリーズした:2|ハングアップ:1.5
決済エラー:2|支払いエラー:2|決済が通らな:2|決済通らな:2|支払い通らな:2|カード通らな:1.5|支払いが通らな:2|カードが通らな:1.5|クレカが通らな:1.5|決済ができな:2|決済出来な:2|カード決済ができな:2|購入ができな:1.5|注文ができな:1.5|ログインができな:2|接続ができな:2|送信ができな:1.5|再生ができな:1.5|利用ができな:1.5|起動ができな:2|操作ができな:1.5|操作できな:1.5|アクセスできな:2|アクセスができな:2|アクセス出来な:2|ダウンロードできな:1.2|インストールできな:1.2|アップデートできな:1.2|入金できな:1.2|出金できな:1.5|送金できな:1.5|振込できな:1.5|チャージできな:1.5|引き出せな:1.5|支払えな:1.5|払えな:1.2|買えな:0.8
反応ない:1|押しても反応:1.5|タップしても反応:1.5|押しても何も:1.5|タップしても何も:1.5|何も起きな:1|何も表示されな:1.5|ずっと読み込み:1.5|読み込み中:0.6|読み込みがずっと:1.5|ずっと終わらな:0.8|データが消え:1.5|全部消え:0.6|読み込みが遅:1.5|読み込み遅:1.5|ロードが終わらな:2|ずっとロード:1.5|ロード中:0.6|ロードが長:1|くるくる:0.6|真っ暗:0.8|真っ黒:0.5|ブラックアウト:1.5|画面が消え:1.2
サービスが止ま:1.5|システムが止ま:1.5|サイトが止ま:1.5|アプリが止ま:1.5|止まったまま:1.5|止まってる:0.8|サービス停止:1.5|停止中:0.8|動作が重:1.5|動作が遅:1.5|動作がおかし:1.5|挙動がおかし:1.5|挙動が変:1.2|表示がおかし:1.5|表示が崩れ:1.5|文字化け:1.5|文字化けしな:0|画面がおかし:1.5|おかしくなった:0.8|バグって:2|バグった:2|バグる:1.5|バグが:1.5
途切れる:1.2|途切れて:1.2|途切れ途切れ:2|音声が途切れ:2|映像が止ま:1.5|通話中に切れ:2|勝手に切れ:1.5|すぐ切れ:1.2|回線が切れ:1.5|ネットが切れ:1.5|ネットが遅:1.5|回線が遅:1.5|通信が遅:1.5|速度が遅:1.2|通信速度:0.6|ネットが使えな:2|ネット使えな:2|電話が使えな:2|通話ができな:1.5|電話ができな:1.5
メールが届かな:1.2|メールが来な:1.2|認証コードが届:1.5|認証コードが来な:1.5|コードが届かな:1.5|smsが届かな:1.5|通知が届かな:1.2|使い物にならな:1|ログインエラー:2|ログインに失敗:2|再ログインしても:0.6|パスワードが通らな:1.5`,
    // Faulty, damaged, wrong, missing or undelivered goods; spoiled food.
    defect: `
ロストバゲージ:2|全然来な:0.8|配達員:0.4|荷物が出てこな:1.5|配達員が来な:1.5|料理が届かな:1.5|一品足りな:1.5|一品来てな:1.5|一品入ってな:1.5|頼んだのが入ってな:1.5|注文が通ってな:1.5|注文が通っていな:1.5
電源入らな:2|電源が入んな:2|電源入んな:2|電源つかな:2|電源が付かな:2|電源付かな:2|電源がすぐ落ち:2|電源が落ち:1.5|電源落ち:1.5|勝手に電源:1.5|スイッチ:0.4|電源ボタン:0.5|動かなくなった:1.5|全然動かな:1.5|全く動かな:1.5|まったく動かな:1.5|動かへんねん:1.2|動かんねん:1.2|使えなくなった:0.6|壊れてる:1.5|壊れとる:1.5|つぶれとる:1.2
ヒビ入:1.5|ひび入:1.5|ヒビ:1|亀裂:1.5|割れ:0.8|欠陥:1.5|欠陥品:2|不具合品:2|不具合のある:1|ハズレ個体:1.5|異音:1.5|変な音:1.2|ガタガタ:0.6|ガタつ:1.2|濡れて:0.8|びしょ濡れ:1.5|水浸し:1.5|ボタンが効かな:1.5|リモコンが効かな:1.5|ブレーキが効かな:2|ボタンが反応:1
充電がもたな:1.5|充電持たな:1.5|充電が持たな:1.5|バッテリーの減り:1.2|すぐ電池が切れ:1.5|電池がすぐ:1.2|充電が減る:1|充電が溜まらな:1.5|充電が貯まらな:1.5
間違って届:2|間違えて届:2|間違って送:2|間違えて送られ:2|間違ったもの:1.5|間違った物:1.5|サイズ間違:1.5|色間違:1.5|商品間違:2|品物が違:2|違うのが届:2|違うのが来:2|別のが届:2|別の物が:1.5|違う商品が来:2|頼んでないものが:1.5|頼んでない物が:1.5|注文してないものが:1.5|数が足りな:1.5|個数が足りな:1.5|数が違:1.2|入ってない:1|一つ足りな:1.5|1つ足りな:1.5|一個足りな:1.5|1個足りな:1.5
商品が届かな:1.5|荷物が届かな:1.5|品物が届かな:1.5|注文したものが届かな:1.5|荷物がまだ:1.2|商品がまだ:1.2|全然届かな:1.5|いつまで経っても届:1.5|いつまでたっても届:1.5|届く気配:1.5|発送されな:1.2|発送されていない:1.2|配達されな:1.5|配達されていない:1.5|荷物が行方不明:2|行方不明:0.6|荷物:0.4|届いてないんですが:1.5
毛が入:1.5|毛が混:1.5|虫が混:2|虫がいた:2|虫がい:1.5|異物が:2|ゴミが入:1.5|ごみが入:1.5|生煮え:1.2|半生:1|生だった:1|ぬるくて:0.8|期限が切れ:1.5|期限過ぎ:1.5|変色:1.2|糸を引い:1.2|酸っぱくな:1.2|味が変:1.2|臭かった:1|臭い:0.4
出てきませんでした:1|出てこなかった:1|荷物が出てこ:2|スーツケースが出てこ:2|荷物が届かない:1.5|中まで生:1.5|生焼け:1.5|中が生:1.5|中が赤かった:1.2`,
    // Harm to the body, heat / smoke / fire, dangerous parts.
    safety: `
お腹痛:1.5|おなか痛:1.5|おなかが痛:1.5|お腹こわ:2|おなか壊:2|おなかこわ:2|ニキビが増え:1.2|吹き出物:1.2|目にしみ:1.2|肌に合わなかった:0.6
指切っ:2|手切っ:2|指を怪我:2|切ってしま:0.8|血が出た:2|アレルギー出:2|アレルギー起こ:2|アレルギーを起こ:2|アレルギーになっ:1.5|倒れた:1|救急車:2|救急搬送:2|搬送:1.2|入院:0.8|点滴:1.2|病院行っ:1.5|病院に行:1.5|医者に:0.8|皮膚科:1.5|診察:0.6|診断され:1
腹壊:2|腹下し:2|食あたり:2|牡蠣に当た:2|具合悪:1.5|気持ち悪くな:1.2|吐きそう:1|頭痛が:0.8|めまい:1.2|目まい:1.2|痺れ:0.6|しびれ:0.6|喉が腫:2|喉が痒:1.5|顔が腫:2|目が腫:2|まぶたが腫:2|口が腫:2|顔が真っ赤:1.5|肌がただれ:2|肌が赤く:1.5|赤みが:1|ぶつぶつが:1.2|かぶれた:2|かぶれて:2
熱湯:0.6|熱を持:1.5|触れないほど熱:2|持てないくらい熱:2|持てないほど熱:2|熱すぎて:0.8|燃えそう:1.2|火がつい:1.2|火が付い:1.2|焦げてる:1.2|ガス漏れ:2|ガス臭:2|一酸化炭素:2|漏電:2|バッテリーが膨:2|膨らんでる:1.5|鋭利:1.2|角が鋭:1.5|ささくれ:0.8|トゲが:1|刺さった:1.5|詰まらせ:2|挟んだ:1.2|挟まった:1.2
ガスの臭い:2|ガス臭い:2|ガスくさい:2|ガスのにおい:2|焦げたにおい:1.5`,
    // Going public, escalating, data leaks.
    backlash: `
乗っ取り:1.5
荒らして:1.2|荒らす:1.2|荒らしてやる:1.5|低評価:1.2|低評価つけ:1.5|星1つ:1.5|星ひとつ:1.2|星一つ:1.2|最低評価:1.5|ネットに書き込:1.5|書き込んでやる:1.5|書き込みます:0.6|ツイートします:0.5|ツイートしてやる:1.5|全部投稿:1.5|snsに上げ:1.5|snsにあげ:1.5|snsで拡散:2|ブログに書:1.5|知恵袋:0.8|みんなにも言:1.5|みんなに広め:1.5|友達にも言:1.2|周りに言:1|周りにも言:1.2
本社にクレーム:1.5|本社に電話:1.2|本社に連絡:1|クレーム入れ:1.2|責任者と話:1.2|出るとこ出:2|出るところに出:2|法的手段:2|内容証明:2|少額訴訟:2|告発:2|内部告発:2|文春:2|役所に相談:1.5|市役所に:1|消費者相談:2|相談窓口に:0.8|対応次第では:1.5|対応しないなら:1|返金しないなら:1.2
個人情報漏れ:2|情報漏れ:2|個人情報が漏れ:2|個人情報が流出:2|他人の住所:2|他の人の住所:2|他人宛:1.5|他人の名前で:1.5|住所が漏れ:2|カード情報が漏れ:2|カード情報流出:2|パスワードが漏れ:2|乗っ取られ:1.5|不正ログイン:2|不正アクセス:2
他人の住所:2|他の人の住所:2|知らない人の住所:2|知らない人の名前:1.5|他人の個人情報:2|他の人の個人情報:2|他人の電話番号:2|知らない人の電話番号:2|他人の情報が:2`,
  },
  negative: `
使い物にならな:1.2|ポンコツ:1.2|欠陥:1|返金まだ:0.8|即落ち:0.8|いつまで経っても:1|いつまでたっても:1|いつになったら:1`,
};

export const EN_URGENT_SITUATIONS: LexiconSource = {
  ...EMPTY,
  lang: 'en',
  categories: {
    billing_error: `
henkin sarenai:1.5|nijuu seikyu*:2
taken twice:2|deducted twice:2|debited twice:2|withdrew twice:2|two payments:1.5|paid double:2|charged double:2|billed double:2|charged again:1.5|charged me again:1.5|still charging:2|keep charging me:2|kept charging me:2|charged me for:0.8|hidden fee*:1.5|surprise fee*:1.5|unexpected charge*:2|extra charge*:1.5|charged more:1.5|charged way more:2|charged an extra:1.5|wrong price:1.5|wrong total:1.5|didn't get the discount:1.5|didn't get my discount:1.5|promo didn't apply:1.5|coupon didn't work:1.2|never got the discount:1.5
points disappeared:2|points are gone:2|points vanished:2|points missing:1.5|missing points:1.5|lost my points:2|points were deducted:1.5|points never:1.5|points didn't:1.2|balance is gone:2|balance disappeared:2|balance vanished:2|balance is wrong:2|wrong balance:2|credits disappeared:2|credits are gone:2|credits vanished:2|miles disappeared:2|gift card balance:0.4|money was taken:1.5|money taken:1.2|took my money:1.5|stole my money:2|you owe me:1.5|want my money back:1.5|give me my money back:2
refund never arrived:2|haven't gotten my refund:2|haven't received my refund:2|haven't got my refund:2|didn't get my refund:2|didn't receive my refund:2|refund never came:2|where's my refund:2|waiting for a refund:1.5|waiting on a refund:1.5|still no refund:2|refund is late:1.5|refused a refund:1.5|refused to refund:1.5|won't refund:1.5|wouldn't refund:1.5|refuse to refund:1.5|denied my refund:2|refund was denied:2|never refunded:2|not refunded:2|haven't been refunded:2|paid but:1|i paid and:0.8|paid for it but:1.5|cancelled but still:2|canceled but still:2|unsubscribed but:1.5
left my account twice:2|taken twice:1.5|charged for both:1.5|late fee even though:1.5|late payment fee but:1.5`,
    outage: `
doesn't work anymore:1.5|not working anymore:1.5|no longer works:2|no longer working:2|stopped responding:1.5|won't respond:1.2|can't get through:1|roguin dekinai:2|tsukaenai:1
declined:0.4|keeps getting declined:2|keeps declining:2|card declined:1.5|card was declined:1.2|card got declined:1.2|payment declined:1.5|payment was declined:1.5|payment won't go through:2|won't go through:1.5|wont go through:1.5|doesn't go through:1.5|transaction failed:1.5|transaction keeps failing:2|can't complete my purchase:2|can't complete the purchase:2|can't complete my order:2|can't complete checkout:2|can't make a payment:2|can't make payments:2|can't top up:1.5|can't withdraw:1.5|can't transfer:1.5
won't launch:2|trying to log in:0.8|for hours:0.5|won't connect:1.5|doesn't connect:1.5|won't pair:1.5|can't pair:1.5|doesn't pair:1.5|went black:1.2|screen went:0.8|doesn't launch:1.5|doesn't open:1.2|won't even open:2|black screen:1.5|keeps loading:1.5|loading forever:2|takes forever to load:2|forever to load:1.5|stuck loading:2|keeps spinning:1.5|been down:2|down for hours:2|down all day:2|down since:2|keeps kicking me out:2|kicks me out:1.5|kicked me out:1.5|force closes:2|force close*:1.5|closes itself:2|closes immediately:2|keeps closing:2|keeps restarting:1.5|glitching:1.5|glitchy:1.5|bugged:1.5|broken app:2|app is broken:2|site is broken:2|website is broken:2|is broken again:2
wifi keeps:1.5|internet keeps:1.5|connection keeps:1.5|no wifi:0.5|internet is down:2|internet went out:2|wifi is down:2|no bars:1.5|dropped call*:1.5|can't make calls:2|can't receive calls:2|can't call:1|can't receive:1|not receiving:1|code never arrives:2|code never came:2|never got the code:2|never received the code:2|didn't get the code:1.5|verification email never:2|can't reset my password:1.5|password reset doesn't:1.5|keeps saying:0.6|error saying:2|says error:2|getting an error:2|get an error:2|got an error:2|so laggy:1.5|lagging badly:2|super laggy:2|too slow to use:2|barely works:1.5|barely loads:1.5
down since:1.5|been down since:1.5|is down since:1.5|lights all red:1.5|no signal since:1.5|down in my area:1.5|all red:0.5`,
    defect: `
won't close:1.2|doesn't close:1.2|won't lock:1.2|tore after:1.5|ripped after:1.5|broke after one:2|after one wash:1|after one use:1|after a week:0.5|after two days:0.5|after 2 days:0.5
arrived crushed:2|crack:1|a crack:1.2|cracks:1.2|crushed:1.2|box was crushed:1.5|smashed:1.5|busted:1.2|torn open:1.5|arrived broken:2|came broken:2|came damaged:2|arrived open:1.5|arrived wet:1.5|soaked:0.8
package never came:2|never came:1.2|never showed up:1.5|not delivered:1.5|wasn't delivered:1.5|never delivered:2|never got my order:2|never got my package:2|still waiting for my order:2|still waiting for my package:2|still waiting on my order:2|where is my order:1.5|where's my order:1.5|where is my package:1.5|where's my package:1.5|lost in transit:2|lost my package:2|lost my order:2|stolen package:1.2|delivered to the wrong:2|wrong address:0.5
dead battery:1|out of the box:0.5|won't power on:2|doesn't power on:2|won't switch on:2|doesn't switch on:2|no power:1.2|broke after:1.5|broke within:1.5|broke on:1.2|quit working:1.5|quit on me:1.5|died on me:1.5|died within:1.5|stopped working after:1.5|won't hold a charge:2|doesn't hold a charge:2|battery drains:1.2|makes a weird noise:1.5|weird noise:1.2|strange noise:1.2|rattling:1.2|loose:0.6|wobbly:1.2|peeling:1.2|faded:0.6|shrunk:1.2|shrank:1.2|ripped seam*:1.5|seam ripped:1.5|zipper broke:2|zipper broken:2
wrong flavor:1.5|wrong flavour:1.5|wrong model:1.5|wrong one:1.2|wrong thing:1.5|wrong items:2|wrong meal:2|wrong dish:2|not what i ordered:2|missing item*:2|missing from my order:2|items missing:2|item missing:2|you forgot my:1.5|they forgot my:1.5|forgot to include:1.5|left out:0.8|incomplete order:2|half of my order:1.5|only got one:1.2|only received one:1.5|short one:1.2
contaminated:2|something in my food:2|found a:0.4|found something:1.2|bug in the salad:2|worm:1.5|maggot*:2|hair in it:2|stale:1.2|gone bad:2|went bad:1.5|past the expiration:2|past the best before:2|expiration date:0.8|use-by date:0.8|smelled bad:1.5|smells bad:1.5|tasted weird:1.2|tastes weird:1.2|tasted funny:1.2|raw chicken:2|undercooked chicken:2|soggy:0.8|ice cold:0.6
lost my bag:2|lost my luggage:2|lost our luggage:2|lost my suitcase:2|lost my golf bag:2|bag never arrived:2|luggage never arrived:2|undercooked:1.5|raw in the middle:1.5|raw inside:1.5`,
    safety: `
made my kid sick:2|made my son sick:2|made my daughter sick:2|made us sick:2|all got sick:2|kega:1.5|yakedo:2
got hurt:2|kid got hurt:2|hurt himself:2|hurt herself:2|hurt themselves:2|hurt myself:2|hurt my son:2|hurt my daughter:2|cut himself:2|cut herself:2|sliced my:2|needed stitches:2|stitches:1.5|swelled up:2|swollen lips:2|puffy:0.4|tingling:0.5|couldn't breathe:2|can't breathe:2|trouble breathing:2|difficulty breathing:2|epipen:2|ambulance:2|hospitalized:2|hospitalised:2|urgent care:2|stomach cramps:1.5|cramps:1|throwing up:2|sick to my stomach:2|diarrhoea:2|poisoned:2|food poisoned:2
fumes:1.2|burning smell:2|smells like burning:2|smelled like burning:2|smell of burning:2|too hot to touch:2|got really hot:1.5|gets really hot:1.5|gets super hot:1.5|extremely hot:1.2|burst into flames:2|flames:1.5|caught on fire:2|electrocuted:2|sharp edge*:1.5|razor sharp:1.5|splinter*:1.2|shards:1.5|tipped over:1.2|collapsed:1.2|gas leak:2|smell gas:2|carbon monoxide:2|skin reaction:2|skin is burning:2|eyes burning:2
smell gas:2|smells like gas:2|gas smell:2|gas leak:2`,
    backlash: `
i'll be posting:1.2|going to post:0.8|going to the press:2|contacting the authorities:2|authorities:1.2|expose you:2|exposing you:2|name and shame:2|screenshotted:0.8|reddit:0.6|keisatsu:1.5|bengoshi:2|kakusan:1.5|sarasu:1.5
posting about this:1.5|post about this:1.5|posting this on:1.5|warn others:2|warning others:2|warn people:2|tell everyone i know:2|telling all my:1.5|bad review:1.5|terrible review:1.5|negative review:1.5|honest review:0.8|leaving a review:0.8|1-star:1.2|zero stars:1.5|0 stars:1.5|report you:1.5|reporting you:1.5|file a report:1.2|filing a report:1.2|the media:1.5|consumer center:2|consumer centre:2|consumer rights:1.5|dispute the charge:1|disputing the charge:1.5|contacting my bank:1|never shopping here again:1.2|never ordering again:1|never using you again:1.2|never using this again:1.2
my data:0.4|my personal info:0.6|personal information:0.8|personal data:0.6|someone else's name:1.5|someone else's address:2|someone else's info:2|someone else's information:2|exposed my:1.5|data leak*:2|hacked:1.5|got hacked:2|account was hacked:2|account got hacked:2|unauthorized login:2|unauthorised login:2
someone else's address:2|someone else's phone:2|someone else's name:1.5|another person's address:2|another person's phone:2|another person's data:2|other people's data:2|everyone cancel:1.5|posting the recording:2|post the recording:2|posting the video:1.5`,
  },
  negative: `
unusable:1.2|still waiting:1|never arrived:1|broken:0.6`,
};
