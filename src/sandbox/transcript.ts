import { randomUUID } from 'node:crypto';
import type { SandboxPlatform } from './accounts';

/** One thing a customer saw on a platform: their own post, or the brand's answer to them. */
export interface TranscriptEntry {
  id: string;
  platform: SandboxPlatform;
  customer: { id: string; name: string };
  author: 'customer' | 'brand';
  /** Public: a comment, post or mention everyone sees. Private: a DM, LINE chat or email. */
  visibility: 'public' | 'private';
  text: string;
  at: string;
  /** For a brand answer: the customer entry it answers, when the platform call names one. */
  inReplyTo: string | null;
  /** The platform's id of the post (tweet id, comment id, LINE message id, Message-ID…). */
  externalId: string;
  /**
   * The brand liked or reposted the customer's post `inReplyTo` (Koe's amplify action); `text` then reads
   * 「Koeマートがいいねしました」 or 「Koeマートがリポストしました」.
   */
  reaction?: { kind: 'like' | 'repost'; by: string; target: string };
  /** Posted publicly without tagging the brand: Koe can find it only by listening (recent or hashtag search). */
  untagged?: boolean;
  /** Buttons offered with a brand message (LINE quick replies): what the customer can tap, and what comes back. */
  choices?: { label: string; data: string }[];
}

export const REACTION_TEXT = { like: 'Koeマートがいいねしました', repost: 'Koeマートがリポストしました' } as const;

const MAX_PER_PLATFORM = 500;

/** What each customer saw, per platform; bounded so a long demo does not grow without end. */
export class Transcript {
  private entries: TranscriptEntry[] = [];

  add(entry: Omit<TranscriptEntry, 'id' | 'at'> & { at?: string }): TranscriptEntry {
    const full: TranscriptEntry = { id: randomUUID(), at: new Date().toISOString(), ...entry };
    this.entries.push(full);
    const same = this.entries.filter((e) => e.platform === full.platform);
    if (same.length > MAX_PER_PLATFORM) this.entries.splice(this.entries.indexOf(same[0]), 1);
    return full;
  }

  list(platform?: SandboxPlatform): TranscriptEntry[] {
    return platform ? this.entries.filter((e) => e.platform === platform) : [...this.entries];
  }

  byExternalId(platform: SandboxPlatform, externalId: string): TranscriptEntry | undefined {
    return this.entries.find((e) => e.platform === platform && e.externalId === externalId);
  }

  /** The brand's like or repost of a customer post, once per kind (repeated calls do not add another). */
  reactionTo(platform: SandboxPlatform, targetEntryId: string, kind: 'like' | 'repost'): TranscriptEntry | undefined {
    return this.entries.find(
      (e) => e.platform === platform && e.inReplyTo === targetEntryId && e.reaction?.kind === kind,
    );
  }

  /** The newest post of a customer on a platform: what a push or DM without an explicit target answers. */
  lastFrom(platform: SandboxPlatform, customerId: string): TranscriptEntry | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i];
      if (e.platform === platform && e.author === 'customer' && e.customer.id === customerId) return e;
    }
    return undefined;
  }
}
