import { ArticleContent } from '../contracts/knowledge-base';
import { agents, audit, bySystem, channels, helpCenters, knowledgeBase, type Db } from '../store/repositories';

/**
 * The shop's sample knowledge base, so the demo's help center, the widget's suggestions, the agents' suggestions and the
 * answer bot have something to show. The sandbox's FAQ customers (traffic.ts, FAQ_QUESTIONS) ask about these.
 */
export const DEMO_ARTICLES = [
  {
    category: '配送',
    ja: {
      title: '送料とお届け日数',
      body: '# 送料\n\n5,000円（税込）以上のご注文は**送料無料**です。それ未満の送料（配送料金）は全国一律550円です。\n\n## お届け日数\n\nご注文から届くまで2〜4日かかります。沖縄・離島は5日ほどかかります。',
      questions: [
        '送料って無料になる条件ありますか',
        '何円以上買えば送料かからない？',
        '沖縄だと届くのに何日かかりますか',
      ],
    },
    en: {
      title: 'Shipping costs and delivery times',
      body: '# Shipping\n\nOrders of ¥5,000 or more ship **free**; below that, the shipping price is ¥550 anywhere in Japan.\n\n## Delivery\n\nOrders arrive in 2–4 days (about 5 days to Okinawa and remote islands).',
      questions: [
        'How much is shipping?',
        'Is delivery free over a certain amount?',
        'When will my order arrive if I order today?',
        'Do you charge extra to ship to Okinawa?',
      ],
    },
  },
  {
    category: '返品・交換',
    ja: {
      title: '返品・交換の方法',
      body: '商品到着から**30日以内**なら、サイズが合わないなどお客様のご都合でも返品・交換を承ります。\n\n1. チャットかメールで注文番号をお知らせください\n2. 返送用の伝票をお送りします\n3. 商品を梱包してお送りください\n\n食品は未開封に限ります。',
      questions: [
        '買ったものを返品したいときはどうすればいい？',
        '別のサイズに交換してもらえますか',
        '届いてから何日以内なら返品できますか',
      ],
    },
    en: {
      title: 'Returns and exchanges',
      body: 'You can return or exchange an item within **30 days** of delivery, also when it simply does not fit.\n\n1. Send us your order number by chat or email\n2. We send you a return label\n3. Pack the item and send it back\n\nFood must be unopened.',
      questions: [
        "Can I return clothes that don't fit?",
        'Can I send something back if I change my mind?',
        'How many days do I have to return an item?',
        'Can I swap this for a different size?',
      ],
    },
  },
  {
    category: '返品・交換',
    ja: {
      title: '初期不良・破損があったとき',
      body: '届いた商品に不良や破損があった場合は、申し訳ございません。担当者が確認しますので、注文番号と商品の写真をチャットでお送りください。\n\n交換にかかる費用は当店が負担し、新しい商品をお送りします。',
      questions: ['もし商品が壊れて届いたら交換の送料は誰が払うんですか', '初期不良のときの連絡先はどこですか'],
    },
    en: {
      title: 'Defective or damaged items',
      body: 'We are sorry if your item arrived faulty or damaged. A member of staff will look into it: please send your order number and a photo of the item by chat.\n\nWe replace it with a new one at our cost.',
      questions: [
        'If an item arrives damaged, who pays for the replacement?',
        'Who do I contact if something arrives faulty?',
      ],
    },
  },
  {
    category: 'ご注文・お支払い',
    ja: {
      title: '使えるお支払い方法',
      body: 'クレジットカード（Visa・Mastercard・JCB・American Express）、コンビニ払い、PayPay をご利用いただけます。\n\nコンビニ払いの期限はご注文から3日間です。',
      questions: ['クレジットカード以外の払い方はありますか', 'コンビニで払えますか？', 'アメックスは使えますか'],
    },
    en: {
      title: 'Paying for your order',
      body: 'You can pay by credit card (Visa, Mastercard, JCB, American Express), at a convenience store, or with PayPay.\n\nConvenience store payments must be made within 3 days of ordering.',
      questions: [
        'Which cards do you accept?',
        'Can I pay at a convenience store?',
        'Is there a deadline for paying at the convenience store?',
      ],
    },
  },
  {
    category: '店舗',
    ja: {
      title: '店舗の営業時間',
      body: '全店、**10:00〜21:00** の営業です（土日祝も同じ時間に営業しています）。\n\n定休日はありません。年末年始（12月31日〜1月2日）のみ休業します。',
      questions: ['お店は何時から開いてますか', '祝日もやってますか', '年末年始はお休みですか'],
    },
    en: {
      title: 'Store opening hours',
      body: 'All stores open at 10:00 and close at 21:00, weekends and holidays included.\n\nWe are closed only from 31 December to 2 January.',
      questions: [
        'What time do you close?',
        'When do your shops open?',
        'Are you open on public holidays?',
        'Are the stores closed over New Year?',
      ],
    },
  },
  {
    category: '店舗',
    ja: {
      title: '駐車場・アクセス',
      body: '吉祥寺本店：JR吉祥寺駅 北口から徒歩5分。専用駐車場はありません。お近くのコインパーキングをご利用ください。\n\n渋谷店：渋谷駅 ハチ公口から徒歩3分。提携駐車場で、2,000円以上のお買い上げで1時間無料です。\n\nお車でお越しの方・お店までの行き方でご不明な点は、チャットでお尋ねください。',
      questions: ['駐車場ありますか', '駅からどうやって行けばいいですか', '車で行っても大丈夫ですか'],
    },
    en: {
      title: 'Parking and access',
      body: 'Kichijoji main store: 5 minutes on foot from the north exit of JR Kichijoji Station. It has no car park of its own; please use a nearby coin parking.\n\nShibuya store: 3 minutes from the Hachiko exit of Shibuya Station. Parking at the partner car park is free for an hour when you spend ¥2,000 or more.',
      questions: ['Where can I park?', 'How do I get to the store from the station?', 'Can I come by car?'],
    },
  },
  {
    category: 'ポイント',
    ja: {
      title: 'Koeポイントの貯め方・使い方',
      body: 'お買い上げ100円ごとに**1ポイント**が貯まります。1ポイント＝1円として、次回のお買い物から使えます。\n\nポイントの有効期限は最後のお買い物から1年間です。残高はアプリの「マイページ」で確認できます。',
      questions: ['ポイントはどうやって貯まりますか', 'ポイントで払えますか', 'ポイントに期限はありますか'],
    },
    en: {
      title: 'Earning and using Koe Points',
      body: 'You earn **1 point** for every ¥100 you spend. To use your points, choose "Use points" at checkout: each point is worth ¥1 off.\n\nPoints expire one year after your last purchase. The app shows your balance under "My page".',
      questions: ['How do I earn points?', 'Can I pay with my points?', 'Do points expire?'],
    },
  },
  {
    category: 'ご注文・お支払い',
    ja: {
      title: 'ギフトラッピング',
      body: 'ご注文時に「ギフトラッピング」を選ぶと、1点につき**220円**でお包みします。のし・メッセージカードは無料です。\n\n店舗ではレジでお申し付けください。',
      questions: ['プレゼント用に包んでもらえますか', 'ラッピングは有料ですか', 'のしはつけられますか'],
    },
    en: {
      title: 'Gift wrapping',
      body: 'Choose "gift wrapping" when you order and we wrap each item for **¥220**. A message card is free.\n\nIn store, just ask at the till.',
      questions: ['Can you wrap it as a present?', 'How much is gift wrapping?', 'Can I add a gift message?'],
    },
  },
  {
    category: 'アカウント',
    ja: {
      title: 'パスワードを忘れたとき',
      body: 'ログイン画面の「パスワードを忘れた方」から、登録したメールアドレスを入力してください。再設定用のリンクをお送りします（24時間有効）。\n\nメールが届かない場合は迷惑メールフォルダもご確認ください。',
      questions: [
        'パスワードがわからなくなりました',
        'ログインできないのでパスワードを変えたい',
        '再設定のメールが来ません',
      ],
    },
    en: {
      title: 'Forgot your password',
      body: 'On the login screen, choose "Forgot password" and enter the email address you registered. We send you a link to reset it (valid for 24 hours).\n\nIf no email arrives, please check your spam folder.',
      questions: ["I can't remember my password", 'How do I reset my password?', "The reset email hasn't arrived"],
    },
  },
  {
    category: '店舗',
    ja: {
      title: '店舗の在庫を確認する',
      body: '商品ページの「店舗在庫を見る」で、各店舗の在庫の目安を確認できます（1時間ごとに更新）。\n\n取り置きはできませんのでご了承ください。',
      questions: ['お店に在庫があるか調べられますか', '行く前に在庫を知りたいです', '在庫の取り置きはできますか'],
    },
    en: {
      title: 'Checking stock at a store',
      body: 'On a product page, "See store stock" shows roughly how many each store has (updated every hour).\n\nWe cannot hold items for you, sorry.',
      questions: [
        'Can I see if a shop has an item in stock?',
        'Can I check stock before I go?',
        'Can you hold an item for me at a store?',
      ],
    },
  },
  {
    category: 'ご注文・お支払い',
    ja: {
      title: '注文のキャンセル',
      body: '発送前のご注文は、マイページの「注文履歴」からキャンセルできます。\n\n発送後のキャンセルはできません。届いてから返品の手続きをお願いします。',
      questions: ['注文を取り消したいです', 'キャンセルはいつまでできますか', '間違えて注文してしまいました'],
    },
    en: {
      title: 'Cancelling an order',
      body: 'You can cancel an order that has not shipped yet from "Order history" on your account page.\n\nOnce shipped it cannot be cancelled; please return it after it arrives.',
      questions: ['How do I cancel my order?', 'Until when can I cancel?', 'I ordered by mistake, can I undo it?'],
    },
  },
];

/**
 * The sandbox's shop opens its help center so the demo shows it, with a few published articles when the knowledge
 * base is empty. A workspace whose admin already saved help-center settings keeps them.
 */
export async function openDemoHelpCenter(db: Db, workspaceId: string): Promise<boolean> {
  if (await helpCenters.get(db, workspaceId)) return false;
  const taken = await helpCenters.bySlug(db, 'koemart');
  await db.transaction().execute(async (tx) => {
    await helpCenters.save(tx, {
      workspaceId,
      enabled: true,
      slug: taken ? `koemart-${workspaceId.slice(0, 8)}` : 'koemart',
      name: 'Koeマート',
      accent: '#c2410c',
    });
    const author = (await agents.list(tx, workspaceId)).find((a) => a.active && a.role === 'admin');
    if (!author || (await knowledgeBase.list(tx, workspaceId, {}, null, 1)).items.length) return;
    for (const a of DEMO_ARTICLES)
      await knowledgeBase.create(
        tx,
        workspaceId,
        author.id,
        ArticleContent.parse({
          versions: { ja: a.ja, en: a.en },
          category: a.category,
          status: 'published',
        }),
      );
  });
  return true;
}

/**
 * The sandbox's LINE channel answers plain questions from the sample articles, so the demo shows the answer bot. Only
 * on a sandbox channel whose bot setting nobody ever saved: an admin who turned it off (or on) keeps that choice, and a
 * restart changes nothing. Audited like an admin's switch, by the sandbox.
 */
export async function turnOnDemoAnswerBot(db: Db, workspaceId: string, channelId: string): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const channel = await channels.get(tx, workspaceId, channelId);
    if (!channel || channel.settings.sandbox !== true || 'answerBot' in channel.settings) return false;
    await channels.patchSettings(tx, channelId, { answerBot: true });
    await audit.log(tx, {
      workspaceId,
      actor: bySystem('Koe sandbox'),
      action: 'channel.answer_bot_changed',
      target: { type: 'channel', id: channelId },
      detail: { enabled: true },
    });
    return true;
  });
}
