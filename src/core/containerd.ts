// The containerd CRI snippet that gives a node's kubelet pulls the SWR login:
// `registry.configs."<host>".auth` in /etc/containerd/config.toml. The CRI
// plugin's table is named differently in config version 2 (containerd 1.x,
// still read by 2.x) and version 3 (containerd 2.x).

import { render } from './render.ts';
import type { RegistryLogin } from './registry-logins.ts';

export const CONFIG_VERSIONS = ['2', '3'] as const;
export type ConfigVersion = (typeof CONFIG_VERSIONS)[number];

export const CRI_IMAGES_PLUGIN: Readonly<Record<ConfigVersion, string>> = {
  '2': 'io.containerd.grpc.v1.cri',
  '3': 'io.containerd.cri.v1.images',
};

/** A TOML basic string: backslash, quote and control characters escaped. */
export function tomlString(value: string): string {
  const escaped = value.replace(/[\\"\u0000-\u001f\u007f]/g, (char) =>
    char === '\\' || char === '"' ? `\\${char}` : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `"${escaped}"`;
}

export function renderContainerdAuth(login: RegistryLogin, version: ConfigVersion): string {
  return render(
    'containerd-config',
    {
      version,
      plugin: CRI_IMAGES_PLUGIN[version],
      registry: login.registry,
      profile: login.profile,
      user: login.user,
      loginKey: login.loginKey,
    },
    tomlString,
  );
}
