// The GitHub Action's two steps, bundled into action/ (committed: a checkout
// at a tag runs them with no install step). The build writes them; a test
// bundles them again in memory and compares (test/unit/action-files.test.ts).

import type { BuildOptions } from 'esbuild';

/** action/<name>.cjs is built from src/action/<name>.ts. */
export const ACTION_STEPS = ['main', 'post'] as const;

export function actionBuild(root: string): BuildOptions {
  return {
    entryPoints: Object.fromEntries(ACTION_STEPS.map((name) => [name, `${root}/src/action/${name}.ts`])),
    outdir: `${root}/action`,
    bundle: true,
    // Everything in one file: the runner has node, and nothing installed.
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.cjs' },
    banner: { js: '// Built by `npm run build` from src/action/ (src/build/action.ts): edit the source, not this file.' },
    legalComments: 'none',
    logLevel: 'warning',
  };
}
