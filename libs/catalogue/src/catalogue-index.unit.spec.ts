import { CatalogueIndex } from './catalogue-index';
import { editableDefault } from './testing';
import { loadCatalogue } from './load-catalogue';

describe('CatalogueIndex', () => {
  const index = new CatalogueIndex(loadCatalogue());

  it('places a compound in its community and station', () => {
    const placement = index.compound('compound-wutong-2');
    expect(placement?.compound.name.zh).toBe('绿洲花园');
    expect(placement?.community.id).toBe('community-wutong');
    expect(placement?.station.id).toBe('station-north');
    expect(index.compound('compound-x')).toBeUndefined();
  });

  it('finds categories, units, stations and communities by id', () => {
    expect(index.category('fire_lane_blocked')?.defaultLevel).toBe(2);
    expect(index.category('parking')).toBeUndefined();
    expect(index.unit('unit-xiaofang')?.name.zh).toBe('消防救援站');
    expect(index.isKnownUnit('unit-chengguan')).toBe(true);
    expect(index.isKnownUnit('unit-x')).toBe(false);
    expect(index.station('station-south')?.name.en).toContain('Anju');
    expect(index.community('community-anju')?.stationId).toBe('station-south');
  });

  it("lists a station's communities and compounds", () => {
    expect(index.communitiesOf('station-central').map((community) => community.id)).toEqual(['community-wanghu', 'community-chuangxin']);
    expect(index.compoundsOf('station-central').map((compound) => compound.id)).toEqual([
      'compound-wanghu-1',
      'compound-wanghu-2',
      'compound-wanghu-3',
      'compound-chuangxin-1',
      'compound-chuangxin-2',
    ]);
    expect(index.compoundsOfCommunity('community-wutong').map((compound) => compound.id)).toEqual(['compound-wutong-1', 'compound-wutong-2']);
    expect(index.communitiesOf('station-x')).toEqual([]);
    expect(index.compoundsOf('station-x')).toEqual([]);
  });

  it('gives report-in and grace durations only for levels 2 and 3', () => {
    expect([1, 2, 3, 4].map((level) => index.reportInDuration(level as 1 | 2 | 3 | 4))).toEqual([undefined, 'PT30M', 'PT2H', undefined]);
    expect([1, 2, 3, 4].map((level) => index.graceDuration(level as 1 | 2 | 3 | 4))).toEqual([undefined, 'PT1H', 'PT1H', undefined]);
  });

  it('exposes the town, deadlines and policies', () => {
    expect(index.town.id).toBe('town-wutong');
    expect(index.deadlines.tabling).toBe('P7WD');
    expect(index.policies.maxDeferrals).toBe(2);
  });

  it('refuses a catalogue whose compounds do not resolve', () => {
    const catalogue = editableDefault();
    catalogue.compounds[0]!.communityId = 'community-x';
    expect(() => new CatalogueIndex(catalogue)).toThrow('compound "compound-xinghua-1" does not resolve to a community and station');
  });
});
