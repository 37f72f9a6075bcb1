// A sandbox for running the rendered plugin in a real shell: a temporary HOME,
// and a bin directory of recording stand-ins (docker, podman, nerdctl, ctr,
// and node and deno, which must never be called) that is the shell's whole
// PATH, so the plugin can run nothing else.

import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PluginShell, renderPlugin, type Shell } from '../../src/core/plugin.ts';

export const STAND_INS = ['docker', 'podman', 'nerdctl', 'ctr', 'node', 'deno'] as const;

const RECORDER = `#!/bin/sh
# Records one call: the tool, its argv (NUL-separated), its stdin and environment.
d=$(/bin/mktemp -d "$SWR_TEST_CALLS/call.XXXXXXXX")
/bin/date +%s%N >"$d/time"
printf '%s' "\${0##*/}" >"$d/tool"
for a in "$@"; do printf '%s\\0' "$a"; done >"$d/argv"
/bin/cat >"$d/stdin"
/usr/bin/env -0 >"$d/env"
if [ -n "\${SWR_TEST_STDERR:-}" ]; then printf '%s\\n' "$SWR_TEST_STDERR" >&2; fi
exit "\${SWR_TEST_STATUS:-0}"
`;

export interface Call {
  tool: string;
  argv: string[];
  stdin: string;
  env: Record<string, string>;
}

export interface Result {
  status: number;
  stdout: string;
  stderr: string;
  calls: Call[];
}

/**
 * The POSIX shells that run the sh variant, each with its options: the names
 * are how tests call them (and the shells' programs, the first word).
 */
export const SH_FAMILY_COMMAND = {
  dash: ['dash'],
  'busybox sh': ['busybox', 'sh'],
  mksh: ['mksh'],
  ksh93: ['ksh93'],
  yash: ['yash'],
  'yash --posix': ['yash', '--posix'],
  posh: ['posh'],
  'bash --posix': ['bash', '--posix', '--noprofile', '--norc'],
  'zsh --emulate sh': ['zsh', '--emulate', 'sh', '--no-rcs', '--no-globalrcs'],
} as const satisfies Record<string, readonly string[]>;
export type ShFamilyShell = keyof typeof SH_FAMILY_COMMAND;
export const SH_FAMILY_SHELLS = Object.keys(SH_FAMILY_COMMAND) as ShFamilyShell[];

/** A shell the sandbox runs: bash, zsh, fish, or one of the POSIX shells with the sh variant. */
export type SandboxShell = Shell | ShFamilyShell;

export const SHELL_COMMAND: Readonly<Record<SandboxShell, readonly string[]>> = {
  bash: ['bash', '--noprofile', '--norc'],
  zsh: ['zsh', '--no-rcs', '--no-globalrcs'],
  fish: ['fish', '--no-config', '--private'],
  ...SH_FAMILY_COMMAND,
};

export class Sandbox {
  readonly root = mkdtempSync(join(tmpdir(), 'swr-shell-test-'));
  readonly home = join(this.root, 'home');
  readonly bin = join(this.root, 'bin');
  private runs = 0;

  /** `tools` are the recording stand-ins: STAND_INS, and for the sh family also its utilities (printf, echo, [). */
  constructor(tools: readonly string[] = STAND_INS) {
    mkdirSync(this.home);
    mkdirSync(this.bin);
    for (const tool of tools) writeFileSync(join(this.bin, tool), RECORDER, { mode: 0o755 });
  }

  /** Writes a profile file as configure would. */
  profile(name: string, lines: string, mode = 0o600): string {
    const dir = join(this.home, '.config', 'swr-shell');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const path = join(dir, `${name}.conf`);
    writeFileSync(path, lines, { mode });
    return path;
  }

  /** Renders the plugin into a file (once per variant) and returns its path. */
  plugin(shell: PluginShell, prefix = 'swr', profile?: string): string {
    const path = join(this.root, `plugin-${prefix}-${profile ?? ''}.${shell}`);
    writeFileSync(path, renderPlugin({ shell, prefix, profile }));
    return path;
  }

  /**
   * Runs `script` in `shell` after sourcing the plugin. Positional arguments
   * reach the script as "$@" (fish: $argv), so tests never quote values
   * themselves. The environment is the sandbox's only, plus `env`. `prelude` runs
   * before the plugin is sourced (aliases that would be expanded in it).
   */
  run(shell: SandboxShell, plugin: string, script: string, args: string[] = [], env: Record<string, string> = {}, options: string[] = [], prelude = ''): Promise<Result> {
    const calls = join(this.root, `calls-${++this.runs}`);
    mkdirSync(calls);
    const source = shell === 'fish' ? `source ${plugin}` : `. '${plugin}'`;
    const [command, ...flags] = shellCommand(shell);
    return new Promise((resolve) => {
      const child = execFile(
        command!,
        [...flags, ...options, '-c', `${prelude}${source}\n${script}`, ...(shell === 'fish' ? [] : ['sh']), ...args],
        { env: { HOME: this.home, PATH: this.bin, SWR_TEST_CALLS: calls, LC_ALL: 'C.UTF-8', ...env }, encoding: 'utf8' },
        (error, stdout, stderr) => {
          const status = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          resolve({ status, stdout, stderr, calls: readCalls(calls) });
        },
      );
      child.stdin?.end();
    });
  }

  /** Runs one function with arguments, the usual case. */
  call(shell: SandboxShell, plugin: string, fn: string, args: string[] = [], env: Record<string, string> = {}): Promise<Result> {
    return this.run(shell, plugin, shell === 'fish' ? '$argv' : '"$@"', [fn, ...args], env);
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/**
 * The shell's command line, its path found on our PATH: the shell under test
 * gets the stand-ins as its whole PATH.
 */
export function shellCommand(shell: SandboxShell): string[] {
  const [name, ...flags] = SHELL_COMMAND[shell];
  return [which(name!), ...flags];
}

const found = new Map<string, string>();
function which(name: string): string {
  if (!found.has(name)) found.set(name, execFileSync('sh', ['-c', 'command -v "$1"', 'sh', name], { encoding: 'utf8' }).trim());
  return found.get(name)!;
}

/** The calls recorded in `dir`, in the order they were made. */
export function readCalls(dir: string): Call[] {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .map((path) => ({
      time: BigInt(readFileSync(join(path, 'time'), 'utf8').trim()),
      call: {
        tool: readFileSync(join(path, 'tool'), 'utf8'),
        argv: readFileSync(join(path, 'argv'), 'utf8').split('\0').slice(0, -1),
        stdin: readFileSync(join(path, 'stdin'), 'utf8'),
        env: Object.fromEntries(
          readFileSync(join(path, 'env'), 'utf8')
            .split('\0')
            .filter(Boolean)
            .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
        ),
      },
    }))
    .sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0))
    .map(({ call }) => call);
}
