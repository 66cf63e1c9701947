import { ArticleContent } from '../contracts/knowledge-base';
import { agents, helpCenters, knowledgeBase, type Db } from '../store/repositories';

/** A few of the shop's answers, so the demo's help center and the widget's suggestions have something to show. */
const DEMO_ARTICLES = [
  {
    category: '配送',
    ja: {
      title: '送料とお届け日数',
      body: '# 送料\n\n5,000円（税込）以上のご注文は**送料無料**です。それ未満は全国一律550円です。\n\n## お届け日数\n\nご注文から2〜4日でお届けします。沖縄・離島は5日ほどかかります。',
    },
    en: {
      title: 'Shipping costs and delivery times',
      body: '# Shipping\n\nOrders of ¥5,000 or more ship **free**; below that, shipping is ¥550 anywhere in Japan.\n\n## Delivery\n\nOrders arrive in 2–4 days (about 5 days to Okinawa and remote islands).',
    },
  },
  {
    category: '返品・交換',
    ja: {
      title: '返品・交換の方法',
      body: '商品到着から**30日以内**なら返品・交換を承ります。\n\n1. チャットかメールで注文番号をお知らせください\n2. 返送用の伝票をお送りします\n3. 商品を梱包してお送りください\n\n食品は未開封に限ります。',
    },
    en: {
      title: 'Returns and exchanges',
      body: 'We accept returns and exchanges within **30 days** of delivery.\n\n1. Send us your order number by chat or email\n2. We send you a return label\n3. Pack the item and send it back\n\nFood must be unopened.',
    },
  },
  {
    category: 'ご注文・お支払い',
    ja: {
      title: '使えるお支払い方法',
      body: 'クレジットカード（Visa・Mastercard・JCB・American Express）、コンビニ払い、PayPay をご利用いただけます。\n\nコンビニ払いの期限はご注文から3日間です。',
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
          versions: { ja: a.ja, ...('en' in a ? { en: a.en } : {}) },
          category: a.category,
          status: 'published',
        }),
      );
  });
  return true;
}
