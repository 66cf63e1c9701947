import { createRng, pickOne, type Rng } from '../simulation/random';
import { analyse } from '../triage';
import { countArrival } from '../desk/incidents';
import { agents, channels, history, listening, teams, type Db } from '../store/repositories';
import type { SandboxPlatform } from './accounts';
import { SANDBOX_NAME_PREFIX } from './connect';
import { CustomerBook } from './customers';
import { composePost, DEFAULT_MIX, untaggedText } from './traffic';

// A past month of a desk's work, written into a fresh workspace so a newcomer's reports page has something to show
// (`KOE_SANDBOX_HISTORY_DAYS`, `koe sandbox --history 30d`). Posts come from the sandbox's own traffic generator and
// are labelled by the real analyser; answers follow the desk's targets loosely — urgent ones in minutes, the rest
// within the hour in business hours and the next morning outside them — with a tail of slow and unanswered ones.

const HOUR = 3_600_000;
const MIN = 60_000;
const TOKYO = 9 * HOUR;

/** Posts per hour of the day (Tokyo), relative: quiet at night, busy at lunch and in the evening. */
const HOURLY = [1, 0.6, 0.4, 0.3, 0.3, 0.5, 1, 2, 3, 4, 4.5, 4.5, 5.5, 5, 4.5, 4, 4, 4.5, 5, 5.5, 6, 5.5, 4, 2.5];

const REPLIES = {
  ja: [
    '担当の{agent}です。お問い合わせありがとうございます。ご不便をおかけし申し訳ありません。確認のうえご案内いたします。',
    '担当の{agent}です。ご連絡ありがとうございます。詳細をお調べしましたので、ご案内いたします。',
    '{agent}です。ご指摘ありがとうございます。すぐに対応いたします。',
  ],
  en: [
    "Hi, this is {agent} from support. Thanks for reaching out, and sorry for the trouble. Here's what we can do.",
    "This is {agent}. Thanks for letting us know; I've looked into it and here are the details.",
  ],
};
const COMMENTS = {
  ja: {
    high: ['対応が早くて助かりました', '丁寧でした', ''],
    low: ['返事が遅かったです', '説明がわかりにくかったです'],
  },
  en: { high: ['Quick and helpful, thanks', ''], low: ['Took too long to hear back', 'Not really solved'] },
};

/** Minutes to the first reply for a post of this level, drawn with a long tail (log-normal-like). */
function drawFrtMin(rng: Rng, level: number): number {
  const median = level >= 3 ? 4 : level === 2 ? 25 : 55;
  return Math.max(1, Math.round(median * Math.exp((rng.next() + rng.next() + rng.next() - 1.5) * 1.6)));
}

/** Outside 09:00–18:00 Tokyo on weekdays, a reply to a non-urgent post waits for the next opening. */
function nextOpening(ms: number): number {
  for (let t = ms, i = 0; i < 24 * 8; i++, t = Math.floor((t + HOUR) / HOUR) * HOUR) {
    const local = new Date(t + TOKYO);
    const wd = local.getUTCDay();
    const h = local.getUTCHours();
    if (wd >= 1 && wd <= 5 && h >= 9 && h < 18) return t;
  }
  return ms;
}

export interface SeededHistory {
  conversations: number;
  days: number;
}

/**
 * Writes `days` days of past conversations (ending yesterday) into the workspace's sandbox channels, answered by its
 * agents. Only into a workspace with no conversation older than today; returns null when there was nothing to do.
 */
export async function seedHistory(
  db: Db,
  workspaceId: string,
  o: { days: number; perDay?: number; seed?: number; now?: Date },
): Promise<SeededHistory | null> {
  const now = o.now ?? new Date();
  const today = Math.floor((now.getTime() + TOKYO) / (24 * HOUR)) * 24 * HOUR - TOKYO;
  if (await history.hasConversationsBefore(db, workspaceId, new Date(today).toISOString())) return null;
  const byKind = new Map<string, string>();
  for (const c of await channels.list(db, workspaceId))
    if (c.name.startsWith(SANDBOX_NAME_PREFIX) && !byKind.has(c.kind)) byKind.set(c.kind, c.id);
  if (!byKind.size) throw new Error('No sandbox channels in this workspace yet: connect the sandbox first');
  const staff = (await agents.list(db, workspaceId)).filter((a) => a.active);
  if (!staff.length) throw new Error('The workspace has no active agent to answer the history');
  const teamIds = (await teams.list(db, workspaceId)).map((t) => t.id);
  const rng = createRng(o.seed ?? 20261207);
  const book = new CustomerBook();
  const platforms = Object.fromEntries(Object.entries(DEFAULT_MIX.platforms).filter(([p]) => byKind.has(p))) as Record<
    SandboxPlatform,
    number
  >;
  const perDay = o.perDay ?? 60;
  const hourTotal = HOURLY.reduce((a, b) => a + b, 0);
  let written = 0;
  // The generator draws names from a short list: each seeded customer gets an address of their own.
  const used = new Set<string>();
  const unique = (platform: string, id: string) => {
    let candidate = id;
    for (let n = 2; used.has(`${platform}:${candidate}`); n++)
      candidate = platform === 'email' ? id.replace('@', `+${n}@`) : `${id}${n}`;
    used.add(`${platform}:${candidate}`);
    return candidate;
  };
  // The sandbox's listening queries (one per X and Instagram channel) get a month of what they would have found.
  const queries = (await listening.queries(db, workspaceId, new Date(0).toISOString())).filter((q) =>
    [...byKind.values()].includes(q.channel.id),
  );
  // All of it or none: a failure leaves no half-written history behind, so the seeding can simply run again.
  await db.transaction().execute(async (tx) => {
    for (let d = o.days; d >= 1; d--) {
      const dayStart = today - d * 24 * HOUR;
      const weekday = new Date(dayStart + TOKYO).getUTCDay();
      // Weekends are quieter; volume drifts a little from day to day.
      const volume = Math.round(perDay * (weekday === 0 || weekday === 6 ? 0.7 : 1) * (0.85 + rng.next() * 0.3));
      for (let i = 0; i < volume; i++) {
        let pickHour = rng.next() * hourTotal;
        let hour = 0;
        while (pickHour > HOURLY[hour] && hour < 23) pickHour -= HOURLY[hour++];
        const at = dayStart + hour * HOUR + Math.floor(rng.next() * HOUR);
        const post = composePost(rng, { ...DEFAULT_MIX, platforms });
        const triage = analyse({ text: post.text });
        const customer = book.create(post.platform, post.lang, (n) => Math.floor(rng.next() * n));
        const setAside = triage.flags.spam || triage.flags.troll;
        const agent = pickOne(rng, staff);
        const answered = !setAside && rng.next() < (triage.level >= 2 ? 0.95 : 0.8);
        let replyAt = at + drawFrtMin(rng, triage.level) * MIN;
        if (triage.level < 3) replyAt = Math.max(replyAt, nextOpening(at) + Math.floor(rng.next() * 40) * MIN);
        const reply = answered && replyAt < now.getTime() ? replyAt : null;
        const resolvedAt =
          reply !== null && rng.next() < 0.9 ? reply + (10 + Math.floor(rng.next() * 240)) * MIN : null;
        const resolved = resolvedAt !== null && resolvedAt < now.getTime() ? resolvedAt : null;
        const escalated = !setAside && triage.level >= 2 && rng.next() < 0.08;
        const fast = reply !== null && reply - at < (triage.level >= 3 ? 10 : 60) * MIN;
        const score = fast ? (rng.next() < 0.8 ? 5 : 4) : rng.next() < 0.5 ? 3 : rng.next() < 0.5 ? 2 : 4;
        const comments = COMMENTS[post.lang][score >= 4 ? 'high' : 'low'];
        const iso = (t: number) => new Date(t).toISOString();
        const externalId = unique(post.platform, customer.id);
        await history.insert(tx, {
          workspaceId,
          channelId: byKind.get(post.platform)!,
          customer: {
            name: customer.name,
            externalId,
            handle: customer.handle,
            email: post.platform === 'email' ? externalId : null,
          },
          createdAt: iso(at),
          text: post.text,
          visibility: post.visibility,
          level: triage.level,
          priority: triage.priority,
          sentiment: triage.sentiment,
          categories: triage.categories,
          flag: triage.flags.spam ? 'spam' : triage.flags.troll ? 'troll' : null,
          teamId: teamIds.length ? pickOne(rng, teamIds) : null,
          reply:
            reply === null
              ? null
              : {
                  agentId: agent.id,
                  agentName: agent.displayName || agent.name,
                  text: pickOne(rng, REPLIES[post.lang]).replace(
                    '{agent}',
                    (agent.displayName || agent.name).split(' ')[0],
                  ),
                  at: iso(reply),
                },
          resolvedAt: resolved === null ? null : iso(resolved),
          escalation:
            escalated && reply !== null
              ? {
                  fromLevel: triage.level,
                  toLevel: Math.min(3, triage.level + 1),
                  at: iso(at + 2 * MIN),
                  acceptedAt: iso(at + (3 + Math.floor(rng.next() * 20)) * MIN),
                  agentId: agent.id,
                }
              : null,
          survey:
            resolved !== null && rng.next() < 0.35
              ? {
                  kind: 'csat',
                  score,
                  comment: pickOne(rng, comments) || null,
                  askedAt: iso(resolved + MIN),
                  answeredAt: iso(resolved + (5 + Math.floor(rng.next() * 120)) * MIN),
                  lang: post.lang,
                }
              : null,
        });
        // Counted as a live conversation would be, so the last day's history is the spike checks' baseline.
        await countArrival(tx, workspaceId, triage.categories, iso(at));
        written++;
      }
      await seedListenedDay(tx, workspaceId, queries, rng, { dayStart, count: Math.round(volume / 3), now });
    }
  });
  return { conversations: written, days: o.days };
}

/**
 * A day of posts found by listening that needed no answer — talk about the brand, spam. The ones that needed an answer
 * would have become conversations, which this history does not write for them: they are left out (today's traffic
 * shows them, with their conversations).
 */
async function seedListenedDay(
  db: Db,
  workspaceId: string,
  queries: Array<{ id: string; channel: { id: string; kind: string } }>,
  rng: Rng,
  o: { dayStart: number; count: number; now: Date },
): Promise<void> {
  if (!queries.length) return;
  const book = new CustomerBook();
  for (let i = 0; i < o.count; i++) {
    const q = pickOne(rng, queries);
    const platform = q.channel.kind === 'instagram' ? 'instagram' : 'x';
    const drawn = composePost(rng, DEFAULT_MIX, platform);
    const text = `${untaggedText(rng, drawn)} ${drawn.lang === 'ja' ? '#Koeマート' : '#KoeMart'}`;
    const at = o.dayStart + Math.floor(rng.next() * 24 * HOUR);
    if (at >= o.now.getTime()) continue;
    const triage = analyse({ text });
    if (triage.level >= 1 && !triage.flags.spam && !triage.flags.troll) continue;
    const author = platform === 'x' ? book.create('x', drawn.lang, (n) => Math.floor(rng.next() * n)) : null;
    await listening.addPost(db, {
      workspaceId,
      queryId: q.id,
      channelId: q.channel.id,
      externalId: `history-${q.channel.id.slice(0, 8)}-${at}-${i}`,
      authorName: author?.name ?? null,
      authorHandle: author?.handle ?? null,
      text,
      url: null,
      postedAt: new Date(at).toISOString(),
      level: triage.level,
      sentiment: triage.sentiment,
      categories: triage.categories,
      flag: triage.flags.spam ? 'spam' : triage.flags.troll ? 'troll' : null,
      competitor: Boolean(triage.flags.competitor),
    });
  }
}
