// SPEC §3's one routing rule as data: where the login key may go. With a
// registry host set (SWR_REGISTRY, or the profile's registry=), to that host
// only; otherwise to the public SWR hosts, each with its own region's default
// project (the configured region's host with the configured project). Every
// consumer is tested against this table: the plugin's functions in every shell,
// docker-credential-swr, and the kubelet credential provider.

/** The settings a case starts from: a profile, and the environment over it. */
export interface RoutingSettings {
  readonly region: string;
  /** The profile's project (default: the region). */
  readonly project?: string;
  /** The profile's registry= line. */
  readonly registry?: string;
  /** SWR_REGISTRY in the environment. */
  readonly envRegistry?: string;
}

export interface RoutingCase {
  readonly name: string;
  readonly settings: RoutingSettings;
  /** The registry host that a full image reference (or a credential request) names. */
  readonly host: string;
  /** The project of the user name `<project>@<AK>` that gets the key there, or null: no credentials at all. */
  readonly project: string | null;
}

const SG = 'swr.ap-southeast-3.myhuaweicloud.com';
const BJ4 = 'swr.cn-north-4.myhuaweicloud.com';
const DUBLIN = 'swr.eu-west-101.myhuaweicloud.eu';
const PUBLIC = { region: 'ap-southeast-3' } as const;
const SUB = { region: 'ap-southeast-3', project: 'ap-southeast-3_dev' } as const;
const PARTNER = { region: 'xx-partner-1', registry: 'registry.partner.example:8443' } as const;
const LOCAL = { region: 'ap-southeast-3', envRegistry: '127.0.0.1:5000' } as const;
const PINNED = { region: 'ap-southeast-3', project: 'ap-southeast-3_dev', registry: 'registry.internal.example' } as const;

export const ROUTING_CASES: readonly RoutingCase[] = [
  // No registry host set: the public SWR hosts.
  { name: 'public: its own region', settings: PUBLIC, host: SG, project: 'ap-southeast-3' },
  { name: 'public: its own region, with a sub-project', settings: SUB, host: SG, project: 'ap-southeast-3_dev' },
  { name: "public: another region, that region's default project", settings: PUBLIC, host: BJ4, project: 'cn-north-4' },
  { name: 'public with a sub-project: another region gets its default project', settings: SUB, host: BJ4, project: 'cn-north-4' },
  { name: 'public: EU-Dublin on its own domain', settings: PUBLIC, host: DUBLIN, project: 'eu-west-101' },
  { name: 'public: EU-Dublin on the wrong domain is a look-alike', settings: PUBLIC, host: 'swr.eu-west-101.myhuaweicloud.com', project: null },
  { name: 'public: Singapore on the .eu domain is a look-alike', settings: PUBLIC, host: 'swr.ap-southeast-3.myhuaweicloud.eu', project: null },
  { name: 'public: a region SWR does not serve', settings: PUBLIC, host: 'swr.xx-mars-1.myhuaweicloud.com', project: null },
  { name: 'public: an SWR host as a subdomain of another', settings: PUBLIC, host: `${SG}.evil.example`, project: null },
  { name: 'public: an SWR host with a port', settings: PUBLIC, host: `${SG}:443`, project: null },
  { name: 'public: Docker Hub', settings: PUBLIC, host: 'docker.io', project: null },
  { name: 'public: localhost', settings: PUBLIC, host: 'localhost:5000', project: null },
  // A registry host set: that host only.
  { name: 'SWR_REGISTRY: that host', settings: LOCAL, host: '127.0.0.1:5000', project: 'ap-southeast-3' },
  { name: "SWR_REGISTRY: not the region's public host", settings: LOCAL, host: SG, project: null },
  { name: 'SWR_REGISTRY: not another public host', settings: LOCAL, host: BJ4, project: null },
  { name: 'SWR_REGISTRY: not the same host on another port', settings: LOCAL, host: '127.0.0.1:5001', project: null },
  { name: 'partner profile: its registry', settings: PARTNER, host: 'registry.partner.example:8443', project: 'xx-partner-1' },
  { name: 'partner profile: not a public SWR host', settings: PARTNER, host: BJ4, project: null },
  { name: 'partner profile: not its host without the port', settings: PARTNER, host: 'registry.partner.example', project: null },
  { name: 'profile registry in a public region: that host, with the sub-project', settings: PINNED, host: 'registry.internal.example', project: 'ap-southeast-3_dev' },
  { name: "profile registry in a public region: not the region's public host", settings: PINNED, host: SG, project: null },
  { name: 'profile registry in a public region: not another public host', settings: PINNED, host: DUBLIN, project: null },
];

/** The profile file for a case's settings, with the given AK and key. */
export function routingProfile(settings: RoutingSettings, ak: string, key: string): string {
  const lines = [`region=${settings.region}`];
  if (settings.project) lines.push(`project=${settings.project}`);
  if (settings.registry) lines.push(`registry=${settings.registry}`);
  lines.push('org=team', `ak=${ak}`, `login_key=${key}`);
  return lines.join('\n') + '\n';
}

/** The environment for a case's settings (SWR_REGISTRY when set). */
export function routingEnv(settings: RoutingSettings): Record<string, string> {
  return settings.envRegistry ? { SWR_REGISTRY: settings.envRegistry } : {};
}
