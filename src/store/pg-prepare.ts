import type pg from 'pg';

/**
 * PostgreSQL parses and plans every unnamed statement again. A statement the desk runs over and over (claiming a job,
 * reading a conversation, storing a message) is given a name once it has run `after` times in this process, so each
 * connection prepares it once and then only binds and executes it: on the scale bench PostgreSQL's CPU per message
 * fell by about a quarter (docs/scale.md). At most `max` texts are named per process, so statements whose text varies
 * (`in (…)` lists of different lengths) never pile up on the server.
 *
 * A prepared statement outlives a schema change made by another process (a newer version migrating during a rolling
 * restart): PostgreSQL then refuses it ("cached plan must not change result type", or a dropped statement). Such a text
 * is never named again in this process, and the query is run again unnamed when it was not inside a transaction; inside
 * one the error ends the transaction as any error would (a job is retried, a request answered with an error once).
 */
export function preparingRepeated(pool: pg.Pool, opts: { after?: number; max?: number } = {}): void {
  const after = opts.after ?? 20;
  const max = opts.max ?? 300;
  const seen = new Map<string, number>();
  const names = new Map<string, string>();
  const refused = new Set<string>();
  let next = 1;

  const nameFor = (text: string): string | undefined => {
    const named = names.get(text);
    if (named) return named;
    if (names.size >= max || refused.has(text)) return undefined;
    const n = (seen.get(text) ?? 0) + 1;
    if (n < after) {
      if (seen.size < 10_000) seen.set(text, n);
      return undefined;
    }
    seen.delete(text);
    const name = `koe_${next++}`;
    names.set(text, name);
    return name;
  };

  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => Promise<pg.QueryResult>;
    let inTransaction = false;
    const patched = (config: unknown, ...rest: unknown[]): unknown => {
      // Kysely runs every query as (text, values) and its transactions as `begin` … `commit` / `rollback`.
      if (typeof config !== 'string' || rest.length !== 1 || !Array.isArray(rest[0])) return query(config, ...rest);
      const text = config;
      const values = rest[0];
      const verb = text.trimStart().slice(0, 9).toLowerCase();
      if (verb.startsWith('begin') || verb.startsWith('start')) inTransaction = true;
      else if (verb.startsWith('commit') || verb.startsWith('rollback')) inTransaction = false;
      const name = nameFor(text);
      if (!name) return query(text, values);
      const outside = !inTransaction;
      return query({ name, text, values }).catch((err: { code?: string }) => {
        // 0A000: the cached plan's result type changed; 26000: the named statement is gone.
        if (err?.code !== '0A000' && err?.code !== '26000') throw err;
        names.delete(text);
        refused.add(text);
        if (outside) return query(text, values);
        throw err;
      });
    };
    (client as unknown as { query: typeof patched }).query = patched;
  });
}
