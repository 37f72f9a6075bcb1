// swr-shell login: the one-shot form of the plugin's swr-login, for scripts,
// Makefiles and CI steps. The settings as everywhere (environment, then
// profile); the key on the tool's standard input; the tool's status passed on.

import type { Argv } from 'yargs';
import { runTool } from '../child.ts';
import { chooseTool, loginArgs } from '../core/client-login.ts';
import { LOGIN_TOOLS } from '../core/plugin.ts';
import { selectedLogin } from '../core/registry-logins.ts';
import type { Io } from '../runtime.ts';
import { type Args, listArg, stringArg } from './args.ts';

export const command = {
  usage: 'login [tool] [options..]',
  describe: 'log docker, podman or nerdctl in to SWR, the key on its standard input (for scripts and CI)',
  builder: (yargs: Argv): Argv =>
    yargs
      .positional('tool', { type: 'string', choices: LOGIN_TOOLS, describe: 'the client to log in (default: $SWR_RUNTIME, else docker)' })
      .positional('options', { type: 'string', array: true, describe: "the client's own login options, passed on as they are" }),
  run,
};

export async function run(args: Args, io: Io): Promise<number> {
  const tool = chooseTool(stringArg(args, 'tool'), io.env);
  const login = selectedLogin(await io.fs(), io.env);
  const result = await runTool(tool, loginArgs(login.user, login.registry, listArg(args, 'options')), login.loginKey, io.stderr);
  if (result.missing) io.stderr(`swr-shell login: ${tool} is not on PATH.\n`);
  return result.status;
}
