import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparingRepeated } from '../../src/store/pg-prepare';
import { dialects, freshDatabase, type TestDatabase } from './harness';

/** Statements that repeat are prepared once per connection (src/store/pg-prepare.ts). */
describe.runIf(dialects.includes('postgres'))('prepared repeated statements (postgres)', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let other: pg.Client;
  /** A query as Kysely runs it: (text, values) on a client of the pool. */
  const run = async (text: string, values: unknown[]) => {
    const client = await pool.connect();
    try {
      return await client.query(text, values);
    } finally {
      client.release();
    }
  };
  /** What the pool's one connection has prepared (a query object, which is never named). */
  const prepared = async () =>
    (await pool.query({ text: 'select statement from pg_prepared_statements order by name' })).rows.map(
      (r) => r.statement,
    );
  const readT = 'select * from t where id = $1';

  beforeAll(async () => {
    db = await freshDatabase('postgres');
    // One connection, so what it prepared can be read back through it.
    pool = new pg.Pool({ connectionString: db.url, max: 1 });
    preparingRepeated(pool, { after: 3, max: 2 });
    other = new pg.Client({ connectionString: db.url });
    await other.connect();
    await other.query('create table t (id int primary key, a text)');
    await other.query(`insert into t values (1, 'one')`);
  });
  afterAll(async () => {
    await pool?.end();
    await other?.end();
    await db?.drop();
  });

  it('names a statement once it has run often enough, and no more statements than the cap', async () => {
    for (let i = 0; i < 2; i++) expect((await run(readT, [1])).rows).toEqual([{ id: 1, a: 'one' }]);
    expect(await prepared()).toEqual([]);
    expect((await run(readT, [1])).rows).toEqual([{ id: 1, a: 'one' }]);
    expect(await prepared()).toEqual([readT]);
    for (const text of ['select a from t where id = $1', 'select id from t where id = $1'])
      for (let i = 0; i < 5; i++) await run(text, [1]);
    expect(await prepared()).toHaveLength(2); // the cap: the third text stays unnamed
  });

  it('runs a prepared statement again unnamed after another process changed the table under it', async () => {
    await other.query('alter table t add column b text');
    // Outside a transaction the query is answered (the new column included), and the text is not named again.
    expect((await run(readT, [1])).rows).toEqual([{ id: 1, a: 'one', b: null }]);
    expect((await run(readT, [1])).rows).toEqual([{ id: 1, a: 'one', b: null }]);
  });

  it('inside a transaction, fails the transaction once; the next one runs unnamed', async () => {
    const text = 'select a from t where id = $1';
    await other.query('alter table t alter column a type varchar(20)');
    const client = await pool.connect();
    try {
      await client.query('begin', []);
      await expect(client.query(text, [1])).rejects.toMatchObject({ code: '0A000' });
      await client.query('rollback', []);
      await client.query('begin', []);
      expect((await client.query(text, [1])).rows).toEqual([{ a: 'one' }]);
      await client.query('commit', []);
    } finally {
      client.release();
    }
  });
});
