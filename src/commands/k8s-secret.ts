// swr-shell k8s-secret [--profile NAME] [--name N] [--namespace NS]: prints an
// image pull secret for the profile's registry, for `kubectl apply -f -`.

import type { Argv } from 'yargs';
import { DEFAULT_SECRET_NAME, renderPullSecret, validateNamespace, validateSecretName } from '../core/kubernetes.ts';
import { selectedLogin } from '../core/registry-logins.ts';
import type { Io } from '../runtime.ts';
import { type Args, stringArg } from './args.ts';

export const command = {
  usage: 'k8s-secret',
  describe: 'print a Kubernetes image pull secret (kubernetes.io/dockerconfigjson) for the SWR registry',
  builder: (yargs: Argv): Argv =>
    yargs
      .option('profile', { type: 'string', describe: 'profile to use (default: $SWR_PROFILE or "default")' })
      .option('name', { type: 'string', describe: `name of the secret (default: ${DEFAULT_SECRET_NAME})` })
      .option('namespace', { type: 'string', describe: "namespace of the secret (default: kubectl's)" }),
  run,
};

export async function run(args: Args, io: Io): Promise<void> {
  const name = validateSecretName(stringArg(args, 'name') ?? DEFAULT_SECRET_NAME);
  const namespaceArg = stringArg(args, 'namespace');
  const namespace = namespaceArg === undefined ? undefined : validateNamespace(namespaceArg);
  const login = selectedLogin(await io.fs(), io.env, stringArg(args, 'profile'));
  io.stdout(renderPullSecret(login, { name, namespace }));
}
