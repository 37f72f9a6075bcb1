// `swr-shell regions`, in process: a table whose columns line up under their
// headings, and the same rows as JSON.

import { describe, expect, it } from 'vitest';
import { REGIONS, registryHost } from '../../src/core/regions.ts';
import { dispatch } from '../../src/parser.ts';
import { fakeIo } from '../support/io.ts';

async function run(args: string[]): Promise<string> {
  const fake = fakeIo();
  await dispatch(args, fake.io);
  expect(fake.stderr()).toBe('');
  return fake.stdout();
}

describe('swr-shell regions', () => {
  it('prints a heading and one row per region, each column starting where its heading does', async () => {
    const [heading, ...rows] = (await run(['regions'])).split('\n').slice(0, -1);
    expect(heading).toMatch(/^REGION +NAME +REGISTRY$/);
    const nameAt = heading!.indexOf('NAME');
    const registryAt = heading!.indexOf('REGISTRY');
    // Two spaces after the longest ID and the longest name.
    expect(nameAt).toBe(Math.max('REGION'.length, ...REGIONS.map((region) => region.id.length)) + 2);
    expect(registryAt - nameAt).toBe(Math.max('NAME'.length, ...REGIONS.map((region) => region.name.length)) + 2);
    expect(rows).toHaveLength(REGIONS.length);
    rows.forEach((row, i) => {
      const region = REGIONS[i]!;
      expect(row.slice(0, nameAt).trimEnd()).toBe(region.id);
      expect(row.slice(nameAt, registryAt).trimEnd()).toBe(region.name);
      expect(row.slice(registryAt)).toBe(registryHost(region));
    });
  });

  it('prints the same rows as JSON with --json', async () => {
    expect(JSON.parse(await run(['regions', '--json']))).toEqual(
      REGIONS.map((region) => ({ id: region.id, name: region.name, registry: registryHost(region) })),
    );
  });
});
