import { NO_REMOVED_ENTRIES, catalogueAfter, type CatalogueEvent, type CatalogueInForce } from '@whistle/contracts';
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

describe('changes while the system runs (目录变更)', () => {
  const starting = loadCatalogue();
  const at = '2026-12-05T08:00:00.000Z';
  const gongshui = { id: 'unit-gongshui', name: { zh: '供水所', en: 'Water supply office' } };
  const sifasuo = starting.units.find((u) => u.id === 'unit-sifasuo')!;
  const adopted: CatalogueEvent = { type: 'supervision.CatalogueAdopted.v1', data: { catalogue: starting, adoptedAt: at } };
  const put = (entry: typeof gongshui, previous: typeof gongshui | null = null): CatalogueEvent => ({ type: 'supervision.CatalogueEntryPut.v1', data: { list: 'units', entry, previous, reason: 'r', changedAt: at } });
  const removal: CatalogueEvent = { type: 'supervision.CatalogueEntryRemoved.v1', data: { list: 'units', id: 'unit-sifasuo', previous: sifasuo, reason: 'r', changedAt: at } };
  const fold = (...events: CatalogueEvent[]): CatalogueInForce => events.reduce(catalogueAfter, { catalogue: starting, removed: NO_REMOVED_ENTRIES });

  it('catalogueAfter adds an entry last, revises one in its place, and keeps a removed one apart', () => {
    const renamed = { ...gongshui, name: { zh: '自来水公司', en: 'Waterworks' } };
    const after = fold(adopted, put(gongshui), removal, put(renamed, gongshui));
    expect(after.catalogue.units.map((u) => u.id)).toEqual([...starting.units.map((u) => u.id).filter((id) => id !== 'unit-sifasuo'), 'unit-gongshui']);
    expect(after.catalogue.units.at(-1)).toEqual(renamed);
    expect(after.removed.units).toEqual([sifasuo]);
    expect(after.removed.categories).toEqual([]);
    expect(fold(adopted, removal, put(sifasuo)).removed.units).toEqual([]);
  });

  it('catalogueAfter revises the deadlines and policies, and an adoption starts again from its catalogue', () => {
    const deadlines = { ...starting.deadlines, activity: 'P2WD' };
    const policies = { quorumShare: 0.6, maxDeferrals: 1 };
    const after = fold(
      adopted,
      { type: 'supervision.CatalogueDeadlinesRevised.v1', data: { deadlines, previous: starting.deadlines, reason: 'r', changedAt: at } },
      { type: 'supervision.CataloguePoliciesRevised.v1', data: { policies, previous: starting.policies, reason: 'r', changedAt: at } },
    );
    expect(after.catalogue.deadlines).toEqual(deadlines);
    expect(after.catalogue.policies).toEqual(policies);
    expect(fold(put(gongshui), removal, adopted)).toEqual({ catalogue: starting, removed: NO_REMOVED_ENTRIES });
  });

  it('replace puts a newer revision in force for every holder of the index, and ignores an older one', () => {
    const index = new CatalogueIndex(starting);
    expect(index.revision).toBe(-1);
    const first = fold(adopted, put(gongshui), removal);
    expect(index.replace(first, 2)).toBe(true);
    expect(index.revision).toBe(2);
    expect(index.unit('unit-gongshui')?.name.zh).toBe('供水所');
    expect(index.isKnownUnit('unit-sifasuo')).toBe(false);
    expect(index.ids('units')).toContain('unit-gongshui');
    expect(index.ids('units')).not.toContain('unit-sifasuo');
    expect(index.removed.units).toEqual([sifasuo]);

    expect(index.replace(fold(adopted), 1)).toBe(false);
    expect(index.replace(fold(adopted), 2)).toBe(false);
    expect(index.unit('unit-gongshui')).toBeDefined();
    expect(index.revision).toBe(2);
  });

  it('nameOf knows the entries in use and the removed ones, which past cases still name', () => {
    const index = new CatalogueIndex(starting);
    index.replace(fold(adopted, put(gongshui), removal), 2);
    expect(index.nameOf('units', 'unit-gongshui')).toEqual(gongshui.name);
    expect(index.nameOf('units', 'unit-sifasuo')).toEqual(sifasuo.name);
    expect(index.nameOf('units', 'unit-x')).toBeUndefined();
    expect(index.nameOf('categories', 'unit-gongshui')).toBeUndefined();
    expect(index.nameOf('compounds', 'compound-wutong-2')?.zh).toBe('绿洲花园');
  });
});
