import { defineConfig } from 'vitest/config'

// Three projects so a developer can run the fast part alone (`vitest run --project unit`).
// Integration and browser tests start real servers and Chromium: they run in forks, one file
// at a time per worker, with generous timeouts (these machines are shared and noisy).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'client/**/*.test.ts'],
          environment: 'node',
          // Some unit files build the HTTP app and real rooms in memory: fast alone, but they run
          // beside the integration and browser projects, and 5 s was missed at load ≈ 18.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
          maxWorkers: 1,
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
})
