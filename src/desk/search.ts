import type { SearchHit } from '../contracts/search';
import { conversations, type Db } from '../store/repositories';
import { search, type SearchFilters } from '../store/repositories/search';
import { snippetOf } from '../search/snippet';
import { foldForSearch, searchPhrase } from '../search/tokens';

/**
 * The desk's one search box: customers whose name, email or handle contains the query (a few, first), then the newest
 * messages containing it. Each hit carries its conversation so the result list can say where it is and open it at
 * the message.
 */
export async function searchDesk(
  db: Db,
  workspaceId: string,
  q: string,
  filters: SearchFilters,
  limit: number,
): Promise<SearchHit[]> {
  const folded = foldForSearch(q).trim();
  // A conversation's reference (`{{conversation.id}}` in a saved reply: 8 characters, 「#A1B2C3D4」) opens it directly.
  const ref = /^#?([0-9a-f]{8})$/.exec(folded)?.[1];
  const referenced = ref ? await search.conversationByRef(db, workspaceId, ref) : undefined;
  const phrase = searchPhrase(q);
  // Customer matches ignore message filters; with filters set they are left out rather than half-filtered.
  const filtered = Object.values(filters).some((v) => v !== undefined);
  const [people, found] = await Promise.all([
    filtered ? [] : search.customers(db, workspaceId, folded, Math.min(5, limit)),
    phrase
      ? search.messages(db, workspaceId, phrase, filters, limit)
      : search.messagesScan(db, workspaceId, folded, filters, limit),
  ]);
  const items = new Map(
    (
      await conversations.items(db, workspaceId, [
        ...people.map((p) => p.conversationId),
        ...found.map((m) => m.conversationId),
      ])
    ).map((i) => [i.id, i]),
  );
  const hits: SearchHit[] = [];
  if (referenced) {
    const [c] = await conversations.items(db, workspaceId, [referenced]);
    if (c)
      hits.push({
        ...common(c),
        messageId: null,
        match: 'reference',
        snippet: `#${ref!.toUpperCase()}`,
        messageKind: null,
        at: c.lastMessageAt,
      });
  }
  for (const p of people) {
    const c = items.get(p.conversationId);
    if (!c) continue;
    const matched = [p.name, p.email, p.handle].find((v) => v && foldForSearch(v).includes(folded)) ?? p.name;
    hits.push({
      ...common(c),
      messageId: null,
      match: 'customer',
      snippet: matched,
      messageKind: null,
      at: c.lastMessageAt,
    });
  }
  for (const m of found) {
    const c = items.get(m.conversationId);
    if (!c) continue;
    hits.push({
      ...common(c),
      messageId: m.messageId,
      match: 'message',
      snippet: snippetOf(m.text, q),
      messageKind: m.kind as 'customer' | 'reply' | 'note',
      at: m.createdAt,
    });
  }
  return hits.slice(0, limit);
}

const common = (c: Awaited<ReturnType<typeof conversations.items>>[number]) => ({
  conversationId: c.id,
  customer: c.customer,
  channel: c.channel,
  status: c.status,
  firstResponseAt: c.firstResponseAt,
  level: c.level,
});
