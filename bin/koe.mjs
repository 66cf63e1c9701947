#!/usr/bin/env node
// Runs the compiled server (dist/server, `npm run build`) when it is there and not older than the sources; otherwise
// the TypeScript sources through tsx's loader, so a fresh clone needs no build step (`npm install && npm start`).
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const compiled = path.join(root, 'dist/server/main.mjs');
const sources = path.join(root, 'src');

/** Newest modification time under a directory (a few hundred files: a few milliseconds). */
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) t = Math.max(t, statSync(path.join(e.parentPath, e.name)).mtimeMs);
  return t;
}

async function tsxAvailable() {
  try {
    await import('tsx/esm/api');
    return true;
  } catch {
    return false;
  }
}

let fromSource = process.env.KOE_FROM_SOURCE === '1' || !existsSync(compiled);
if (!fromSource && existsSync(sources) && newest(sources) > statSync(compiled).mtimeMs) {
  if (await tsxAvailable()) {
    // Said once, when the desk starts (other commands' output stays what scripts expect).
    if (process.argv[2] === 'start')
      console.error('koe: the compiled server is older than src/; running the sources (`npm run build` refreshes it)');
    fromSource = true;
  } else console.error('koe: the compiled server is older than src/ (`npm run build` refreshes it)');
}

let main;
if (fromSource) {
  if (!(await tsxAvailable())) {
    console.error('koe: no compiled server in dist/server and tsx is not installed: run `npm run build` first');
    process.exit(1);
  }
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
} else {
  process.setSourceMapsEnabled(true);
  ({ main } = await import(pathToFileURL(compiled).href));
}
process.exitCode = await main(process.argv.slice(2));
