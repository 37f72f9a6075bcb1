// The kubelet's CredentialProviderConfig for swr-credential-provider: which
// images the kubelet asks the provider about (matchImages, in the kubelet's
// glob rules: each `*` is one whole domain segment, a port must match), and the
// `env` that leads the provider to the profile. The key itself stays in the
// profile file: the config holds none.

import { CACHE_DURATION_VARIABLE, PROVIDER, PROVIDER_API_VERSIONS } from './credential-provider.ts';
import type { Env } from './profile.ts';
import type { RegistryLogin } from './registry-logins.ts';
import { findRegion, regionsByDomain, registryHost } from './regions.ts';
import { render } from './render.ts';

/** The config file's own apiVersion (kubelet 1.26 and later). */
export const KUBELET_CONFIG_API_VERSION = 'kubelet.config.k8s.io/v1';

/** The settings from the environment that decide which login the provider uses; never the key. */
export const PASSED_SETTINGS = ['SWR_REGION', 'SWR_PROJECT', 'SWR_REGISTRY'] as const;

/**
 * The hosts the provider answers for, as matchImages: a registry host that is
 * set (with its port), else every public SWR host (`swr.*.<domain>`, one glob
 * per domain), as loginForHost routes them.
 */
export function matchImages(login: RegistryLogin): string[] {
  const region = findRegion(login.region);
  const publicCloud = region !== undefined && registryHost(region) === login.registry;
  return publicCloud ? regionsByDomain().map(({ domain }) => `swr.*.${domain}`) : [login.registry];
}

export interface ProviderEnvOptions {
  /** The directory for XDG_CONFIG_HOME, which holds swr-shell/<profile>.conf. */
  readonly configHome: string;
  readonly profile: string;
  /** Given only when it is not the provider's default. */
  readonly cacheDuration: string | undefined;
}

/** The environment the kubelet gives the provider, in order: no key, and nothing the provider does not read. */
export function providerEnv(env: Env, { configHome, profile, cacheDuration }: ProviderEnvOptions): Array<[string, string]> {
  const passed = PASSED_SETTINGS.flatMap((name): Array<[string, string]> => (env[name] ? [[name, env[name]]] : []));
  return [
    ['XDG_CONFIG_HOME', configHome],
    ['SWR_PROFILE', profile],
    ...passed,
    ...(cacheDuration === undefined ? [] : [[CACHE_DURATION_VARIABLE, cacheDuration] as [string, string]]),
  ];
}

export interface KubeletConfigOptions {
  readonly env: ReadonlyArray<[string, string]>;
  readonly cacheDuration: string;
}

/** A YAML double-quoted scalar: JSON's string syntax is a subset of it. */
const yamlString = (value: string): string => JSON.stringify(value);

export function renderKubeletConfig(login: RegistryLogin, { env, cacheDuration }: KubeletConfigOptions): string {
  return render(
    'kubelet-config',
    {
      configApiVersion: KUBELET_CONFIG_API_VERSION,
      name: PROVIDER,
      apiVersion: PROVIDER_API_VERSIONS[0],
      registry: login.registry,
      profile: login.profile,
      matchImages: matchImages(login),
      cacheDuration,
      env,
    },
    yamlString,
  );
}
