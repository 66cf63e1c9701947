import { parseArgs } from 'node:util';
import { apiDirectory, startSandbox } from '../sandbox';

const USAGE = `koe sandbox [--koe http://localhost:3000] [--token <api token>] [--port 3001] [--rate 6] [--throttle 0.03]
            [--history 30d]
  Plays LINE, Facebook, Instagram, X and email against a running Koe: creates (or reuses) "Sandbox …" channels
  through the API, sends customer posts as signed webhooks and shows what customers saw.
  The API token (an admin's, from POST /api/tokens) comes from --token or KOE_API_TOKEN.
  --history 30d first writes 30 days of past conversations (answered, resolved, rated) into a fresh desk, so its
  reports have something to show; it writes to the desk's database, so run it with the desk's own settings
  (KOE_DATA_DIR or KOE_DATABASE_URL).`;

const number = (value: string | undefined, name: string, fallback: number, max: number) => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > max) throw new Error(`--${name} must be a number from 0 to ${max}`);
  return n;
};

/** `koe sandbox`: the simulated platforms as their own process, talking to Koe only over HTTP and SMTP. */
export async function sandbox(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      koe: { type: 'string', default: 'http://localhost:3000' },
      token: { type: 'string' },
      port: { type: 'string' },
      rate: { type: 'string' },
      throttle: { type: 'string' },
      history: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const token = values.token ?? process.env.KOE_API_TOKEN;
  if (!token) {
    console.error(`An admin API token is needed to create the sandbox channels.\n\n${USAGE}`);
    return 2;
  }
  let opts: { port: number; ratePerMinute: number; rateLimitShare: number };
  const historyDays = values.history === undefined ? 0 : /^(\d{1,3})d?$/.exec(values.history)?.[1];
  if (historyDays === undefined || Number(historyDays) > 366) {
    console.error(`--history must be a number of days from 0 to 366, e.g. 30d\n\n${USAGE}`);
    return 2;
  }
  try {
    opts = {
      port: number(values.port ?? process.env.KOE_SANDBOX_PORT, 'port', 3001, 65535),
      ratePerMinute: number(values.rate ?? process.env.KOE_SANDBOX_RATE, 'rate', 6, 600),
      rateLimitShare: number(values.throttle, 'throttle', 0.03, 1),
    };
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }

  const koeBase = values.koe!.replace(/\/$/, '');
  const running = await startSandbox({ ...opts, onError: (err) => console.error(`sandbox: ${String(err)}`) });
  try {
    await running.connect(koeBase, apiDirectory(koeBase, token));
  } catch (err) {
    console.error(`Could not connect the sandbox channels to ${koeBase}: ${(err as Error).message}`);
    await running.stop();
    return 1;
  }
  if (Number(historyDays) > 0) {
    const seeded = await seedIntoDesk(Number(historyDays));
    if (seeded === 'failed') {
      await running.stop();
      return 1;
    }
  }
  running.startTraffic();
  console.log(`Sandbox connected to ${koeBase}: ${opts.ratePerMinute} customer posts per minute.`);
  console.log(`What customers see: ${running.url}/`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await running.stop();
  return 0;
}

/** Past conversations straight into the desk's database (history cannot be sent as webhooks: it happened before). */
async function seedIntoDesk(days: number): Promise<'done' | 'failed'> {
  const { loadConfig } = await import('../config/config');
  const { openStore } = await import('../store/db');
  const { workspaces } = await import('../store/repositories');
  const { seedHistory } = await import('../sandbox/history');
  const config = loadConfig();
  const store = openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    const workspace = await workspaces.first(store.db);
    if (!workspace) throw new Error('the desk has no workspace yet');
    const seeded = await seedHistory(store.db, workspace.id, { days });
    console.log(
      seeded
        ? `Wrote ${seeded.conversations} past conversations over ${seeded.days} days; reports fill in within a minute.`
        : 'The desk already has past conversations: no history written.',
    );
    return 'done';
  } catch (err) {
    console.error(`Could not write the history: ${(err as Error).message}`);
    return 'failed';
  } finally {
    await store.close();
  }
}
