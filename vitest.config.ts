import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // As in web/vite.config.ts: the web app's unit tests import the shared contracts by this alias.
  resolve: { alias: { '@contracts': fileURLToPath(new URL('./src/contracts', import.meta.url)) } },
  test: {
    include: ['src/**/*.test.ts', 'test/integration/**/*.test.ts', 'scripts/**/*.test.ts', 'web/src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Test files share a worker's loaded modules instead of importing the whole app again each (CI: SQLite 249 s → 96 s,
    // PostgreSQL 827 s → 179 s). So a test file must not rely on fresh module state: each opens its own database and
    // desk, and files run in any order (checked with --sequence.shuffle.files).
    isolate: false,
  },
});
