import type { Koe } from '../server/context';
import { workspaces } from '../store/repositories';
import { storeDirectory } from './connect';
import { openDemoHelpCenter, turnOnDemoAnswerBot } from './help-center';
import { seedHistory } from './history';
import { startSandbox, type Sandbox, type SandboxOptions } from './sandbox';

const SETUP_POLL_MS = 2_000;
/** A small share of Koe's replies meets a 429, so the demo shows retries the way real platforms cause them. */
const DEMO_RATE_LIMIT_SHARE = 0.03;

/**
 * `KOE_SANDBOX=1`: the sandbox in the desk's own process. On an empty data dir nothing can be connected until
 * someone sets up the workspace, so it checks every 2 s, then connects the channels at once and starts traffic.
 */
export async function runSandboxWithDesk(
  koe: Koe,
  opts: { koeBase: string; port: number; ratePerMinute: number; historyDays?: number } & Pick<
    SandboxOptions,
    'mix' | 'seed'
  >,
): Promise<{ sandbox: Sandbox; stop(): Promise<void> }> {
  const sandbox = await startSandbox({
    port: opts.port,
    mix: opts.mix,
    seed: opts.seed,
    ratePerMinute: opts.ratePerMinute,
    rateLimitShare: DEMO_RATE_LIMIT_SHARE,
    onError: (err) => koe.log.warn({ err: String(err) }, 'sandbox: a customer post could not be delivered'),
  });
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let connecting: Promise<void> = Promise.resolve();

  const tryConnect = async () => {
    const workspace = await workspaces.first(koe.db);
    if (!workspace || stopped) return false;
    const connected = await sandbox.connect(opts.koeBase, storeDirectory(koe, workspace.id));
    if (opts.historyDays) {
      const seeded = await seedHistory(koe.db, workspace.id, { days: opts.historyDays });
      if (seeded)
        koe.log.info(seeded, `sandbox: wrote ${seeded.conversations} past conversations over ${seeded.days} days`);
    }
    if (await openDemoHelpCenter(koe.db, workspace.id))
      koe.log.info('sandbox: the help center is on (knowledge base → help center to change it)');
    if (await turnOnDemoAnswerBot(koe.db, workspace.id, connected.channelIds.line))
      koe.log.info(
        'sandbox: the answer bot is on for the LINE channel (the channel’s 「自動応答」 switch to change it)',
      );
    sandbox.startTraffic();
    koe.log.info(
      { page: sandbox.url, ratePerMinute: opts.ratePerMinute },
      `sandbox connected to workspace “${workspace.name}”; customers' view: ${sandbox.url}/`,
    );
    return true;
  };
  const poll = () => {
    timer = setTimeout(() => {
      connecting = tryConnect()
        .then((done) => {
          if (!done && !stopped) poll();
        })
        .catch((err: unknown) => {
          koe.log.error({ err }, 'sandbox: connecting the channels failed; trying again');
          if (!stopped) poll();
        });
    }, SETUP_POLL_MS);
    timer.unref();
  };

  if (!(await tryConnect())) {
    koe.log.info(
      `sandbox waiting for the workspace setup (open the desk to create it); customers' view: ${sandbox.url}/`,
    );
    poll();
  }
  return {
    sandbox,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await connecting;
      await sandbox.stop();
    },
  };
}
