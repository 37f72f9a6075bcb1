// The effective settings: the environment first, then the profile, then
// defaults. The plugin's shell code applies exactly these rules when a function
// runs (templates/posix.ejs, templates/fish.ejs); tests hold the two together.
//
// A profile's project and registry belong to its region: when SWR_REGION
// selects another region they no longer apply, and that region's defaults do.
// The AK and login key travel together: the profile's key is used only with
// the profile's AK.

import { Failure, UsageError } from './errors.ts';
import { loginUser } from './login-key.ts';
import { configureCommand, type Env, type Profile, profilePath } from './profile.ts';
import { findRegion, registryHost } from './regions.ts';
import {
  validateAk,
  validateHost,
  validateLoginKey,
  validateOrg,
  validateProject,
  validateRegion,
} from './validate.ts';

export interface Settings {
  readonly profile: string;
  readonly region: string;
  readonly project: string;
  readonly org: string | undefined;
  readonly registry: string;
  readonly ak: string | undefined;
  readonly loginKey: string | undefined;
}

export interface Credentials {
  readonly ak: string;
  readonly loginKey: string;
  readonly user: string;
}

function fromEnv(env: Env, name: string): string | undefined {
  return env[name] || undefined;
}

/**
 * The variable `name` if set, else `fallback`, validated; a bad value from the
 * environment is reported with the variable's name, so the user knows what to fix.
 */
function setting(env: Env, name: string, fallback: string | undefined, validate: (value: string) => string): string | undefined {
  const value = fromEnv(env, name);
  if (value === undefined) return fallback === undefined ? undefined : validate(fallback);
  try {
    return validate(value);
  } catch (error) {
    if (!(error instanceof UsageError) || error.message.includes(name)) throw error;
    throw new UsageError(`${name}: ${error.message}`);
  }
}

export function resolveSettings(env: Env, profileName: string, profile: Profile | undefined): Settings {
  const region = fromEnv(env, 'SWR_REGION') ?? profile?.region;
  if (region === undefined) {
    throw new Failure(
      `no SWR settings: profile "${profileName}" (${profilePath(env, profileName)}) does not exist ` +
        `and SWR_REGION is not set. Run ${configureCommand(profileName)} --region REGION --credentials credentials.csv, ` +
        'or set SWR_REGION, SWR_AK and SWR_LOGIN_KEY.',
    );
  }
  const own = profile?.region === region ? profile : undefined;
  const registryOverride = setting(env, 'SWR_REGISTRY', own?.registry, (host) => validateHost(host));
  setting(env, 'SWR_REGION', region, (value) => validateRegion(value, registryOverride !== undefined));
  const ak = setting(env, 'SWR_AK', profile?.ak, (value) => validateAk(value));
  const ownKey = ak === profile?.ak ? profile?.loginKey : undefined;
  return {
    profile: profileName,
    region,
    project: setting(env, 'SWR_PROJECT', own?.project ?? region, (value) => validateProject(value, region))!,
    org: setting(env, 'SWR_ORG', profile?.org, validateOrg),
    registry: registryOverride ?? registryHost(findRegion(region)!),
    ak,
    loginKey: setting(env, 'SWR_LOGIN_KEY', ownKey, (key) => validateLoginKey(key, 'SWR_LOGIN_KEY')),
  };
}

/** The user name and key, or a failure that says how to provide them. */
export function requireCredentials(settings: Settings): Credentials {
  if (settings.ak === undefined) {
    throw new Failure(
      `no access key: profile "${settings.profile}" has none and SWR_AK is not set. ` +
        `Run ${configureCommand(settings.profile)}, or set SWR_AK and SWR_LOGIN_KEY.`,
    );
  }
  if (settings.loginKey === undefined) {
    throw new Failure(
      `no login key for AK ${settings.ak}: SWR_AK is set but SWR_LOGIN_KEY is not. ` +
        'Set both (swr-shell login-key derives the key), or unset SWR_AK to use the profile.',
    );
  }
  return { ak: settings.ak, loginKey: settings.loginKey, user: loginUser(settings.project, settings.ak) };
}
