import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/config';
import { installRoot } from '../config/paths';
import { buildApp, WEB_DIST } from '../server/app';
import type { Server } from 'node:net';
import { createKoe, type Koe } from '../server/context';
import { shutDown } from '../server/shutdown';
import { startWorkerHealth } from '../server/worker-health';

/** Builds the web app when it is missing, so `npm start` on a fresh clone just works. */
function ensureWebBuilt(): void {
  if (existsSync(path.join(WEB_DIST, 'index.html'))) return;
  console.log('Building the web app (first start only)…');
  const root = installRoot();
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  if (!existsSync(vite))
    throw new Error(
      'The web app is not built and Vite is not installed: run `npm run build` before `npm prune --omit=dev`',
    );
  const r = spawnSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('Building the web app failed');
}

/** KOE_SANDBOX=1: simulated platforms in this process, posting to the desk over loopback. */
async function startDemoSandbox(koe: Koe, address: ReturnType<Server['address']>) {
  const { runSandboxWithDesk } = await import('../sandbox/with-desk');
  const port = typeof address === 'object' && address ? address.port : koe.config.port;
  return runSandboxWithDesk(koe, {
    koeBase: `http://127.0.0.1:${port}`,
    port: koe.config.sandbox.port,
    ratePerMinute: koe.config.sandbox.ratePerMinute,
    historyDays: koe.config.sandbox.historyDays,
  });
}

/** `--role all|web|worker` (or KOE_ROLE): what this process does (docs/scale.md). */
function roleEnv(args: string[]): NodeJS.ProcessEnv {
  const { values } = parseArgs({ args, options: { role: { type: 'string' } } });
  return values.role ? { ...process.env, KOE_ROLE: values.role } : process.env;
}

/** A worker: jobs and background channel work, no API; only `/healthz` on its port. */
async function runWorker(koe: Koe): Promise<number> {
  const health = await startWorkerHealth(koe.config.port, koe.config.host);
  koe.log.info(
    `Koe worker is running (${koe.store.dialect}); health on http://${koe.config.host}:${koe.config.port}/healthz`,
  );
  await untilSignalled();
  koe.log.info('shutting down');
  await new Promise((r) => health.close(r));
  await koe.close();
  return 0;
}

const untilSignalled = () =>
  new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });

export async function start(args: string[] = []): Promise<number> {
  const config = loadConfig(roleEnv(args));
  if (config.role === 'worker') return runWorker(await createKoe(config));
  if (!config.webDist) ensureWebBuilt();
  const koe = await createKoe(config);
  const app = await buildApp(koe, { webDist: config.webDist });
  await app.listen({ port: config.port, host: config.host });
  koe.log.info(`Koe is ready on http://${config.host}:${config.port} (${koe.store.dialect}, role ${config.role})`);
  const sandbox = config.sandbox.enabled ? await startDemoSandbox(koe, app.server.address()) : null;
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  koe.log.info('shutting down');
  // A second Ctrl-C (or SIGTERM) does not wait for the drain.
  const now = () => process.exit(1);
  process.once('SIGINT', now);
  process.once('SIGTERM', now);
  if (await shutDown({ app, koe, before: sandbox ? () => sandbox.stop() : undefined }, config.shutdownTimeoutMs))
    return 0;
  setTimeout(() => process.exit(1), 100).unref(); // whatever is still running (a stuck job) does not hold the exit
  return 1;
}
