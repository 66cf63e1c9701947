import { loadConfig } from '../config/config';
import { eraseCustomer } from '../desk/data-retention';
import { migrateToLatest, openStore } from '../store/db';
import { bySystem, retention } from '../store/repositories';

/** `koe erase-customer <id, handle or email>`: a privacy request from the command line (audited like the admin API). */
export async function eraseCustomerCommand(args: string[]): Promise<number> {
  const [who] = args;
  if (!who || args.length !== 1) {
    console.error('Usage: koe erase-customer <customer id, channel handle or email>');
    return 2;
  }
  const store = openStore(loadConfig());
  try {
    await migrateToLatest(store.db);
    const found = await retention.findCustomer(store.db, null, who);
    if (!found.length) {
      console.error(`No customer has the id, handle or email ${who}.`);
      return 1;
    }
    if (found.length > 1) {
      console.error(`${found.length} customers match ${who}; give one id:`);
      for (const c of found) console.error(`  ${c.id}  ${c.name}`);
      return 1;
    }
    const [c] = found;
    const r = await eraseCustomer(store.db, {
      workspaceId: c.workspace_id,
      customerId: c.id,
      actor: bySystem('koe erase-customer'),
    });
    console.log(
      `Erased customer ${c.id}: ${r.messages} messages removed, ${r.conversations} conversations cleared, ` +
        (r.profileErased ? 'profile erased.' : 'profile was already erased.'),
    );
    return 0;
  } finally {
    await store.close();
  }
}
