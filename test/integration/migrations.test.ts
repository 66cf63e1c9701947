import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationProvider } from '../../src/store/migrations';
import { appliedMigrationNames, migrateToLatest, openStore, type Store } from '../../src/store/db';
import { dialects, freshDatabase, type TestDatabase } from './harness';

/** Several processes starting together on one PostgreSQL (web and worker roles) each run the migrations at start. */
describe.runIf(dialects.includes('postgres'))('migrations started together (postgres)', () => {
  let db: TestDatabase;
  let stores: Store[] = [];
  beforeAll(async () => {
    db = await freshDatabase('postgres');
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await db.drop();
  });

  it('all succeed from 3 connections, and each migration is applied once', async () => {
    stores = [1, 2, 3].map(() => openStore({ databaseUrl: db.url, dataDir: db.dataDir }));
    const results = await Promise.allSettled(stores.map((s) => migrateToLatest(s.db)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    const known = Object.keys(await migrationProvider.getMigrations()).sort();
    const applied = results.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
    expect(applied.sort()).toEqual(known); // by one of the three, never twice
    expect((await appliedMigrationNames(stores[0].db)).sort()).toEqual(known);
  });
});

describe.runIf(dialects.includes('postgres'))('the migration lock (postgres)', () => {
  it('makes a starting process wait while another holds it', async () => {
    const db = await freshDatabase('postgres');
    const holder = new pg.Client({ connectionString: db.url });
    const store = openStore({ databaseUrl: db.url, dataDir: db.dataDir });
    try {
      await holder.connect();
      await holder.query('select pg_advisory_lock($1, $2)', [0x6b6f65, 1]);
      let done = false;
      const migrating = migrateToLatest(store.db).then((applied) => ((done = true), applied));
      await new Promise((r) => setTimeout(r, 500));
      expect(done).toBe(false);
      expect(await appliedMigrationNames(store.db)).toEqual([]);
      await holder.query('select pg_advisory_unlock($1, $2)', [0x6b6f65, 1]);
      expect((await migrating).length).toBe(Object.keys(await migrationProvider.getMigrations()).length);
    } finally {
      await holder.end();
      await store.close();
      await db.drop();
    }
  });
});
