// The public regions that serve SWR, with their console names (empty where Huawei
// publishes no English name). This table is the
// single source for `swr-shell regions`, validation, the plugin's region switch
// and the completions: all of them are rendered from it.

import { nearest } from './spelling.ts';

export interface Region {
  readonly id: string;
  readonly name: string;
  readonly domain: string;
}

const COM = 'myhuaweicloud.com';

// EU-Dublin is the one region served from the European domain.
const DOMAIN_EXCEPTIONS: Readonly<Record<string, string>> = { 'eu-west-101': 'myhuaweicloud.eu' };

const NAMES: ReadonlyArray<readonly [id: string, name: string]> = [
  ['af-north-1', 'AF-Cairo'],
  ['af-south-1', 'AF-Johannesburg'],
  ['ap-southeast-1', 'CN-Hong Kong'],
  ['ap-southeast-2', 'AP-Bangkok'],
  ['ap-southeast-3', 'AP-Singapore'],
  ['ap-southeast-4', 'AP-Jakarta'],
  ['ap-southeast-5', 'AP-Manila'],
  ['ae-ad-1', ''],
  ['cn-east-2', 'CN East-Shanghai2'],
  ['cn-east-3', 'CN East-Shanghai1'],
  ['cn-east-4', 'CN East2'],
  ['cn-east-5', 'CN East-Qingdao'],
  ['cn-north-1', 'CN North-Beijing1'],
  ['cn-north-2', 'CN North-Beijing2'],
  ['cn-north-4', 'CN North-Beijing4'],
  ['cn-north-9', 'CN North-Ulanqab1'],
  ['cn-north-11', ''],
  ['cn-north-12', 'CN North3'],
  ['cn-south-1', 'CN South-Guangzhou'],
  ['cn-south-2', 'CN South-Shenzhen'],
  ['cn-south-4', 'CN South-Guangzhou-InvitationOnly'],
  ['cn-southwest-2', 'CN Southwest-Guiyang1'],
  ['cn-southwest-3', ''],
  ['eu-west-0', 'EU-Paris'],
  ['eu-west-101', 'EU-Dublin'],
  ['la-north-2', 'LA-Mexico City2'],
  ['la-south-2', 'LA-Santiago'],
  ['me-east-1', 'ME-Riyadh'],
  ['my-kualalumpur-1', ''],
  ['na-mexico-1', 'LA-Mexico City1'],
  ['ru-moscow-1', ''],
  ['ru-northwest-2', 'RU-Moscow2'],
  ['sa-brazil-1', 'LA-Sao Paulo1'],
  ['sa-peru-1', 'LA-Lima1'],
  ['tr-west-1', 'TR-Istanbul'],
];

export const REGIONS: readonly Region[] = NAMES.map(([id, name]) => ({
  id,
  name,
  domain: DOMAIN_EXCEPTIONS[id] ?? COM,
}));

const BY_ID = new Map(REGIONS.map((region) => [region.id, region]));

export function findRegion(id: string): Region | undefined {
  return BY_ID.get(id);
}

export function registryHost(region: Region): string {
  return `swr.${region.id}.${region.domain}`;
}

/** The regions grouped by domain, for templates that map a region to its host. */
export function regionsByDomain(): ReadonlyArray<{ domain: string; ids: string[] }> {
  const groups = new Map<string, string[]>();
  for (const region of REGIONS) {
    groups.set(region.domain, [...(groups.get(region.domain) ?? []), region.id]);
  }
  return [...groups].map(([domain, ids]) => ({ domain, ids }));
}

/** The known region closest in spelling to `input`, for "did you mean" hints. */
export function nearestRegion(input: string): Region {
  return findRegion(nearest(input, REGIONS.map((region) => region.id)).name)!;
}
