import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The installation's root (where package.json is), found by walking up from this module: the same answer whether the
 * server runs from its TypeScript sources (src/config) or from the compiled bundle (dist/server).
 */
export function installRoot(from: string = import.meta.dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json above ${from}`);
  }
}

/** The built web app served by default (`npm run build:web`, or built on first start). */
export const defaultWebDist = () => path.join(installRoot(), 'dist/web');
