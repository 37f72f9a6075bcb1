// The GitHub Action's post step (action.yml; bundled to action/post.cjs): logs
// the client out of the registry the main step logged in to, unless the
// workflow said `logout: false`. A failed logout is a warning: the job's work is done.

import { logoutFromState } from '../core/action.ts';
import { logoutArgs } from '../core/client-login.ts';
import { annotate, answer, env, finish, print, runClient } from './runner.ts';

async function post(): Promise<number> {
  const state = logoutFromState(env);
  if (state === undefined) {
    print('Nothing to log out of: the main step logged nothing in.\n');
    return 0;
  }
  if (!state.logout) {
    print(`Leaving ${state.tool} logged in to ${state.registry} (logout: false)\n`);
    return 0;
  }
  print(`Logging ${state.tool} out of ${state.registry}\n`);
  const result = await runClient(state.tool, logoutArgs(state.registry), '');
  if (result.missing) annotate('warning', `${state.tool} is not on PATH any more: cannot log out of ${state.registry}.`);
  else if (result.status !== 0) annotate('warning', `${state.tool} logout of ${state.registry} failed: ${answer(result)}`);
  return 0;
}

finish(post);
