import { defineConfig } from 'vitest/config';

/** Browser tests: the built web app in Debian's Chromium, driven by playwright-core. Run after `npm run build:web`. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 90_000,
    hookTimeout: 90_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
