// The tests Stryker runs for each mutant (npm run mutate; stryker.config.json):
// the in-process ones, which load src/ and so see the mutant, and the quoting
// read-back, which runs what src/core/quote.ts makes. Those that run the built
// dist/ bins or the daemons (cli, e2e, packaging, parity) never load a mutant
// and only slow the dry run down, and the shell tests of the templates test what
// Stryker cannot mutate. Stryker runs, for each mutant, only the tests that cover it.

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/unit/**/*.test.ts', 'test/cli/commands.test.ts', 'test/shell/quote-readback.test.ts'],
    // startup-imports reads the source files as text, which Stryker has instrumented;
    // action-files bundles src/action with esbuild and changes directory, which
    // Stryker's worker threads cannot. Neither covers a mutant.
    exclude: ['test/unit/startup-imports.test.ts', 'test/unit/action-files.test.ts'],
    testTimeout: 60_000,
  },
});
