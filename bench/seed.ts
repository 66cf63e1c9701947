import { newId } from '../src/domain/ids';
import type { Db } from '../src/store/repositories';

/** A workspace with one web chat channel, written straight to the tables: what every bench seeds its data into. */
export async function benchWorkspace(db: Db): Promise<{ ws: string; ch: string; now: string }> {
  const ws = newId(),
    ch = newId(),
    now = new Date().toISOString();
  await db.insertInto('workspaces').values({ id: ws, name: 'bench', created_at: now }).execute();
  await db
    .insertInto('channels')
    .values({
      id: ch,
      workspace_id: ws,
      kind: 'webchat',
      name: 'chat',
      public_key: newId(),
      settings: '{}',
      credentials_enc: null,
      created_at: now,
      deleted_at: null,
    })
    .execute();
  return { ws, ch, now };
}
