import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    // both cores: vitest's default leaves one idle on a 2-core machine; the spawned-CLI tests
    // carry explicit timeouts for the contention this brings
    maxWorkers: 2,
  },
});
