// The small helpers of src/core that the command tests reach only in passing,
// held to exact results here (npm run mutate found changes to them unnoticed).

import { describe, expect, it } from 'vitest';
import { binaryToBytes, binaryToDisplay, bytesToBinary, sameBytes, utf8ToBinary } from '../../src/core/bytes.ts';
import { chooseTool, loginArgs, logoutArgs } from '../../src/core/client-login.ts';
import { renderContainerdAuth, tomlString } from '../../src/core/containerd.ts';
import { providerEnv, renderKubeletConfig } from '../../src/core/kubelet-config.ts';
import { exitCodeOf, Failure, reportFailure, UsageError } from '../../src/core/errors.ts';
import { dockerConfigJson, validateNamespace, validateSecretName } from '../../src/core/kubernetes.ts';
import { findOnPath } from '../../src/core/path-search.ts';
import { basename, dirname, isAbsolute, join, resolve } from '../../src/core/paths.ts';
import { FUNCTIONS, initFlags, renderPlugin, shPrefix } from '../../src/core/plugin.ts';
import { detectInstallShell, detectPluginShell, detectShell } from '../../src/core/shell.ts';
import { editDistance, nearest } from '../../src/core/spelling.ts';
import { fakeIo, HOME } from '../support/io.ts';

describe('bytes', () => {
  it('a binary string has one character per byte, and back, across the chunk size', () => {
    const bytes = Uint8Array.from({ length: 0x8000 * 2 + 3 }, (_, i) => (i * 7) % 256);
    const binary = bytesToBinary(bytes);
    expect(binary.length).toBe(bytes.length);
    expect(binary.charCodeAt(0x8000 + 1)).toBe(((0x8000 + 1) * 7) % 256);
    expect(binary.charCodeAt(bytes.length - 1)).toBe(((bytes.length - 1) * 7) % 256);
    expect(sameBytes(binaryToBytes(binary), bytes)).toBe(true);
    expect(bytesToBinary(new Uint8Array())).toBe('');
  });

  it('UTF-8 in and out; invalid bytes shown as U+FFFD', () => {
    expect(utf8ToBinary('é')).toBe('\xc3\xa9');
    expect(binaryToDisplay('\xc3\xa9')).toBe('é');
    expect(binaryToDisplay('a\xffb')).toBe('a\ufffdb');
  });

  it('sameBytes compares length and every byte; undefined equals only undefined', () => {
    expect(sameBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(sameBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
    expect(sameBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 3))).toBe(false);
    expect(sameBytes(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2))).toBe(false);
    expect(sameBytes(undefined, undefined)).toBe(true);
    expect(sameBytes(undefined, Uint8Array.of())).toBe(false);
    expect(sameBytes(Uint8Array.of(), undefined)).toBe(false);
  });
});

describe('paths', () => {
  it.each([
    ['/a/b/c', '/a/b', 'c'],
    ['/a/b/', '/a', 'b'],
    ['/a//', '/', 'a'],
    ['/a', '/', 'a'],
    ['/', '/', ''],
    ['a', '.', 'a'],
    ['a/b', 'a', 'b'],
  ])('%s: directory %s, name %s', (path, directory, name) => {
    expect(dirname(path)).toBe(directory);
    expect(basename(path)).toBe(name);
  });

  it('join drops empty parts and doubled slashes; resolve keeps an absolute path', () => {
    expect(join('/a/', '', '/b', 'c')).toBe('/a/b/c');
    expect(join('a', 'b')).toBe('a/b');
    expect(join('/a', 'b//c')).toBe('/a/b/c');
    expect(resolve('/base', 'x/y')).toBe('/base/x/y');
    expect(resolve('/base', '/x')).toBe('/x');
    expect(isAbsolute('/x')).toBe(true);
    expect(isAbsolute('x/')).toBe(false);
  });
});

describe('spelling', () => {
  it('edit distance counts insertions, deletions and substitutions', () => {
    expect(editDistance('', '')).toBe(0);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('', 'ab')).toBe(2);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('install', 'instal')).toBe(1);
    expect(editDistance('ab', 'ba')).toBe(2);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('nearest ignores the case of the input and keeps the first of equals', () => {
    expect(nearest('INSTAL', ['init', 'install', 'uninstall'])).toEqual({ name: 'install', distance: 1 });
    expect(nearest('ab', ['ax', 'ay'])).toEqual({ name: 'ax', distance: 1 });
    expect(nearest('zzzz', ['a'])).toEqual({ name: 'a', distance: 4 });
  });
});

describe('findOnPath', () => {
  it('the first executable regular file in an absolute $PATH entry', () => {
    const { fs } = fakeIo({ files: { '/one/tool': 'x', '/two/tool': 'x', '/three/tool': 'x', [`${HOME}/rel/tool`]: 'x' } });
    fs.chmodSync('/one/tool', 0o644);
    fs.chmodSync('/two/tool', 0o100);
    fs.chmodSync('/three/tool', 0o755);
    fs.chmodSync(`${HOME}/rel/tool`, 0o755);
    fs.mkdirSync('/dir/tool', { recursive: true });
    expect(findOnPath(fs, { PATH: 'rel::/dir:/missing:/one:/two:/three' }, 'tool')).toBe('/two/tool');
    expect(findOnPath(fs, { PATH: '/three' }, 'tool')).toBe('/three/tool');
    expect(findOnPath(fs, { PATH: '/one:/dir' }, 'tool')).toBeUndefined();
    expect(findOnPath(fs, {}, 'tool')).toBeUndefined();
  });

  it('skips a relative entry even when the working directory holds the program there', () => {
    // memfs resolves a relative path against the process's working directory, as a real file system does.
    const { fs } = fakeIo({ files: { [`${process.cwd()}/rel/tool`]: 'x' } });
    fs.chmodSync(`${process.cwd()}/rel/tool`, 0o755);
    expect(fs.statSync('rel/tool').isFile()).toBe(true);
    expect(findOnPath(fs, { PATH: 'rel' }, 'tool')).toBeUndefined();
  });
});

describe('client login', () => {
  it('the named tool, else $SWR_RUNTIME, else docker', () => {
    expect(chooseTool('podman', { SWR_RUNTIME: 'nerdctl' })).toBe('podman');
    expect(chooseTool(undefined, { SWR_RUNTIME: 'nerdctl' })).toBe('nerdctl');
    expect(chooseTool(undefined, { SWR_RUNTIME: '' })).toBe('docker');
    expect(chooseTool(undefined, {})).toBe('docker');
  });

  it('an unknown tool is a usage error that says where it came from', () => {
    const fix = 'use docker, podman or nerdctl (or set SWR_RUNTIME to one of them).';
    expect(() => chooseTool('rkt', {})).toThrow(new UsageError(`unknown tool "rkt": ${fix}`));
    expect(() => chooseTool(undefined, { SWR_RUNTIME: 'rkt' })).toThrow(new UsageError(`SWR_RUNTIME: unknown tool "rkt": ${fix}`));
  });

  it('login and logout argument lists', () => {
    expect(loginArgs('u', 'r.example', ['--tls-verify=false'])).toEqual(['login', '-u', 'u', '--password-stdin', '--tls-verify=false', 'r.example']);
    expect(loginArgs('u', 'r.example')).toEqual(['login', '-u', 'u', '--password-stdin', 'r.example']);
    expect(logoutArgs('r.example', ['-x'])).toEqual(['logout', '-x', 'r.example']);
    expect(logoutArgs('r.example')).toEqual(['logout', 'r.example']);
  });
});

describe('which shell', () => {
  it('the parent process first, as a login shell too (-bash), then $SHELL', () => {
    expect(detectShell('/usr/bin/zsh', '/bin/bash')).toBe('zsh');
    expect(detectShell('-bash', '/usr/bin/fish')).toBe('bash');
    expect(detectShell('node', '/usr/bin/fish')).toBe('fish');
    expect(detectShell(undefined, 'fish')).toBe('fish');
  });

  it('an unknown shell names the parent, $SHELL and the command', () => {
    expect(() => detectShell(undefined, undefined, 'install')).toThrow(
      new UsageError('cannot tell which shell to serve (parent process "unknown", SHELL ""): name it, as in swr-shell install bash, zsh or fish.'),
    );
    expect(() => detectShell('dash', '/bin/sh')).toThrow(
      new UsageError('cannot tell which shell to serve (parent process "dash", SHELL "/bin/sh"): name it, as in swr-shell init bash, zsh or fish.'),
    );
  });

  it('the plugin serves the POSIX family as sh', () => {
    expect(detectPluginShell('/bin/dash', undefined)).toBe('sh');
    expect(detectPluginShell('-ksh93', undefined)).toBe('sh');
    expect(detectPluginShell('node', '/bin/zsh')).toBe('zsh');
    expect(detectPluginShell('node', '/bin/busybox')).toBe('sh');
    expect(() => detectPluginShell('node', '/bin/csh')).toThrow(
      new UsageError('cannot tell which shell to serve (parent process "node", SHELL "/bin/csh"): name it, as in swr-shell init bash, zsh, fish or sh.'),
    );
  });

  it('install edits ksh and mksh files of their own, under their other names too', () => {
    expect(detectInstallShell('ksh93', undefined, 'install')).toBe('ksh');
    expect(detectInstallShell('pdksh', undefined, 'install')).toBe('ksh');
    expect(detectInstallShell('/bin/lksh', undefined, 'install')).toBe('mksh');
    expect(detectInstallShell('-mksh', undefined, 'install')).toBe('mksh');
    expect(detectInstallShell('dash', '/bin/bash', 'install')).toBe('sh');
    expect(detectInstallShell('node', '/bin/bash', 'install')).toBe('bash');
    expect(() => detectInstallShell('node', '/bin/tcsh', 'uninstall')).toThrow(
      new UsageError(
        'cannot tell which shell to serve (parent process "node", SHELL "/bin/tcsh"): name it, as in swr-shell uninstall bash, zsh, fish, ksh, mksh or sh.',
      ),
    );
  });
});

describe('errors', () => {
  it('exit codes: 2 for usage, 1 for a failure and for anything else', () => {
    expect(exitCodeOf(new UsageError('u'))).toBe(2);
    expect(exitCodeOf(new Failure('f'))).toBe(1);
    expect(exitCodeOf(new Error('e'))).toBe(1);
    expect(exitCodeOf('text')).toBe(1);
    expect(new UsageError('u').name).toBe('UsageError');
    expect(new Failure('f').name).toBe('Failure');
  });

  it('reportFailure: a known error as it is, another as unexpected, the stack only under SWR_SHELL_DEBUG=1', () => {
    const run = (error: unknown, debug?: string): [number, string, string] => {
      let out = '';
      let stack = '';
      const status = reportFailure('prog', error, debug, (text) => void (out += text), (text) => void (stack += text));
      return [status, out, stack];
    };
    expect(run(new Failure('no file'))).toEqual([1, 'prog: no file\n', '']);
    expect(run(new UsageError('bad'))).toEqual([1, 'prog: bad\n', '']);
    expect(run('thrown text')).toEqual([1, 'prog: unexpected error: thrown text\n', '']);
    const error = new TypeError('oops');
    expect(run(error, '0')).toEqual([1, 'prog: unexpected error: oops\n', '']);
    expect(run(error, '1')).toEqual([1, 'prog: unexpected error: oops\n', `${error.stack}\n`]);
    expect(run('no stack', '1')).toEqual([1, 'prog: unexpected error: no stack\n', '']);
  });
});

describe('containerd and Kubernetes values', () => {
  it('tomlString escapes backslash, quote and control characters only', () => {
    expect(tomlString('a\\b"c')).toBe('"a\\\\b\\"c"');
    expect(tomlString('\u0000\n\u001f\u007f ~é')).toBe('"\\u0000\\u000a\\u001f\\u007f ~é"');
    expect(tomlString('')).toBe('""');
  });

  it('a secret name is a DNS-1123 subdomain of at most 253 characters', () => {
    const name = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
    expect(validateSecretName(name)).toBe(name);
    expect(validateSecretName('a-1.b')).toBe('a-1.b');
    expect(() => validateSecretName(`${name}e`)).toThrow(
      new UsageError(
        `invalid secret name ${JSON.stringify(`${name}e`)}: it is 254 characters long (at most 253). Kubernetes accepts lower-case letters, digits and "-" and ".", starting and ending with a letter or digit.`,
      ),
    );
    expect(() => validateSecretName('a-')).toThrow(
      new UsageError(
        'invalid secret name "a-": it is not a DNS-1123 subdomain. Kubernetes accepts lower-case letters, digits and "-" and ".", starting and ending with a letter or digit.',
      ),
    );
    for (const bad of ['-a', 'A', 'a..b', '.a', 'a_b', '']) expect(() => validateSecretName(bad)).toThrow(UsageError);
  });

  it('a namespace is a DNS-1123 label of at most 63 characters, without "."', () => {
    expect(validateNamespace('a'.repeat(63))).toBe('a'.repeat(63));
    expect(validateNamespace('x')).toBe('x');
    expect(() => validateNamespace('a'.repeat(64))).toThrow(
      new UsageError(
        `invalid namespace "${'a'.repeat(64)}": it is 64 characters long (at most 63). Kubernetes accepts lower-case letters, digits and "-", starting and ending with a letter or digit.`,
      ),
    );
    expect(() => validateNamespace('a.b')).toThrow(
      new UsageError('invalid namespace "a.b": it is not a DNS-1123 label. Kubernetes accepts lower-case letters, digits and "-", starting and ending with a letter or digit.'),
    );
  });

  it('the .dockerconfigjson holds one auths entry with user, key and their base64', () => {
    const login = { registry: 'swr.example', profile: 'p', region: 'r', ak: 'AK', user: 'proj@AK', loginKey: 'k3y' };
    expect(JSON.parse(dockerConfigJson(login))).toEqual({
      auths: { 'swr.example': { username: 'proj@AK', password: 'k3y', auth: Buffer.from('proj@AK:k3y').toString('base64') } },
    });
  });
});

describe('plugin options', () => {
  it('initFlags: only what differs from the defaults, each after a space', () => {
    expect(initFlags({ prefix: 'swr' })).toBe('');
    expect(initFlags({ prefix: 'hw' })).toBe(' --cmd hw');
    expect(initFlags({ prefix: 'swr', profile: 'prod' })).toBe(' --profile prod');
    expect(initFlags({ prefix: 'hw', profile: 'prod' })).toBe(' --cmd hw --profile prod');
    expect(initFlags({ prefix: 'swr', profile: '' })).toBe('');
  });

  it('shPrefix refuses "-" and suggests "_" for every one', () => {
    expect(shPrefix('hw_1')).toBe('hw_1');
    expect(() => shPrefix('a-b-c')).toThrow(
      new UsageError(
        'invalid --cmd prefix "a-b-c" for sh: POSIX sh allows no "-" in a function name; use letters, digits and "_" (for example --cmd a_b_c).',
      ),
    );
  });

  it('function names join prefix and suffix with "-", or "_" for sh; pull and push show the second order', () => {
    const bash = renderPlugin({ shell: 'bash', prefix: 'hw' });
    const sh = renderPlugin({ shell: 'sh', prefix: 'hw' });
    for (const [suffix] of FUNCTIONS) {
      expect(bash).toContain(`\nfunction hw-${suffix} {\n`);
      expect(sh).toMatch(new RegExp(`\\nhw_${suffix}\\(\\) [({]\\n`));
    }
    expect(bash.match(/' {7}hw-(\w+) \[ctr-options\.\.\.\] IMAGE'/g)).toEqual([
      "'       hw-pull [ctr-options...] IMAGE'",
      "'       hw-push [ctr-options...] IMAGE'",
    ]);
    expect(bash).toContain(' --cmd hw');
    // Only those two: no other function has a second usage line.
    expect(bash.match(/' {7}hw-\w+ /g)).toHaveLength(2);
  });

  it('an unpinned plugin passes an empty profile to its helpers (so SWR_PROFILE applies), a pinned one its name', () => {
    expect(renderPlugin({ shell: 'fish', prefix: 'hw' })).toContain("\n    __swr_do_client hw-login '' login $argv\n");
    expect(renderPlugin({ shell: 'fish', prefix: 'hw', profile: 'prod' })).toContain('\n    __swr_do_client hw-login prod login $argv\n');
    expect(renderPlugin({ shell: 'sh', prefix: 'hw' })).toContain("\n    __swr_do_client hw_login '' login ${1+\"$@\"}\n");
  });
});

describe('what the node configs hold', () => {
  const login = { registry: 'swr.example', profile: 'p', region: 'r', ak: 'AK', user: 'proj@AK', loginKey: 'k3y' };

  it('the containerd CRI table is named by config version', () => {
    expect(renderContainerdAuth(login, '2')).toContain('"io.containerd.grpc.v1.cri"');
    expect(renderContainerdAuth(login, '3')).toContain('"io.containerd.cri.v1.images"');
  });

  it('the provider environment: directory, profile, the settings that are set, and a duration only when given', () => {
    const env = { SWR_REGION: 'r', SWR_PROJECT: '', SWR_REGISTRY: 'swr.example', HUAWEICLOUD_SDK_SK: 'secret' };
    expect(providerEnv(env, { configHome: '/c', profile: 'p', cacheDuration: undefined })).toEqual([
      ['XDG_CONFIG_HOME', '/c'],
      ['SWR_PROFILE', 'p'],
      ['SWR_REGION', 'r'],
      ['SWR_REGISTRY', 'swr.example'],
    ]);
    expect(providerEnv({}, { configHome: '/c', profile: 'p', cacheDuration: '1h' })).toEqual([
      ['XDG_CONFIG_HOME', '/c'],
      ['SWR_PROFILE', 'p'],
      ['SWR_CACHE_DURATION', '1h'],
    ]);
    expect(renderKubeletConfig(login, { env: [], cacheDuration: '1h' })).toMatch(/^apiVersion: "?kubelet\.config\.k8s\.io\/v1"?$/m);
  });

  it('a name of the greatest length that breaks the rule is told so, not that it is too long', () => {
    expect(() => validateNamespace(`${'a'.repeat(62)}-`)).toThrow(/it is not a DNS-1123 label/);
  });

  it('join leaves a relative path relative', () => {
    expect(join('', 'a')).toBe('a');
  });
});
