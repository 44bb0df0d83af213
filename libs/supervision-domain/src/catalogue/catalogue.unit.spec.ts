import { specFor } from '@whistle/kernel/testing';
import { NO_REMOVED_ENTRIES, catalogueAfter, type Catalogue, type CatalogueEntry, type CatalogueEvent, type Unit } from '@whistle/contracts';
import { CASES_NAMED_MAX, catalogueDecider, type CatalogueProblemFound, type OpenCases, type PutEntry, type RemoveEntry, type ReviseDeadlines, type RevisePolicies } from './catalogue.decide';

const spec = specFor(catalogueDecider);

const NOW = '2026-12-05T08:00:00.000Z';
const LATER = '2026-12-06T08:00:00.000Z';
const name = (zh: string, en: string) => ({ zh, en });

/** A town of two stations, each with a community of one compound; two units; two categories. */
const STARTING: Catalogue = {
  version: 1,
  town: { id: 'town-test', name: name('测试镇', 'Test Town') },
  stations: [
    { id: 'station-a', name: name('甲站', 'Station A') },
    { id: 'station-b', name: name('乙站', 'Station B') },
  ],
  communities: [
    { id: 'community-a', name: name('甲社区', 'Community A'), stationId: 'station-a' },
    { id: 'community-b', name: name('乙社区', 'Community B'), stationId: 'station-b' },
  ],
  compounds: [
    { id: 'compound-a', name: name('甲小区', 'Compound A'), communityId: 'community-a' },
    { id: 'compound-b', name: name('乙小区', 'Compound B'), communityId: 'community-b' },
  ],
  units: [
    { id: 'unit-chengguan', name: name('城管', 'Urban management') },
    { id: 'unit-xiaofang', name: name('消防', 'Fire service') },
  ],
  categories: [
    { id: 'clutter', name: name('杂物', 'Clutter'), defaultLevel: 1, unitIds: ['unit-chengguan'] },
    { id: 'fire_lane', name: name('消防通道', 'Fire lane'), defaultLevel: 2, unitIds: ['unit-chengguan', 'unit-xiaofang'] },
  ],
  deadlines: { reportIn: { '2': 'PT30M', '3': 'PT15M' }, activity: 'P3D', tabling: 'P7D', resolutionTasks: 'P10D', grace: { '2': 'PT1H', '3': 'PT30M' }, reopenWindow: 'P30D', duplicateWindow: 'P7D' },
  policies: { quorumShare: 0.5, maxDeferrals: 2 },
};

/**
 * The catalogue's validation as the service gives it (libs/catalogue's validateCatalogue): here its
 * rules the tests need, every reference resolves and durations look like ISO-8601, by JSON path.
 */
function check(catalogue: Catalogue): CatalogueProblemFound[] {
  const problems: CatalogueProblemFound[] = [];
  const ids = (list: readonly { id: string }[]) => new Set(list.map((e) => e.id));
  const [stations, communities, units] = [ids(catalogue.stations), ids(catalogue.communities), ids(catalogue.units)];
  catalogue.communities.forEach((c, i) => stations.has(c.stationId) || problems.push({ path: `communities[${i}].stationId`, message: `unknown station "${c.stationId}"` }));
  catalogue.compounds.forEach((c, i) => communities.has(c.communityId) || problems.push({ path: `compounds[${i}].communityId`, message: `unknown community "${c.communityId}"` }));
  catalogue.categories.forEach((c, i) =>
    (Array.isArray(c.unitIds) ? c.unitIds : []).forEach((u, j) => units.has(u) || problems.push({ path: `categories[${i}].unitIds[${j}]`, message: `unknown unit "${u}"` })),
  );
  catalogue.units.forEach((u, i) => (typeof u.name?.zh === 'string' && u.name.zh !== '') || problems.push({ path: `units[${i}].name.zh`, message: 'is missing' }));
  if (!/^P/.test(String(catalogue.deadlines.reportIn?.['2']))) problems.push({ path: 'deadlines.reportIn.2', message: 'is not an ISO-8601 duration' });
  if (!(catalogue.policies.quorumShare > 0 && catalogue.policies.quorumShare < 1)) problems.push({ path: 'policies.quorumShare', message: 'must be greater than 0 and less than 1' });
  return problems;
}

const NONE: OpenCases = { caseIds: [], total: 0 };
const inputs = { reason: ' the office reorganised ', starting: STARTING, check, now: NOW };

const put = (list: PutEntry['list'], id: string, entry: unknown, fields: Partial<PutEntry> = {}): PutEntry => ({ type: 'PutEntry', list, id, entry, openCasesMoved: NONE, ...inputs, ...fields });
const removal = (list: RemoveEntry['list'], id: string, fields: Partial<RemoveEntry> = {}): RemoveEntry => ({ type: 'RemoveEntry', list, id, openCasesUsing: NONE, ...inputs, ...fields });
const reviseDeadlines = (deadlines: unknown, fields: Partial<ReviseDeadlines> = {}): ReviseDeadlines => ({ type: 'ReviseDeadlines', deadlines, ...inputs, ...fields });
const revisePolicies = (policies: unknown, fields: Partial<RevisePolicies> = {}): RevisePolicies => ({ type: 'RevisePolicies', policies, ...inputs, ...fields });

const adopted = (catalogue: Catalogue = STARTING): CatalogueEvent => ({ type: 'supervision.CatalogueAdopted.v1', data: { catalogue, adoptedAt: NOW } });
const REASON = 'the office reorganised';
const LANDSCAPING: Unit = { id: 'unit-yuanlin', name: name('园林', 'Landscaping') };
const unitPut = (entry: Unit, previous: Unit | null, changedAt = NOW): CatalogueEvent => ({ type: 'supervision.CatalogueEntryPut.v1', data: { list: 'units', entry, previous, reason: REASON, changedAt } });
const removed = (list: RemoveEntry['list'], id: string, previous: CatalogueEntry, changedAt = NOW): CatalogueEvent => ({ type: 'supervision.CatalogueEntryRemoved.v1', data: { list, id, previous, reason: REASON, changedAt } });

describe('the first change (目录变更)', () => {
  it('adopts the starting catalogue with it, so the history needs no file', () => {
    spec.given().when(put('units', 'unit-yuanlin', { name: LANDSCAPING.name })).then(adopted(), unitPut(LANDSCAPING, null));
  });

  it('records nothing, not even the adoption, when it changes nothing', () => {
    spec.given().when(put('units', 'unit-chengguan', { name: name('城管', 'Urban management') })).thenNothing();
    spec.given().when(reviseDeadlines(STARTING.deadlines)).thenNothing();
    spec.given().when(revisePolicies({ maxDeferrals: 2, quorumShare: 0.5 })).thenNothing();
  });

  it('adopts the catalogue once: later changes start from what the recorded ones left, not from the process\'s file', () => {
    const otherFile = { ...STARTING, units: [] };
    spec.given(adopted(), unitPut(LANDSCAPING, null)).when(put('units', 'unit-yuanlin', { name: LANDSCAPING.name }, { starting: otherFile })).thenNothing();
  });
});

describe('PutEntry', () => {
  it('adds an entry whose id is not in use; the path gives its id', () => {
    spec.given(adopted()).when(put('units', 'unit-yuanlin', { id: 'unit-yuanlin', name: LANDSCAPING.name })).then(unitPut(LANDSCAPING, null));
  });

  it('revises an entry whole, recording what it was', () => {
    const contacts = [{ name: '值班室', phone: '010-12345678' }];
    const revised: Unit = { id: 'unit-chengguan', name: name('城管执法', 'Urban management'), contacts };
    spec.given(adopted()).when(put('units', 'unit-chengguan', { name: revised.name, contacts })).then(unitPut(revised, STARTING.units[0]!));
  });

  it('records nothing for an identical put, whatever the order of its members', () => {
    const fireLane = STARTING.categories[1]!;
    spec.given(adopted()).when(put('categories', 'fire_lane', { unitIds: fireLane.unitIds, defaultLevel: 2, name: { en: 'Fire lane', zh: '消防通道' } })).thenNothing();
  });

  it("refuses an entry whose id differs from the path's", () => {
    spec.given(adopted()).when(put('units', 'unit-yuanlin', { id: 'unit-other', name: LANDSCAPING.name })).thenInvalid('entry.id', /entry.id "unit-other" differs from the id in the path, "unit-yuanlin"/);
  });

  it.each([null, [], 'unit', 3])('refuses an entry that is not an object (%j)', (entry) => {
    spec.given(adopted()).when(put('units', 'unit-yuanlin', entry)).thenInvalid('entry', /entry must be an object/);
  });

  it('refuses a list the catalogue has not', () => {
    spec.given(adopted()).when(put('zones' as never, 'zone-1', { name: LANDSCAPING.name })).thenInvalid('list', /list must be one of categories, units, compounds, communities, stations, not "zones"/);
  });

  it("names the problem the catalogue's validation finds inside the entry by its path in the entry", () => {
    spec
      .given(adopted())
      .when(put('categories', 'fire_lane', { name: name('消防通道', 'Fire lane'), defaultLevel: 2, unitIds: ['unit-chengguan', 'unit-x'] }))
      .thenInvalid('entry.unitIds[1]', /entry.unitIds\[1\]: unknown unit "unit-x"/);
    // a new entry goes last: its path is the list's length
    spec.given(adopted()).when(put('compounds', 'compound-c', { name: name('丙小区', 'Compound C'), communityId: 'community-x' })).thenInvalid('entry.communityId', /unknown community "community-x"/);
    spec.given(adopted()).when(put('units', 'unit-yuanlin', { name: { en: 'Landscaping' } })).thenInvalid('entry.name.zh', /is missing/);
  });

  it('refuses a change that would move a compound to another community while open cases are handled in it', () => {
    const open: OpenCases = { caseIds: ['case-1', 'case-2'], total: 2 };
    spec
      .given(adopted())
      .when(put('compounds', 'compound-a', { name: STARTING.compounds[0]!.name, communityId: 'community-b' }, { openCasesMoved: open }))
      .thenRefused('catalogue.open_cases', /compound compound-a cannot move while open cases are handled where it is: case-1, case-2$/);
    spec
      .given(adopted())
      .when(put('communities', 'community-a', { name: STARTING.communities[0]!.name, stationId: 'station-b' }, { openCasesMoved: open }))
      .thenRefused('catalogue.open_cases', /community community-a cannot move/);
  });

  it('lets a compound or community with open cases be renamed, and moved once none is open', () => {
    const open: OpenCases = { caseIds: ['case-1'], total: 1 };
    const renamed = { id: 'compound-a', name: name('甲花园', 'Garden A'), communityId: 'community-a' };
    expect(spec.given(adopted()).when(put('compounds', 'compound-a', { name: renamed.name, communityId: 'community-a' }, { openCasesMoved: open })).events()).toEqual([
      { type: 'supervision.CatalogueEntryPut.v1', data: { list: 'compounds', entry: renamed, previous: STARTING.compounds[0], reason: REASON, changedAt: NOW } },
    ]);
    expect(spec.given(adopted()).when(put('communities', 'community-a', { name: STARTING.communities[0]!.name, stationId: 'station-b' })).events()).toHaveLength(1);
  });

  it('puts a removed entry back in use, and no longer counts it as removed', () => {
    const xiaofang = STARTING.units[1]!;
    const withoutFireLane = removed('categories', 'fire_lane', STARTING.categories[1]!);
    const state = spec.given(adopted(), withoutFireLane, removed('units', 'unit-xiaofang', xiaofang)).state();
    expect(state.inForce?.removed.units).toEqual([xiaofang]);
    spec.given(adopted(), withoutFireLane, removed('units', 'unit-xiaofang', xiaofang)).when(put('units', 'unit-xiaofang', { name: xiaofang.name }, { now: LATER })).then(unitPut(xiaofang, null, LATER));
    const back = spec.given(adopted(), withoutFireLane, removed('units', 'unit-xiaofang', xiaofang), unitPut(xiaofang, null, LATER)).state();
    expect(back.inForce?.catalogue.units.map((u) => u.id)).toEqual(['unit-chengguan', 'unit-xiaofang']);
    expect(back.inForce?.removed.units).toEqual([]);
  });
});

describe('RemoveEntry', () => {
  const clutterOnly: Catalogue = { ...STARTING, categories: [STARTING.categories[0]!] };

  it('takes an entry nobody uses out of use, keeping it for the names of past cases', () => {
    const xiaofang = STARTING.units[1]!;
    spec.given(adopted(clutterOnly)).when(removal('units', 'unit-xiaofang')).then(removed('units', 'unit-xiaofang', xiaofang));
    const state = spec.given(adopted(clutterOnly), removed('units', 'unit-xiaofang', xiaofang)).state();
    expect(state.inForce?.catalogue.units.map((u) => u.id)).toEqual(['unit-chengguan']);
    expect(state.inForce?.removed.units).toEqual([xiaofang]);
  });

  it('refuses to remove an entry not in use, naming the id', () => {
    spec.given(adopted()).when(removal('units', 'unit-x')).thenInvalid('id', /unit unit-x is not in use in the catalogue/);
    const xiaofang = STARTING.units[1]!;
    spec.given(adopted(clutterOnly), removed('units', 'unit-xiaofang', xiaofang)).when(removal('units', 'unit-xiaofang')).thenInvalid('id', /not in use/);
  });

  it('refuses while open cases use the entry, naming them', () => {
    spec
      .given(adopted(clutterOnly))
      .when(removal('units', 'unit-xiaofang', { openCasesUsing: { caseIds: ['case-7', 'case-9'], total: 2 } }))
      .thenRefused('catalogue.open_cases', /^unit unit-xiaofang cannot be removed while open cases use it: case-7, case-9$/);
  });

  it(`names at most ${CASES_NAMED_MAX} open cases and says how many more there are`, () => {
    const caseIds = Array.from({ length: 25 }, (_, i) => `case-${i + 1}`);
    const named = caseIds.slice(0, CASES_NAMED_MAX).join(', ');
    spec
      .given(adopted())
      .when(removal('categories', 'clutter', { openCasesUsing: { caseIds, total: 137 } }))
      .thenRefused('catalogue.open_cases', new RegExp(`use it: ${named} and 117 more$`));
  });

  it('refuses while the catalogue refers to the entry, naming where', () => {
    spec
      .given(adopted())
      .when(removal('units', 'unit-xiaofang'))
      .thenRefused('catalogue.entry_referenced', /unit unit-xiaofang cannot be removed while the catalogue refers to it: categories\[1\]\.unitIds\[1\]: unknown unit "unit-xiaofang"/);
    spec.given(adopted()).when(removal('stations', 'station-b')).thenRefused('catalogue.entry_referenced', /communities\[1\]\.stationId/);
  });

  it('adopts the starting catalogue with a first change that is a removal', () => {
    spec.given().when(removal('compounds', 'compound-b')).then(adopted(), removed('compounds', 'compound-b', STARTING.compounds[1]!));
  });
});

describe('ReviseDeadlines and RevisePolicies', () => {
  const deadlines = { ...STARTING.deadlines, reportIn: { '2': 'PT20M', '3': 'PT10M' } };

  it('revise the deadlines and the policies, recording what they were', () => {
    spec.given(adopted()).when(reviseDeadlines(deadlines)).then({ type: 'supervision.CatalogueDeadlinesRevised.v1', data: { deadlines, previous: STARTING.deadlines, reason: REASON, changedAt: NOW } });
    const policies = { quorumShare: 2 / 3, maxDeferrals: 1 };
    spec.given(adopted()).when(revisePolicies(policies)).then({ type: 'supervision.CataloguePoliciesRevised.v1', data: { policies, previous: STARTING.policies, reason: REASON, changedAt: NOW } });
  });

  it('name the problem by its path under deadlines or policies', () => {
    spec.given(adopted()).when(reviseDeadlines({ ...deadlines, reportIn: { '2': '20 minutes', '3': 'PT10M' } })).thenInvalid('deadlines.reportIn.2', /is not an ISO-8601 duration/);
    spec.given(adopted()).when(revisePolicies({ quorumShare: 1, maxDeferrals: 1 })).thenInvalid('policies.quorumShare', /greater than 0 and less than 1/);
    spec.given(adopted()).when(reviseDeadlines('PT30M')).thenInvalid('deadlines', /must be an object/);
    spec.given(adopted()).when(revisePolicies(null)).thenInvalid('policies', /must be an object/);
  });
});

describe('every change', () => {
  it.each<[string, Partial<PutEntry>]>([
    ['empty', { reason: '   ' }],
    ['missing', { reason: undefined as never }],
    ['too long', { reason: 'x'.repeat(1001) }],
  ])('needs a reason (%s)', (_, fields) => {
    spec.given(adopted()).when(put('units', 'unit-yuanlin', { name: LANDSCAPING.name }, fields)).thenInvalid('reason');
    spec.given(adopted()).when(removal('compounds', 'compound-b', fields as Partial<RemoveEntry>)).thenInvalid('reason');
  });

  it('folds into the catalogue in force as catalogueAfter does', () => {
    const events = [adopted(), unitPut(LANDSCAPING, null), removed('compounds', 'compound-b', STARTING.compounds[1]!)];
    const expected = events.reduce(catalogueAfter, { catalogue: STARTING, removed: NO_REMOVED_ENTRIES });
    expect(spec.given(...events).state().inForce).toEqual(expected);
  });

  it('refuses a stream that does not start with the adoption', () => {
    expect(() => spec.given(unitPut(LANDSCAPING, null)).state()).toThrow(/before the catalogue was adopted/);
  });
});
