// One source, two runtimes: every case of cases.ts runs under the Node bin
// (dist/) and under Deno (src/cli.ts with the deno.json task's permissions),
// each in a fresh temporary HOME at the same path. Their stdout, stderr, exit
// statuses and the files they leave must be identical, byte for byte.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/parser.ts';
import { denoCommand, denoOwnEnv, nodeCommand } from '../support/runtimes.ts';
import { requireTools } from '../support/tools.ts';
import { CASES, type ParityCase } from './cases.ts';
import { runCase } from './sandbox.ts';

const available = new Set(COMMANDS.map((command) => command.usage.split(' ')[0]));
// Deno learns the parent's name from ps (see src/runtime.ts).
const canSeeParent = requireTools('ps');
const base = mkdtempSync(join(tmpdir(), 'swr-parity-'));
const denoCache = join(base, 'deno-cache');
const runtimes = { node: nodeCommand(), deno: denoCommand() };
const runtimeEnv = { node: {}, deno: denoOwnEnv(denoCache) };

beforeAll(async () => {
  // Fills Deno's cache once, so that the cases do not all compile src/ at once.
  await runCase(runtimes.deno, { name: 'warm-up', steps: ['--version'] }, join(base, 'warm-up'), runtimeEnv.deno);
}, 60_000);
afterAll(() => rmSync(base, { recursive: true, force: true }));

function checkIntent(parityCase: ParityCase, outcome: Awaited<ReturnType<typeof runCase>>): void {
  for (const step of outcome.steps) {
    const what = `swr-shell ${step.args.join(' ')}\n${step.stderr}`;
    expect(step.status, what).toBe(parityCase.status ?? 0);
    expect(step.stderr, what).not.toMatch(/unexpected error|NotCapable|Requires \w+ access/);
  }
}

// The timeout is the suite's own: a busy CI machine runs these cases side by side.
describe.concurrent('Node and Deno give the same result', { timeout: 60_000 }, () => {
  CASES.forEach((parityCase, index) => {
    const missing = parityCase.needs !== undefined && !available.has(parityCase.needs);
    it.skipIf(missing || (parityCase.fromBash && !canSeeParent))(`${parityCase.name}${missing ? ` (needs ${parityCase.needs})` : ''}`, async () => {
      const home = join(base, `case-${index}`, 'home');
      const node = await runCase(runtimes.node, parityCase, home, runtimeEnv.node);
      checkIntent(parityCase, node);
      const deno = await runCase(runtimes.deno, parityCase, home, runtimeEnv.deno);
      expect(deno).toEqual(node);
    });
  });
});
