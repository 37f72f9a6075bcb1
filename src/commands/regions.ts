// swr-shell regions [--json]

import type { Argv } from 'yargs';
import { REGIONS, registryHost } from '../core/regions.ts';
import type { Io } from '../runtime.ts';
import { type Args, booleanArg } from './args.ts';

export const command = {
  usage: 'regions',
  describe: 'list the regions that serve SWR, with their registry hosts',
  builder: (yargs: Argv): Argv => yargs.option('json', { type: 'boolean', describe: 'print JSON' }),
  run,
};

export function run(args: Args, io: Io): Promise<void> {
  const rows = REGIONS.map((region) => ({ id: region.id, name: region.name, registry: registryHost(region) }));
  const width = (key: 'id' | 'name'): number => Math.max(...rows.map((row) => row[key].length));
  const line = (id: string, name: string, registry: string): string =>
    `${id.padEnd(width('id'))}  ${name.padEnd(width('name'))}  ${registry}`.trimEnd();
  io.stdout(
    booleanArg(args, 'json')
      ? JSON.stringify(rows, null, 2) + '\n'
      : [line('REGION', 'NAME', 'REGISTRY'), ...rows.map((row) => line(row.id, row.name, row.registry))].join('\n') + '\n',
  );
  return Promise.resolve();
}
