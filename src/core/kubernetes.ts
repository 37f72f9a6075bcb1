// A Kubernetes image pull secret for SWR: a `kubernetes.io/dockerconfigjson`
// Secret that holds the long-term login key, which does not expire (unlike the
// temporary key of CCE's own default-secret).

import { UsageError } from './errors.ts';
import { render } from './render.ts';
import type { RegistryLogin } from './registry-logins.ts';
import { show } from './validate.ts';

export const DEFAULT_SECRET_NAME = 'swr-pull-secret';

// DNS-1123, as the API server checks names: a label, and a subdomain of labels.
const LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS_LABEL = new RegExp(`^${LABEL}$`);
const DNS_SUBDOMAIN = new RegExp(`^${LABEL}([.]${LABEL})*$`);

function dnsName(value: string, what: string, pattern: RegExp, max: number, rule: string): string {
  if (value.length <= max && pattern.test(value)) return value;
  const why = value.length > max ? `is ${value.length} characters long (at most ${max})` : `is not ${rule}`;
  throw new UsageError(
    `invalid ${what} ${show(value)}: it ${why}. Kubernetes accepts lower-case letters, digits and "-"` +
      `${pattern === DNS_SUBDOMAIN ? ' and "."' : ''}, starting and ending with a letter or digit.`,
  );
}

/** A Secret's name: a DNS-1123 subdomain. */
export function validateSecretName(name: string): string {
  return dnsName(name, 'secret name', DNS_SUBDOMAIN, 253, 'a DNS-1123 subdomain');
}

/** A namespace: a DNS-1123 label. */
export function validateNamespace(namespace: string): string {
  return dnsName(namespace, 'namespace', DNS_LABEL, 63, 'a DNS-1123 label');
}

/** The `.dockerconfigjson` of the secret: docker's config.json with one `auths` entry. */
export function dockerConfigJson(login: RegistryLogin): string {
  const { registry, user, loginKey } = login;
  return JSON.stringify({ auths: { [registry]: { username: user, password: loginKey, auth: btoa(`${user}:${loginKey}`) } } });
}

export interface PullSecretOptions {
  readonly name: string;
  /** Omitted from the manifest when undefined, so that kubectl's namespace applies. */
  readonly namespace: string | undefined;
}

/** A YAML double-quoted scalar: JSON's string syntax is a subset of it. */
const yamlString = (value: string): string => JSON.stringify(value);

export function renderPullSecret(login: RegistryLogin, { name, namespace }: PullSecretOptions): string {
  return render(
    'k8s-secret',
    {
      name,
      namespace,
      registry: login.registry,
      profile: login.profile,
      data: btoa(dockerConfigJson(login)),
    },
    yamlString,
  );
}
