// What a shell start loads: `init` runs at every one, so the modules that
// src/cli.ts loads before it runs (its static imports, followed through) must
// not include yargs, any other package, or a `node:` module (under Deno one
// costs as much as the whole start). Everything else is loaded by import()
// when a command needs it. The benchmark (npm run bench) measures the result.

import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/runtimes.ts';

/** Specifiers of the imports that load a module when `source` loads: not `import type`, not `import()`. */
export function staticImports(source: string): string[] {
  const specifiers: string[] = [];
  // A clause holds no quote or semicolon, so that a side-effect import is never read as the clause of the next one.
  const statement = /^(?:import|export)\s+(type\s+)?(?:([^;']*?)\s+from\s+)?'([^']+)';/gm;
  for (const [, typeOnly, clause, specifier] of source.matchAll(statement)) {
    if (typeOnly) continue;
    const names = /^\{([\s\S]*)\}$/.exec(clause?.trim() ?? '')?.[1];
    const onlyTypes = names !== undefined && names.split(',').every((name) => name.trim() === '' || /^type\s/.test(name.trim()));
    if (!onlyTypes || names?.trim() === '') specifiers.push(specifier!);
  }
  return specifiers;
}

function loadedAtStart(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    const specifiers = staticImports(readFileSync(file, 'utf8'));
    seen.set(file, specifiers);
    for (const specifier of specifiers) if (specifier.startsWith('.')) visit(join(dirname(file), specifier));
  };
  visit(entry);
  return seen;
}

describe('the start-up path', () => {
  it('reads import statements as the runtimes do', () => {
    const source = [
      "import { a } from './a.ts';",
      "import type { B } from 'yargs';",
      "import { type C } from 'node:fs';",
      "import { type D, e } from './e.ts';",
      "export { f } from './f.ts';",
      "import './side-effect.ts';",
      "import { g } from './g.ts';",
      "const later = await import('./later.ts');",
    ].join('\n');
    expect(staticImports(source)).toEqual(['./a.ts', './e.ts', './f.ts', './side-effect.ts', './g.ts']);
  });

  it('loads only our own modules before init runs', () => {
    const modules = loadedAtStart(join(ROOT, 'src', 'cli.ts'));
    const names = [...modules.keys()].map((file) => relative(ROOT, file));
    expect(names).toContain('src/commands/init.ts');
    expect(names).toContain('src/generated/templates.ts');
    expect(names).not.toContain('src/parser.ts');
    const foreign = [...modules].flatMap(([file, specifiers]) =>
      specifiers.filter((specifier) => !specifier.startsWith('.')).map((specifier) => `${relative(ROOT, file)}: ${specifier}`),
    );
    expect(foreign).toEqual([]);
  });
});

describe('the start-up path of swr-credential-provider, which the kubelet runs on every uncached pull', () => {
  it('loads only our own modules, and neither the parser nor the templates', () => {
    const modules = loadedAtStart(join(ROOT, 'src', 'credential-provider.ts'));
    const names = [...modules.keys()].map((file) => relative(ROOT, file));
    expect(names).toContain('src/core/credential-provider.ts');
    expect(names).toContain('src/core/registry-logins.ts');
    for (const heavy of ['src/parser.ts', 'src/generated/templates.ts', 'src/core/render.ts', 'src/core/kubelet-config.ts', 'src/main.ts']) {
      expect(names).not.toContain(heavy);
    }
    const foreign = [...modules].flatMap(([file, specifiers]) =>
      specifiers.filter((specifier) => !specifier.startsWith('.')).map((specifier) => `${relative(ROOT, file)}: ${specifier}`),
    );
    expect(foreign).toEqual([]);
  });
});
