import { defineConfig } from 'vitest/config';

/**
 * Test layers (README "Test"): unit (pure, no I/O), integration (handlers
 * through the local HTTP adapter against a DynamoDB Local of each file's
 * own), infra (CDK template assertions and cdk-nag), e2e (the pages in
 * headless Chromium).
 */
export default defineConfig({
  test: {
    // One file at a time: the machines have two cores, and two files side by side (each with its DynamoDB Local) finished no sooner and raced tests past their timeouts.
    maxWorkers: 1,
    projects: [
      // CPU-bound checks (the exhaustive planner search) outlast 5 s when the machine's two cores are shared.
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 30_000 } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          setupFiles: ['test/support/dynamodb-per-file.ts'],
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
      { test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 300_000 } },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          setupFiles: ['test/support/dynamodb-per-file.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One browser at a time: the machines have two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
