import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/config';
import { buildApp, WEB_DIST } from '../server/app';
import { createKoe } from '../server/context';

/** Builds the web app when it is missing, so `npm start` on a fresh clone just works. */
function ensureWebBuilt(): void {
  if (existsSync(path.join(WEB_DIST, 'index.html'))) return;
  console.log('Building the web app (first start only)…');
  const root = path.resolve(import.meta.dirname, '../..');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('Building the web app failed');
}

export async function start(): Promise<number> {
  const config = loadConfig();
  ensureWebBuilt();
  const koe = await createKoe(config);
  const app = await buildApp(koe);
  await app.listen({ port: config.port, host: config.host });
  koe.log.info(`Koe is ready on http://${config.host}:${config.port} (${koe.store.dialect})`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  koe.log.info('shutting down');
  await app.close();
  await koe.close();
  return 0;
}
