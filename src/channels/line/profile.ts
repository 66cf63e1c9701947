import type { ChannelContext } from '../plugin';
import { customers } from '../../store/repositories';
import { lineApi, type LineCredentials } from './credentials';
import { customerIdOf, placeholderNameOf, type LineOrigin } from './parse';

const TTL_MS = 60 * 60_000;
/**
 * A lookup that failed (LINE down or slow, a user who blocked the account) is not tried again for this long, so an
 * outage costs one timeout per user every few minutes, not one per message.
 */
const FAILURE_TTL_MS = 5 * 60_000;
const MAX_ENTRIES = 5_000;
// Lookups run in the processing job (never before the acknowledgement); this bounds how long one holds a job slot.
const LOOKUP_TIMEOUT_MS = 1_500;

/**
 * Display names of LINE users, fetched best effort and cached, failures included. When LINE cannot tell (no user id,
 * timeout, error), the name Koe already stored wins over the placeholder, so a known customer is never renamed to it.
 */
export class LineProfiles {
  private cache = new Map<string, { name: string | null; at: number }>();
  /** One request per user at a time: two first messages processed together share the lookup. */
  private inFlight = new Map<string, Promise<string | null>>();

  constructor(private ctx: ChannelContext) {}

  async displayName(channelId: string, creds: LineCredentials, origin: LineOrigin): Promise<string> {
    const key = `${channelId}:${customerIdOf(origin)}`;
    const hit = this.cache.get(key);
    const fresh = hit && Date.now() - hit.at < (hit.name ? TTL_MS : FAILURE_TTL_MS);
    const name = fresh ? hit.name : origin.userId ? await this.lookup(key, channelId, creds, origin) : null;
    return name ?? (await this.storedName(channelId, customerIdOf(origin))) ?? placeholderNameOf(origin);
  }

  private lookup(key: string, channelId: string, creds: LineCredentials, origin: LineOrigin): Promise<string | null> {
    const running = this.inFlight.get(key);
    if (running) return running;
    const lookup = this.fetch(creds, origin)
      .catch((err: unknown) => {
        this.ctx.log.warn({ err: String(err), channelId }, 'LINE profile lookup failed');
        return null;
      })
      .then((name) => {
        this.cache.delete(key);
        if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
        this.cache.set(key, { name, at: Date.now() });
        return name;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, lookup);
    return lookup;
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
