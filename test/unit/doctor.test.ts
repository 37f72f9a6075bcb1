// doctor on memfs: a machine set up well, then one thing wrong at a time, each
// found as one problem (or note) that says what to do.

import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/doctor.ts';
import type { Finding } from '../../src/core/findings.ts';
import { BLOCK_END, BLOCK_START } from '../../src/core/dotfiles.ts';
import { renderPlugin } from '../../src/core/plugin.ts';
import { writeProfile } from '../../src/core/profile.ts';
import { version } from '../../src/core/render.ts';
import { dispatch } from '../../src/parser.ts';
import { fakeIo, HOME, type FakeIo } from '../support/io.ts';

const KEY = 'd4326199d873a82512a3d3f0033fcaa2bca36c1d30cce0c75d252bc15ed84c40';
const CONFIG = `${HOME}/.config/swr-shell`;
const BIN = '/usr/bin';
const STATIC_BASH = `${HOME}/.local/share/swr-shell/init.bash`;
const evalBlock = `${BLOCK_START}\neval "$(swr-shell init bash)"\n${BLOCK_END}\n`;
const staticBlock = `${BLOCK_START}\n. "$HOME/.local/share/swr-shell/init.bash"\n${BLOCK_END}\n`;

interface Setup {
  env?: Record<string, string>;
  files?: Record<string, string>;
  tools?: string[];
  profile?: boolean;
}

/** A machine with a profile, docker and ctr on PATH and the eval block in ~/.bashrc, changed by `setup`. */
function machine({ env = {}, files = {}, tools = ['docker', 'ctr'], profile = true }: Setup = {}): FakeIo {
  const fake = fakeIo({ env: { PATH: `/nowhere:${BIN}:relative/bin`, ...env }, files: { [`${HOME}/.bashrc`]: `alias ll='ls -l'\n${evalBlock}`, ...files } });
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
      `bash: ${HOME}/.bashrc loads the plugin (eval mode).`,
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

  describe('startup files', () => {
    const current = renderPlugin({ shell: 'bash', prefix: 'swr' });
    const old = current.replace(`# swr-shell ${version} plugin`, '# swr-shell 0.0.1 plugin');

    it('accepts a static block whose plugin is of this version', () => {
      const findings = run(machine({ files: { [`${HOME}/.bashrc`]: staticBlock, [STATIC_BASH]: current } }));
      expect(withStatus(findings, 'problem')).toEqual([]);
      expect(withStatus(findings, 'ok')).toContain(`bash: ${HOME}/.bashrc loads the plugin (static mode).`);
    });

    it('finds a static plugin rendered by another version', () => {
      expect(withStatus(run(machine({ files: { [`${HOME}/.bashrc`]: staticBlock, [STATIC_BASH]: old } })), 'problem')).toEqual([
        `bash: ${STATIC_BASH} was rendered by swr-shell 0.0.1, not ${version}: run swr-shell install bash --mode static to refresh it.`,
      ]);
    });

    it('only notes a stale static plugin that no block sources', () => {
      const findings = run(machine({ files: { [STATIC_BASH]: old } }));
      expect(withStatus(findings, 'problem')).toEqual([]);
      expect(withStatus(findings, 'note')).toContain(
        `bash: ${STATIC_BASH} was rendered by swr-shell 0.0.1, not ${version}: run swr-shell install bash --mode static to refresh it.`,
      );
    });

    it('finds a static block whose plugin file is missing', () => {
      expect(withStatus(run(machine({ files: { [`${HOME}/.bashrc`]: staticBlock } })), 'problem')).toEqual([
        `bash: the block in ${HOME}/.bashrc sources ${STATIC_BASH}, which does not exist: run swr-shell install bash --mode static.`,
      ]);
    });

    it('finds a block without its end marker, and two blocks', () => {
      for (const [rc, markers] of [
        [`${BLOCK_START}\neval "$(swr-shell init bash)"\n`, '1 start and 0 end markers'],
        [`${evalBlock}${evalBlock}`, '2 start and 2 end markers'],
        [`${BLOCK_END}\n${BLOCK_START}\n`, '1 start and 1 end markers'],
      ] as const) {
        expect(withStatus(run(machine({ files: { [`${HOME}/.bashrc`]: rc } })), 'problem')).toEqual([
          `bash: ${HOME}/.bashrc has ${markers} of the swr-shell block: edit it down to one block, or remove the markers and run swr-shell install bash.`,
        ]);
      }
    });

    it('reads markers with CRLF line ends and trailing spaces', () => {
      const crlf = evalBlock.replaceAll('\n', ' \r\n');
      expect(withStatus(run(machine({ files: { [`${HOME}/.bashrc`]: crlf } })), 'ok')).toContain(`bash: ${HOME}/.bashrc loads the plugin (eval mode).`);
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

    it('follows ZDOTDIR and XDG_CONFIG_HOME to the startup files', () => {
      const findings = run(
        machine({
          env: { ZDOTDIR: '/z', XDG_CONFIG_HOME: '/xdg' },
          profile: false,
          files: { [`${HOME}/.bashrc`]: '', '/z/.zshrc': evalBlock, '/xdg/fish/conf.d/swr-shell.fish': evalBlock },
        }),
      );
      expect(withStatus(findings, 'ok')).toEqual(expect.arrayContaining(['zsh: /z/.zshrc loads the plugin (eval mode).', 'fish: /xdg/fish/conf.d/swr-shell.fish loads the plugin (eval mode).']));
    });

    it('finds the blocks of ksh, mksh and sh (in the file that ENV names)', () => {
      const findings = run(
        machine({
          env: { ENV: `${HOME}/.shinit` },
          files: { [`${HOME}/.bashrc`]: '', [`${HOME}/.shinit`]: evalBlock.replace('init bash', 'init sh') },
        }),
      );
      // ksh and mksh follow ENV too: the one file loads the plugin for each.
      expect(withStatus(findings, 'ok')).toEqual(
        expect.arrayContaining([`ksh: ${HOME}/.shinit loads the plugin (eval mode).`, `sh: ${HOME}/.shinit loads the plugin (eval mode).`]),
      );
      expect(withStatus(findings, 'note').join('\n')).not.toContain('no startup file');
      const mksh = run(machine({ files: { [`${HOME}/.bashrc`]: '', [`${HOME}/.mkshrc`]: evalBlock.replace('init bash', 'init sh') } }));
      expect(withStatus(mksh, 'ok')).toContain(`mksh: ${HOME}/.mkshrc loads the plugin (eval mode).`);
    });

    it('notes that no startup file loads the plugin', () => {
      expect(withStatus(run(machine({ files: { [`${HOME}/.bashrc`]: "alias ll='ls -l'\n" } })), 'note')).toContain(
        'no startup file loads the plugin: run swr-shell install, or add eval "$(swr-shell init)" to yours.',
      );
    });
  });
});
