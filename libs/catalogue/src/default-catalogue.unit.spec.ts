import { LEVELS, type Catalogue, type Level } from '@whistle/contracts';
import { parseDuration } from '@whistle/kernel';
import { loadCatalogue } from './load-catalogue';

describe('the bundled default catalogue', () => {
  let catalogue: Catalogue;
  beforeAll(() => {
    catalogue = loadCatalogue();
  });

  it('describes a pilot town with enough communities, stations and member units', () => {
    expect(catalogue.version).toBe(1);
    expect(catalogue.town.name.zh).toMatch(/镇|街道/);
    expect(catalogue.communities.length).toBeGreaterThanOrEqual(5);
    expect(catalogue.stations.length).toBeGreaterThanOrEqual(3);
    expect(catalogue.units.length).toBeGreaterThanOrEqual(12);
  });

  it('gives every community 2 to 4 compounds and every station 1 or 2 communities', () => {
    const compounds = (communityId: string) => catalogue.compounds.filter((compound) => compound.communityId === communityId).length;
    const communities = (stationId: string) => catalogue.communities.filter((community) => community.stationId === stationId).length;
    expect(catalogue.communities.filter(({ id }) => compounds(id) < 2 || compounds(id) > 4)).toEqual([]);
    expect(catalogue.stations.filter(({ id }) => communities(id) < 1 || communities(id) > 2)).toEqual([]);
  });

  it('resolves every reference', () => {
    const ids = (list: readonly { id: string }[]) => new Set(list.map((item) => item.id));
    const [stations, communities, units] = [ids(catalogue.stations), ids(catalogue.communities), ids(catalogue.units)];
    expect(catalogue.communities.filter((community) => !stations.has(community.stationId))).toEqual([]);
    expect(catalogue.compounds.filter((compound) => !communities.has(compound.communityId))).toEqual([]);
    expect(catalogue.categories.flatMap((category) => category.unitIds).filter((id) => !units.has(id))).toEqual([]);
  });

  it('uses stable lowercase ids: kebab-case for places and units, snake_case for categories', () => {
    const places = [catalogue.town, ...catalogue.stations, ...catalogue.communities, ...catalogue.compounds, ...catalogue.units];
    expect(places.map((item) => item.id).filter((id) => !/^[a-z]+(-[a-z0-9]+)+$/.test(id))).toEqual([]);
    expect(catalogue.categories.map((category) => category.id).filter((id) => !/^[a-z]+(_[a-z]+)+$/.test(id))).toEqual([]);
  });

  it('names everything in Chinese and English', () => {
    const all = [catalogue.town, ...catalogue.stations, ...catalogue.communities, ...catalogue.compounds, ...catalogue.units, ...catalogue.categories];
    expect(all.filter(({ name }) => !/\p{Script=Han}/u.test(name.zh) || !/^[\x20-\x7e]+$/.test(name.en))).toEqual([]);
  });

  // The category table of DOMAIN.md, one row per category: id, level, responsible units.
  const table: [string, Level, string[]][] = [
    ['fire_theft_publicity', 1, ['unit-xiaofang', 'unit-gongan']],
    ['clotheslines_and_litter', 1, ['unit-chengguan', 'unit-wuye']],
    ['fire_lane_blocked', 2, ['unit-jiaojing', 'unit-xiaofang']],
    ['flying_wire_charging', 2, ['unit-xiaofang', 'unit-wuye']],
    ['common_area_clutter', 2, ['unit-chengguan']],
    ['late_night_noise', 2, ['unit-gongan']],
    ['lift_or_fire_equipment_fault', 2, ['unit-shichang-jianguan', 'unit-xiaofang', 'unit-zhujian']],
    ['green_space_vegetables', 2, ['unit-chengguan', 'unit-yuanlin']],
    ['uncivil_dog_keeping', 3, ['unit-gongan', 'unit-chengguan']],
    ['thrown_from_height', 3, ['unit-gongan']],
    ['unlicensed_business', 3, ['unit-shichang-jianguan', 'unit-zhujian']],
    ['group_renting', 3, ['unit-gongan', 'unit-zhujian']],
    ['new_illegal_construction', 3, ['unit-chengguan']],
    ['existing_illegal_building', 4, ['unit-chengguan', 'unit-zhujian', 'unit-ziran-ziyuan']],
    ['zombie_vehicles', 4, ['unit-gongan', 'unit-chengguan']],
    ['maintenance_fund_dispute', 4, ['unit-zhujian', 'unit-sifasuo']],
  ];

  it('has exactly the 16 categories of the table', () => {
    expect(catalogue.categories.map((category) => category.id).sort()).toEqual(table.map(([id]) => id).sort());
  });

  it.each(table)('%s: level %d, summoning %j', (id, level, unitIds) => {
    const category = catalogue.categories.find((candidate) => candidate.id === id);
    expect(category?.defaultLevel).toBe(level);
    expect(category?.unitIds).toEqual(unitIds);
  });

  it('has a member unit of each kind the table names, by Chinese name', () => {
    const unitName = (id: string) => catalogue.units.find((unit) => unit.id === id)?.name.zh;
    expect(unitName('unit-chengguan')).toContain('城管');
    expect(unitName('unit-gongan')).toContain('派出所');
    expect(unitName('unit-jiaojing')).toContain('交警');
    expect(unitName('unit-xiaofang')).toContain('消防');
    expect(unitName('unit-zhujian')).toContain('住建');
    expect(unitName('unit-shichang-jianguan')).toContain('市场监管');
    expect(unitName('unit-wuye')).toContain('物业');
    expect(unitName('unit-yuanlin')).toContain('园林');
    expect(unitName('unit-ziran-ziyuan')).toContain('自然资源');
    expect(unitName('unit-sifasuo')).toContain('司法所');
  });

  it('has the deadlines and policies of DOMAIN.md', () => {
    expect(catalogue.deadlines).toEqual({
      reportIn: { '2': 'PT30M', '3': 'PT2H' },
      activity: 'P3WD',
      tabling: 'P7WD',
      resolutionTasks: 'P30WD',
      grace: { '2': 'PT1H', '3': 'PT1H' },
      reopenWindow: 'P15WD',
      duplicateWindow: 'P3D',
    });
    expect(parseDuration(catalogue.deadlines.reportIn['2'])).toBe(30 * 60_000);
    expect(catalogue.policies).toEqual({ quorumShare: 0.5, maxDeferrals: 2 });
  });

  it('has categories at every level', () => {
    expect(LEVELS.filter((level) => !catalogue.categories.some((category) => category.defaultLevel === level))).toEqual([]);
  });
});
