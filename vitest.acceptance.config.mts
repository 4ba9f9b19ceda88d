import { defineConfig } from 'vitest/config';

/**
 * The acceptance suite (`npm run test:acceptance`): the built release
 * started as `npm start` in its own process and driven from outside, through
 * the `mandate` command, HTTP and chromium. Real time: reminders go out at
 * the next whole minute, so a run takes a few minutes.
 */
export default defineConfig({
  test: {
    // Fails the run if a test leaves a process behind (and kills it).
    globalSetup: ['test/support/no-leftover-processes.ts'],
    include: ['test/acceptance/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    reporters: ['default', ['json', { outputFile: 'artifacts/vitest-acceptance.json' }]],
  },
});
