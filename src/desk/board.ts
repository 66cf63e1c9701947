import type { BoardItem, BoardStat, EscalationBoard } from '../contracts/routing';
import type { Db } from '../store/repositories';
import { conversations, escalations } from '../store/repositories';
import type { DeskSettings } from './settings';
import { slaOfItem } from './sla-view';

export interface BoardFilter {
  level?: number;
  status?: 'open' | 'accepted';
  ownerId?: string;
}

/** The supervisor's view of escalations still in flight, and where the process is slow. */
export async function escalationBoard(
  db: Db,
  workspaceId: string,
  settings: DeskSettings,
  f: BoardFilter = {},
): Promise<EscalationBoard> {
  const rows = await escalations.inFlight(db, workspaceId, f);
  const now = Date.now();
  const items: BoardItem[] = [];
  for (const r of rows) {
    const c = await conversations.item(db, workspaceId, r.conversation_id);
    if (!c) continue;
    if (f.ownerId && c.assignee?.id !== f.ownerId) continue;
    items.push({
      id: r.id,
      conversationId: r.conversation_id,
      preview: c.preview,
      customer: c.customer,
      channel: c.channel,
      fromLevel: Number(r.from_level),
      toLevel: Number(r.to_level),
      direction: r.direction as BoardItem['direction'],
      note: r.note,
      status: r.status as BoardItem['status'],
      from: r.from_agent_id ? { id: r.from_agent_id, name: r.from_name ?? '' } : null,
      owner: c.assignee,
      createdAt: r.created_at,
      acceptedAt: r.accepted_at,
      ageSeconds: Math.round((now - Date.parse(r.created_at)) / 1000),
      sla: slaOfItem(c, settings),
    });
  }
  return { items, stats: await escalationStats(db, workspaceId) };
}

/** Median-free but honest averages per level over the last 30 days: time to accept and time to resolve. */
export async function escalationStats(db: Db, workspaceId: string): Promise<BoardStat[]> {
  const since = new Date(Date.now() - 30 * 86_400_000).toISOString();
  const rows = await escalations.upSince(db, workspaceId, since);
  const byLevel = new Map<number, { total: number; open: number; accept: number[]; resolve: number[] }>();
  for (const r of rows) {
    const l = Number(r.to_level);
    const s = byLevel.get(l) ?? { total: 0, open: 0, accept: [], resolve: [] };
    s.total++;
    if (r.status === 'open' || r.status === 'accepted') s.open++;
    if (r.accepted_at) s.accept.push((Date.parse(r.accepted_at) - Date.parse(r.created_at)) / 1000);
    if (r.resolved_at) s.resolve.push((Date.parse(r.resolved_at) - Date.parse(r.created_at)) / 1000);
    byLevel.set(l, s);
  }
  const avg = (xs: number[]) => (xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : null);
  return [...byLevel.entries()]
    .sort(([a], [b]) => b - a)
    .map(([level, s]) => ({
      level,
      total: s.total,
      inFlight: s.open,
      avgSecondsToAccept: avg(s.accept),
      avgSecondsToResolve: avg(s.resolve),
    }));
}
