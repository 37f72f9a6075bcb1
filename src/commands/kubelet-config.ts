// swr-shell kubelet-config [--profile NAME] [--config-home DIR] [--cache-duration D]:
// prints the kubelet's CredentialProviderConfig for swr-credential-provider.

import type { Argv } from 'yargs';
import { DEFAULT_CACHE_DURATION, validateCacheDuration } from '../core/credential-provider.ts';
import { Failure, UsageError } from '../core/errors.ts';
import { providerEnv, renderKubeletConfig } from '../core/kubelet-config.ts';
import { isAbsolute } from '../core/paths.ts';
import { configDirBase, profileName } from '../core/profile.ts';
import { selectedLogin } from '../core/registry-logins.ts';
import { show } from '../core/validate.ts';
import type { Io } from '../runtime.ts';
import { type Args, stringArg } from './args.ts';

export const command = {
  usage: 'kubelet-config',
  describe: "print the kubelet's CredentialProviderConfig for swr-credential-provider (YAML)",
  builder: (yargs: Argv): Argv =>
    yargs
      .option('profile', { type: 'string', describe: 'profile the provider uses (default: $SWR_PROFILE or "default")' })
      .option('config-home', {
        type: 'string',
        describe: 'XDG_CONFIG_HOME of the provider, the directory that holds swr-shell/<profile>.conf (default: your own)',
      })
      .option('cache-duration', {
        type: 'string',
        describe: `how long the kubelet keeps an answer, such as 24h or 1h30m (default: ${DEFAULT_CACHE_DURATION})`,
      }),
  run,
};

export async function run(args: Args, io: Io): Promise<void> {
  const durationArg = stringArg(args, 'cache-duration');
  const cacheDuration = durationArg === undefined ? undefined : validateCacheDuration(durationArg, '--cache-duration');
  const configHome = stringArg(args, 'config-home') ?? configDirBase(io.env);
  if (!isAbsolute(configHome)) {
    throw new UsageError(`invalid --config-home ${show(configHome)}: the kubelet runs the provider elsewhere, so give an absolute path.`);
  }
  const env = providerEnv(io.env, { configHome, profile: profileName(io.env, stringArg(args, 'profile')), cacheDuration });
  // The login the provider will find with exactly this environment: so a profile without a key fails here, not on the node.
  const login = ((fs) => {
    try {
      return selectedLogin(fs, Object.fromEntries(env));
    } catch (error) {
      if (!(error instanceof Failure)) throw error;
      throw new Failure(
        `swr-credential-provider would find no login with the environment this config gives it: ${error.message} ` +
          `The config holds no key: write the profile first, with XDG_CONFIG_HOME=${show(configHome)} swr-shell configure, as the user the kubelet runs as.`,
      );
    }
  })(await io.fs());
  io.stdout(renderKubeletConfig(login, { env, cacheDuration: cacheDuration ?? DEFAULT_CACHE_DURATION }));
}
