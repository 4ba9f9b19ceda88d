import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

/** The cluster suite, run by scripts/cluster/run.sh (`npm run test:cluster`). */
export default defineConfig({
  // Vite's config loader provides __dirname, in ESM config files too.
  root: resolve(__dirname, '..', '..'),
  test: {
    // Fails the run if a test leaves a process behind (and kills it).
    globalSetup: ['test/support/no-leftover-processes.ts'],
    include: ['test/cluster/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 240_000,
    fileParallelism: false,
    reporters: ['verbose'],
  },
});
