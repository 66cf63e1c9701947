import { randomBytes } from 'node:crypto';
import type { SandboxPlatform } from './accounts';

/** A simulated customer as one platform knows them. */
export interface SandboxCustomer {
  platform: SandboxPlatform;
  /** LINE user id, PSID, IGSID, X user id or email address. */
  id: string;
  name: string;
  /** Instagram/X username, or the email local part. */
  handle: string;
  lang: 'ja' | 'en';
}

const JA_NAMES: readonly (readonly [string, string])[] = [
  ['佐藤 美咲', 'misaki_sato'],
  ['鈴木 健太', 'kenta_suzuki'],
  ['高橋 さくら', 'sakura_t'],
  ['田中 翔', 'sho_tanaka'],
  ['伊藤 陽菜', 'hina_ito'],
  ['渡辺 大輔', 'daisuke_w'],
  ['山本 葵', 'aoi_yamamoto'],
  ['中村 蓮', 'ren_nakamura'],
  ['小林 結衣', 'yui_kobayashi'],
  ['加藤 悠真', 'yuma_kato'],
  ['吉田 真央', 'mao_yoshida'],
  ['山田 拓海', 'takumi_y'],
  ['松本 彩花', 'ayaka_matsu'],
  ['井上 颯', 'hayate_inoue'],
  ['木村 七海', 'nanami_kimura'],
  ['林 和也', 'kazuya_hayashi'],
];
const EN_NAMES: readonly (readonly [string, string])[] = [
  ['Emily Carter', 'emcarter'],
  ['James Miller', 'jmiller'],
  ['Olivia Brown', 'liv_brown'],
  ['Noah Wilson', 'noahw'],
  ['Sophie Martin', 'sophie_m'],
  ['Liam Walker', 'liamwalks'],
  ['Chloe Evans', 'chloe_ev'],
  ['Ethan Clarke', 'ethanc'],
];

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const numeric = (length: number) =>
  Array.from(randomBytes(length), (b) => String(b % 10))
    .join('')
    .replace(/^0/, '7');

/** Each platform has its own id format; Koe must treat them as opaque, but they should look real. */
function platformId(platform: SandboxPlatform, handle: string, lang: 'ja' | 'en'): string {
  switch (platform) {
    case 'line':
      return `U${hex(16)}`;
    case 'facebook':
      return numeric(16);
    case 'instagram':
      return numeric(17);
    case 'x':
      return numeric(10);
    case 'email':
      return `${handle.replace(/_/g, '.')}.${hex(2)}@${lang === 'ja' ? 'example.jp' : 'example.com'}`;
  }
}

/** Everyone who has written to the brand on one sandbox run, per platform. */
export class CustomerBook {
  private byKey = new Map<string, SandboxCustomer>();

  create(platform: SandboxPlatform, lang: 'ja' | 'en', pick: (n: number) => number): SandboxCustomer {
    const names = lang === 'ja' ? JA_NAMES : EN_NAMES;
    const [name, handle] = names[pick(names.length)];
    const customer: SandboxCustomer = { platform, id: platformId(platform, handle, lang), name, handle, lang };
    this.byKey.set(`${platform}:${customer.id}`, customer);
    return customer;
  }

  get(platform: SandboxPlatform, id: string): SandboxCustomer | undefined {
    return this.byKey.get(`${platform}:${id}`);
  }

  list(platform: SandboxPlatform): SandboxCustomer[] {
    return [...this.byKey.values()].filter((c) => c.platform === platform);
  }
}
