import { loadConfig } from '../config/config';
import { migrateToLatest, openStore } from '../store/db';

export async function migrate(): Promise<number> {
  const config = loadConfig();
  const store = openStore(config);
  try {
    const applied = await migrateToLatest(store.db);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
    return 0;
  } finally {
    await store.close();
  }
}
