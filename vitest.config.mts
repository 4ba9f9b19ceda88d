import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Fails the run if a test leaves a process behind (and kills it).
    globalSetup: ['test/support/no-leftover-processes.ts'],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The fault suite kills processes and restarts servers: `npm run test:faults`.
    exclude: ['test/faults/**', 'test/cluster/**', 'test/acceptance/**', 'node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Integration files start their own Temporal servers; run files one at a time
    // so two servers never compete for the machine's two cores.
    fileParallelism: false,
    // The JSON report lets CI print one closing line of counts.
    reporters: ['default', ['json', { outputFile: 'artifacts/vitest-report.json' }]],
  },
});
