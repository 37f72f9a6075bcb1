// The build, run by `npm run build` (and so by `npm install` on a clone):
// precompiles the templates, then bundles the bins into dist/ for Node.js.
// Deno runs src/ directly and needs only the first step. The version also gets
// a module of its own, for the credential helper, which must not load templates.

import * as esbuild from 'esbuild';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { templatesModule, versionModule } from './templates.ts';

// npm runs scripts from the package root.
const at = (path: string): string => `${process.cwd()}/${path}`;

const pkg = JSON.parse(readFileSync(at('package.json'), 'utf8')) as { version: string };
const templates = readdirSync(at('templates'))
  .filter((file) => file.endsWith('.ejs'))
  .sort()
  .map((file) => ({ name: file.slice(0, -'.ejs'.length), text: readFileSync(at(`templates/${file}`), 'utf8') }));

mkdirSync(at('src/generated'), { recursive: true });
writeFileSync(at('src/generated/templates.ts'), templatesModule(templates, pkg.version));
writeFileSync(at('src/generated/version.ts'), versionModule(pkg.version));

if (!process.argv.includes('--templates-only')) {
  await esbuild.build({
    entryPoints: { 'swr-shell': at('src/cli.ts'), 'docker-credential-swr': at('src/credential-helper.ts') },
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
  for (const bin of ['swr-shell', 'docker-credential-swr']) chmodSync(at(`dist/${bin}.mjs`), 0o755);
}
