// The SWR logins that swr-shell knows of. The selected profile is read with the
// environment over it, exactly as the plugin's functions read it; the other
// profiles are read as their files say. The credential helper answers from all
// of them; docker-config, k8s-secret and containerd-config use the selected one.

import { Failure, UsageError } from './errors.ts';
import type { FileSystem } from './fs.ts';
import { loginUser } from './login-key.ts';
import { type Env, listProfiles, profileName, readProfile } from './profile.ts';
import { findRegion, REGIONS, registryHost } from './regions.ts';
import { requireCredentials, resolveSettings } from './settings.ts';

export interface RegistryLogin {
  readonly profile: string;
  readonly region: string;
  readonly registry: string;
  readonly ak: string;
  readonly user: string;
  readonly loginKey: string;
}

/** The login of the selected profile (`pinned`, else $SWR_PROFILE, else default), environment first. */
export function selectedLogin(fs: FileSystem, env: Env, pinned?: string): RegistryLogin {
  const name = profileName(env, pinned);
  const settings = resolveSettings(env, name, readProfile(fs, env, name));
  const { ak, loginKey, user } = requireCredentials(settings);
  return { profile: name, region: settings.region, registry: settings.registry, ak, user, loginKey };
}

/** The environment without its SWR_* settings, so that a profile is read as its file says. */
function withoutSettings(env: Env): Env {
  return new Proxy({} as Env, {
    get: (_, name) => (typeof name === 'string' && !name.startsWith('SWR_') ? env[name] : undefined),
  });
}

export interface KnownLogins {
  /** One login per registry host: the selected profile's first, then the profiles in name order. */
  readonly logins: readonly RegistryLogin[];
  /** Why a profile could not be used, one message each. */
  readonly problems: readonly string[];
}

export function knownLogins(fs: FileSystem, env: Env): KnownLogins {
  const logins = new Map<string, RegistryLogin>();
  const problems = new Set<string>();
  const attempt = (login: () => RegistryLogin): void => {
    try {
      const found = login();
      if (!logins.has(found.registry)) logins.set(found.registry, found);
    } catch (error) {
      if (!(error instanceof Failure || error instanceof UsageError)) throw error;
      problems.add(error.message);
    }
  };
  const names = listProfiles(fs, env);
  const selected = profileName(env);
  // Without a profile file or SWR_REGION, the selected profile is simply not configured.
  if (env['SWR_REGION'] || names.includes(selected)) attempt(() => selectedLogin(fs, env));
  const fileOnly = withoutSettings(env);
  // With SWR_REGISTRY set, the selected profile's key goes to that host only
  // (SPEC section 3): it is not offered again as its file alone would route it.
  const others = names.filter((name) => name !== selected);
  const ordered = !names.includes(selected) ? names : env['SWR_REGISTRY'] ? others : [selected, ...others];
  for (const name of ordered) attempt(() => selectedLogin(fs, fileOnly, name));
  return { logins: [...logins.values()], problems: [...problems] };
}

/** Whether a login is for the public cloud's SWR host of its region (not a partner cloud's registry). */
function onPublicCloud(login: RegistryLogin): boolean {
  const region = findRegion(login.region);
  return region !== undefined && registryHost(region) === login.registry;
}

/**
 * The login for a registry host: the first login whose registry it is; else, for
 * the SWR host of any public region, the first public-cloud login's key with
 * that region's default project (the rule the plugin applies to full references).
 */
export function loginForHost(logins: readonly RegistryLogin[], host: string): RegistryLogin | undefined {
  const exact = logins.find((login) => login.registry === host);
  if (exact) return exact;
  const region = REGIONS.find((candidate) => registryHost(candidate) === host);
  const login = region && logins.find(onPublicCloud);
  if (!region || !login) return undefined;
  return { ...login, region: region.id, registry: host, user: loginUser(region.id, login.ak) };
}
