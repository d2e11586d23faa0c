import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Compiling tei_all.rng takes ~10 s; browser tests start Chromium.
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
