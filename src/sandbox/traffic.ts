import { createRng, pickOne, pickWeighted, type Rng } from '../simulation/random';
import { SLOTS, TEMPLATES, type Intent } from '../simulation/templates';
import { INTENT_MIX } from '../simulation/traffic';
import type { SandboxPlatform } from './accounts';

/** What the generator draws: which platform, how public, in which language, about what. */
export interface TrafficMix {
  platforms: Record<SandboxPlatform, number>;
  intents: Record<Intent, number>;
  /** Share of Japanese posts (the desk's home market). */
  jaShare: number;
  /** Share of public posts (comments, mentions) on platforms that have both public and private. */
  publicShare: number;
  /** Share of posts by someone who already wrote on that platform (follow-ups). */
  returningShare: number;
}

/** Sandbox demos show problems more often than a real day does, so the inbox has something to triage. */
export const DEFAULT_MIX: TrafficMix = {
  platforms: { line: 30, x: 25, instagram: 15, facebook: 15, email: 15 },
  intents: { ...INTENT_MIX, billing_error: 8, outage: 6, defect: 9, spam: 8 },
  jaShare: 0.78,
  publicShare: 0.6,
  returningShare: 0.15,
};

export interface ComposedPost {
  platform: SandboxPlatform;
  visibility: 'public' | 'private';
  lang: 'ja' | 'en';
  intent: Intent;
  text: string;
  returning: boolean;
}

const HAS_PUBLIC: Record<SandboxPlatform, boolean> = {
  line: false,
  facebook: true,
  instagram: true,
  x: true,
  email: false,
};

const fill = (rng: Rng, template: string) =>
  template.replace(/\{(\w+)\}/g, (_, slot: string) => pickOne(rng, SLOTS[slot] ?? ['']));

/** Draws one customer post; deterministic for a seeded Rng. */
export function composePost(rng: Rng, mix: TrafficMix = DEFAULT_MIX, platform?: SandboxPlatform): ComposedPost {
  const where = platform ?? pickWeighted(rng, mix.platforms);
  const intent = pickWeighted(rng, mix.intents);
  const lang = rng.next() < mix.jaShare ? 'ja' : 'en';
  const text = fill(rng, pickOne(rng, TEMPLATES[intent][lang])).replace(/\s+/g, ' ').trim();
  const visibility = HAS_PUBLIC[where] && rng.next() < mix.publicShare ? 'public' : 'private';
  return { platform: where, visibility, lang, intent, text, returning: rng.next() < mix.returningShare };
}

/** Sends composed posts at a steady rate (posts per minute) until stopped; a failed send is logged, not fatal. */
export class TrafficGenerator {
  private timer: NodeJS.Timeout | undefined;
  private inFlight = new Set<Promise<unknown>>();
  readonly rng: Rng;

  constructor(
    private send: (post: ComposedPost) => Promise<unknown>,
    private opts: { ratePerMinute: number; mix?: TrafficMix; seed?: number; onError?: (err: unknown) => void },
  ) {
    this.rng = createRng(opts.seed ?? Date.now());
  }

  start(): void {
    if (this.timer || this.opts.ratePerMinute <= 0) return;
    this.timer = setInterval(() => this.tick(), Math.max(50, 60_000 / this.opts.ratePerMinute));
    this.timer.unref();
    this.tick(); // the first post arrives at once, so a demo shows something straight away
  }

  private tick(): void {
    const p = this.send(composePost(this.rng, this.opts.mix)).catch((err: unknown) => this.opts.onError?.(err));
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await Promise.allSettled([...this.inFlight]);
  }
}

/**
 * What people post about a brand without addressing it: mostly talk that needs nothing from the brand (ads, a new
 * shop, a purchase in passing). The sandbox's untagged posts draw these most of the time, as a real stream of
 * mentions is mostly chatter; the rest come from the ordinary mix (complaints, questions, praise).
 */
const CHATTER: Record<'ja' | 'en', readonly string[]> = {
  ja: [
    'Koeマートの新しいCM、音楽がいい',
    '{store}の前を通ったら行列できてた',
    '駅前にKoeマートができるらしい',
    '今日は{store}で{item}買ってきた',
    'Koeマートのポスター、駅で見かけた',
    'Koeマートとライバルマート、どっちがいいんだろう',
    'Koeマートの袋、かわいい',
    'セールの時期だけKoeマート行く人',
    '{item}、Koeマートでも売ってるんだ',
    'Koeマートのバイト始めて一週間',
  ],
  en: [
    'Saw the new KoeMart ad on the train',
    'There is a KoeMart opening near my office',
    'Picked up a {itemEn} at KoeMart on the way home',
    'KoeMart bags are kind of cute',
    'Is KoeMart the same as the one in Osaka?',
  ],
};
const CHATTER_SHARE = 0.6;

/** An untagged post's text: chatter most of the time, otherwise the drawn post's own text. */
export function untaggedText(rng: Rng, post: Pick<ComposedPost, 'lang' | 'text'>): string {
  return rng.next() < CHATTER_SHARE ? chatterText(rng, post.lang) : post.text;
}

/** One post of talk about the brand that needs nothing from it. */
export const chatterText = (rng: Rng, lang: 'ja' | 'en') => fill(rng, pickOne(rng, CHATTER[lang]));

/**
 * Plain questions the sample knowledge base answers (help-center.ts, DEMO_ARTICLES), in customers' own words: the
 * sandbox's LINE customers ask one now and then, so the answer bot and the agents' suggestions have work.
 */
export const FAQ_QUESTIONS: Record<'ja' | 'en', readonly string[]> = {
  ja: [
    'お店って何時まで開いてますか？',
    '日曜日も営業していますか？',
    '車で行きたいのですが、駐車場はありますか？',
    '吉祥寺駅からお店までの行き方を教えてください',
    '送料はいくらですか？',
    '注文してから届くまで何日くらいかかりますか？',
    'サイズが合わなかった服って返品できますか？',
    'ポイントってどうやって使うんですか？',
    'ポイントの有効期限はありますか？',
    'PayPayで支払えますか？',
    'プレゼント用にギフトラッピングってできますか？',
    'パスワードを忘れてしまいました。再設定の方法を教えてください',
    '店舗の在庫ってネットで確認できますか？',
    '注文したあとでもキャンセルってできますか？',
  ],
  en: [
    'What time does the store close?',
    'Is there parking at the store?',
    'How much does shipping cost?',
    'How do I return something that does not fit?',
    'Can I pay with PayPay?',
    'Do you do gift wrapping?',
    'I forgot my password, how do I reset it?',
    'How do I use my points?',
    'Can I check if a store has something in stock?',
  ],
};

/** One FAQ question in a language. */
export const faqQuestion = (rng: Rng, lang: 'ja' | 'en') => pickOne(rng, FAQ_QUESTIONS[lang]);
