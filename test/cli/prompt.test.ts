// The hidden prompt on a real terminal (a pty from util-linux's script): the
// SK typed there is never echoed, and configure stores only the derived key.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { opensslLoginKeys } from '../support/huawei-login-key.ts';
import { denoCommand, denoOwnEnv, nodeCommand } from '../support/runtimes.ts';
import { onTerminal } from '../support/terminal.ts';
import { requireTools } from '../support/tools.ts';

const AK = 'TESTAKEXAMPLE123';
const SK = 'testSecretKeyExample0123456789abcdefABCD';
const scratch = mkdtempSync(join(tmpdir(), 'swr-prompt-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs `command` on a pty; types `typed` once the SK prompt shows. */
const onSkPrompt = (command: string[], env: Record<string, string>, typed: string) =>
  onTerminal(command, env, [{ waitFor: 'Secret access key (SK)', type: typed }]);

const RUNTIMES = { node: () => nodeCommand(), deno: () => denoCommand() };

describe.runIf(requireTools('script'))('the hidden SK prompt', () => {
  const [key] = opensslLoginKeys([{ ak: AK, sk: SK }]);

  it.each(Object.keys(RUNTIMES) as Array<keyof typeof RUNTIMES>)('%s: configure asks for the SK without echo and stores the key', async (runtime) => {
    const home = join(scratch, runtime);
    const env = { HOME: home, ...denoOwnEnv(join(scratch, 'deno-cache')) };
    const { screen, status } = await onSkPrompt([...RUNTIMES[runtime](), 'configure', '--region', 'ap-southeast-3', '--ak', AK], env, `${SK}\r`);
    expect(screen).toContain(`Secret access key (SK) for ${AK}: `);
    expect(screen).not.toContain(SK);
    expect(status).toBe(0);
    const directory = join(home, '.config', 'swr-shell');
    expect(readdirSync(directory)).toEqual(['default.conf']);
    const profile = readFileSync(join(directory, 'default.conf'), 'utf8');
    expect(profile).toContain(`login_key=${key}`);
    expect(profile).not.toContain(SK);
  });

  it('login-key reads the SK typed with corrections (backspace)', async () => {
    const { screen, status } = await onSkPrompt([...nodeCommand(), 'login-key', '--ak', AK], { HOME: scratch }, `${SK}xy\u007f\u007f\r`);
    expect(status).toBe(0);
    expect(screen).toContain(key);
    expect(screen).not.toContain(SK);
  });

  it('Ctrl-C at the prompt stops with status 1 and writes nothing', async () => {
    const home = join(scratch, 'interrupted');
    const { screen, status } = await onSkPrompt([...nodeCommand(), 'configure', '--region', 'ap-southeast-3', '--ak', AK], { HOME: home }, 'abc\u0003');
    expect(status).toBe(1);
    expect(screen).toContain('interrupted at the prompt; nothing was written.');
    expect(() => readdirSync(home)).toThrow();
  });
});
