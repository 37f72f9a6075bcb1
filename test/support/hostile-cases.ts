// The hostile-input suite's data and checks, shared by the bash, zsh and fish
// suite (test/shell/plugin-hostile.test.ts) and the POSIX sh one
// (test/shell/plugin-sh-hostile.test.ts): the values, and what a run must give.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { AK, KEY } from './plugin-cases.ts';
import type { CorpusFile } from './profile-corpus.ts';
import type { RoutingCase } from './routing-cases.ts';
import type { Result } from './sandbox.ts';

export const SG = 'swr.ap-southeast-3.myhuaweicloud.com';
/** Control characters: line feed, carriage return, tab, escape, DEL, and two others. */
export const CONTROLS = ['\n', '\r', '\t', '\x1b', '\x7f', '\x01', '\x1f'];
export const DIGEST = `@sha256:${'a'.repeat(64)}`;

/** Images with a control character at each place that matters. */
export const CONTROL_IMAGES = CONTROLS.flatMap((c) => [`app${c}`, `${c}app`, `team/app:v1${c}`, `127.0.0.1:5556/team/app:v1${c}${DIGEST}`, `app${c}${DIGEST}`]);

export const SETTINGS = ['SWR_REGION', 'SWR_PROJECT', 'SWR_ORG', 'SWR_REGISTRY', 'SWR_AK', 'SWR_LOGIN_KEY', 'SWR_PROFILE', 'SWR_RUNTIME'] as const;
/** A valid value of each setting, which one control character then spoils. */
export const VALID: Readonly<Record<(typeof SETTINGS)[number], string>> = {
  SWR_REGION: 'ap-southeast-3',
  SWR_PROJECT: 'ap-southeast-3_x',
  SWR_ORG: 'team',
  SWR_REGISTRY: SG,
  SWR_AK: AK,
  SWR_LOGIN_KEY: KEY,
  SWR_PROFILE: 'default',
  SWR_RUNTIME: 'docker',
};

const keyless = (text: string) => expect(text).not.toContain(KEY);

/** Every place the key must not be: output, messages, and each tool's environment. */
export function expectNoLeak(result: Result): void {
  keyless(result.stdout);
  keyless(result.stderr);
  for (const call of result.calls) keyless(Object.entries(call.env).map(([name, value]) => `${name}=${value}`).join('\n'));
}

/** A pull of `<host>/team/app:v1` under a routing case: ctr gets the case's user, or no credentials. */
export function expectRouted(result: Result, test: RoutingCase): void {
  const ref = `${test.host}/team/app:v1`;
  const user = test.project === null ? [] : ['--user', `${test.project}@${AK}:${KEY}`];
  expect(result.calls.map((call) => call.argv)).toEqual([['image', 'pull', ...user, ref]]);
}

/**
 * A pull of team/app, and (for a file that is read) a ref of app, under a
 * profile of the corpus: the settings it gives, or its refusal, in one line
 * that names `pull`, the function.
 */
export async function expectCorpusVerdict(file: CorpusFile, result: Result, ref: () => Promise<Result>, pull: string, home: string): Promise<void> {
  if ('ok' in file.verdict) {
    const { region, project, org, registry } = file.verdict.ok;
    const host = registry ?? `swr.${region}.myhuaweicloud.com`;
    expect(result.stderr).toBe('');
    expect(result.calls.map((call) => call.argv)).toEqual([['image', 'pull', '--user', `${project}@${AK}:${KEY}`, `${host}/team/app:latest`]]);
    const refResult = await ref();
    if (org) expect(refResult.stdout).toBe(`${host}/${org}/app:latest\n`);
    else expect(refResult.stderr).toMatch(/names no organization/);
  } else {
    expect(result.status).toBeGreaterThan(0);
    expect(result.calls).toEqual([]);
    expect(result.stderr).toMatch(file.verdict.refused);
    expect(result.stderr).toMatch(new RegExp(`^${pull}: [^\\n]*\\n$`));
  }
  expect(existsSync(join(home, 'pwned'))).toBe(false);
}

/** A run of one function per value (`status=$?` after each): every value refused with status 2 and `message`, nothing run. */
export function expectEachRefused(result: Result, count: number, message: string): void {
  expect(result.stdout, message).toBe('status=2\n'.repeat(count));
  expect(result.calls).toEqual([]);
  // One message a value: no control character in it shifts a line.
  expect(result.stderr.split('\n').slice(0, -1)).toEqual(Array.from({ length: count }, () => message));
}
