import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/**/*.test.ts'],
    // CI also keeps a JSON summary, from which .ci/run prints a plain "N passed, N failed" line.
    reporters: process.env['CI'] === 'true' ? ['default', ['json', { outputFile: 'node_modules/.cache/swr-shell/vitest.json' }]] : ['default'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
