// Post templates for the sandbox day, written the way customers actually post
// on social media: short, informal or polite Japanese, some English. `{slot}`
// markers are filled from SLOTS, so a few dozen templates give thousands of
// distinct posts. The intent is the generator's ground truth; routing never sees it.

export type Intent =
  | 'billing_error'
  | 'outage'
  | 'defect'
  | 'safety'
  | 'backlash'
  | 'purchase_intent'
  | 'question'
  | 'request'
  | 'praise'
  | 'spam';

export const SLOTS: Readonly<Record<string, readonly string[]>> = {
  app: ['KoeMartアプリ', 'アプリ', 'Koeポイントアプリ', '公式アプリ', 'KoeMartのサイト'],
  appEn: ['the KoeMart app', 'the app', 'your website', 'the KoeMart site'],
  item: [
    '電気ケトル',
    'モバイルバッテリー',
    'ワイヤレスイヤホン',
    '加湿器',
    'フライパン',
    'ヘアドライヤー',
    'スニーカー',
    'お弁当',
  ],
  itemEn: ['kettle', 'power bank', 'earbuds', 'humidifier', 'frying pan', 'hair dryer', 'sneakers'],
  amount: ['1,980円', '3,300円', '5,480円', '12,800円', '890円', '2,750円'],
  amountEn: ['$19.80', '$42', '$128', '$7.99', '$64.50'],
  order: ['KM-20481', 'KM-77310', 'KM-39025', 'KM-58114', 'KM-11607'],
  store: ['渋谷店', '梅田店', '札幌駅前店', '名古屋栄店', '博多店', '横浜西口店'],
  when: ['昨日', '今朝', 'さっき', '先週', '一昨日', '3日前'],
  whenEn: ['yesterday', 'this morning', 'an hour ago', 'last week', 'today'],
  emoji: ['', '', '', '😭', '😡', '🙏', '💢', '…'],
  feeling: ['困ってます', '本当に困る', 'どうなってるの', '早くしてほしい', '勘弁して', '至急お願いします'],
  service: ['定期便', 'プレミアム会員', 'Koeプラス', '月額プラン'],
  topic: ['ポイントの有効期限', '送料', '営業時間', '返品の期限', 'ギフト包装', '会員ランク'],
  topicEn: ['the points expiry', 'shipping fees', 'store hours', 'the return window', 'gift wrapping'],
  staff: ['店員さん', 'スタッフさん', 'サポートの方', 'レジの方'],
  spamUrl: ['https://bit.ly/3xKoe9', 'https://t.co/fr33g1ft', 'https://earn-now.example/koe'],
};

export const TEMPLATES: Readonly<Record<Intent, { ja: readonly string[]; en: readonly string[] }>> = {
  billing_error: {
    ja: [
      '{when}{app}で買い物したら二重請求されてました。{feeling}{emoji}',
      'カードの明細見たら同じ{amount}が2回引き落とされてる。返金してください',
      '{service}解約したのに今月も請求が来てるんですが{emoji}',
      '注文番号{order}、表示価格と違う金額で決済されました。確認お願いします',
      '{store}で会計したらクーポンが適用されていませんでした。{amount}多く払ってます',
      '身に覚えのない請求が{app}から来てる。{feeling}',
      '返金されるって言われてから2週間、まだ返金されていません。{order}です',
      '{service}の無料期間中なのに{amount}課金されてるのはなぜ？',
    ],
    en: [
      'I was charged twice for order {order}. Please refund the duplicate charge {emoji}',
      'Cancelled my subscription last month and you still billed me {amountEn}. Not ok.',
      'My card statement shows a charge I never made from {appEn}. What is this?',
      'Was overcharged at checkout, the price shown was lower than what I paid.',
    ],
  },
  outage: {
    ja: [
      '{app}にログインできない{emoji} {feeling}',
      '{app}落ちてる？ずっとエラーが出る',
      '{when}から{app}が開かない。障害ですか？',
      '決済画面でエラーになって注文できません{emoji}',
      '{app}がぐるぐるしたまま読み込めない。みんなもかな',
      'アップデートしたら{app}が起動しない。{feeling}',
      '{app}つながらないんだけど。復旧まだ？',
    ],
    en: [
      'Is {appEn} down? I keep getting an error when I try to log in',
      "Can't check out, the payment page just shows error 503 {emoji}",
      '{appEn} crashes every time I open it since the update',
      "Site won't load for me since {whenEn}. Outage?",
    ],
  },
  defect: {
    ja: [
      '{when}届いた{item}、箱を開けたら割れてました{emoji}',
      '注文した{item}と違う商品が届きました。{order}です',
      '{item}が初期不良っぽい。電源が入らない{emoji}',
      '{item}の部品が足りないんですけど…組み立てられない',
      '{order}がまだ届かない。1週間過ぎてます。{feeling}',
      '{store}で買った{item}、すぐ壊れた。不良品では？',
    ],
    en: [
      'My {itemEn} arrived broken, the box was crushed {emoji}',
      'Received the wrong item for order {order}. I ordered a {itemEn}.',
      'The {itemEn} stopped working after two days. Defective?',
      'Order {order} still has not arrived, it has been 10 days.',
    ],
  },
  safety: {
    ja: [
      '{item}を充電してたら焦げ臭くなって煙が出た。危険すぎる',
      '{store}で買ったお弁当を食べたら家族全員お腹を壊しました',
      '{item}のコードが異常に熱くなって火花が出ました{emoji}',
      'アレルギー表示にない食材が入っていて子供に蕁麻疹が出ました。病院に行きます',
      '{item}の持ち手が外れてやけどしました。リコールじゃないの？',
    ],
    en: [
      'My {itemEn} started smoking while charging. This is a fire hazard!',
      'Found a piece of glass in my food from {appEn} order. My kid almost swallowed it.',
      'The {itemEn} got so hot it burned my hand. Is there a recall?',
    ],
  },
  backlash: {
    ja: [
      '{store}の{staff}の態度が最悪。SNSで拡散します',
      '何度問い合わせても返事なし。消費者センターに相談します{emoji}',
      '他人の個人情報が入った納品書が届いた。情報漏洩じゃないの？',
      'こんな対応する会社だと思わなかった。不買します。拡散希望',
      '詐欺みたいな商売やめろ。晒しておきます',
    ],
    en: [
      'Worst customer service ever. Spreading this everywhere until you fix it. #boycottKoeMart',
      "My package came with someone else's personal data on the slip. Data leak? Talking to a lawyer.",
      'Been ignored for a week. Going to the press with this.',
    ],
  },
  purchase_intent: {
    ja: [
      '{item}欲しいんだけど{store}に在庫ありますか？',
      '{service}に入ろうか迷ってる。どのプランがおすすめ？',
      '新しい{item}っていつ発売ですか？予約したい！',
      '{item}買いたいです。まとめ買い割引ってありますか',
    ],
    en: [
      'Thinking of buying the {itemEn}, is it in stock at {store}?',
      'Want to sign up for the premium plan. Which one should I get?',
      'When does the new {itemEn} go on sale? I want to preorder.',
    ],
  },
  question: {
    ja: [
      '{topic}について教えてください',
      '{topic}ってどうなってますか？',
      '{store}の営業時間を知りたいです',
      '{app}で{topic}はどこで確認できますか？',
      'すみません、{topic}ってどこに書いてありますか{emoji}',
      '{service}の支払い方法は何が使えますか？',
    ],
    en: [
      'How do I check {topicEn} in {appEn}?',
      'Quick question: what are {topicEn}?',
      'Where can I find info about {topicEn}?',
    ],
  },
  request: {
    ja: [
      '注文{order}の配送先を変更してほしいです',
      '{service}の登録メールアドレスを変更したいのでお願いできますか',
      '{order}の領収書を発行してください',
      '{item}を別のサイズに交換してもらえますか',
      '{service}を一時停止したいです。手続きをお願いします',
    ],
    en: [
      'Please change the delivery address for order {order}.',
      'Can you send me a receipt for order {order}?',
      'I would like to exchange my {itemEn} for a different size, please.',
    ],
  },
  praise: {
    ja: [
      '{store}の{staff}がすごく親切でした！ありがとうございます',
      '{item}届いた！めっちゃ良い。最高です{emoji}',
      '{app}使いやすくなってて嬉しい。ありがとう',
      'いつも{service}助かってます。感謝！',
      '{when}の対応、本当にありがとうございました。神対応でした',
    ],
    en: [
      'Love my new {itemEn}! Thanks KoeMart',
      'Shoutout to the staff at {store}, super helpful today. Thank you!',
      'Your support team was amazing, thanks for the quick help!',
    ],
  },
  spam: {
    ja: [
      '【副業】スマホだけで月収100万円！詳しくはプロフへ {spamUrl}',
      'フォロワー爆増！今なら無料でプレゼント中 {spamUrl} #相互フォロー #フォロバ100',
      '簡単に稼げる方法教えます💰 LINE追加してね {spamUrl}',
      '当選おめでとうございます！Amazonギフト券を受け取るにはこちら {spamUrl}',
    ],
    en: [
      'Earn $500 a day from home!!! Click here {spamUrl} #money #crypto #giveaway',
      'Free followers now, DM me or visit {spamUrl}',
      'Congratulations, you won a gift card! Claim it here {spamUrl}',
    ],
  },
};
