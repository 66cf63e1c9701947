import { defineConfig } from 'vitest/config';

/** Browser tests: the built web app in Debian's Chromium, driven by playwright-core. Run after `npm run build:web`. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 90_000,
    hookTimeout: 90_000,
    pool: 'forks',
    fileParallelism: false,
    // As in vitest.config.ts: files share the worker's loaded modules (each starts its own desk and browser).
    isolate: false,
    // A browser and a server on a busy 2-core machine: waiting conditions (SLA timers, realtime pushes) get room.
    expect: { poll: { timeout: 20_000, interval: 100 } },
  },
});
