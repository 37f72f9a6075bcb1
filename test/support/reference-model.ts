// An independent model of SPEC section 3's reference rules, written from the
// spec (and the OCI distribution grammar) in TypeScript, to check the shell
// implementation in templates/ against. It is a test oracle, not product code.

export interface RefSettings {
  region: string;
  project: string;
  org: string;
  registry: string;
  /** Whether a registry host is set (SWR_REGISTRY, the profile's registry=): then the key goes to it only. */
  pinned?: boolean;
  /** The SWR regions and their domains. */
  domains: ReadonlyMap<string, string>;
}

export interface Resolved {
  ref: string;
  /** The project of the user name, or undefined where no credentials may go. */
  project: string | undefined;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[.]|_|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^(?:sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$/;
const LABEL = '[a-z0-9](?:[a-z0-9-]*[a-z0-9])?';
const HOST = new RegExp(`^${LABEL}(?:\\.${LABEL})*(?::[0-9]{1,5})?$`);
const ORG = /^[a-z](?:[a-z0-9._-]{0,62}[a-z0-9])?$/;

/** The full reference and the user's project for `image`, or undefined when it is invalid. */
export function resolveReference(image: string, settings: RefSettings): Resolved | undefined {
  const at = image.indexOf('@');
  const name = at < 0 ? image : image.slice(0, at);
  const digest = at < 0 ? undefined : image.slice(at + 1);
  if (digest !== undefined && !DIGEST.test(digest)) return undefined;

  const parts = name.split('/');
  const last = parts[parts.length - 1]!;
  const colon = last.indexOf(':');
  const tag = colon < 0 ? undefined : last.slice(colon + 1);
  if (tag !== undefined && !TAG.test(tag)) return undefined;
  parts[parts.length - 1] = colon < 0 ? last : last.slice(0, colon);

  const first = parts[0]!;
  const hasHost = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const host = hasHost ? parts.shift()! : undefined;
  if (host !== undefined && !HOST.test(host)) return undefined;
  if (!parts.every((part) => COMPONENT.test(part))) return undefined;

  // Credentials only for the own registry, and for SWR's public hosts when no
  // registry host is set: any other registry must never see the key.
  let project = host === undefined || host === settings.registry ? settings.project : undefined;
  let registry = host;
  if (registry === undefined) {
    registry = settings.registry;
    if (parts.length === 1) {
      if (settings.org === '') return undefined;
      parts.unshift(settings.org);
    } else if (!ORG.test(parts[0]!)) {
      return undefined;
    }
  } else if (project === undefined && !settings.pinned && settings.domains.has(settings.region)) {
    const match = /^swr\.([^.]+)\.(.+)$/.exec(registry);
    if (match && settings.domains.get(match[1]!) === match[2]) project = match[1] === settings.region ? settings.project : match[1]!;
  }
  const suffix = (tag === undefined ? (digest === undefined ? ':latest' : '') : `:${tag}`) + (digest === undefined ? '' : `@${digest}`);
  return { ref: `${registry}/${parts.join('/')}${suffix}`, project };
}
