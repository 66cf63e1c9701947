import { parseArgs } from 'node:util';
import { apiDirectory, startSandbox } from '../sandbox';

const USAGE = `koe sandbox [--koe http://localhost:3000] [--token <api token>] [--port 3001] [--rate 6] [--throttle 0.03]
  Plays LINE, Facebook, Instagram, X and email against a running Koe: creates (or reuses) "Sandbox …" channels
  through the API, sends customer posts as signed webhooks and shows what customers saw.
  The API token (an admin's, from POST /api/tokens) comes from --token or KOE_API_TOKEN.`;

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
