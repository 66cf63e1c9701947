import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openStore } from '../../src/store/db';
import { storeReadiness } from '../../src/server/readiness';
import { Client, dialects, freshDatabase, startKoe, type RunningKoe, type TestDatabase } from './harness';

describe.each(dialects)('health and readiness (%s)', (dialect) => {
  let db: TestDatabase;
  let server: RunningKoe;
  beforeAll(async () => {
    db = await freshDatabase(dialect);
    server = await startKoe(db);
  });
  afterAll(async () => {
    await server.stop();
    await db.drop();
  });

  it('is alive, and ready once the database answers and every migration is applied', async () => {
    const c = new Client(server.base);
    expect(await c.get('/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
    const ready = await c.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', draining: false, checks: { database: 'ok', migrations: 'ok' } });
    expect(ready.headers.get('cache-control')).toBe('no-store');
  });

  it('answers 503 naming the failed check when a dependency is down', async () => {
    server.koe.readiness.add('redis', async () => {
      throw new Error('connection refused');
    });
    const r = await new Client(server.base).get('/readyz');
    expect(r.status).toBe(503);
    expect(r.body.checks).toEqual({ database: 'ok', migrations: 'ok', redis: 'failed' });
    server.koe.readiness.add('redis', async () => {});
  });

  it('answers 503 while draining, and stays alive', async () => {
    server.koe.readiness.startDraining();
    const c = new Client(server.base);
    const r = await c.get('/readyz');
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({ status: 'not ready', draining: true });
    expect((await c.get('/healthz')).status).toBe(200);
  });
});

describe.each(dialects)('readiness before migrations (%s)', (dialect) => {
  it('is not ready while a migration is pending, and is once they are applied', async () => {
    const db = await freshDatabase(dialect);
    const store = openStore({ databaseUrl: db.url, dataDir: db.dataDir });
    try {
      const readiness = storeReadiness(store.db);
      expect(await readiness.report()).toMatchObject({
        ready: false,
        checks: { database: 'ok', migrations: 'failed' },
      });
      await migrateToLatest(store.db);
      expect(await readiness.report()).toMatchObject({ ready: true, checks: { database: 'ok', migrations: 'ok' } });
    } finally {
      await store.close();
      await db.drop();
    }
  });
});
