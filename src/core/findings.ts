// What doctor reports: findings, each one sentence that says what to do.

import type { FileSystem } from './fs.ts';
import type { Env } from './profile.ts';

export type Status = 'ok' | 'note' | 'problem';

export interface Finding {
  readonly status: Status;
  readonly text: string;
}

export const ok = (text: string): Finding => ({ status: 'ok', text });
export const note = (text: string): Finding => ({ status: 'note', text });
export const problem = (text: string): Finding => ({ status: 'problem', text });

export interface DoctorInput {
  readonly fs: FileSystem;
  readonly env: Env;
  readonly platform: string;
  /** The running swr-shell's version, to tell a stale static plugin. */
  readonly version: string;
  /** A profile given by --profile, else the selected one. */
  readonly profile?: string | undefined;
}
