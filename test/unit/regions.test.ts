import { describe, expect, it } from 'vitest';
import { findRegion, nearestRegion, REGIONS, regionsByDomain, registryHost } from '../../src/core/regions.ts';

// SPEC section 1, as written there.
const SPEC_REGIONS = `af-north-1, af-south-1, ap-southeast-1, ap-southeast-2, ap-southeast-3, ap-southeast-4,
  ap-southeast-5, ae-ad-1, cn-east-2, cn-east-3, cn-east-4, cn-east-5, cn-north-1, cn-north-2, cn-north-4,
  cn-north-9, cn-north-11, cn-north-12, cn-south-1, cn-south-2, cn-south-4, cn-southwest-2, cn-southwest-3,
  eu-west-0, eu-west-101, la-north-2, la-south-2, me-east-1, my-kualalumpur-1, na-mexico-1, ru-moscow-1,
  ru-northwest-2, sa-brazil-1, sa-peru-1, tr-west-1`
  .split(',')
  .map((id) => id.trim());

describe('regions', () => {
  it('lists exactly the regions of the SPEC, each once', () => {
    const ids = REGIONS.map((region) => region.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...SPEC_REGIONS].sort());
  });
  it('serves EU-Dublin from myhuaweicloud.eu and every other region from myhuaweicloud.com', () => {
    for (const region of REGIONS) {
      const expected = region.id === 'eu-west-101' ? 'myhuaweicloud.eu' : 'myhuaweicloud.com';
      expect(registryHost(region)).toBe(`swr.${region.id}.${expected}`);
    }
  });
  it('names the regions the SPEC names', () => {
    expect(findRegion('ap-southeast-3')?.name).toBe('AP-Singapore');
    expect(findRegion('cn-north-4')?.name).toBe('CN North-Beijing4');
    expect(findRegion('eu-west-101')?.name).toBe('EU-Dublin');
  });
  it('groups the regions by domain without losing any', () => {
    expect(regionsByDomain().flatMap((group) => group.ids).sort()).toEqual([...SPEC_REGIONS].sort());
  });
  it('finds the nearest region by spelling', () => {
    expect(nearestRegion('cn-north4').id).toBe('cn-north-4');
    expect(nearestRegion('tr-west1').id).toBe('tr-west-1');
    expect(nearestRegion('LA-SOUTH-2').id).toBe('la-south-2');
  });
  it('breaks a tie by the order of the list', () => {
    // One edit from each of cn-north-1, -2, -4 and -9: the first listed wins, whatever the list's order.
    const tied = ['cn-north-1', 'cn-north-2', 'cn-north-4', 'cn-north-9'];
    const first = REGIONS.find((region) => tied.includes(region.id))!;
    expect(nearestRegion('cn-north-3')).toBe(first);
    expect(nearestRegion('CN-NORTH-3')).toBe(first);
  });
});
