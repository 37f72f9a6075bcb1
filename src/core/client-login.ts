// What `swr-shell login` and the GitHub Action run: the same command lines as
// the plugin's `swr-login` and `swr-logout` (templates/*.ejs), with the key
// written to the tool's standard input.

import { UsageError } from './errors.ts';
import { LOGIN_TOOLS } from './plugin.ts';
import type { Env } from './profile.ts';
import { show } from './validate.ts';

export type LoginTool = (typeof LOGIN_TOOLS)[number];

/** The tool `named` on the command line, else $SWR_RUNTIME, else docker. */
export function chooseTool(named: string | undefined, env: Env): LoginTool {
  const tool = named ?? (env['SWR_RUNTIME'] || 'docker');
  if ((LOGIN_TOOLS as readonly string[]).includes(tool)) return tool as LoginTool;
  throw new UsageError(
    `${named === undefined ? 'SWR_RUNTIME: ' : ''}unknown tool ${show(tool)}: use ${LOGIN_TOOLS.slice(0, -1).join(', ')} ` +
      `or ${LOGIN_TOOLS.at(-1)} (or set SWR_RUNTIME to one of them).`,
  );
}

/** `<tool> login -u <user> --password-stdin [options...] <registry>`, without the tool: the key goes to stdin. */
export function loginArgs(user: string, registry: string, options: readonly string[] = []): string[] {
  return ['login', '-u', user, '--password-stdin', ...options, registry];
}

/** `<tool> logout [options...] <registry>`, without the tool. */
export function logoutArgs(registry: string, options: readonly string[] = []): string[] {
  return ['logout', ...options, registry];
}
