// Interactive configure: on a real terminal (a pty) under Node and Deno, the
// questions of `aws configure` with the current values as defaults, the SK
// hidden, a mistyped region answered with the nearest one, and at the end the
// offer to ask the real registry (docker-registry with htpasswd) about the key.
// The rules of the conversation are also checked in-process, on memfs.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main.ts';
import { AK, SK, TempHome } from '../support/cli.ts';
import { opensslLoginKey } from '../support/huawei-login-key.ts';
import { fakeIo, type FakeIoOptions, HOME } from '../support/io.ts';
import { denoCommand, denoOwnEnv, nodeCommand } from '../support/runtimes.ts';
import { onTerminal } from '../support/terminal.ts';
import { requireTools } from '../support/tools.ts';
import { type Registry, startRegistry } from '../e2e/daemons.ts';

const KEY = opensslLoginKey(AK, SK);
const OTHER_SK = 'otherSecretKeyExample0123456789abcdefAB';
const PROFILE = `${HOME}/.config/swr-shell/default.conf`;
const STORED = `region=cn-north-4\nproject=cn-north-4\norg=team\nak=${AK}\nlogin_key=${'a'.repeat(64)}\n`;

async function run(args: string[], options: FakeIoOptions) {
  const fake = fakeIo({ terminal: true, ...options });
  const status = await main(args, fake.io);
  return { status, stdout: fake.stdout(), stderr: fake.stderr(), files: fake.vol.toJSON() as Record<string, string | null> };
}

describe('interactive configure, in-process', () => {
  it('a new profile: asks region, AK, SK (hidden), organization; stores the derived key', async () => {
    const result = await run(['configure'], { answers: ['ap-southeast-3', AK, 'team', 'n'], typed: SK });
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('Configuring profile "default" (new).');
    expect(result.stderr).toContain('Region (swr-shell regions lists them): ap-southeast-3\n');
    expect(result.stderr).toContain('Secret access key (SK): \n');
    expect(result.files[PROFILE]).toBe(
      `# swr-shell profile "default", written by swr-shell configure.\n# It holds the SWR login key (derived from the AK and SK), never the secret key.\n` +
        `region=ap-southeast-3\nproject=ap-southeast-3\norg=team\nak=${AK}\nlogin_key=${KEY}\n`,
    );
  });

  it('current values are the defaults: Enter everywhere keeps the profile, key included', async () => {
    const result = await run(['configure'], { files: { [PROFILE]: STORED }, answers: ['', '', '', 'n'], typed: '' });
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('Region (swr-shell regions lists them) [cn-north-4]: \n');
    expect(result.stderr).toContain(`Access key ID (AK) [${AK}]: \n`);
    expect(result.stderr).toContain('Secret access key (SK) [Enter keeps the stored login key]: ');
    expect(result.stderr).toContain('Organization (- for none) [team]: \n');
    expect(result.stdout).toContain('The login key was kept.');
    expect(result.files[PROFILE]).toContain(`login_key=${'a'.repeat(64)}`);
    expect(result.files[PROFILE]).toContain('region=cn-north-4');
  });

  it('a mistyped region is explained and its nearest region becomes the default', async () => {
    const result = await run(['configure'], { answers: ['ap-southeast-33', '', AK, '-', 'n'], typed: SK });
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('unknown region "ap-southeast-33": did you mean ap-southeast-3?');
    expect(result.stderr).toContain('Region (swr-shell regions lists them) [ap-southeast-3]: \n');
    expect(result.files[PROFILE]).toContain('region=ap-southeast-3\n');
    expect(result.files[PROFILE]).not.toContain('org=');
  });

  it('a bad AK is asked again; "-" clears the organization', async () => {
    const result = await run(['configure'], { files: { [PROFILE]: STORED }, answers: ['', 'bad ak', 'NEWAKEXAMPLE99', '-', 'n'], typed: OTHER_SK });
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('invalid access key ID: it contains characters other than letters and digits');
    // A new AK needs its SK: the prompt offers no keeping.
    expect(result.stderr).toContain('Secret access key (SK): ');
    expect(result.files[PROFILE]).toContain('ak=NEWAKEXAMPLE99');
    expect(result.files[PROFILE]).toContain(`login_key=${opensslLoginKey('NEWAKEXAMPLE99', OTHER_SK)}`);
    expect(result.files[PROFILE]).not.toContain('org=');
  });

  it('end of input at a question writes nothing', async () => {
    const result = await run(['configure'], { files: { [PROFILE]: STORED }, answers: ['ap-southeast-3'] });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('no answer at the prompt (end of input); nothing was written.');
    expect(result.files[PROFILE]).toBe(STORED);
  });

  it('any setting on the command line, an SK source, or no terminal: no questions', async () => {
    const env = { HUAWEICLOUD_SDK_AK: AK, HUAWEICLOUD_SDK_SK: SK };
    for (const [args, options] of [
      [['configure', '--org', 'other'], { files: { [PROFILE]: STORED } }],
      [['configure', '--region', 'ap-southeast-3'], { env }],
      [['configure'], { env, files: { [PROFILE]: STORED } }],
      [['configure'], { terminal: false, files: { [PROFILE]: STORED } }],
    ] as Array<[string[], FakeIoOptions]>) {
      const result = await run(args, { ...options, answers: ['SHOULD-NOT-BE-READ'] });
      expect(result.stderr, args.join(' ')).not.toContain('Configuring profile');
      expect(result.status, args.join(' ')).toBe(0);
    }
  });
});

describe.runIf(requireTools('script', 'docker-registry', 'htpasswd'))('interactive configure on a real terminal', () => {
  const root = mkdtempSync(join(tmpdir(), 'swr-interactive-'));
  let registry: Registry;
  const homes: TempHome[] = [];
  beforeAll(async () => {
    registry = await startRegistry(join(root, 'registry'), [{ user: `ap-southeast-3@${AK}`, password: KEY }]);
  }, 30_000);
  afterAll(async () => {
    await registry?.stop();
    for (const home of homes) home.remove();
    rmSync(root, { recursive: true, force: true });
  });

  const RUNTIMES = { node: nodeCommand, deno: denoCommand } as const;

  it.each(Object.keys(RUNTIMES) as Array<keyof typeof RUNTIMES>)(
    '%s: fixes a wrong key by answering the questions, then check asks the registry and it accepts',
    async (runtime) => {
      const home = new TempHome(denoOwnEnv(join(root, 'deno-cache')));
      homes.push(home);
      // A profile for the local registry whose key came from a wrong SK.
      await home.configure('--region', 'ap-southeast-3', '--registry', registry.host, '--org', 'team');
      const path = join(home.dir, '.config', 'swr-shell', 'default.conf');
      const wrong = readFileSync(path, 'utf8').replace(KEY, 'b'.repeat(64));
      writeFileSync(path, wrong, { mode: 0o600 });
      const refused = await onTerminal([...RUNTIMES[runtime](), 'check'], home.env, []);
      expect(refused.status).toBe(1);
      expect(refused.screen).toContain('refused:');

      const { screen, status } = await onTerminal([...RUNTIMES[runtime](), 'configure'], home.env, [
        { waitFor: 'Region (swr-shell regions lists them) [ap-southeast-3]: ', type: '\r' },
        { waitFor: `Access key ID (AK) [${AK}]: `, type: '\r' },
        { waitFor: 'Secret access key (SK) [Enter keeps the stored login key]: ', type: `${SK}\r` },
        { waitFor: 'Organization (- for none) [team]: ', type: '\r' },
        { waitFor: '(swr-shell check)? [Y/n]: ', type: '\r' },
      ]);
      expect(status).toBe(0);
      expect(screen).not.toContain(SK);
      expect(screen).toContain(`accepted: ${registry.host} accepts ap-southeast-3@${AK} with this key (Basic).`);
      expect(readFileSync(path, 'utf8')).toContain(`login_key=${KEY}`);
      expect(readFileSync(path, 'utf8')).toContain(`registry=${registry.host}`);
    },
    60_000,
  );
});
