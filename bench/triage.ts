// Triage throughput vs Intl.Segmenter word segmentation on the same ~60-char
// Japanese posts. Prints start-up time, memory at each stage and a final RESULT line.
//
// Memory is process RSS (what the 150 MB target is about), read at each stage so
// the triage module's share is visible: the Node runtime plus the tsx loader
// thread are already resident before triage is imported, and the Intl.Segmenter
// baseline (ICU's Japanese dictionary) is measured *after* triage so it does not
// inflate the triage figure. `peak` is the process high-water mark (maxRSS).
import { performance } from 'node:perf_hooks';

const OPENERS = [
  '',
  '@KoeMart ',
  '#KoeMartサポート ',
  'すみません、',
  '昨日',
  '今朝',
  'さっき',
  'お世話になっております。',
  'ｱﾌﾟﾘで',
  '先週',
];
const BODIES = [
  '注文した商品が届いたのですが、箱を開けたら中のグラスが割れていました',
  'クレジットカードで決済したら同じ金額が２回請求されていて困っています',
  'アプリにログインしようとするとエラーが出て何もできない状態です',
  '来週の土曜日に４名で予約したいのですが、個室は空いていますか',
  '新作のスニーカーのサイズ感を知りたいです。普段は２６cmを履いています',
  'スタッフさんの対応がとても丁寧で、また利用したいと思いました',
  '友人の誕生日にサプライズをしたくて、ケーキの持ち込みについて相談したいです',
  'ポイントの有効期限と使い方をもう一度教えてもらえますか',
  '定期便のお届け日を来月から変更したいので手続きをお願いします',
  'フォローで当選！現金プレゼント企画、詳しくはプロフのリンクから',
  '充電中にバッテリーが異常に熱くなって焦げたようなにおいがしました',
  '解約したはずなのに今月も月額料金が引き落とされているのはなぜですか',
  '夜になると回線がつながらなくなって在宅勤務に支障が出ています',
  'こんな対応をする会社だとは思いませんでした、拡散させてもらいます',
  '今日は天気が良いので家族で近所の公園まで散歩してきました',
];
const CLOSERS = [
  '',
  '。',
  '！',
  '？',
  '😡',
  '👏',
  '😊',
  '。よろしくお願いします',
  '。至急お願いします',
  '…',
  '。https://example.com/x',
];

/** Deterministic LCG so every run measures the same posts. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function generatePosts(count: number, seed = 42): string[] {
  const next = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(next() * xs.length)];
  const posts: string[] = [];
  for (let i = 0; i < count; i++) {
    let text = `${pick(OPENERS)}${pick(BODIES)}${pick(CLOSERS)}`;
    if (text.length < 55) text += pick(BODIES).slice(0, 60 - text.length);
    posts.push(text.slice(0, 64));
  }
  return posts;
}

function measure(label: string, posts: string[], fn: (text: string) => unknown, minMs = 1500): number {
  for (let i = 0; i < Math.min(posts.length, 2000); i++) fn(posts[i]); // warm-up (JIT)
  let done = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (const p of posts) fn(p);
    done += posts.length;
    elapsed = performance.now() - start;
  }
  const rate = (done / elapsed) * 1000;
  console.log(
    `${label.padEnd(28)} ${Math.round(rate).toLocaleString('en-US').padStart(10)} posts/s  (${done} posts in ${elapsed.toFixed(0)} ms)`,
  );
  return rate;
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export async function benchTriage(): Promise<void> {
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const { analyse } = await import('../src/triage/index');
  analyse({ text: '昨日来店してクレジットカードで決済したのですが、二重請求になっていました。' });
  const startupMs = performance.now() - t0;
  const rssStartup = process.memoryUsage().rss;

  const posts = generatePosts(5000);
  const avgLen = posts.reduce((a, p) => a + p.length, 0) / posts.length;
  console.log(`triage bench: ${posts.length} generated Japanese posts, average ${avgLen.toFixed(1)} chars`);
  console.log(`start-up (import + first analyse): ${startupMs.toFixed(1)} ms`);

  const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });
  const segment = (text: string): number => {
    let n = 0;
    for (const s of segmenter.segment(text)) if (s.isWordLike) n++;
    return n;
  };
  const triage = measure('koe triage analyse()', posts, (t) => analyse({ text: t }));
  // A workspace with a brand profile (issue 13): brands, products, hashtags and competitors in several spellings.
  const brands = {
    brands: ['コエマート', 'Koe Mart', 'KoeMart', 'ｺｴﾏｰﾄ', 'コエ'],
    products: ['ポチ丸', 'Pochimaru', 'コエ電気', 'Koe Mobile'],
    hashtags: ['#KoeMartサポート', '#コエマート'],
    competitors: ['ライバル商店', 'Rival Store', 'ソラ家電', 'Sora Denki', 'カモメ通信', 'Kamome'],
  };
  const withBrands = measure('analyse() + brand profile', posts, (t) => analyse({ text: t }, { brands }));
  const afterTriage = process.memoryUsage();
  const peakAfterTriage = process.resourceUsage().maxRSS * 1024;
  const baseline = measure('Intl.Segmenter (baseline)', posts, segment);
  const rssEnd = process.memoryUsage().rss;

  console.log(
    `rss: ${mb(rssBefore)} before import (node + tsx loader), ${mb(rssStartup)} after start-up, ` +
      `${mb(afterTriage.rss)} after the triage run (peak ${mb(peakAfterTriage)}); ` +
      `${mb(rssEnd)} after the Intl.Segmenter baseline`,
  );
  console.log(`heap used after the triage run: ${mb(afterTriage.heapUsed)}`);
  console.log(
    `RESULT triage posts_per_s=${Math.round(triage)} ratio_vs_segmenter=${(triage / baseline).toFixed(2)} ` +
      `posts_per_s_with_brands=${Math.round(withBrands)} ` +
      `rss_mb=${(afterTriage.rss / 1024 / 1024).toFixed(1)} peak_rss_mb=${(peakAfterTriage / 1024 / 1024).toFixed(1)}`,
  );
}
