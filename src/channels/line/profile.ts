import type { ChannelContext } from '../plugin';
import { customers } from '../../store/repositories';
import { lineApi, type LineCredentials } from './credentials';
import { customerIdOf, LINE_FALLBACK_NAME, type LineOrigin } from './parse';

const TTL_MS = 60 * 60_000;
const MAX_ENTRIES = 5_000;
// The webhook is acknowledged only after recording, so a slow profile API must not hold it up for long.
const LOOKUP_TIMEOUT_MS = 1_500;

/**
 * Display names of LINE users, fetched best effort and cached. When LINE cannot tell (no user id, timeout,
 * error), the name Koe already stored wins over the placeholder, so a known customer is never renamed to it.
 */
export class LineProfiles {
  private cache = new Map<string, { name: string; at: number }>();

  constructor(private ctx: ChannelContext) {}

  async displayName(channelId: string, creds: LineCredentials, origin: LineOrigin): Promise<string> {
    const key = `${channelId}:${customerIdOf(origin)}`;
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.name;
    const fetched = origin.userId
      ? await this.fetch(creds, origin).catch((err: unknown) => {
          this.ctx.log.warn({ err: String(err), channelId }, 'LINE profile lookup failed');
          return null;
        })
      : null;
    if (fetched) {
      if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, { name: fetched, at: Date.now() });
      return fetched;
    }
    return (
      (await this.storedName(channelId, customerIdOf(origin))) ?? (origin.userId ? LINE_FALLBACK_NAME : 'LINEグループ')
    );
  }

  private async fetch(creds: LineCredentials, origin: LineOrigin): Promise<string | null> {
    const api = lineApi(creds);
    const userId = origin.userId!;
    // Group and room members who are not friends of the account are only visible through the member endpoints.
    const lookup = origin.groupId
      ? api.getGroupMemberProfile(origin.groupId, userId)
      : origin.roomId
        ? api.getRoomMemberProfile(origin.roomId, userId)
        : api.getProfile(userId);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), LOOKUP_TIMEOUT_MS);
    });
    try {
      const profile = await Promise.race([lookup, timeout]);
      return profile?.displayName?.trim() || null;
    } finally {
      clearTimeout(timer);
    }
  }

  private async storedName(channelId: string, externalId: string): Promise<string | undefined> {
    return (await customers.byIdentity(this.ctx.db, channelId, externalId))?.name;
  }
}
