// Pass 4: vocabulary of the styles blind2 added — katakana loanwords
// (ミッシング, バッファリング), romaji, 法人 keigo, elderly kana spellings,
// English subscription wording — plus blockers for words that only look like
// issues (障害者, 腹痛を訴え, 口から火が出る). Written as general wording;
// compositional cases live in frames.ts.
import { EMPTY_SECTIONS, type LexiconSource } from '../lexicon';

const EMPTY = EMPTY_SECTIONS;

export const JA_LOANWORDS_ROMAJI: LexiconSource = {
  ...EMPTY,
  lang: 'ja',
  categories: {
    billing_error: `勝手に更新:1.5|自動で更新されて:1.2|オートで更新:1.5|勝手に有料:2|有料会員になって:0.6|チャージが消え:2|チャージした分が:0.6|石が消え:1.5|課金した分:0.6|計上されて:0.5|督促:0.8`,
    outage: `バッファリング:1.2|観れない:0.8|観られない:0.8|起動すらしな:1.5|起動さえしな:1.5|起動もしな:1.2|開きすらしな:1.5|無限ループ:1|真っ白な画面:1.5|通信エラー:1.5|500エラー:2|503エラー:2|アクセスできない状態:2
障害者:0|電話してもつながらない:0|電話しても繋がらない:0|話し中:0`,
    defect: `ミッシング:1.2|入ってなかった:0.8|入っていなかった:0.8|届いてない:1|未着:1.5|生焼け:1.5|真ん中が生:1.2|中が生:1|生のまま:0.6|芯が残:0.8|ずっと家にいた:0.8|家にいたのに:0.8|在宅してたのに:0.8|不在票:0.4|持ち戻り:1|発送準備中のまま:1.2|まだ発送準備中:1.2|蓋が閉まらな:1.5|ふたが閉まらな:1.5|欠けてた:1.2|欠けてました:1.2|ぐしゃぐしゃ:1
配達完了ってなってる:1.2|配達完了になってる:1.2|配達済みになって:1.2`,
    safety: `口から火:0|口から火が出:0|歯が欠け:1.5|煙が出:1.5|膨らんで煙:2`,
    backlash: `痛を訴え:0|熱を訴え:0|痛みを訴え:0|不調を訴え:0|症状を訴え:0|吐き気を訴え:0|ネットにあげ:1.2|動画撮って:0.8|消費者センター:1.5|買わないほうがいい:1.5|買わない方がいい:1.5|使わないほうがいい:1.5|使わない方がいい:1.5|行かないほうがいい:1.5|行かない方がいい:1.5|気をつけて:0.4`,
    praise: `助かっており:1.5|助かっています:1.5|ありがたいこと:1.5|ありがたいです:1.5|気分いい:0.4|早かった!:1|ちゃんと届いた:1|うまい!:1.2|また行く:0.8|また来る:0.8`,
    request: `お願いしたく:1.5|に変えたい:1.2|変えたいです:1.2|減らしてほしい:1.5|してください:1.2
てくださいました:0|てくださいまし:0|てくださった:0|てくださって:0|教えてくださり:0|教えてくださっ:0`,
    question: `教えてくださり:0|教えてくださっ:0|教えていただき:0`,
  },
  positive: `気分いい:1|助かっており:1|ありがたい:1`,
  negative: `うるさい:1|うるさいから:1.2|放置:1|疲れた:0.8|投げるように:1.2|投げられ:1.2|???:0.6`,
  mistake: `らしい|らしいね|らしいよ|らしいです|のせいでした|私のせい|自分のせい`,
  hypothetical: `他社の|他社で|よその会社|よその店`,
};

export const EN_LOANWORDS_SUBSCRIPTIONS: LexiconSource = {
  ...EMPTY,
  lang: 'en',
  categories: {
    billing_error: `still billing:2|still charging:2|keep billing:1.5|keep charging:1.5|nothing on my card:1.5|nothing on my statement:1.5|never showed up in my account:1.5|paid extra for:0.6|no refund yet:2|corrected invoice:1.2|more seats than:1.2
nijuu seikyuu:2|nijuu kessai:2|henkin sarete nai:2|henkin mada:1.5|hikiotosare:0.6`,
    outage: `session expired:1.5|logs me out:1.5|deleted my whole cart:1.5|deleted my cart:1.5|cannot check out:2|can't check out:2|hirakenai:1.5|login dekinai:2|login dekinaku:2|rogin dekinai:2|ochiru:1.2|zutto error:1.5|error deru:1.5|tsunagaranai:2`,
    defect: `todokanai:1.5|todoite nai:1.5|chigau:0.6|kowareta:1.5|kowareteru:1.5|tsumetai:0.6|package marked delivered:2|marked delivered:1.5|hasn't moved:1.2|tracking hasn't moved:2|came with the wrong:2|with the wrong size:1.5`,
    safety: `nearly choked:2|sparking:1.5|in the er:1.2|spent the night in the er:2`,
    backlash: `stop buying from:2|consumer affairs:2|rt to spread:2`,
    praise: `glad i flew with:1.5|glad i chose:1.5|glad i went with:1.5|best i've tried:1.5|saikou:1.2|maji oishii:1.5|oishii:1|mata kuru:0.8|really smooth:1.5|nice work:1.5`,
  },
  positive: `saikou:1|oishii:1|arigatou:1`,
  resolved: `been fine since:1|fine since:1|no complaints:1|not your fault:1`,
};
