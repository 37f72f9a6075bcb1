// The containerd snippet, read back by a TOML parser for both config versions.

import fc from 'fast-check';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { tomlString } from '../../src/core/containerd.ts';
import { writeProfile } from '../../src/core/profile.ts';
import { dispatch } from '../../src/parser.ts';
import { fakeIo } from '../support/io.ts';

const KEY = 'd4326199d873a82512a3d3f0033fcaa2bca36c1d30cce0c75d252bc15ed84c40';
const HOST = 'swr.ap-southeast-3.myhuaweicloud.com';

async function snippet(args: string[], env: Record<string, string> = {}): Promise<string> {
  const fake = fakeIo({ env });
  writeProfile(fake.fs, fake.io.env, 'default', { region: 'ap-southeast-3', project: 'ap-southeast-3', ak: 'TESTAKEXAMPLE123', loginKey: KEY });
  await dispatch(['containerd-config', ...args], fake.io);
  return fake.stdout();
}

type Table = Record<string, unknown>;
const at = (value: unknown, ...path: string[]): unknown => path.reduce((table, key) => (table as Table)?.[key], value);

describe('swr-shell containerd-config', () => {
  it.each([
    [[], 'io.containerd.grpc.v1.cri', '2'],
    [['--config-version', '2'], 'io.containerd.grpc.v1.cri', '2'],
    [['--config-version', '3'], 'io.containerd.cri.v1.images', '3'],
    [['--config-version=3'], 'io.containerd.cri.v1.images', '3'],
  ])('%j gives the auth table of plugin %s', async (args, plugin, version) => {
    const text = await snippet(args);
    const toml = parse(text);
    expect(at(toml, 'plugins', plugin, 'registry', 'configs', HOST, 'auth')).toEqual({
      username: 'ap-southeast-3@TESTAKEXAMPLE123',
      password: KEY,
    });
    expect(Object.keys(toml)).toEqual(['plugins']);
    expect(Object.keys(at(toml, 'plugins') as Table)).toEqual([plugin]);
    expect(text).toContain(`"version = ${version}"`);
    expect(text).toContain('restart containerd');
  });

  it('parses once merged into a whole config file of its version', async () => {
    for (const version of ['2', '3']) {
      const file = `version = ${version}\nroot = "/var/lib/containerd"\n\n${await snippet(['--config-version', version])}`;
      expect(parse(file)['version']).toBe(Number(version));
    }
  });

  it('uses a registry with a port as a quoted key', async () => {
    const text = await snippet([], { SWR_REGISTRY: '127.0.0.1:5000' });
    expect(at(parse(text), 'plugins', 'io.containerd.grpc.v1.cri', 'registry', 'configs', '127.0.0.1:5000', 'auth')).toBeDefined();
  });

  it.each([['1'], ['4'], ['v3'], ['']])('refuses --version %j', async (version) => {
    await expect(snippet(['--config-version', version])).rejects.toThrow(/^unknown containerd config version/);
  });
});

describe('tomlString', () => {
  it('reads back as the same string for any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (value) => {
        expect(parse(`key = ${tomlString(value)}`)['key']).toBe(value);
      }),
      { numRuns: 500 },
    );
    for (const value of ['"', '\\', 'a\nb', '\u0000\u001f\u007f', 'é€😀']) expect(parse(`key = ${tomlString(value)}`)['key']).toBe(value);
  });
});
