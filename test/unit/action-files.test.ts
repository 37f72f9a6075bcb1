// The GitHub Action as a checkout at a tag holds it: action.yml, and the steps
// in action/ exactly as a fresh build bundles them from src/action/ (as for
// completions/), tracked by git, runnable by node with nothing installed.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ACTION_TOOLS, SECRET_INPUTS } from '../../src/core/action.ts';
import { ACTION_STEPS, actionBuild } from '../../src/build/action.ts';
import { ROOT } from '../support/runtimes.ts';

interface ActionYml {
  runs: { using: string; main: string; post: string };
  inputs: Record<string, { required?: boolean; default?: string }>;
  outputs: Record<string, unknown>;
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionYml;

describe('action/', () => {
  it.each(ACTION_STEPS)('%s.cjs holds what a fresh build of src/action/ bundles', async (name) => {
    // esbuild writes paths relative to the working directory into its comments, as npm run build does from the root.
    const cwd = process.cwd();
    process.chdir(ROOT);
    try {
      const { outputFiles } = await esbuild.build({ ...actionBuild(ROOT), write: false });
      const fresh = outputFiles.find((file) => file.path === join(ROOT, 'action', `${name}.cjs`));
      expect(fresh, 'the build makes the file').toBeDefined();
      expect(readFileSync(join(ROOT, 'action', `${name}.cjs`), 'utf8')).toBe(fresh!.text);
    } finally {
      process.chdir(cwd);
    }
  });

  it('is tracked by git, with action.yml', () => {
    const tracked = execFileSync('git', ['ls-files', '--', 'action/', 'action.yml'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(tracked.sort()).toEqual(['action.yml', ...ACTION_STEPS.map((name) => `action/${name}.cjs`)].sort());
  });

  it('needs nothing installed: the steps require only node: modules', () => {
    for (const name of ACTION_STEPS) {
      const text = readFileSync(join(ROOT, 'action', `${name}.cjs`), 'utf8');
      const required = [...text.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]);
      expect(required.filter((id) => !id!.startsWith('node:'))).toEqual([]);
    }
  });
});

describe('action.yml', () => {
  it('runs the committed steps on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'action/main.cjs', post: 'action/post.cjs' });
  });

  it('declares the inputs and outputs of SPEC section 7', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(
      ['region', 'access-key-id', 'secret-access-key', 'login-key', 'project', 'organization', 'registry', 'tool', 'logout'].sort(),
    );
    expect(Object.keys(action.outputs).sort()).toEqual(['registry', 'user']);
    expect(action.inputs['region']!.required).toBe(true);
    expect(action.inputs['tool']!.default).toBe(ACTION_TOOLS[0]);
    expect(action.inputs['logout']!.default).toBe('true');
    for (const name of SECRET_INPUTS) expect(action.inputs[name]!.required).toBe(false);
  });
});
