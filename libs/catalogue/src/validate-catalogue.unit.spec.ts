import { editableDefault, force, type EditableCatalogue } from './testing';
import { formatProblem } from './catalogue-problem';
import { validateCatalogue } from './validate-catalogue';
import { loadCatalogue } from './load-catalogue';

/** The formatted problems of the default catalogue after `edit`. */
function problemsAfter(edit: (catalogue: EditableCatalogue) => void): string[] {
  const catalogue = editableDefault();
  edit(catalogue);
  const result = validateCatalogue(catalogue);
  return result.ok ? [] : result.problems.map(formatProblem);
}

describe('validateCatalogue', () => {
  it('accepts the default catalogue and returns it', () => {
    const catalogue = editableDefault();
    expect(validateCatalogue(catalogue)).toEqual({ ok: true, catalogue });
  });

  it.each([null, [], 'catalogue', 1])('refuses %j as a whole', (value) => {
    const result = validateCatalogue(value);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([expect.stringMatching(/^the catalogue must be a JSON object/)]);
  });

  it('requires version 1', () => {
    expect(problemsAfter((c) => force(c, 'version', 2))).toEqual(['version: must be 1, got 2']);
    expect(problemsAfter((c) => force(c, 'version', '1'))).toEqual(['version: must be 1, got "1"']);
  });

  it('reports unexpected keys at the top and deeper down', () => {
    expect(problemsAfter((c) => force(c, 'zones', []))).toEqual([expect.stringMatching(/^zones: unexpected key \(expected version, town, /)]);
    expect(
      problemsAfter((c) => {
        force(c.communities[2]!, 'stationID', 'station-north');
        force(c.communities[2]!, 'stationId', undefined);
      }),
    ).toEqual(['communities[2].stationID: unexpected key (expected id, name, stationId)', 'communities[2].stationId: is missing']);
  });

  it('reports missing sections', () => {
    expect(problemsAfter((c) => force(c, 'policies', undefined))).toEqual(['policies: is missing']);
    expect(problemsAfter((c) => force(c, 'town', undefined))).toEqual(['town: is missing']);
  });

  it('reports a duplicate id with the place of the first', () => {
    const again = { id: 'unit-gongan', name: { zh: '派出所', en: 'Police station' } };
    expect(problemsAfter((c) => c.units.push(again))).toEqual(['units[12].id: duplicate id "unit-gongan" (also units[1])']);
  });

  it('reports ids that are not lowercase ASCII', () => {
    expect(problemsAfter((c) => (c.town.id = 'Wutong Town'))).toEqual([
      'town.id: must be a lowercase ASCII id (a-z, 0-9, "-", "_"), got "Wutong Town"',
    ]);
  });

  it('reports missing, empty or mistyped names', () => {
    expect(problemsAfter((c) => force(c.compounds[0]!.name, 'zh', undefined))).toEqual(['compounds[0].name.zh: is missing']);
    expect(problemsAfter((c) => (c.units[2]!.name.en = '  '))).toEqual(['units[2].name.en: must be a non-empty string, got "  "']);
    expect(problemsAfter((c) => force(c.stations[0]!, 'name', '杏花工作站'))).toEqual(['stations[0].name: must be an object, got "杏花工作站"']);
  });

  it('reports wrong types of lists and their elements', () => {
    expect(problemsAfter((c) => force(c, 'categories', {}))).toEqual(['categories: must be an array, got an object']);
    expect(problemsAfter((c) => force(c.units, '0', 'unit-chengguan'))).toContain('units[0]: must be an object, got "unit-chengguan"');
    expect(problemsAfter((c) => force(c.units[0]!, 'id', 7))).toContain('units[0].id: must be a non-empty string, got 7');
  });

  it('reports references to unknown stations, communities and units', () => {
    expect(problemsAfter((c) => (c.communities[2]!.stationId = 'station-west'))).toEqual([
      'communities[2].stationId: unknown station "station-west"',
    ]);
    expect(problemsAfter((c) => (c.compounds[1]!.communityId = 'community-x'))).toEqual(['compounds[1].communityId: unknown community "community-x"']);
    expect(problemsAfter((c) => (c.categories[3]!.unitIds[1] = 'unit-x'))).toEqual(['categories[3].unitIds[1]: unknown unit "unit-x"']);
  });

  it('reports a unit listed twice in a category', () => {
    expect(problemsAfter((c) => c.categories[0]!.unitIds.push('unit-xiaofang'))).toEqual([
      'categories[0].unitIds[2]: unit "unit-xiaofang" is listed twice (also categories[0].unitIds[0])',
    ]);
  });

  it('reports a category without units', () => {
    expect(problemsAfter((c) => (c.categories[2]!.unitIds = []))).toEqual(['categories[2].unitIds: must list at least one unit']);
    expect(problemsAfter((c) => force(c.categories[2]!, 'unitIds', undefined))).toEqual(['categories[2].unitIds: is missing']);
  });

  it.each([0, 5, 2.5, '2', null])('reports a default level of %j', (level) => {
    expect(problemsAfter((c) => force(c.categories[5]!, 'defaultLevel', level))).toEqual([
      expect.stringMatching(/^categories\[5\]\.defaultLevel: must be a level 1, 2, 3 or 4, got /),
    ]);
  });

  it('reports a station covering no community and a community without compounds', () => {
    expect(problemsAfter((c) => (c.communities[4]!.stationId = 'station-north'))).toEqual(['stations[2]: covers no community']);
    expect(problemsAfter((c) => (c.compounds = c.compounds.filter((compound) => compound.communityId !== 'community-wutong')))).toEqual([
      'communities[1]: has no compounds',
    ]);
  });

  it('reports empty lists', () => {
    expect(problemsAfter((c) => (c.stations = []))).toEqual([
      'stations: must list at least one station',
      'communities[0].stationId: unknown station "station-north"',
      'communities[1].stationId: unknown station "station-north"',
      'communities[2].stationId: unknown station "station-central"',
      'communities[3].stationId: unknown station "station-central"',
      'communities[4].stationId: unknown station "station-south"',
    ]);
  });

  it('reports deadlines that are not ISO-8601 durations', () => {
    expect(problemsAfter((c) => (c.deadlines.reportIn['2'] = '30 minutes'))).toEqual([
      'deadlines.reportIn.2: "30 minutes" is not an ISO-8601 duration (e.g. PT30M, PT2H, P3D)',
    ]);
    expect(problemsAfter((c) => force(c.deadlines, 'tabling', 7))).toEqual([expect.stringMatching(/^deadlines\.tabling: 7 is not an ISO-8601 duration/)]);
    expect(problemsAfter((c) => force(c.deadlines.grace, '3', undefined))).toEqual(['deadlines.grace.3: is missing']);
    expect(problemsAfter((c) => force(c.deadlines.grace, '4', 'PT1H'))).toEqual(['deadlines.grace.4: unexpected key (expected 2, 3)']);
  });

  it('refuses zero deadlines but allows switching grace, reopening and duplicate linking off', () => {
    expect(problemsAfter((c) => (c.deadlines.activity = 'PT0S'))).toEqual(['deadlines.activity: must be longer than zero, got "PT0S"']);
    expect(
      problemsAfter((c) => {
        c.deadlines.grace['2'] = 'PT0S';
        c.deadlines.reopenWindow = 'P0D';
        c.deadlines.duplicateWindow = 'PT0M';
      }),
    ).toEqual([]);
  });

  it('takes deadlines in days as working days (P3WD) where the catalogue may say so, and names the ones that must stay on the clock', () => {
    expect(
      problemsAfter((c) => {
        c.deadlines.activity = 'P5WD';
        c.deadlines.tabling = 'P10WD';
        c.deadlines.resolutionTasks = 'P3D';
        c.deadlines.reopenWindow = 'P0WD';
      }),
    ).toEqual([]);
    expect(
      problemsAfter((c) => {
        c.deadlines.reportIn['3'] = 'P1WD';
        c.deadlines.grace['2'] = 'P1WD';
        c.deadlines.duplicateWindow = 'P3WD';
      }),
    ).toEqual([
      'deadlines.grace.2: "P1WD" counts working days, but this one runs on the clock: give an ISO-8601 duration (e.g. PT30M, PT2H, P3D)',
      'deadlines.reportIn.3: "P1WD" counts working days, but this one runs on the clock: give an ISO-8601 duration (e.g. PT30M, PT2H, P3D)',
      'deadlines.duplicateWindow: "P3WD" counts working days, but this one runs on the clock: give an ISO-8601 duration (e.g. PT30M, PT2H, P3D)',
    ]);
    expect(problemsAfter((c) => (c.deadlines.activity = 'P0WD'))).toEqual(['deadlines.activity: must be longer than zero, got "P0WD"']);
    // Longer than the coverage check looks ahead, a deadline could end in a year nobody was warned of.
    expect(problemsAfter((c) => (c.deadlines.resolutionTasks = 'P45WD'))).toEqual([]);
    expect(problemsAfter((c) => (c.deadlines.resolutionTasks = 'P46WD'))).toEqual([
      'deadlines.resolutionTasks: "P46WD" is more than the 45 working days the working calendar\'s coverage is checked for (90 days ahead): write a longer period in calendar days (e.g. P90D)',
    ]);
    expect(problemsAfter((c) => (c.deadlines.tabling = 'P2.5WD'))).toEqual([
      'deadlines.tabling: "P2.5WD" is not an ISO-8601 duration (e.g. PT2H, P3D) nor working days (e.g. P3WD)',
    ]);
  });

  it.each([0, 1, 1.5, -0.5, '0.5'])('reports a quorum share of %j', (share) => {
    expect(problemsAfter((c) => force(c.policies, 'quorumShare', share))).toEqual([
      expect.stringMatching(/^policies\.quorumShare: must be a number greater than 0 and less than 1, got /),
    ]);
  });

  it.each([-1, 1.5, '2', null])('reports maxDeferrals of %j', (deferrals) => {
    expect(problemsAfter((c) => force(c.policies, 'maxDeferrals', deferrals))).toEqual([
      expect.stringMatching(/^policies\.maxDeferrals: must be a non-negative integer, got /),
    ]);
  });

  it('accepts other sensible policies', () => {
    expect(problemsAfter((c) => (c.policies = { quorumShare: 2 / 3, maxDeferrals: 0 }))).toEqual([]);
  });

  it('reports every problem at once, not just the first', () => {
    const problems = problemsAfter((c) => {
      force(c, 'version', 2);
      c.categories[3]!.unitIds[1] = 'unit-x';
      c.deadlines.reportIn['2'] = '30 minutes';
      c.compounds[1]!.communityId = 'community-x';
      c.policies.quorumShare = 1;
    });
    expect(problems).toEqual([
      'version: must be 1, got 2',
      'compounds[1].communityId: unknown community "community-x"',
      'categories[3].unitIds[1]: unknown unit "unit-x"',
      expect.stringMatching(/^deadlines\.reportIn\.2: "30 minutes" is not an ISO-8601 duration/),
      'policies.quorumShare: must be a number greater than 0 and less than 1, got 1',
    ]);
  });
  describe('webhooks (通知的回调地址)', () => {
    it('accepts a unit and a station with a webhook naming its secret', () => {
      const catalogue = editableDefault();
      catalogue.units[0]!.webhook = { url: 'https://hooks.example.gov.cn/whistle', secretRef: 'unit-chengguan' };
      catalogue.stations[0]!.webhook = { url: 'http://10.1.2.3:8080/notify', secretRef: 'station-a' };
      expect(validateCatalogue(catalogue)).toEqual({ ok: true, catalogue });
    });

    it('refuses a URL that is not absolute http(s), or that carries credentials', () => {
      expect(problemsAfter((c) => (c.units[1]!.webhook = { url: 'hooks/whistle', secretRef: 's' }))).toEqual(['units[1].webhook.url: must be an absolute http(s) URL, got "hooks/whistle"']);
      expect(problemsAfter((c) => (c.units[1]!.webhook = { url: 'ftp://hooks.example/x', secretRef: 's' }))).toEqual(['units[1].webhook.url: must be an absolute http(s) URL, got "ftp://hooks.example/x"']);
      expect(problemsAfter((c) => (c.stations[0]!.webhook = { url: 'https://me:pw@hooks.example/x', secretRef: 's' }))).toEqual([
        'stations[0].webhook.url: must not carry credentials: the secret is named by secretRef and kept out of the catalogue',
      ]);
    });

    it('requires a secretRef (an id) and refuses a secret written into the catalogue', () => {
      expect(problemsAfter((c) => force(c.units[0]!, 'webhook', { url: 'https://h.example/x' }))).toEqual(['units[0].webhook.secretRef: is missing']);
      expect(problemsAfter((c) => force(c.units[0]!, 'webhook', { url: 'https://h.example/x', secretRef: 'a', secret: 'hunter2' }))).toEqual([
        'units[0].webhook.secret: unexpected key (expected url, secretRef)',
      ]);
      expect(problemsAfter((c) => force(c.units[0]!, 'webhook', { url: 'https://h.example/x', secretRef: 'Has Spaces' }))).toEqual([
        'units[0].webhook.secretRef: must be a lowercase ASCII id (a-z, 0-9, "-", "_"), got "Has Spaces"',
      ]);
      expect(problemsAfter((c) => force(c.units[0]!, 'webhook', 'https://h.example/x'))).toEqual(['units[0].webhook: must be an object, got "https://h.example/x"']);
    });
  });
});

describe("a category's own deadlines and a unit's contacts (optional)", () => {
  it('accepts a category with any of report-in, grace and activity, and a unit with contacts', () => {
    const catalogue = editableDefault();
    Object.assign(catalogue.categories[0]!, { deadlines: { reportIn: { '2': 'PT15M', '3': 'PT10M' }, grace: { '2': 'PT0S', '3': 'PT30M' }, activity: 'P2WD' } });
    Object.assign(catalogue.categories[1]!, { deadlines: { activity: 'P1D' } });
    Object.assign(catalogue.units[0]!, { contacts: [{ name: '值班室', phone: '010-6512 3456' }, { name: 'Officer Li', phone: '+8613800000000' }] });
    expect(validateCatalogue(catalogue)).toEqual({ ok: true, catalogue });
  });

  it("names each problem of a category's deadlines by its path", () => {
    expect(problemsAfter((c) => force(c.categories[0]!, 'deadlines', {}))).toEqual([
      "categories[0].deadlines: must give at least one of reportIn, grace, activity (leave it out to use the catalogue's deadlines)",
    ]);
    expect(problemsAfter((c) => force(c.categories[0]!, 'deadlines', { tabling: 'P3D' }))).toEqual([
      expect.stringMatching(/^categories\[0\]\.deadlines\.tabling: unexpected key \(expected reportIn, grace, activity\)/),
    ]);
    expect(problemsAfter((c) => force(c.categories[0]!, 'deadlines', { reportIn: { '2': 'PT30M' } }))).toEqual(['categories[0].deadlines.reportIn.3: is missing']);
    expect(problemsAfter((c) => force(c.categories[0]!, 'deadlines', { reportIn: { '2': 'P1WD', '3': 'PT1H' } }))).toEqual([
      expect.stringMatching(/^categories\[0\]\.deadlines\.reportIn\.2: "P1WD" counts working days, but this one runs on the clock/),
    ]);
    expect(problemsAfter((c) => force(c.categories[0]!, 'deadlines', { reportIn: { '2': 'PT0S', '3': 'PT1H' } }))).toEqual([
      'categories[0].deadlines.reportIn.2: must be longer than zero, got "PT0S"',
    ]);
    expect(problemsAfter((c) => force(c.categories[0]!, 'deadlines', { activity: 'soon' }))).toEqual([expect.stringMatching(/^categories\[0\]\.deadlines\.activity: "soon" is not an ISO-8601 duration/)]);
    expect(problemsAfter((c) => force(c.categories[0]!, 'deadlines', 'PT1H'))).toEqual([expect.stringMatching(/^categories\[0\]\.deadlines: must be an object/)]);
  });

  it("names each problem of a unit's contacts by its path, and allows at most 20", () => {
    expect(problemsAfter((c) => force(c.units[0]!, 'contacts', { name: '值班室', phone: '12345' }))).toEqual(['units[0].contacts: must be an array, got an object']);
    expect(problemsAfter((c) => force(c.units[0]!, 'contacts', [{ name: '值班室' }]))).toEqual(['units[0].contacts[0].phone: is missing']);
    expect(problemsAfter((c) => force(c.units[0]!, 'contacts', [{ name: '值班室', phone: 'call the desk' }]))).toEqual([
      'units[0].contacts[0].phone: must be a phone number (digits, with +, - or spaces), got "call the desk"',
    ]);
    expect(problemsAfter((c) => force(c.units[0]!, 'contacts', [{ name: '值'.repeat(51), phone: '12345' }]))).toEqual(['units[0].contacts[0].name: must be at most 50 characters, not 51']);
    expect(problemsAfter((c) => force(c.units[0]!, 'contacts', [{ name: '值班室', phone: '12345', email: 'a@b.cn' }]))).toEqual([
      'units[0].contacts[0].email: unexpected key (expected name, phone)',
    ]);
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `联系人${i}`, phone: `1380000${String(i).padStart(4, '0')}` }));
    expect(problemsAfter((c) => force(c.units[0]!, 'contacts', many(20)))).toEqual([]);
    expect(problemsAfter((c) => force(c.units[0]!, 'contacts', many(21)))).toEqual(['units[0].contacts: lists 21 contacts; at most 20']);
  });
});

describe('validateCatalogue: bounds on an entry', () => {
  it('names an id longer than 64 characters and a name longer than 200', () => {
    const base = loadCatalogue();
    const long = { ...base, units: [...base.units, { id: 'u'.repeat(65), name: { zh: '长'.repeat(201), en: 'Long' } }] };
    const result = validateCatalogue(long);
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
    expect(paths).toEqual(expect.arrayContaining([`units[${base.units.length}].id: must be at most 64 characters, not 65`, `units[${base.units.length}].name.zh: must be at most 200 characters, not 201`]));
  });
});
