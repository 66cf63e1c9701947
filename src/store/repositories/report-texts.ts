import type { Db } from './types';

/** What customers wrote in a range of conversations, for the reports' rising phrases. */
export const reportTexts = {
  /**
   * The newest customer text (the inbox preview) of conversations begun in [from, to), at most `limit`: ordered by id,
   * which is a random UUID, so a capped list is a uniform sample of the range. `total` counts them all.
   */
  async sample(
    db: Db,
    workspaceId: string,
    from: string,
    to: string,
    filter: { channelId?: string; level?: number },
    limit: number,
  ): Promise<{ texts: string[]; total: number }> {
    let q = db
      .selectFrom('conversations')
      .where('workspace_id', '=', workspaceId)
      .where('created_at', '>=', from)
      .where('created_at', '<', to);
    if (filter.channelId) q = q.where('channel_id', '=', filter.channelId);
    if (filter.level !== undefined) q = q.where('level', '=', filter.level);
    const [rows, total] = await Promise.all([
      q.select('preview').orderBy('id').limit(limit).execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { texts: rows.map((r) => r.preview), total: Number(total.n) };
  },
};
