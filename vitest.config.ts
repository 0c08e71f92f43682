import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    // Each file boots its own embedded database; a few at a time fits 2 cores.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 3, minForks: 1 } },
    testTimeout: 90_000,
    hookTimeout: 180_000,
    setupFiles: ['tests/helpers/setup.ts'],
  },
});
