// The GitHub Action's main step (action.yml; bundled to action/main.cjs):
// masks the secrets, logs docker or podman in to SWR with the key on its
// stdin, then exports the settings (never the key) and saves the post step's state.

import { actionLogin, exportedVariables, InputError, savedState, secretValues, workflowCommand } from '../core/action.ts';
import { loginArgs } from '../core/client-login.ts';
import { Failure, UsageError } from '../core/errors.ts';
import { annotate, answer, appendEntries, env, finish, print, runClient, runnerFile } from './runner.ts';

async function main(): Promise<number> {
  // Before anything else is printed: the SK and the login key as given.
  for (const value of secretValues(env)) print(workflowCommand('add-mask', value));
  let files: { env: string; output: string; state: string };
  let login: Awaited<ReturnType<typeof actionLogin>>;
  try {
    login = await actionLogin(env);
    files = { env: runnerFile('GITHUB_ENV'), output: runnerFile('GITHUB_OUTPUT'), state: runnerFile('GITHUB_STATE') };
  } catch (error) {
    if (!(error instanceof InputError || error instanceof UsageError || error instanceof Failure)) throw error;
    annotate('error', error.message);
    return 1;
  }
  // The key derived from the SK is a secret of its own.
  print(workflowCommand('add-mask', login.loginKey));
  print(`Logging ${login.tool} in to ${login.registry} as ${login.user}\n`);
  const result = await runClient(login.tool, loginArgs(login.user, login.registry), login.loginKey);
  if (result.missing) {
    annotate('error', `${login.tool} is not on PATH: install it in an earlier step, or choose the other tool.`);
    return 1;
  }
  if (result.status !== 0) {
    annotate('error', `${login.registry} refused the login of ${login.user}: ${answer(result)}`);
    return 1;
  }
  appendEntries(files.env, exportedVariables(login));
  appendEntries(files.output, [
    ['registry', login.registry],
    ['user', login.user],
  ]);
  appendEntries(files.state, savedState(login));
  return 0;
}

finish(main);
