// doctor on memfs: a machine set up well, then one thing wrong at a time, each
// found as one problem (or note) that says what to do.

import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/doctor.ts';
import { installFindings, pluginVersion } from '../../src/core/doctor-startup.ts';
import type { Finding } from '../../src/core/findings.ts';
import { BLOCK_END, BLOCK_START } from '../../src/core/dotfiles.ts';
import { writeProfile } from '../../src/core/profile.ts';
import { version } from '../../src/core/render.ts';
import { main } from '../../src/main.ts';
import { dispatch } from '../../src/parser.ts';
import { fakeIo, HOME, type FakeIo } from '../support/io.ts';

const KEY = 'd4326199d873a82512a3d3f0033fcaa2bca36c1d30cce0c75d252bc15ed84c40';
const CONFIG = `${HOME}/.config/swr-shell`;
const BIN = '/usr/bin';
const STATIC_BASH = `${HOME}/.local/share/swr-shell/init.bash`;
const CACHED_BASH = `${HOME}/.cache/swr-shell/plugin.bash`;
/** An init line written by hand, as the README's quick start shows. */
const byHand = 'eval "$(swr-shell init bash)"\n';

interface Setup {
  env?: Record<string, string>;
  files?: Record<string, string>;
  tools?: string[];
  profile?: boolean;
}

/** A machine with a profile, docker and ctr on PATH and an init line in ~/.bashrc, changed by `setup`. */
function machine({ env = {}, files = {}, tools = ['docker', 'ctr'], profile = true }: Setup = {}): FakeIo {
  const fake = fakeIo({ env: { PATH: `/nowhere:${BIN}:relative/bin`, ...env }, files: { [`${HOME}/.bashrc`]: `alias ll='ls -l'\n${byHand}`, ...files } });
  if (profile) writeProfile(fake.fs, fake.io.env, 'default', { region: 'ap-southeast-3', project: 'ap-southeast-3', ak: 'TESTAKEXAMPLE123', loginKey: KEY });
  for (const tool of tools) {
    fake.vol.mkdirSync(BIN, { recursive: true });
    fake.fs.writeFileSync(`${BIN}/${tool}`, '#!/bin/sh\n', { mode: 0o755 });
  }
  return fake;
}

const run = (fake: FakeIo): Finding[] => diagnose({ fs: fake.fs, env: fake.io.env, platform: 'linux', version });
const withStatus = (findings: Finding[], status: Finding['status']): string[] =>
  findings.filter((finding) => finding.status === status).map((finding) => finding.text);

describe('doctor', () => {
  it('finds no problem on a machine set up well, and says what it checked', () => {
    const findings = run(machine());
    expect(withStatus(findings, 'problem')).toEqual([]);
    expect(withStatus(findings, 'ok')).toEqual([
      'profile "default" logs in to swr.ap-southeast-3.myhuaweicloud.com as ap-southeast-3@TESTAKEXAMPLE123.',
      `on PATH: docker (${BIN}/docker), ctr (${BIN}/ctr).`,
      `bash: ${HOME}/.bashrc runs swr-shell init.`,
    ]);
    expect(withStatus(findings, 'note')).toEqual(['not on PATH: podman, nerdctl; swr-login needs them only if you log in with them.']);
  });

  it('exits 0 with all fine and 1 with a problem, printing one line per finding', async () => {
    const good = machine();
    await dispatch(['doctor'], good.io);
    expect(good.stdout()).toMatch(/^ok {6}profile "default"/);
    const bad = machine({ profile: false });
    await expect(dispatch(['doctor'], bad.io)).rejects.toThrow('doctor found 1 problem: fix it as said above.');
    expect(bad.stdout()).toMatch(/^problem no SWR settings: profile "default" .* does not exist/m);
  });

  it('says which path it cannot read when a file stands where ~/.config should be, instead of an unexpected error', async () => {
    const fake = machine({ profile: false, files: { [`${HOME}/.config`]: 'not a directory\n' } });
    await expect(dispatch(['doctor'], fake.io)).rejects.toThrow(/^cannot (read|list) \/home\/user\/\.config\/\S+: a parent of it is not a directory\.$/);
  });

  it('finds a profile readable by others, and a config directory others can list', () => {
    const fake = machine();
    fake.fs.chmodSync(`${CONFIG}/default.conf`, 0o644);
    fake.fs.chmodSync(CONFIG, 0o755);
    expect(withStatus(run(fake), 'problem')).toEqual([
      `${CONFIG} has mode 0755, so others can list it: run chmod 700 ${CONFIG}.`,
      `profile "default" has mode 0644, so others can read its login key: run chmod 600 ${CONFIG}/default.conf.`,
    ]);
  });

  it('finds a login key of the wrong shape, once', () => {
    const fake = machine({ profile: false, files: { [`${CONFIG}/default.conf`]: 'region=ap-southeast-3\nak=TESTAKEXAMPLE123\nlogin_key=0123abc\n' } });
    fake.fs.chmodSync(`${CONFIG}/default.conf`, 0o600);
    fake.fs.chmodSync(CONFIG, 0o700);
    const problems = withStatus(run(fake), 'problem');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/invalid login key .*Run swr-shell configure again/);
  });

  it('checks every profile, not only the selected one', () => {
    const fake = machine({ files: { [`${CONFIG}/other.conf`]: 'region=ap-southeast-3\n' } });
    fake.fs.chmodSync(`${CONFIG}/other.conf`, 0o600);
    expect(withStatus(run(fake), 'problem')).toEqual([expect.stringMatching(/other\.conf: it has no ak= line/)]);
  });

  it('notes settings that the environment overrides', () => {
    const notes = withStatus(run(machine({ env: { SWR_REGION: 'cn-north-4', SWR_ORG: 'team' } })), 'note');
    expect(notes).toContain('SWR_REGION, SWR_ORG set in this environment override the profile; unset them to use the profile alone.');
  });

  it('finds no container client on PATH, and an SWR_RUNTIME that is not there', () => {
    expect(withStatus(run(machine({ tools: ['ctr'] })), 'problem')).toEqual([
      'none of docker, podman and nerdctl is on PATH: install one, or add its directory to PATH, for swr-login.',
    ]);
    expect(withStatus(run(machine({ env: { SWR_RUNTIME: 'podman' } })), 'problem')).toEqual([
      'SWR_RUNTIME is "podman", which swr-login cannot run: set it to docker, podman or nerdctl that is on PATH, or unset it.',
    ]);
  });

  it('does not count a file without the execute bit, or a directory, as a tool', () => {
    const fake = machine({ tools: [] });
    fake.vol.mkdirSync(`${BIN}/docker`, { recursive: true });
    fake.fs.writeFileSync(`${BIN}/podman`, '', { mode: 0o644 });
    expect(withStatus(run(fake), 'problem')).toHaveLength(1);
  });

  describe('docker config.json', () => {
    const DOCKER = `${HOME}/.docker/config.json`;
    const withHelper = JSON.stringify({ credHelpers: { 'swr.ap-southeast-3.myhuaweicloud.com': 'swr', 'gcr.io': 'gcloud' } });

    it('finds credHelpers naming docker-credential-swr when it is not on PATH', () => {
      const [problem] = withStatus(run(machine({ files: { [DOCKER]: withHelper } })), 'problem');
      expect(problem).toBe(
        `${DOCKER} sends swr.ap-southeast-3.myhuaweicloud.com to docker-credential-swr, which is not on PATH: ` +
          "put swr-shell's bin directory on PATH, or run swr-shell docker-config --remove.",
      );
    });

    it('is content when the helper is on PATH', () => {
      const findings = run(machine({ files: { [DOCKER]: withHelper }, tools: ['docker', 'docker-credential-swr'] }));
      expect(withStatus(findings, 'problem')).toEqual([]);
      expect(withStatus(findings, 'ok')).toContain(
        `docker asks docker-credential-swr (${BIN}/docker-credential-swr) for swr.ap-southeast-3.myhuaweicloud.com.`,
      );
    });

    it('notes an SWR key stored in plain text by docker login', () => {
      const stored = JSON.stringify({ auths: { 'swr.cn-north-4.myhuaweicloud.com': { auth: 'eDp5' }, 'ghcr.io': { auth: 'eDp5' } } });
      expect(withStatus(run(machine({ files: { [DOCKER]: stored } })), 'note')).toContain(
        `${DOCKER} stores a key for swr.cn-north-4.myhuaweicloud.com in plain text: run docker logout for it, then swr-shell docker-config.`,
      );
    });

    it('finds a config.json that is not JSON', () => {
      expect(withStatus(run(machine({ files: { [DOCKER]: '{' } })), 'problem')).toEqual([expect.stringMatching(/^cannot edit .*not valid JSON/)]);
    });
  });

  describe('startup files, as install writes them', () => {
    /** Runs swr-shell (install, uninstall) on the machine's files, as a user would. */
    async function swrShell(fake: FakeIo, ...args: string[]): Promise<void> {
      const code = await main(args, fake.io);
      expect(code, fake.stderr()).toBe(0);
    }
    /** A machine with swr-shell on PATH: a bin with a build stamp, as npm installs it. */
    function withBin(setup: Setup = {}): FakeIo {
      const fake = machine({ ...setup, files: { [`${HOME}/.bashrc`]: "alias ll='ls -l'\n", ...setup.files } });
      fake.fs.writeFileSync(`${BIN}/swr-shell`, '#!/usr/bin/env node\n// swr-shell 1.0.0 build 0123abcd\n', { mode: 0o755 });
      return fake;
    }
    const startupFindings = (fake: FakeIo): Finding[] => run(fake).filter((finding) => /^(bash|zsh|fish): |no startup file/.test(finding.text));

    it.each(['cache', 'eval', 'static'])('%s mode, for every shell: no problem, and what loads the plugin', async (mode) => {
      const fake = withBin();
      await swrShell(fake, 'install', 'bash', 'zsh', 'fish', '--mode', mode, '--cmd', 'hw');
      const findings = startupFindings(fake);
      expect(withStatus(findings, 'problem')).toEqual([]);
      const rcs = { bash: `${HOME}/.bashrc`, zsh: `${HOME}/.zshrc`, fish: `${HOME}/.config/fish/conf.d/swr-shell.fish` };
      expect(withStatus(findings, 'ok')).toEqual(
        Object.entries(rcs).map(([shell, rc]) =>
          mode === 'cache'
            ? `${shell}: ${rc} loads the plugin (cache mode), rendered by ${BIN}/swr-shell when it changes.`
            : `${shell}: ${rc} loads the plugin (${mode} mode).`,
        ),
      );
      // cache mode: the first start renders the plugin; once it is there (as the block writes it), no note.
      expect(withStatus(findings, 'note')).toEqual(
        mode === 'cache' ? Object.keys(rcs).map((shell) => `${shell}: ${HOME}/.cache/swr-shell/plugin.${shell} is not there yet: the next ${shell} start renders it (once).`) : [],
      );
      if (mode === 'cache') {
        fake.vol.mkdirSync(`${HOME}/.cache/swr-shell`, { recursive: true });
        fake.fs.writeFileSync(CACHED_BASH, '# cached by the swr-shell block, from // swr-shell 1.0.0 build 0123abcd; init bash --cmd hw\n# swr-shell 1.0.0 plugin\n');
        expect(withStatus(startupFindings(fake), 'note').filter((text) => text.startsWith('bash'))).toEqual([]);
        fake.fs.writeFileSync(CACHED_BASH, '# cached by the swr-shell block, from // swr-shell 0.9.0 build 0123abcd; init bash --cmd hw\n');
        expect(withStatus(startupFindings(fake), 'note')).toContain(`bash: ${CACHED_BASH} is not of this swr-shell and these options: the next bash start renders it (once).`);
      }
    });

    it('static mode: a plugin of another version is found, with the install command that refreshes it', async () => {
      const fake = withBin();
      await swrShell(fake, 'install', 'bash', '--mode', 'static', '--cmd', 'hw');
      const text = String(fake.fs.readFileSync(STATIC_BASH, 'utf8'));
      fake.fs.writeFileSync(STATIC_BASH, text.replace(`# swr-shell ${version} plugin`, '# swr-shell 0.0.1 plugin'));
      expect(withStatus(startupFindings(fake), 'problem')).toEqual([
        `bash: ${STATIC_BASH} was rendered by swr-shell 0.0.1, not ${version}: run swr-shell install bash --mode static --cmd hw to refresh it.`,
      ]);
      // That command puts it right.
      await swrShell(fake, 'install', 'bash', '--mode', 'static', '--cmd', 'hw');
      expect(withStatus(startupFindings(fake), 'problem')).toEqual([]);
      // A static plugin that no block sources any more: a note.
      await swrShell(fake, 'install', 'bash', '--mode', 'eval');
      fake.fs.writeFileSync(STATIC_BASH, text.replace(`# swr-shell ${version} plugin`, '# swr-shell 0.0.1 plugin'));
      expect(withStatus(startupFindings(fake), 'note')).toContain(
        `bash: ${STATIC_BASH} was rendered by swr-shell 0.0.1, not ${version}: run swr-shell install bash --mode static to refresh it.`,
      );
    });

    it('static mode: a plugin file that is missing', async () => {
      const fake = withBin();
      await swrShell(fake, 'install', 'bash', '--mode', 'static');
      fake.fs.unlinkSync(STATIC_BASH);
      expect(withStatus(startupFindings(fake), 'problem')).toEqual([
        `bash: the block in ${HOME}/.bashrc sources ${STATIC_BASH}, which does not exist: run swr-shell install bash --mode static.`,
      ]);
    });

    it('eval mode: a problem when swr-shell is not on PATH', async () => {
      const fake = withBin();
      await swrShell(fake, 'install', 'bash', '--mode', 'eval');
      fake.fs.unlinkSync(`${BIN}/swr-shell`);
      expect(withStatus(startupFindings(fake), 'problem')).toEqual([
        `bash: the block in ${HOME}/.bashrc runs swr-shell init only where swr-shell is on PATH, and it is not on PATH here: install it (npm install -g swr-shell), or run swr-shell install bash for a block that finds it by its path.`,
      ]);
    });

    it('cache mode: the bin gone, another on PATH, no stamp, a cache directory that cannot be written', async () => {
      const gone = withBin();
      await swrShell(gone, 'install', 'bash');
      gone.fs.unlinkSync(`${BIN}/swr-shell`);
      expect(withStatus(startupFindings(gone), 'problem')).toEqual([
        `bash: the block in ${HOME}/.bashrc renders the plugin with ${BIN}/swr-shell, which is gone, so it loads nothing: run swr-shell install bash with the swr-shell you use now (or swr-shell uninstall bash).`,
      ]);

      const fake = withBin({ env: { PATH: `/opt/bin:${BIN}` } });
      await swrShell(fake, 'install', 'bash');
      fake.vol.mkdirSync('/opt/bin', { recursive: true });
      fake.fs.writeFileSync('/opt/bin/swr-shell', '#!/bin/sh\nexec node /opt/swr-shell.cjs "$@"\n', { mode: 0o755 });
      expect(withStatus(startupFindings(fake), 'note')).toContain(
        `bash: swr-shell on PATH is /opt/bin/swr-shell, but the block follows ${BIN}/swr-shell: run swr-shell install bash to follow the one on PATH.`,
      );
      await swrShell(fake, 'install', 'bash');
      expect(withStatus(startupFindings(fake), 'note')).toContain(
        'bash: /opt/bin/swr-shell has no build stamp on its second line (a wrapper script?), so the block sees it change only by its modification time.',
      );
      fake.fs.writeFileSync(`${HOME}/.cache`, 'a file in the way');
      expect(withStatus(startupFindings(fake), 'problem')).toEqual([
        `bash: ${HOME}/.cache/swr-shell cannot be written, so every bash start runs swr-shell init (about 25 ms): make it a writable directory, or run swr-shell install bash --mode static.`,
      ]);
    });

    it('a block that is not what install writes: old CRLF lines, a hand edit, two blocks, a missing marker', async () => {
      const fake = withBin({ files: { [`${HOME}/.bashrc`]: "alias ll='ls -l'\r\n" } });
      await swrShell(fake, 'install', 'bash', '--cmd', 'hw');
      const installed = String(fake.fs.readFileSync(`${HOME}/.bashrc`, 'latin1'));
      expect(withStatus(startupFindings(fake), 'problem')).toEqual([]);
      const notWritten = `bash: ${HOME}/.bashrc has a swr-shell block that is not what install writes (edited by hand, written by an older swr-shell, or with CRLF line ends it cannot run with): run swr-shell install bash --cmd hw to write it anew.`;
      for (const changed of [
        installed.replaceAll(' #\r\n', '\r\n'), // as swr-shell 0.1.0 wrote it: bash reads the CRs as code
        installed.replace('__swr_line= #\r\n', '__swr_line=1 #\r\n'),
      ]) {
        fake.fs.writeFileSync(`${HOME}/.bashrc`, changed, 'latin1');
        expect(withStatus(startupFindings(fake), 'problem')).toEqual([notWritten]);
      }
      const block = installed.slice(installed.indexOf(BLOCK_START));
      fake.fs.writeFileSync(`${HOME}/.bashrc`, `${block}${block}`, 'latin1');
      expect(withStatus(startupFindings(fake), 'problem')).toEqual([
        `bash: ${HOME}/.bashrc has 2 swr-shell blocks: run swr-shell install bash --cmd hw to write it anew.`,
      ]);
      fake.fs.writeFileSync(`${HOME}/.bashrc`, `${BLOCK_START}\neval "$(swr-shell init bash)"\n`);
      expect(withStatus(startupFindings(fake), 'problem')).toEqual([expect.stringMatching(/^bash: .*\.bashrc: the swr-shell block that starts on line 1 has no end marker/)]);
      // And after uninstall, nothing loads the plugin.
      fake.fs.writeFileSync(`${HOME}/.bashrc`, installed, 'latin1');
      await swrShell(fake, 'uninstall', 'bash');
      expect(withStatus(startupFindings(fake), 'note')).toEqual(['no startup file loads the plugin: run swr-shell install, or add eval "$(swr-shell init)" to yours.']);
    });

    it('accepts an init line written by hand, as the quick start shows, in zsh and fish', () => {
      const findings = run(
        machine({
          files: {
            [`${HOME}/.bashrc`]: '',
            [`${HOME}/.zshrc`]: 'eval "$(swr-shell init)"\n',
            [`${HOME}/.config/fish/config.fish`]: 'swr-shell init fish | source\n',
          },
        }),
      );
      expect(withStatus(findings, 'ok')).toEqual(expect.arrayContaining([`zsh: ${HOME}/.zshrc runs swr-shell init.`, `fish: ${HOME}/.config/fish/config.fish runs swr-shell init.`]));
      expect(withStatus(findings, 'note').join('\n')).not.toContain('no startup file');
    });

    it('follows ZDOTDIR and XDG_CONFIG_HOME to the startup files', async () => {
      const fake = withBin({ env: { ZDOTDIR: '/z', XDG_CONFIG_HOME: '/xdg' } });
      await swrShell(fake, 'install', 'zsh', 'fish', '--mode', 'eval');
      expect(withStatus(startupFindings(fake), 'ok')).toEqual(['zsh: /z/.zshrc loads the plugin (eval mode).', 'fish: /xdg/fish/conf.d/swr-shell.fish loads the plugin (eval mode).']);
    });

    it.each(['cache', 'eval', 'static'])('finds the blocks of ksh, mksh and sh (in the file that ENV names), %s mode', async (mode) => {
      const fake = withBin({ env: { ENV: `${HOME}/.shinit` } });
      await swrShell(fake, 'install', 'ksh', 'sh', '--mode', mode);
      const findings = run(fake);
      expect(withStatus(findings, 'problem')).toEqual([]);
      // ksh, mksh and sh follow ENV: the one file, with sh's block (the last install), loads the plugin for each.
      expect(withStatus(findings, 'ok')).toEqual(
        expect.arrayContaining([
          expect.stringMatching(new RegExp(`^sh: ${HOME}/\\.shinit loads the plugin \\(${mode} mode\\)`)),
          `ksh: ${HOME}/.shinit loads the plugin (${mode} mode), through the block of swr-shell install sh${mode === 'cache' ? '' : ` --mode ${mode}`}.`,
          `mksh: ${HOME}/.shinit loads the plugin (${mode} mode), through the block of swr-shell install sh${mode === 'cache' ? '' : ` --mode ${mode}`}.`,
        ]),
      );
      expect(withStatus(findings, 'note').join('\n')).not.toContain('no startup file');
      const mksh = withBin();
      await swrShell(mksh, 'install', 'mksh', '--mode', mode);
      expect(withStatus(run(mksh), 'ok')).toContainEqual(expect.stringMatching(new RegExp(`^mksh: ${HOME}/\\.mkshrc loads the plugin \\(${mode} mode\\)`)));
    });

    const NO_PLUGIN = 'no startup file loads the plugin: run swr-shell install, or add eval "$(swr-shell init)" to yours.';

    it('a block doctor cannot read, or one that is not what install writes, loads nothing', () => {
      for (const bashrc of [
        `${BLOCK_START}\neval "$(swr-shell init bash)"\n`,
        `${BLOCK_START}\neval "$(swr-shell init bash)"\n${BLOCK_END}\n`,
        `${BLOCK_START}\n# Managed by \`swr-shell install bash --mode eval\`; \`swr-shell uninstall bash\` removes it.\neval "$(swr-shell init bash)"\n${BLOCK_END}\n`,
      ]) {
        const findings = startupFindings(machine({ files: { [`${HOME}/.bashrc`]: bashrc } }));
        expect(withStatus(findings, 'problem'), bashrc).toHaveLength(1);
        expect(withStatus(findings, 'note'), bashrc).toEqual([NO_PLUGIN]);
      }
    });

    it('eval mode without swr-shell on PATH loads nothing', async () => {
      const fake = withBin();
      await swrShell(fake, 'install', 'bash', '--mode', 'eval');
      fake.fs.unlinkSync(`${BIN}/swr-shell`);
      expect(withStatus(startupFindings(fake), 'note')).toEqual([NO_PLUGIN]);
    });

    it('what the block says of itself: a Managed line only at its start, known modes, the fix it names', async () => {
      const fake = withBin();
      await swrShell(fake, 'install', 'bash', '--mode', 'eval', '--cmd', 'hw');
      const installed = String(fake.fs.readFileSync(`${HOME}/.bashrc`, 'latin1'));
      const notWritten = (fix: string): string =>
        `bash: ${HOME}/.bashrc has a swr-shell block that is not what install writes (edited by hand, written by an older swr-shell, or with CRLF line ends it cannot run with): run ${fix} to write it anew.`;
      for (const [changed, fix] of [
        [installed.replace('# Managed by', '## Managed by'), 'swr-shell install bash'],
        [installed.replace('--mode eval --cmd hw`', '--mode fancy --cmd hw`'), 'swr-shell install bash'],
      ] as const) {
        fake.fs.writeFileSync(`${HOME}/.bashrc`, changed, 'latin1');
        expect(withStatus(startupFindings(fake), 'problem'), changed).toEqual([notWritten(fix)]);
      }
    });

    it('a block with --profile is current', async () => {
      const fake = withBin();
      await swrShell(fake, 'install', 'bash', '--profile', 'work', '--cmd', 'hw');
      expect(withStatus(startupFindings(fake), 'problem')).toEqual([]);
      expect(withStatus(startupFindings(fake), 'ok')).toEqual([`bash: ${HOME}/.bashrc loads the plugin (cache mode), rendered by ${BIN}/swr-shell when it changes.`]);
    });

    it('cache mode: a bin under HOME, shown as ~/ in the block, is found', async () => {
      const local = `${HOME}/.local/bin`;
      const fake = withBin({ env: { PATH: `${local}:${BIN}` } });
      fake.vol.mkdirSync(local, { recursive: true });
      fake.fs.writeFileSync(`${local}/swr-shell`, '#!/usr/bin/env node\n// swr-shell 1.0.0 build 0123abcd\n', { mode: 0o755 });
      await swrShell(fake, 'install', 'bash');
      expect(String(fake.fs.readFileSync(`${HOME}/.bashrc`, 'utf8'))).toContain('rendered again by ~/.local/bin/swr-shell when that changes.');
      expect(withStatus(startupFindings(fake), 'problem')).toEqual([]);
      expect(withStatus(startupFindings(fake), 'ok')).toEqual([`bash: ${HOME}/.bashrc loads the plugin (cache mode), rendered by ${local}/swr-shell when it changes.`]);
    });

    it('cache mode: the notes and problems come only when they apply', async () => {
      const fake = withBin();
      await swrShell(fake, 'install', 'bash');
      // A bin with CRLF line ends still has its stamp; a cache directory that is there and writable is fine.
      fake.fs.writeFileSync(`${BIN}/swr-shell`, '#!/usr/bin/env node\r\n// swr-shell 1.0.0 build 0123abcd\r\n', { mode: 0o755 });
      fake.vol.mkdirSync(`${HOME}/.cache/swr-shell`, { recursive: true, mode: 0o700 });
      fake.fs.writeFileSync(CACHED_BASH, '# cached by the swr-shell block, from // swr-shell 1.0.0 build 0123abcd; init bash\n');
      expect(startupFindings(fake).filter((finding) => finding.status !== 'ok')).toEqual([]);
      // A first line with a CR inside is another line to the block's read, which renders the plugin again: so says doctor.
      fake.fs.writeFileSync(CACHED_BASH, '# cached by the swr-shell block, from // swr-shell 1.0.0\r build 0123abcd; init bash\n');
      expect(withStatus(startupFindings(fake), 'note')).toEqual([`bash: ${CACHED_BASH} is not of this swr-shell and these options: the next bash start renders it (once).`]);
      fake.fs.writeFileSync(CACHED_BASH, '# cached by the swr-shell block, from // swr-shell 1.0.0 build 0123abcd; init bash\n');
      // swr-shell no longer on PATH (another PATH in this shell): the block still follows its bin, and says nothing of PATH.
      const elsewhere = { ...fake.io.env, PATH: '/nowhere' };
      expect(installFindings({ fs: fake.fs, env: elsewhere, platform: 'linux', version }).filter((finding) => finding.status !== 'ok')).toEqual([]);
      // A cache directory without write permission.
      fake.fs.chmodSync(`${HOME}/.cache/swr-shell`, 0o500);
      expect(withStatus(startupFindings(fake), 'problem')).toEqual([
        `bash: ${HOME}/.cache/swr-shell cannot be written, so every bash start runs swr-shell init (about 25 ms): make it a writable directory, or run swr-shell install bash --mode static.`,
      ]);
    });

    it('a file that sh reads ($ENV) holding a block of another kind of shell is not taken for sh', async () => {
      const fake = withBin({ env: { ENV: `${HOME}/.bashrc` } });
      await swrShell(fake, 'install', 'bash', '--mode', 'eval');
      const sh = run(fake).filter((finding) => finding.text.startsWith('sh: '));
      expect(sh.map((finding) => finding.status)).toEqual(['problem']);
    });

    it('ksh reading the file of sh whose block does not load the plugin: a problem that points to sh', async () => {
      const fake = withBin({ env: { ENV: `${HOME}/.shinit` } });
      await swrShell(fake, 'install', 'sh', '--mode', 'eval');
      fake.fs.unlinkSync(`${BIN}/swr-shell`);
      expect(withStatus(run(fake), 'problem')).toContain(
        `ksh: ${HOME}/.shinit holds the block of swr-shell install sh --mode eval, which does not load the plugin (see sh).`,
      );
    });

    it('static mode: a plugin file without a version line', async () => {
      const fake = withBin();
      await swrShell(fake, 'install', 'bash', '--mode', 'static');
      fake.fs.writeFileSync(STATIC_BASH, '# a plugin written by hand\n');
      expect(withStatus(startupFindings(fake), 'problem')).toEqual([
        `bash: ${STATIC_BASH} was rendered by swr-shell of an unknown version, not ${version}: run swr-shell install bash --mode static to refresh it.`,
      ]);
    });

    it('ksh reading the file of sh with two blocks: the problem is named once, as two blocks', async () => {
      const fake = withBin({ env: { ENV: `${HOME}/.shinit` } });
      await swrShell(fake, 'install', 'sh', '--mode', 'eval');
      const installed = String(fake.fs.readFileSync(`${HOME}/.shinit`, 'utf8'));
      fake.fs.writeFileSync(`${HOME}/.shinit`, `${installed}${installed}`);
      const problems = withStatus(run(fake), 'problem');
      expect(problems).toContain(`ksh: ${HOME}/.shinit has 2 swr-shell blocks: run swr-shell install sh --mode eval to write it anew.`);
    });

    it('notes that no startup file loads the plugin', () => {
      expect(withStatus(run(machine({ files: { [`${HOME}/.bashrc`]: "alias ll='ls -l'\n" } })), 'note')).toContain(
        'no startup file loads the plugin: run swr-shell install, or add eval "$(swr-shell init)" to yours.',
      );
    });
  });
});

describe('doctor, to the letter at the edges', () => {
  const DOCKER = `${HOME}/.docker/config.json`;
  const dockerFindings = (findings: Finding[]): string[] =>
    findings.filter((finding) => finding.text.includes('docker-credential-swr') || finding.text.startsWith(DOCKER)).map((finding) => finding.text);

  it('names every SWR_ setting that overrides the profile', () => {
    const env = {
      SWR_PROFILE: 'default',
      SWR_REGION: 'cn-north-4',
      SWR_PROJECT: 'cn-north-4',
      SWR_ORG: 'team',
      SWR_REGISTRY: 'swr.cn-north-4.myhuaweicloud.com',
      SWR_AK: 'TESTAKEXAMPLE123',
      SWR_LOGIN_KEY: KEY,
    };
    expect(withStatus(run(machine({ env })), 'note')).toContain(
      'SWR_PROFILE, SWR_REGION, SWR_PROJECT, SWR_ORG, SWR_REGISTRY, SWR_AK, SWR_LOGIN_KEY set in this environment override the profile; unset them to use the profile alone.',
    );
  });

  it('writes a mode with four octal digits', () => {
    const fake = machine();
    fake.fs.chmodSync(CONFIG, 0o070);
    expect(withStatus(run(fake), 'problem')).toContain(`${CONFIG} has mode 0070, so others can list it: run chmod 700 ${CONFIG}.`);
  });

  it('the tools: nothing on PATH, all of them, all but one', () => {
    const none = run(machine({ tools: [] }));
    expect(withStatus(none, 'ok').filter((text) => text.startsWith('on PATH'))).toEqual([]);
    expect(withStatus(none, 'note')).toContain('ctr is not on PATH: swr-pull and swr-push need it; it comes with containerd.');

    const all = run(machine({ tools: ['docker', 'podman', 'nerdctl', 'ctr'] }));
    expect(withStatus(all, 'note').filter((text) => /on PATH/.test(text))).toEqual([]);

    const oneMissing = run(machine({ tools: ['docker', 'podman', 'ctr'] }));
    expect(withStatus(oneMissing, 'note')).toEqual(['not on PATH: nerdctl; swr-login needs it only if you log in with it.']);
  });

  it('config.json without credHelpers or stored keys for SWR: nothing to say about it, with the helper on PATH or not', () => {
    const other = JSON.stringify({ auths: { 'ghcr.io': { auth: 'eDp5' } }, credHelpers: { 'gcr.io': 'gcloud' } });
    expect(dockerFindings(run(machine({ files: { [DOCKER]: other } })))).toEqual([]);
    expect(dockerFindings(run(machine({ files: { [DOCKER]: other }, tools: ['docker', 'ctr', 'docker-credential-swr'] })))).toEqual([]);
  });

  it('keys stored for two SWR registries: "them", and the helper found for its host', () => {
    const config = JSON.stringify({
      auths: { 'swr.cn-north-4.myhuaweicloud.com': { auth: 'eDp5' }, 'swr.ap-southeast-3.myhuaweicloud.com': { auth: 'eDp5' } },
      credHelpers: { 'swr.af-south-1.myhuaweicloud.com': 'swr' },
    });
    expect(dockerFindings(run(machine({ files: { [DOCKER]: config }, tools: ['docker', 'ctr', 'docker-credential-swr'] })))).toEqual([
      `docker asks docker-credential-swr (${BIN}/docker-credential-swr) for swr.af-south-1.myhuaweicloud.com.`,
      `${DOCKER} stores a key for swr.ap-southeast-3.myhuaweicloud.com, swr.cn-north-4.myhuaweicloud.com in plain text: run docker logout for them, then swr-shell docker-config.`,
    ]);
  });

  it('a profile that cannot be read, or an SWR_PROFILE that is no name, does not keep doctor from checking config.json', () => {
    const stored = JSON.stringify({ auths: { 'swr.cn-north-4.myhuaweicloud.com': { auth: 'eDp5' } } });
    const note = `${DOCKER} stores a key for swr.cn-north-4.myhuaweicloud.com in plain text: run docker logout for it, then swr-shell docker-config.`;
    const fake = machine({ profile: false, files: { [`${CONFIG}/default.conf`]: 'region=nowhere\n', [DOCKER]: stored } });
    fake.fs.chmodSync(`${CONFIG}/default.conf`, 0o600);
    fake.fs.chmodSync(CONFIG, 0o700);
    expect(dockerFindings(run(fake))).toEqual([note]);
    const badName = run(machine({ env: { SWR_PROFILE: 'a b' }, files: { [DOCKER]: stored } }));
    expect(dockerFindings(badName)).toEqual([note]);
    expect(withStatus(badName, 'problem')).toEqual([expect.stringMatching(/^SWR_PROFILE: invalid profile name "a b"/)]);
  });
});

describe('pluginVersion', () => {
  it('reads the version from a line that starts with it, in the first 1000 characters', () => {
    expect(pluginVersion('# Written by `swr-shell install bash --mode static`.\n# swr-shell 1.2.3 plugin for bash\n')).toBe('1.2.3');
    expect(pluginVersion('x # swr-shell 1.2.3 plugin for bash\n')).toBeUndefined();
    expect(pluginVersion('# swr-shell 1.2.3 plugins\n')).toBeUndefined();
    expect(pluginVersion(`${'#\n'.repeat(500)}# swr-shell 1.2.3 plugin for bash\n`)).toBeUndefined();
    expect(pluginVersion(`${'#\n'.repeat(480)}# swr-shell 1.2.3 plugin for bash\n`)).toBe('1.2.3');
  });
});
