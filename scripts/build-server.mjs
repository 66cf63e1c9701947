// `npm run build:server`: the server compiled to JavaScript in dist/server, so production runs without a TypeScript
// loader. esbuild bundles src/ (extensionless imports resolved, JSON imports inlined) into ES modules, one chunk per
// lazily loaded command; packages stay imports resolved from node_modules at run time.
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'dist/server');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

rmSync(out, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { main: 'src/cli/main.ts' },
  outdir: out,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
});

// Read at run time next to the code that loads it (`new URL('./base-model.json', import.meta.url)`).
copyFileSync(path.join(root, 'src/triage/base-model.json'), path.join(out, 'base-model.json'));

// Production installs only `dependencies`: a package the server imports from anywhere else would be missing there.
const runtime = new Set(Object.keys(pkg.dependencies));
const missing = new Set();
for (const file of Object.values(result.metafile.outputs))
  for (const imp of file.imports)
    if (imp.external && !imp.path.startsWith('node:')) {
      const name = imp.path.startsWith('@') ? imp.path.split('/').slice(0, 2).join('/') : imp.path.split('/')[0];
      if (!runtime.has(name)) missing.add(name);
    }
if (missing.size) {
  console.error(`The server imports packages that are not production dependencies: ${[...missing].join(', ')}`);
  process.exit(1);
}
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
console.log(`dist/server: ${Object.keys(result.metafile.outputs).length} files, ${(bytes / 1024).toFixed(0)} kB`);
