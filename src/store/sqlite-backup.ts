import {
  copyFileSync,
  existsSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';

/**
 * Backups of the embedded SQLite database. `backupSqlite` uses SQLite's online backup API (better-sqlite3's `backup`)
 * on its own connection: with WAL, the desk keeps reading and writing while pages are copied, and the copy is one
 * consistent moment of the database. `restoreSqlite` replaces the file only while no desk has it open, and keeps the
 * replaced file beside it.
 */

/** A marker next to the database file saying which process serves it (the desk writes it; restore reads it). */
const markerOf = (file: string) => `${file}.pid`;

/** Marks the database as served by this process; returns the function that removes the mark. */
export function markServing(file: string): () => void {
  const marker = markerOf(file);
  writeFileSync(marker, `${process.pid}\n`);
  return () => {
    try {
      if (readFileSync(marker, 'utf8').trim() === String(process.pid)) unlinkSync(marker);
    } catch {
      /* already gone */
    }
  };
}

/** The process id of a live desk serving this database file, or null (no mark, or the process is gone). */
export function servingProcess(file: string): number | null {
  let pid: number;
  try {
    pid = Number(readFileSync(markerOf(file), 'utf8').trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    // EPERM: the process exists but belongs to another user; it is still a running desk.
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}

export interface BackupReport {
  file: string;
  bytes: number;
  pages: number;
}

/** Copies the live database to `dest` (written to a temporary name, then renamed: a partial copy never has its name). */
export async function backupSqlite(source: string, dest: string): Promise<BackupReport> {
  if (!existsSync(source)) throw new Error(`No database at ${source}`);
  const target = path.resolve(dest);
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  const db = new SQLite(source, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  try {
    // A write by the desk between two steps restarts the copy, so after the first step the rest goes in one: one read
    // snapshot, which with WAL never blocks the desk's writers.
    const { totalPages } = await db.backup(partial, { progress: ({ totalPages: n }) => Math.max(n, 100) });
    const problem = checkSqliteFile(partial);
    if (problem) throw new Error(`The copy failed its check: ${problem}`);
    renameSync(partial, target);
    return { file: target, bytes: statSync(target).size, pages: totalPages };
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  } finally {
    db.close();
  }
}

/**
 * Why a file cannot be restored as Koe's database, or null when it can: it must be an intact SQLite database with
 * Koe's tables, migrated by this version of Koe or an earlier one (`known`).
 */
export function checkSqliteFile(file: string, known?: string[]): string | null {
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    return `cannot be opened (${(err as Error).message})`;
  }
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') return `it is damaged (${String(check)})`;
    const tables = new Set(
      (db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map(
        (t) => t.name,
      ),
    );
    if (!tables.has('kysely_migration') || !tables.has('workspaces')) return 'it is not a Koe database (no Koe tables)';
    if (known) {
      const applied = (db.prepare('select name from kysely_migration').all() as { name: string }[]).map((m) => m.name);
      const newer = applied.filter((m) => !known.includes(m));
      if (newer.length) return `it comes from a newer Koe (migrations ${newer.join(', ')}); upgrade Koe first`;
    }
    return null;
  } catch (err) {
    return `it cannot be read (${(err as Error).message})`;
  } finally {
    db.close();
  }
}

/**
 * Puts `backup` in place of the database file `target`. The caller has made sure no desk serves it. The current file,
 * with its write-ahead log folded in first, is kept as `<target>.before-restore-<time>`; returns that name (null when
 * there was no database yet).
 */
export function restoreSqlite(backup: string, target: string, now = new Date()): string | null {
  let keptAside: string | null = null;
  if (existsSync(target)) {
    const current = new SQLite(target);
    current.pragma('wal_checkpoint(TRUNCATE)');
    current.close();
    keptAside = `${target}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
    renameSync(target, keptAside);
  }
  for (const side of ['-wal', '-shm']) rmSync(target + side, { force: true });
  const incoming = `${target}.restoring`;
  copyFileSync(backup, incoming);
  renameSync(incoming, target);
  return keptAside;
}
