import { newId } from '../src/domain/ids';
import type { Db } from '../src/store/repositories';
import { NOT_WAITING } from '../src/store/repositories/conversations';
import { benchWorkspace } from './seed';

/** A small deterministic generator, so every run seeds the same desk. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const KINDS = ['webchat', 'x', 'line', 'email', 'facebook'] as const;
const CATEGORIES = ['question', 'billing_error', 'defect', 'delivery', 'outage', 'praise', 'purchase_intent'];
const SENTIMENTS = ['negative', 'neutral', 'neutral', 'positive'];

/**
 * A desk as it looks after `days` of work: 5 channels, 50 agents, 5 teams; `conversations` spread evenly over the
 * days, `messagesPer` messages each (customer and agent alternating); 85% answered (first reply within a minute to
 * two days), most answered ones resolved, 8% spam, 5% escalated, recent ones still open. Written straight to the
 * tables in large transactions; the database's triggers (inbox counts, report staleness) fire as for any write.
 */
export async function seedDesk(db: Db, o: { conversations: number; days: number; messagesPer: number }) {
  const rnd = random(20261207);
  const { ws, ch, now } = await benchWorkspace(db);
  const nowMs = Date.parse(now);
  const channels = [ch];
  for (const kind of KINDS.slice(1)) {
    const id = newId();
    await db
      .insertInto('channels')
      .values({
        id,
        workspace_id: ws,
        kind,
        name: kind,
        public_key: newId(),
        settings: '{}',
        credentials_enc: null,
        created_at: now,
        deleted_at: null,
      })
      .execute();
    channels.push(id);
  }
  const agentIds: string[] = [];
  for (let i = 0; i < 50; i++) {
    const id = newId();
    agentIds.push(id);
    await db
      .insertInto('agents')
      .values({
        id,
        workspace_id: ws,
        email: `agent${i}@bench.example`,
        name: `agent ${i}`,
        display_name: `agent ${i}`,
        role: 'agent',
        level: 1 + (i % 3),
        skills: '[]',
        password_hash: 'x',
        active: 1,
        locale: 'ja',
        created_at: now,
        updated_at: now,
        last_assigned_at: null,
        login_failures_since: null,
        login_locked_until: null,
        totp_secret: null,
        totp_pending: null,
      } as never)
      .execute();
  }
  const teamIds: string[] = [];
  for (let i = 0; i < 5; i++) {
    const id = newId();
    teamIds.push(id);
    await db
      .insertInto('teams')
      .values({ id, workspace_id: ws, name: `team ${i}`, created_at: now })
      .execute();
  }
  const customer = newId();
  await db
    .insertInto('customers')
    .values({ id: customer, workspace_id: ws, name: 'c', email: null, created_at: now })
    .execute();

  const span = o.days * 86_400_000;
  const batch = 500;
  let messages = 0;
  for (let i = 0; i < o.conversations; i += batch * 20) {
    await db.transaction().execute(async (tx) => {
      for (let j = i; j < Math.min(o.conversations, i + batch * 20); j += batch) {
        const convs = [];
        const msgs = [];
        const escs = [];
        for (let k = j; k < Math.min(o.conversations, j + batch); k++) {
          const created = nowMs - span + Math.floor((k / o.conversations) * span) + Math.floor(rnd() * 60_000);
          const age = nowMs - created;
          const spam = rnd() < 0.08;
          const level = spam ? 0 : [0, 1, 1, 1, 2, 2, 3][Math.floor(rnd() * 7)];
          const answered = !spam && rnd() < 0.85;
          const frt = Math.floor(60_000 * Math.exp(rnd() * Math.log(2880)));
          const firstAt = answered && created + frt < nowMs ? created + frt : null;
          const resolved = firstAt !== null && age > 2 * 86_400_000 && rnd() < 0.9;
          const id = newId();
          const iso = (t: number) => new Date(t).toISOString();
          let t = created;
          for (let m = 0; m < o.messagesPer; m++) {
            const reply = m % 2 === 1 && firstAt !== null;
            t = m === 1 && firstAt !== null ? firstAt : t + Math.floor(rnd() * 1_800_000);
            if (t > nowMs) break;
            msgs.push({
              id: newId(),
              conversation_id: id,
              kind: reply ? 'reply' : 'customer',
              text: reply ? 'お問い合わせありがとうございます' : '注文した商品について',
              author_type: reply ? 'agent' : 'customer',
              author_id: null,
              author_name: reply ? 'agent' : 'c',
              inbound_event_id: null,
              client_message_id: null,
              created_at: iso(t),
              meta: k % 3 === 0 ? '{"visibility":"public"}' : null,
            });
          }
          const status = spam ? 'closed' : resolved ? 'resolved' : firstAt !== null ? 'pending' : 'open';
          convs.push({
            id,
            workspace_id: ws,
            channel_id: channels[k % channels.length],
            customer_id: customer,
            status,
            level,
            priority: level * 25,
            sentiment: SENTIMENTS[k % SENTIMENTS.length],
            categories: JSON.stringify([CATEGORIES[Math.floor(rnd() * CATEGORIES.length)]]),
            tags: '[]',
            assignee_id: firstAt !== null ? agentIds[k % agentIds.length] : null,
            team_id: teamIds[k % teamIds.length],
            preview: `conversation ${k}`,
            last_message_at: iso(t),
            waiting_since: status === 'open' ? iso(created) : null,
            sort_wait: status === 'open' ? iso(created) : NOT_WAITING,
            first_response_at: firstAt === null ? null : iso(firstAt),
            resolved_at: resolved ? iso(t + 600_000) : null,
            created_at: iso(created),
            updated_at: iso(t),
            flag: spam ? 'spam' : null,
            triage_reasons: '[]',
            triage_mark: null,
          });
          if (!spam && rnd() < 0.05)
            escs.push({
              id: newId(),
              workspace_id: ws,
              conversation_id: id,
              direction: 'up',
              from_agent_id: null,
              from_level: Math.max(1, level),
              to_level: Math.min(3, Math.max(1, level) + 1),
              to_team_id: null,
              to_agent_id: null,
              note: '',
              status: 'accepted',
              created_at: iso(created + 60_000),
              accepted_at: iso(created + 60_000 + Math.floor(rnd() * 3_600_000)),
              accepted_by: null,
              resolved_at: null,
            });
        }
        await tx.insertInto('conversations').values(convs).execute();
        for (let m = 0; m < msgs.length; m += 1000)
          await tx
            .insertInto('messages')
            .values(msgs.slice(m, m + 1000))
            .execute();
        if (escs.length) await tx.insertInto('escalations').values(escs).execute();
        messages += msgs.length;
      }
    });
  }
  return { ws, channels, agentIds, teamIds, now, messages };
}
