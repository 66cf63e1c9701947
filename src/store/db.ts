import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresAdapter, PostgresDialect, sql, SqliteDialect, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import { migrationProvider } from './migrations';
import { preparingRepeated } from './pg-prepare';
import type { Database } from './schema';

export type Dialect = 'sqlite' | 'postgres';
export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
}

/** The embedded database's file (`sqlite:<path>` or `<dataDir>/koe.sqlite`); null when the store is PostgreSQL. */
export function sqliteFile(opts: { databaseUrl?: string; dataDir: string }): string | null {
  const url = opts.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) return null;
  return url?.startsWith('sqlite:') ? url.slice('sqlite:'.length) : path.join(opts.dataDir, 'koe.sqlite');
}

/** Opens the embedded SQLite file in dataDir, or PostgreSQL when a postgres:// URL is given. */
export function openStore(opts: { databaseUrl?: string; dataDir: string }): Store {
  const url = opts.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // KOE_PG_PREPARE=0 for a connection pooler that cannot keep prepared statements (PgBouncer before 1.21 in
    // transaction mode); see docs/production.md.
    if (process.env.KOE_PG_PREPARE !== '0') preparingRepeated(pool);
    // An idle connection can be cut by the server (restart, failover, admin termination). Without a listener
    // that error would crash the process; the pool simply opens a new connection on next use.
    pool.on('error', (err) => process.emitWarning(`PostgreSQL idle connection lost: ${err.message}`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const sqlite = new SQLite(sqliteFile(opts)!);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: keepingStatements(sqlite) }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/**
 * better-sqlite3 as Kysely's SQLite driver sees it, with prepared statements kept by their SQL text. The driver calls
 * `prepare` for every query it runs, and parsing and planning the same few hundred statements again was over a third
 * of the time SQLite spent under webhook load (`npm run bench -- ingest`). Statements are reused only one at a time:
 * the driver runs one query at a time on its single connection and reads each result whole (`all`/`run`). A statement
 * prepared before a migration is re-prepared by SQLite itself when the schema changes. The least recently used beyond
 * `size` are dropped (statements whose text varies, such as `in (…)` lists of different lengths, do not pile up).
 */
export function keepingStatements(sqlite: SQLite.Database, size = 1000): SqliteDatabase {
  const kept = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let statement = kept.get(text);
      if (statement) kept.delete(text);
      else {
        statement = sqlite.prepare(text);
        if (kept.size >= size) kept.delete(kept.keys().next().value!);
      }
      kept.set(text, statement); // the most recently used last
      return statement;
    },
  };
}

/** One trivial query: the database answers (health checks). */
export async function ping(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}

/** Names of the migrations this build knows that the database has not applied (readiness). */
export async function pendingMigrations(db: Kysely<Database>): Promise<string[]> {
  const migrations = await new Migrator({ db, provider: migrationProvider }).getMigrations();
  return migrations.filter((m) => !m.executedAt).map((m) => m.name);
}

/** The migrations the database records as applied. */
export async function appliedMigrationNames(db: Kysely<Database>): Promise<string[]> {
  const migrations = await new Migrator({ db, provider: migrationProvider }).getMigrations();
  return migrations.filter((m) => m.executedAt).map((m) => m.name);
}

/** Koe's advisory lock for schema changes on PostgreSQL: "koe" in ASCII, and 1 for migrations. */
const MIGRATION_LOCK = [0x6b6f65, 1] as const;

/**
 * Applies pending migrations. On PostgreSQL several processes (web and worker roles) start together and each migrates:
 * one connection takes Koe's session advisory lock and runs the whole migrator on it — creating Kysely's bookkeeping
 * tables included — while the others wait on the lock and then find nothing left to apply. (Kysely's migrator takes a
 * lock of its own around the migrations themselves; Koe's covers the whole step and does not depend on that detail.)
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    return db.connection().execute(async (conn) => {
      await sql`select pg_advisory_lock(${MIGRATION_LOCK[0]}, ${MIGRATION_LOCK[1]})`.execute(conn);
      try {
        return await migrateOn(conn);
      } finally {
        await sql`select pg_advisory_unlock(${MIGRATION_LOCK[0]}, ${MIGRATION_LOCK[1]})`.execute(conn);
      }
    });
  return migrateOn(db);
}

async function migrateOn(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
