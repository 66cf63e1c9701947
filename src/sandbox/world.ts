import type { BrandAccounts, SandboxPlatform } from './accounts';
import { CustomerBook } from './customers';
import { Transcript } from './transcript';

/** Decides when a simulated platform answers 429: a small random share, plus any the caller asked for. */
export class RateLimitInjector {
  private forced = new Map<SandboxPlatform, number>();
  constructor(
    public share = 0,
    private random: () => number = Math.random,
  ) {}

  /** The next `count` write calls to this platform are throttled (tests and demos of the retry path). */
  throttleNext(platform: SandboxPlatform, count = 1): void {
    this.forced.set(platform, (this.forced.get(platform) ?? 0) + count);
  }

  shouldThrottle(platform: SandboxPlatform): boolean {
    const left = this.forced.get(platform) ?? 0;
    if (left > 0) {
      this.forced.set(platform, left - 1);
      return true;
    }
    return this.share > 0 && this.random() < this.share;
  }
}

export interface LineReplyToken {
  userId: string;
  entryId: string;
  issuedAt: number;
  used: boolean;
}
export interface MetaComment {
  platform: 'facebook' | 'instagram';
  customerId: string;
  entryId: string;
  at: number;
  privatelyAnswered: boolean;
}
export interface XPost {
  id: string;
  authorId: string;
  text: string;
  createdAt: string;
  entryId: string;
}

/** A public Instagram post with hashtags, found only through hashtag search (it tags no account). */
export interface IgHashtagMedia {
  id: string;
  caption: string;
  timestamp: string;
  permalink: string;
  entryId: string;
}

/** Everything the simulated platforms know: the brand's accounts, the customers, and what was said. */
export class SandboxWorld {
  readonly customers = new CustomerBook();
  readonly transcript = new Transcript();
  readonly lineReplyTokens = new Map<string, LineReplyToken>();
  /** X-Line-Retry-Key → the request id LINE accepted under it. */
  readonly lineRetryKeys = new Map<string, string>();
  readonly metaComments = new Map<string, MetaComment>();
  /** Customer posts mentioning the brand, oldest first (the mentions timeline reads them newest first). */
  readonly xMentions: XPost[] = [];
  /** Public posts naming the brand without tagging it: only recent search finds them (listening). */
  readonly xUntagged: XPost[] = [];
  /** Instagram posts by hashtag, oldest first. */
  readonly igHashtagMedia: IgHashtagMedia[] = [];
  readonly rateLimits: RateLimitInjector;
  private seq = 0;

  constructor(
    readonly accounts: BrandAccounts,
    rateLimitShare = 0,
  ) {
    this.rateLimits = new RateLimitInjector(rateLimitShare);
  }

  /** Unique, increasing numbers for platform ids (X snowflakes must sort by time). */
  nextSeq(): number {
    return ++this.seq;
  }

  snowflake(): string {
    return ((BigInt(Date.now()) << 22n) | BigInt(this.nextSeq() % 4_194_304)).toString();
  }
}
