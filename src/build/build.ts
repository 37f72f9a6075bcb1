// The build, run by `npm run build` (and so by `npm install` on a clone):
// precompiles the templates, bundles the bins into dist/ for Node.js, then
// writes the completion scripts of completions/ with the bundled bin (they are
// checked in; a test holds them to `swr-shell completion`). Deno runs src/
// directly and needs only the first step.

import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { templatesModule } from './templates.ts';

// npm runs scripts from the package root.
const at = (path: string): string => `${process.cwd()}/${path}`;

const pkg = JSON.parse(readFileSync(at('package.json'), 'utf8')) as { version: string };
const templates = readdirSync(at('templates'))
  .filter((file) => file.endsWith('.ejs'))
  .sort()
  .map((file) => ({ name: file.slice(0, -'.ejs'.length), text: readFileSync(at(`templates/${file}`), 'utf8') }));

mkdirSync(at('src/generated'), { recursive: true });
writeFileSync(at('src/generated/templates.ts'), templatesModule(templates, pkg.version));

if (!process.argv.includes('--templates-only')) {
  await esbuild.build({
    entryPoints: { 'swr-shell': at('src/cli.ts') },
    outdir: at('dist'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
  });
  chmodSync(at('dist/swr-shell.mjs'), 0o755);

  // Named as each shell's completion loader looks for them.
  const completionFiles = { bash: 'swr-shell.bash', zsh: '_swr-shell', fish: 'swr-shell.fish' };
  mkdirSync(at('completions'), { recursive: true });
  for (const [shell, file] of Object.entries(completionFiles)) {
    const script = execFileSync(process.execPath, [at('dist/swr-shell.mjs'), 'completion', shell], { encoding: 'utf8' });
    writeFileSync(at(`completions/${file}`), script);
  }
}
