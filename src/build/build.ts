// The build, run by `npm run build` (and so by `npm install` on a clone):
// precompiles the templates, bundles the bins into dist/ for Node.js, then
// writes the completion scripts of completions/ with the bundled bin (they are
// checked in; a test holds them to `swr-shell completion`). Deno runs src/
// directly and needs only the first step. The version also gets a module of
// its own, for the credential helper, which must not load templates. The
// GitHub Action's steps are bundled into action/, also checked in.

import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { actionBuild } from './action.ts';
import { templatesModule, versionModule } from './templates.ts';

// npm runs scripts from the package root.
const at = (path: string): string => `${process.cwd()}/${path}`;

/** The bins of package.json, by name: dist/<name>.cjs is built from the entry. */
const BINS: Readonly<Record<string, string>> = {
  'swr-shell': 'src/cli.ts',
  'docker-credential-swr': 'src/credential-helper.ts',
  'swr-credential-provider': 'src/credential-provider.ts',
};

const pkg = JSON.parse(readFileSync(at('package.json'), 'utf8')) as { version: string };
const templates = readdirSync(at('templates'))
  .filter((file) => file.endsWith('.ejs'))
  .sort()
  .map((file) => ({ name: file.slice(0, -'.ejs'.length), text: readFileSync(at(`templates/${file}`), 'utf8') }));

mkdirSync(at('src/generated'), { recursive: true });
writeFileSync(at('src/generated/templates.ts'), templatesModule(templates));
writeFileSync(at('src/generated/version.ts'), versionModule(pkg.version));

/**
 * Puts the build stamp on the bin's second line, after the #! line:
 * `// swr-shell <version> build <hash>`, the hash over the rest of the bundle.
 * The block that install writes reads this line with the shell's `read`
 * builtin at every start, and renders the plugin again when it changed: after
 * an upgrade, and after a rebuild in a clone (src/core/dotfiles.ts).
 */
function stampBin(path: string, version: string): void {
  const text = readFileSync(path, 'utf8');
  const newline = text.indexOf('\n') + 1;
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  writeFileSync(path, `${text.slice(0, newline)}// swr-shell ${version} build ${hash}\n${text.slice(newline)}`);
}

if (!process.argv.includes('--templates-only')) {
  // A fresh dist/, so that npm pack never ships a file of an older build.
  rmSync(at('dist'), { recursive: true, force: true });
  await esbuild.build({
    entryPoints: Object.fromEntries(Object.entries(BINS).map(([name, entry]) => [name, at(entry)])),
    outdir: at('dist'),
    bundle: true,
    // CommonJS: Node starts a .cjs file without its ES module loader, which
    // costs about 3.5 ms of a 20 ms `init` (README.md, Start-up speed). One
    // file per bin; the modules that only other commands need (the parser,
    // and through it yargs, an ES module loaded by import()) are evaluated
    // only when such a command runs. So an entry has no top-level await.
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outExtension: { '.js': '.cjs' },
    logLevel: 'warning',
  });
  for (const name of Object.keys(BINS)) chmodSync(at(`dist/${name}.cjs`), 0o755);
  stampBin(at('dist/swr-shell.cjs'), pkg.version);

  // The GitHub Action's steps, checked in like completions/.
  await esbuild.build(actionBuild(process.cwd()));

  // Named as each shell's completion loader looks for them.
  const completionFiles = { bash: 'swr-shell.bash', zsh: '_swr-shell', fish: 'swr-shell.fish' };
  mkdirSync(at('completions'), { recursive: true });
  for (const [shell, file] of Object.entries(completionFiles)) {
    const script = execFileSync(process.execPath, [at('dist/swr-shell.cjs'), 'completion', shell], { encoding: 'utf8' });
    writeFileSync(at(`completions/${file}`), script);
  }
}
