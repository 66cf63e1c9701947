import path from 'node:path';
import { loadConfig } from '../config/config';
import { sqliteFile } from '../store/db';
import { migrationProvider } from '../store/migrations';
import { backupSqlite, checkSqliteFile, restoreSqlite, servingProcess } from '../store/sqlite-backup';

const POSTGRES = (what: 'backup' | 'restore') =>
  `Koe is on PostgreSQL: use ${what === 'backup' ? 'pg_dump' : 'pg_restore'} (docs/production.md, "Backups").`;

/** `koe backup <file>`: an online copy of the SQLite database while the desk runs. */
export async function backup(args: string[]): Promise<number> {
  const [dest] = args;
  if (!dest || args.length !== 1) {
    console.error('Usage: koe backup <file>');
    return 2;
  }
  const config = loadConfig();
  const file = sqliteFile(config);
  if (!file) {
    console.error(POSTGRES('backup'));
    return 2;
  }
  const r = await backupSqlite(file, dest);
  console.log(`Backed up ${file} to ${r.file} (${r.pages} pages, ${r.bytes} bytes).`);
  if (!process.env.KOE_SECRET_KEY)
    console.log(
      `Keep ${path.join(config.dataDir, 'secret.key')} with it: channel credentials in the backup are sealed with that key.`,
    );
  return 0;
}

/** `koe restore <file>`: replaces the SQLite database with a backup, only while no desk runs on it. */
export async function restore(args: string[]): Promise<number> {
  const [source] = args;
  if (!source || args.length !== 1) {
    console.error('Usage: koe restore <file>');
    return 2;
  }
  const config = loadConfig();
  const file = sqliteFile(config);
  if (!file) {
    console.error(POSTGRES('restore'));
    return 2;
  }
  const pid = servingProcess(file);
  if (pid) {
    console.error(`A desk (process ${pid}) is running on ${file}; stop it first, then restore.`);
    return 1;
  }
  const problem = checkSqliteFile(source, Object.keys(await migrationProvider.getMigrations()));
  if (problem) {
    console.error(`Not restored: ${source} cannot be used because ${problem}.`);
    return 1;
  }
  const keptAside = restoreSqlite(source, file);
  console.log(`Restored ${file} from ${source}.`);
  if (keptAside) console.log(`The database it replaced is kept as ${keptAside}.`);
  return 0;
}
