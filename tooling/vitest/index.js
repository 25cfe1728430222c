// Shared vitest preset: tests run against workspace sources (the `@waypoint/source` export
// condition), and database-backed suites share one embedded Postgres per worker, so workers
// stay few (PGlite needs 0.5–0.9 GB each).
import { defineConfig, mergeConfig } from 'vitest/config';

const sourceConditions = ['@waypoint/source', 'node', 'import', 'module', 'default'];

export const basePreset = defineConfig({
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions, externalConditions: ['@waypoint/source'] } },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});

export function definePackageConfig(overrides = {}) {
  return mergeConfig(basePreset, defineConfig(overrides));
}
