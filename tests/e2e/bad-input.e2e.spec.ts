import { request } from 'node:http';
import type { Principal } from '@whistle/auth';
import { roles } from './support/api-client';
import { CaseSteps } from './support/case-steps';
import { expiredToken, forgedToken, RecordWatch, scopelessToken, send, validToken, type RecordSnapshot } from './support/refusals';
import { SystemProcess } from './support/system-process';

/**
 * Every command path of API.md, refused for every kind of bad request: invalid bodies (400, each
 * bad field named), unknown ids (404), a state that forbids the command (409, saying why), the
 * wrong role or scope (403), no or a bad token (401), a body over the limit (413) and malformed
 * JSON (400). After each refusal the record is exactly as before: the concerned cases' audit
 * histories (event ids and hashes), the meetings' revisions, the case list's total and the number
 * of events in every store. No refusal is ever a 500.
 */
jest.setTimeout(60_000);

// ---------------------------------------------------------------------------------------------
// The fixture: one system, with cases and meetings in the states the refusals need.
// ---------------------------------------------------------------------------------------------

interface Fixture {
  /** fire_lane_blocked at compound-xinghua-1 (station-north): reported and triaged, waits for the whistle */
  readonly triaged: string;
  /** lift_or_fire_equipment_fault at compound-wutong-1: whistled at level 2, three tasks in three states */
  readonly working: string;
  /** unit-shichang-jianguan's task on `working`: assigned */
  readonly assignedTask: string;
  /** unit-xiaofang's task on `working`: reported in */
  readonly reportedInTask: string;
  /** unit-zhujian's task on `working`: accepted, no action yet */
  readonly acceptedTask: string;
  /** fire_theft_publicity at compound-xinghua-3: level-1 whistle, the activity not yet held */
  readonly publicity: string;
  /** clotheslines_and_litter at compound-wutong-2: level-1 activity held, resolved, waits for the callback */
  readonly held: string;
  /** common_area_clutter at compound-xinghua-2: withdrawn */
  readonly withdrawn: string;
  /** existing_illegal_building at compound-xinghua-2: level 4, on the agenda of `meeting` */
  readonly referred: string;
  /** open; invited unit-chengguan, unit-zhujian, unit-ziran-ziyuan; nobody recorded present */
  readonly meeting: string;
  /** scheduled and not opened; nothing on its agenda */
  readonly scheduled: string;
  /** level-1 cases kept for the known defects, so a defect that records something spoils nothing else */
  readonly spareA: string;
  readonly spareB: string;
  /** how many cases the fixture reported */
  readonly cases: number;
}

let system: SystemProcess;
let steps: CaseSteps;
let watch: RecordWatch;
let f: Fixture;
/** every status a refused request got, for the never-a-500 check */
const statuses: { readonly name: string; readonly status: number }[] = [];

const UNKNOWN_CASE = 'case-that-does-not-exist';
const UNKNOWN_TASK = 'task-that-does-not-exist';
const UNKNOWN_MEETING = 'meeting-that-does-not-exist';

const station = roles.station('station-north');
const central = roles.station('station-central');
const office = roles.office();
const auditor = roles.auditor();
const admin: Principal = { sub: 'admin-wang', role: 'admin' };
const unit = (unitId: string) => roles.unit(unitId);
const reporter = (compoundId: string) => roles.reporter(compoundId);

async function taskOf(caseId: string, unitId: string): Promise<string> {
  const view = await steps.waitFor(caseId, (v) => v.tasks.some((t: any) => t.unitId === unitId), `has a task for ${unitId}`);
  return view.tasks.find((t: any) => t.unitId === unitId).taskId as string;
}

async function ok(response: Promise<{ status: number; body: any }>, status = 200): Promise<any> {
  const answered = await response;
  if (answered.status !== status) throw new Error(`fixture step answered ${answered.status}: ${JSON.stringify(answered.body)}`);
  return answered.body;
}

async function heldActivity(caseId: string): Promise<void> {
  await ok(steps.station.post(`/api/enforcement/cases/${caseId}/activities`, { heldAt: new Date().toISOString(), topic: '文明晾晒宣传', units: ['unit-chengguan'], attendance: 30 }));
}

beforeAll(async () => {
  system = await SystemProcess.start();
  steps = new CaseSteps(system.baseUrl);
  watch = new RecordWatch(system.baseUrl);

  const triaged = await steps.report('fire_lane_blocked', 'compound-xinghua-1');

  const working = await steps.report('lift_or_fire_equipment_fault', 'compound-wutong-1');
  await steps.whistle(working, { level: 2 });
  const assignedTask = await taskOf(working, 'unit-shichang-jianguan');
  const reportedInTask = await taskOf(working, 'unit-xiaofang');
  const acceptedTask = await taskOf(working, 'unit-zhujian');
  await ok(steps.unit('unit-xiaofang').post(`/api/enforcement/tasks/${reportedInTask}/report-in`));
  await ok(steps.unit('unit-zhujian').post(`/api/enforcement/tasks/${acceptedTask}/report-in`));
  await ok(steps.unit('unit-zhujian').post(`/api/enforcement/tasks/${acceptedTask}/accept`));

  const publicity = await steps.report('fire_theft_publicity', 'compound-xinghua-3');
  await steps.whistle(publicity, { level: 1 });

  const held = await steps.report('clotheslines_and_litter', 'compound-wutong-2');
  await steps.whistle(held, { level: 1 });
  await steps.waitFor(held, (v) => v.publicity !== null && v.publicity !== undefined, 'asked for its publicity activity');
  await eventuallyOk(() => heldActivity(held));
  await steps.waitFor(held, (v) => v.status === 'resolved', 'resolved');

  const withdrawn = await steps.report('common_area_clutter', 'compound-xinghua-2');
  await ok(steps.station.post(`/api/intake/cases/${withdrawn}/withdraw`, { reason: '居民已自行清理' }));

  const referred = await steps.report('existing_illegal_building', 'compound-xinghua-2');
  await steps.whistle(referred, { level: 4 });
  await steps.waitFor(referred, (v) => v.adjudication?.status === 'awaiting_tabling', 'awaiting tabling');
  const scheduledAt = new Date(Date.now() + 86_400_000).toISOString();
  const invitedUnits = ['unit-chengguan', 'unit-zhujian', 'unit-ziran-ziyuan'];
  const meeting = await ok(steps.office.post('/api/adjudication/meetings', { scheduledAt, place: '镇综治中心会议室', invitedUnits }), 201);
  expect(meeting.agenda).toEqual([referred]);
  await ok(steps.office.post(`/api/adjudication/meetings/${meeting.id}/open`));
  const scheduled = await ok(steps.office.post('/api/adjudication/meetings', { scheduledAt, place: '镇政府二楼会议室', invitedUnits }), 201);
  expect(scheduled.agenda).toEqual([]);

  const spareA = await steps.report('fire_theft_publicity', 'compound-wutong-1');
  await steps.whistle(spareA, { level: 1 });
  const spareB = await steps.report('clotheslines_and_litter', 'compound-xinghua-1');
  await steps.whistle(spareB, { level: 1 });
  for (const caseId of [publicity, spareA, spareB]) {
    await steps.waitFor(caseId, (v) => v.publicity !== null && v.publicity !== undefined, 'asked for its publicity activity');
  }

  f = { triaged, working, assignedTask, reportedInTask, acceptedTask, publicity, held, withdrawn, referred, meeting: meeting.id, scheduled: scheduled.id, spareA, spareB, cases: 8 };
  await watch.settle();
  expect(await watch.caseTotal()).toBe(f.cases);
}, 120_000);

afterAll(async () => system?.dispose());

async function eventuallyOk(step: () => Promise<void>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await step();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The routes and their refusals.
// ---------------------------------------------------------------------------------------------

type Get<T> = (fixture: Fixture) => T;

interface Invalid {
  readonly what: string;
  readonly body?: Get<unknown>;
  readonly headers?: Record<string, string>;
  /** every field details[] must name, and no other */
  readonly fields: readonly string[];
  /** for a bad header: what the message must name instead */
  readonly names?: string;
  /** a known defect: details[] names the field but the message does not (tested under "known defects") */
  readonly messageLacksField?: true;
}

interface Conflict {
  readonly what: string;
  readonly path?: Get<string>;
  readonly caller?: Principal;
  readonly body?: Get<unknown>;
  readonly code: string;
  readonly message: RegExp;
}

interface WrongScope {
  readonly what: string;
  readonly caller: Principal;
  readonly body?: Get<unknown>;
  readonly message: RegExp;
}

interface UnknownId {
  /** what is unknown, when not the path's id */
  readonly what?: string;
  readonly path?: Get<string>;
  readonly body?: Get<unknown>;
  readonly resource: string;
  readonly id: string;
}

interface Route {
  readonly name: string;
  /** POST unless it says otherwise */
  readonly method?: 'PUT';
  /** the roles API.md allows, as the 403 lists them */
  readonly allowed: string;
  /** a target where the right caller's valid request would be accepted (or refused only by state) */
  readonly path: Get<string>;
  readonly caller: Principal;
  /** a valid body; none for commands without one */
  readonly body?: Get<unknown>;
  /** what a wrongly accepted request could change */
  readonly concerns: Get<{ cases: string[]; meetings?: string[] }>;
  readonly invalid: readonly Invalid[];
  /** the path (or the body) with an unknown id, and the resource the 404 names */
  readonly unknown?: UnknownId | readonly UnknownId[];
  readonly conflicts: readonly Conflict[];
  readonly wrongRoles: readonly Principal[];
  readonly wrongScopes: readonly WrongScope[];
}

const BAD_IF_MATCH: Invalid = { what: 'a garbled If-Match header', headers: { 'if-match': 'soon' }, fields: [], names: 'If-Match' };
const scopeMessage = (principal: Principal, claim: string, owners: string) =>
  new RegExp(`^${principal.role} ${principal.stationId ?? principal.unitId ?? principal.compoundId} is outside the scope of this resource \\(${claim}: ${owners}\\)$`);

const validReport = { compoundId: 'compound-xinghua-1', category: 'late_night_noise', description: '楼上深夜噪音', channel: 'branch' };
const validActivity = () => ({ heldAt: new Date().toISOString(), topic: '冬季防火宣传', units: ['unit-xiaofang'], attendance: 20 });
const inADay = () => new Date(Date.now() + 86_400_000).toISOString();
const taskCase = (x: Fixture) => ({ cases: [x.working] });
const meetingCase = (x: Fixture) => ({ cases: [x.referred], meetings: [x.meeting, x.scheduled] });

/**
 * The catalogue's changes (目录变更): the administrator's PUTs and removals. What a wrong one could
 * change is the catalogue (its stream counts among the stored events) and the open case in the
 * compound and of the units the conflicts name.
 */
const ROOFTOP = { name: { zh: '楼顶违规种植', en: 'Rooftop planting' }, defaultLevel: 2, unitIds: ['unit-chengguan'] };
const DEADLINES = { reportIn: { '2': 'PT30M', '3': 'PT2H' }, activity: 'P3WD', tabling: 'P7WD', resolutionTasks: 'P30WD', grace: { '2': 'PT1H', '3': 'PT1H' }, reopenWindow: 'P15WD', duplicateWindow: 'P3D' };
const catalogueCase = (x: Fixture) => ({ cases: [x.working] });
const notAdmin = [office, station, auditor];

function catalogueRoutes(): Route[] {
  return [
    {
      name: 'PUT /api/catalogue/{list}/{id}',
      method: 'PUT',
      allowed: 'admin',
      path: () => '/api/catalogue/categories/rooftop_planting',
      caller: admin,
      body: () => ({ entry: ROOFTOP, reason: '新增楼顶种植类别' }),
      concerns: catalogueCase,
      invalid: [
        { what: 'an empty body', body: () => ({}), fields: ['entry', 'reason'] },
        { what: 'an entry that is not an object and a reason that is a number', body: () => ({ entry: 'rooftop', reason: 7 }), fields: ['entry', 'reason'] },
        { what: 'an unknown field', body: () => ({ entry: ROOFTOP, reason: '新增', extra: true }), fields: ['extra'] },
        { what: 'an entry naming a unit the catalogue has not', body: () => ({ entry: { ...ROOFTOP, unitIds: ['unit-nobody'] }, reason: '新增' }), fields: ['entry.unitIds[0]'] },
        { what: 'an entry with a member the catalogue has not', body: () => ({ entry: { ...ROOFTOP, colour: 'red' }, reason: '新增' }), fields: ['entry.colour'] },
        { what: 'an entry whose id is not the path’s', body: () => ({ entry: { ...ROOFTOP, id: 'roof' }, reason: '新增' }), fields: ['entry.id'] },
        { what: 'a category’s own deadline that is not a duration', body: () => ({ entry: { ...ROOFTOP, deadlines: { activity: 'soon' } }, reason: '新增' }), fields: ['entry.deadlines.activity'] },
        BAD_IF_MATCH,
      ],
      unknown: { path: () => '/api/catalogue/shops/shop-1', resource: 'catalogue list', id: 'shops' },
      conflicts: [
        {
          what: 'moving a compound with an open case to another community',
          path: () => '/api/catalogue/compounds/compound-wutong-1',
          body: () => ({ entry: { name: { zh: '梧桐苑', en: 'Wutong Court' }, communityId: 'community-xinghua' }, reason: '区划调整' }),
          code: 'catalogue.open_cases',
          message: /^compound compound-wutong-1 cannot move while open cases are handled where it is: \S+/,
        },
      ],
      wrongRoles: notAdmin,
      wrongScopes: [],
    },
    {
      name: 'POST /api/catalogue/{list}/{id}/removal',
      allowed: 'admin',
      path: () => '/api/catalogue/units/unit-zhujian/removal',
      caller: admin,
      body: () => ({ reason: '机构改革' }),
      concerns: catalogueCase,
      invalid: [
        { what: 'no reason', body: () => ({}), fields: ['reason'] },
        { what: 'a reason that is a number', body: () => ({ reason: 7 }), fields: ['reason'] },
        { what: 'an unknown field', body: () => ({ reason: '机构改革', extra: true }), fields: ['extra'] },
        BAD_IF_MATCH,
      ],
      unknown: [
        { path: () => '/api/catalogue/units/unit-nobody/removal', resource: 'unit', id: 'unit-nobody' },
        { what: 'an unknown list', path: () => '/api/catalogue/shops/shop-1/removal', resource: 'catalogue list', id: 'shops' },
      ],
      conflicts: [
        { what: 'removing a unit an open case summoned', code: 'catalogue.open_cases', message: /^unit unit-zhujian cannot be removed while open cases use it: \S+/ },
        {
          what: 'removing a unit a category still names',
          path: () => '/api/catalogue/units/unit-sifasuo/removal',
          code: 'catalogue.entry_referenced',
          message: /^unit unit-sifasuo cannot be removed while the catalogue refers to it: categories\[\d+\]\.unitIds\[\d+\]: /,
        },
      ],
      wrongRoles: notAdmin,
      wrongScopes: [],
    },
    {
      name: 'PUT /api/catalogue/deadlines',
      method: 'PUT',
      allowed: 'admin',
      path: () => '/api/catalogue/deadlines',
      caller: admin,
      body: () => ({ deadlines: { ...DEADLINES, tabling: 'P10WD' }, reason: '上会时限放宽' }),
      concerns: catalogueCase,
      invalid: [
        { what: 'an empty body', body: () => ({}), fields: ['deadlines', 'reason'] },
        { what: 'deadlines that are a string', body: () => ({ deadlines: 'P3D', reason: '调整' }), fields: ['deadlines'] },
        { what: 'a deadline that is not a duration', body: () => ({ deadlines: { ...DEADLINES, reportIn: { '2': '30 minutes', '3': 'PT2H' } }, reason: '调整' }), fields: ['deadlines.reportIn.2'] },
        { what: 'a report-in in working days', body: () => ({ deadlines: { ...DEADLINES, reportIn: { '2': 'P1WD', '3': 'PT2H' } }, reason: '调整' }), fields: ['deadlines.reportIn.2'] },
        { what: 'a deadline left out', body: () => ({ deadlines: { ...DEADLINES, tabling: undefined }, reason: '调整' }), fields: ['deadlines.tabling'] },
        BAD_IF_MATCH,
      ],
      conflicts: [],
      wrongRoles: notAdmin,
      wrongScopes: [],
    },
    {
      name: 'PUT /api/catalogue/policies',
      method: 'PUT',
      allowed: 'admin',
      path: () => '/api/catalogue/policies',
      caller: admin,
      body: () => ({ policies: { quorumShare: 0.6, maxDeferrals: 3 }, reason: '联席会议规则调整' }),
      concerns: catalogueCase,
      invalid: [
        { what: 'an empty body', body: () => ({}), fields: ['policies', 'reason'] },
        { what: 'a quorum share of 2', body: () => ({ policies: { quorumShare: 2, maxDeferrals: 3 }, reason: '调整' }), fields: ['policies.quorumShare'] },
        { what: 'deferrals that are not a whole number', body: () => ({ policies: { quorumShare: 0.5, maxDeferrals: 1.5 }, reason: '调整' }), fields: ['policies.maxDeferrals'] },
        { what: 'a policy the catalogue has not', body: () => ({ policies: { quorumShare: 0.5, maxDeferrals: 2, chair: 'office' }, reason: '调整' }), fields: ['policies.chair'] },
        BAD_IF_MATCH,
      ],
      conflicts: [],
      wrongRoles: notAdmin,
      wrongScopes: [],
    },
  ];
}

const routes: readonly Route[] = [
  {
    name: 'POST /api/intake/cases',
    allowed: 'reporter, station, office',
    path: () => '/api/intake/cases',
    caller: station,
    body: () => validReport,
    concerns: (x) => ({ cases: [x.triaged] }),
    invalid: [
      { what: 'an empty body', body: () => ({}), fields: ['compoundId', 'category', 'description', 'channel'] },
      {
        what: 'every field of the wrong type',
        body: () => ({ compoundId: 1, category: [], description: {}, channel: 2, location: 5, reporter: 'x', evidence: 'y' }),
        fields: ['compoundId', 'category', 'description', 'channel', 'location', 'reporter', 'evidence'],
      },
      {
        what: 'bad nested reporter and evidence',
        body: () => ({ ...validReport, reporter: { name: 7, phone: 'call me' }, evidence: [{ name: 'a.jpg', sha256: 'zz' }] }),
        fields: ['reporter.name', 'reporter.phone', 'evidence[0].sha256'],
      },
      { what: 'an unknown field', body: () => ({ ...validReport, priority: 'high' }), fields: ['priority'] },
      { what: 'a channel not in the list', body: () => ({ ...validReport, channel: 'pigeon' }), fields: ['channel'] },
      { what: 'a category not in the catalogue', body: () => ({ ...validReport, category: 'no_such_category' }), fields: ['category'] },
    ],
    conflicts: [],
    wrongRoles: [unit('unit-gongan'), auditor, admin],
    wrongScopes: [
      { what: 'station-central reporting in station-north’s compound', caller: central, message: scopeMessage(central, 'stationId', 'station-north') },
      {
        what: 'a reporter of another compound',
        caller: reporter('compound-xinghua-2'),
        message: scopeMessage(reporter('compound-xinghua-2'), 'compoundId', 'compound-xinghua-1'),
      },
    ],
  },
  {
    name: 'POST /api/intake/cases/{caseId}/withdraw',
    allowed: 'reporter, station',
    path: (x) => `/api/intake/cases/${x.triaged}/withdraw`,
    caller: station,
    body: () => ({ reason: '误报' }),
    concerns: (x) => ({ cases: [x.triaged, x.withdrawn] }),
    invalid: [
      { what: 'no reason', body: () => ({}), fields: ['reason'] },
      { what: 'a reason that is a number', body: () => ({ reason: 7 }), fields: ['reason'] },
      { what: 'an unknown field', body: () => ({ reason: '误报', extra: true }), fields: ['extra'] },
    ],
    unknown: { path: () => `/api/intake/cases/${UNKNOWN_CASE}/withdraw`, resource: 'case', id: UNKNOWN_CASE },
    conflicts: [
      {
        what: 'withdrawing a withdrawn case',
        path: (x) => `/api/intake/cases/${x.withdrawn}/withdraw`,
        code: 'case.withdrawn',
        message: /^cannot withdraw it: the case was withdrawn$/,
      },
    ],
    wrongRoles: [office, unit('unit-gongan'), auditor],
    wrongScopes: [
      { what: 'station-central on a station-north case', caller: central, message: scopeMessage(central, 'stationId', 'station-north') },
      {
        what: 'a reporter of another compound',
        caller: reporter('compound-xinghua-2'),
        message: scopeMessage(reporter('compound-xinghua-2'), 'compoundId', 'compound-xinghua-1'),
      },
    ],
  },
  {
    name: 'POST /api/intake/cases/{caseId}/reject',
    allowed: 'station, office',
    path: (x) => `/api/intake/cases/${x.triaged}/reject`,
    caller: station,
    body: () => ({ code: 'out_of_scope', reason: '邻里纠纷' }),
    concerns: (x) => ({ cases: [x.triaged, x.withdrawn, x.held] }),
    invalid: [
      { what: 'an empty body', body: () => ({}), fields: ['code', 'reason'] },
      { what: 'a code not in the list', body: () => ({ code: 'bored', reason: '邻里纠纷' }), fields: ['code'] },
      { what: 'an unknown field', body: () => ({ code: 'out_of_scope', reason: '邻里纠纷', extra: true }), fields: ['extra'] },
    ],
    unknown: { path: () => `/api/intake/cases/${UNKNOWN_CASE}/reject`, resource: 'case', id: UNKNOWN_CASE },
    conflicts: [
      { what: 'rejecting a withdrawn case', path: (x) => `/api/intake/cases/${x.withdrawn}/reject`, code: 'case.withdrawn', message: /^cannot reject it: the case was withdrawn$/ },
      { what: 'rejecting a resolved case', path: (x) => `/api/intake/cases/${x.held}/reject`, code: 'case.resolved', message: /^cannot reject it: the case is resolved/ },
    ],
    wrongRoles: [reporter('compound-xinghua-1'), unit('unit-gongan'), auditor],
    wrongScopes: [{ what: 'station-central on a station-north case', caller: central, message: scopeMessage(central, 'stationId', 'station-north') }],
  },
  {
    name: 'POST /api/intake/cases/{caseId}/not-duplicate',
    allowed: 'station, office',
    path: (x) => `/api/intake/cases/${x.triaged}/not-duplicate`,
    caller: station,
    body: () => ({ reason: '不是同一处' }),
    concerns: (x) => ({ cases: [x.triaged, x.withdrawn] }),
    invalid: [
      { what: 'no reason', body: () => ({}), fields: ['reason'] },
      { what: 'an unknown field', body: () => ({ reason: '不是同一处', extra: true }), fields: ['extra'] },
    ],
    unknown: { path: () => `/api/intake/cases/${UNKNOWN_CASE}/not-duplicate`, resource: 'case', id: UNKNOWN_CASE },
    conflicts: [
      {
        what: 'overruling a link on a case that has none',
        code: 'case.open',
        message: /^cannot overrule a duplicate link \(only a case linked as a duplicate has one\): the case is still being handled$/,
      },
      { what: 'overruling on a withdrawn case', path: (x) => `/api/intake/cases/${x.withdrawn}/not-duplicate`, code: 'case.withdrawn', message: /the case was withdrawn$/ },
    ],
    wrongRoles: [reporter('compound-xinghua-1'), unit('unit-gongan'), auditor],
    wrongScopes: [{ what: 'station-central on a station-north case', caller: central, message: scopeMessage(central, 'stationId', 'station-north') }],
  },
  {
    name: 'POST /api/intake/cases/{caseId}/duplicate-of',
    allowed: 'station, office',
    path: (x) => `/api/intake/cases/${x.triaged}/duplicate-of`,
    caller: station,
    body: (x) => ({ duplicateOf: x.withdrawn, reason: '同一问题' }),
    concerns: (x) => ({ cases: [x.triaged, x.withdrawn] }),
    invalid: [
      { what: 'an empty body', body: () => ({}), fields: ['duplicateOf', 'reason'] },
      { what: 'an unknown field', body: (x) => ({ duplicateOf: x.withdrawn, reason: '同一问题', extra: true }), fields: ['extra'] },
    ],
    unknown: [
      { path: () => `/api/intake/cases/${UNKNOWN_CASE}/duplicate-of`, resource: 'case', id: UNKNOWN_CASE },
      // answered as a case outside the caller's scope is, so that neither says whether it exists
      { what: 'duplicateOf naming no case', body: () => ({ duplicateOf: UNKNOWN_CASE, reason: '同一问题' }), resource: 'case', id: UNKNOWN_CASE },
    ],
    conflicts: [
      { what: 'linking to a case of another compound', code: 'case.other_compound', message: /case .+ is in compound compound-xinghua-2, this case in compound-xinghua-1/ },
      { what: 'linking to the case itself', body: (x) => ({ duplicateOf: x.triaged, reason: '同一问题' }), code: 'case.self_link', message: /a case cannot be a duplicate of itself$/ },
      { what: 'linking to a withdrawn case', path: (x) => `/api/intake/cases/${x.withdrawn}/duplicate-of`, body: (x) => ({ duplicateOf: x.triaged, reason: '同一问题' }), code: 'case.withdrawn', message: /the case was withdrawn$/ },
    ],
    wrongRoles: [reporter('compound-xinghua-1'), unit('unit-gongan'), auditor],
    wrongScopes: [{ what: 'station-central on a station-north case', caller: central, message: scopeMessage(central, 'stationId', 'station-north') }],
  },
  {
    name: 'POST /api/intake/cases/{caseId}/merge',
    allowed: 'station, office',
    path: (x) => `/api/intake/cases/${x.triaged}/merge`,
    caller: station,
    body: (x) => ({ into: x.withdrawn, reason: '同一问题' }),
    concerns: (x) => ({ cases: [x.triaged, x.withdrawn] }),
    invalid: [
      { what: 'an empty body', body: () => ({}), fields: ['into', 'reason'] },
      { what: 'an unknown field', body: (x) => ({ into: x.withdrawn, reason: '同一问题', extra: true }), fields: ['extra'] },
    ],
    unknown: [
      { path: () => `/api/intake/cases/${UNKNOWN_CASE}/merge`, resource: 'case', id: UNKNOWN_CASE },
      // answered as a case outside the caller's scope is, so that neither says whether it exists
      { what: 'into naming no case', body: () => ({ into: UNKNOWN_CASE, reason: '同一问题' }), resource: 'case', id: UNKNOWN_CASE },
    ],
    conflicts: [
      { what: 'merging into a case of another compound', code: 'case.other_compound', message: /case .+ is in compound compound-xinghua-2, this case in compound-xinghua-1/ },
      { what: 'merging into the case itself', body: (x) => ({ into: x.triaged, reason: '同一问题' }), code: 'case.self_link', message: /a case cannot be a duplicate of itself$/ },
      { what: 'merging into a withdrawn case', path: (x) => `/api/intake/cases/${x.withdrawn}/merge`, body: (x) => ({ into: x.triaged, reason: '同一问题' }), code: 'case.withdrawn', message: /the case was withdrawn$/ },
    ],
    wrongRoles: [reporter('compound-xinghua-1'), unit('unit-gongan'), auditor],
    wrongScopes: [{ what: 'station-central on a station-north case', caller: central, message: scopeMessage(central, 'stationId', 'station-north') }],
  },
  {
    name: 'POST /api/intake/cases/{caseId}/callback',
    allowed: 'station, office',
    path: (x) => `/api/intake/cases/${x.triaged}/callback`,
    caller: station,
    body: () => ({ result: 'satisfied' }),
    concerns: (x) => ({ cases: [x.triaged, x.working] }),
    invalid: [
      { what: 'no result', body: () => ({}), fields: ['result'] },
      { what: 'a result not in the list and a numeric note', body: () => ({ result: 'meh', note: 3 }), fields: ['result', 'note'] },
    ],
    unknown: { path: () => `/api/intake/cases/${UNKNOWN_CASE}/callback`, resource: 'case', id: UNKNOWN_CASE },
    conflicts: [
      {
        what: 'a callback before the work is done (triaged)',
        code: 'case.open',
        message: /^cannot record a callback \(回访\) before every task has its outcome: the case is still being handled$/,
      },
      {
        what: 'a callback while the units are at work',
        path: (x) => `/api/intake/cases/${x.working}/callback`,
        code: 'case.open',
        message: /before every task has its outcome: the case is still being handled/,
      },
    ],
    wrongRoles: [reporter('compound-xinghua-1'), unit('unit-gongan'), auditor],
    wrongScopes: [{ what: 'station-central on a station-north case', caller: central, message: scopeMessage(central, 'stationId', 'station-north') }],
  },
  {
    name: 'POST /api/intake/cases/{caseId}/reopen',
    allowed: 'reporter, station, office',
    path: (x) => `/api/intake/cases/${x.held}/reopen`,
    caller: station,
    body: () => ({ reason: '问题复发' }),
    concerns: (x) => ({ cases: [x.held, x.triaged] }),
    invalid: [
      { what: 'no reason', body: () => ({}), fields: ['reason'] },
      { what: 'a reason that is a list', body: () => ({ reason: ['x'] }), fields: ['reason'] },
    ],
    unknown: { path: () => `/api/intake/cases/${UNKNOWN_CASE}/reopen`, resource: 'case', id: UNKNOWN_CASE },
    conflicts: [
      {
        what: 'reopening a case that is not closed (resolved, waiting for the callback)',
        code: 'case.resolved',
        message: /^cannot reopen it \(only a closed case can be reopened\): the case is resolved and waits for the callback$/,
      },
      {
        what: 'reopening a case still being handled',
        path: (x) => `/api/intake/cases/${x.triaged}/reopen`,
        code: 'case.open',
        message: /only a closed case can be reopened.*still being handled/,
      },
    ],
    wrongRoles: [unit('unit-chengguan'), auditor],
    wrongScopes: [
      { what: 'station-central on a station-north case', caller: central, message: scopeMessage(central, 'stationId', 'station-north') },
      {
        what: 'a reporter of another compound',
        caller: reporter('compound-wanghu-1'),
        message: scopeMessage(reporter('compound-wanghu-1'), 'compoundId', 'compound-wutong-2'),
      },
    ],
  },
  {
    name: 'POST /api/intake/cases/{caseId}/reporter/erasure',
    allowed: 'office, admin',
    path: (x) => `/api/intake/cases/${x.triaged}/reporter/erasure`,
    caller: office,
    body: () => ({ reason: '本人申请删除' }),
    concerns: (x) => ({ cases: [x.triaged] }),
    invalid: [
      { what: 'no reason', body: () => ({}), fields: ['reason'] },
      { what: 'a blank reason', body: () => ({ reason: ' \n ' }), fields: ['reason'] },
      { what: 'a reason over 500 characters', body: () => ({ reason: '删'.repeat(501) }), fields: ['reason'] },
      { what: 'an unknown field', body: () => ({ reason: '本人申请删除', extra: true }), fields: ['extra'] },
    ],
    unknown: { path: () => `/api/intake/cases/${UNKNOWN_CASE}/reporter/erasure`, resource: 'case', id: UNKNOWN_CASE },
    conflicts: [{ what: 'erasing a case whose reporter left no personal data', code: 'case.no_reporter_data', message: /holds no personal data of a reporter$/ }],
    wrongRoles: [station, reporter('compound-xinghua-1'), unit('unit-gongan'), auditor],
    wrongScopes: [],
  },
  {
    name: 'POST /api/intake/cases/{caseId}/reporter/disclosures',
    allowed: 'reporter, station, office',
    path: (x) => `/api/intake/cases/${x.triaged}/reporter/disclosures`,
    caller: station,
    body: () => ({ reason: '回访核实' }),
    concerns: (x) => ({ cases: [x.triaged] }),
    invalid: [
      { what: 'no reason', body: () => ({}), fields: ['reason'] },
      { what: 'a blank reason', body: () => ({ reason: ' \n ' }), fields: ['reason'] },
      { what: 'a reason over 500 characters', body: () => ({ reason: '查'.repeat(501) }), fields: ['reason'] },
      { what: 'a reason that is a list', body: () => ({ reason: ['回访核实'] }), fields: ['reason'] },
      { what: 'an unknown field', body: () => ({ reason: '回访核实', extra: true }), fields: ['extra'] },
      { what: 'an Idempotency-Key (its replay would keep the personal data)', headers: { 'idempotency-key': 'read-once' }, fields: [], names: 'Idempotency-Key' },
    ],
    unknown: { path: () => `/api/intake/cases/${UNKNOWN_CASE}/reporter/disclosures`, resource: 'case', id: UNKNOWN_CASE },
    conflicts: [],
    wrongRoles: [unit('unit-jiaojing'), auditor, admin],
    wrongScopes: [
      { what: 'station-central on a station-north case', caller: central, message: scopeMessage(central, 'stationId', 'station-north') },
      {
        what: 'a reporter of another compound',
        caller: reporter('compound-xinghua-2'),
        message: scopeMessage(reporter('compound-xinghua-2'), 'compoundId', 'compound-xinghua-1'),
      },
    ],
  },
  {
    name: 'POST /api/intake/reporters/erasure',
    allowed: 'office, admin',
    path: () => '/api/intake/reporters/erasure',
    caller: admin,
    body: () => ({ phone: '13700000000', reason: '本人申请删除' }),
    concerns: (x) => ({ cases: [x.triaged] }),
    invalid: [
      { what: 'an empty body', body: () => ({}), fields: ['phone', 'reason'] },
      { what: 'a phone that is no number', body: () => ({ phone: 'call me', reason: '本人申请删除' }), fields: ['phone'] },
      { what: 'a reason that repeats the phone', body: () => ({ phone: '13700000000', reason: '13700000000 本人申请删除' }), fields: ['reason'] },
      { what: 'an unknown field', body: () => ({ phone: '13700000000', reason: '本人申请删除', extra: true }), fields: ['extra'] },
    ],
    conflicts: [],
    wrongRoles: [station, reporter('compound-xinghua-1'), unit('unit-gongan'), auditor],
    wrongScopes: [],
  },
  {
    name: 'POST /api/escalation/cases/{caseId}/whistle',
    allowed: 'station',
    path: (x) => `/api/escalation/cases/${x.triaged}/whistle`,
    caller: station,
    body: () => ({ level: 2 }),
    concerns: (x) => ({ cases: [x.triaged, x.working] }),
    invalid: [
      { what: 'no level', body: () => ({}), fields: ['level'] },
      { what: 'level, units and reason of the wrong type', body: () => ({ level: '2', units: 'x', reason: 5 }), fields: ['level', 'units', 'reason'] },
      { what: 'units that are not strings', body: () => ({ level: 2, units: [1] }), fields: ['units'] },
      { what: 'a level out of range', body: () => ({ level: 5 }), fields: ['level'] },
      { what: 'a unit not in the catalogue', body: () => ({ level: 2, units: ['unit-nope'] }), fields: ['units[0]'], messageLacksField: true },
      { what: 'another level than proposed without a reason', body: () => ({ level: 3 }), fields: ['reason'] },
    ],
    unknown: { path: () => `/api/escalation/cases/${UNKNOWN_CASE}/whistle`, resource: 'case', id: UNKNOWN_CASE },
    conflicts: [
      {
        what: 'whistling twice',
        path: (x) => `/api/escalation/cases/${x.working}/whistle`,
        code: 'whistle.in_progress',
        message: /^cannot blow the whistle: the case has summoned units that are at work$/,
      },
      {
        what: 'whistling a case that completed its work',
        path: (x) => `/api/escalation/cases/${x.held}/whistle`,
        body: () => ({ level: 1 }),
        code: 'whistle.completed',
        message: /^cannot blow the whistle: the case has completed its work and waits for the callback$/,
      },
    ],
    wrongRoles: [office, unit('unit-jiaojing'), reporter('compound-xinghua-1'), auditor],
    wrongScopes: [{ what: 'station-central on a station-north case', caller: central, message: scopeMessage(central, 'stationId', 'station-north') }],
  },
  {
    name: 'POST /api/escalation/cases/{caseId}/level',
    allowed: 'station, office',
    path: (x) => `/api/escalation/cases/${x.triaged}/level`,
    caller: station,
    body: () => ({ level: 3, reason: '车主拒不挪车' }),
    concerns: (x) => ({ cases: [x.triaged, x.held] }),
    invalid: [
      { what: 'an empty body', body: () => ({}), fields: ['level', 'reason'] },
      { what: 'a level out of range and a numeric reason', body: () => ({ level: 9, reason: 3 }), fields: ['level', 'reason'] },
      { what: 'the level it already has', body: () => ({ level: 2, reason: '维持' }), fields: ['level'] },
      { what: 'a blank reason', body: () => ({ level: 3, reason: '   ' }), fields: ['reason'] },
    ],
    unknown: { path: () => `/api/escalation/cases/${UNKNOWN_CASE}/level`, resource: 'case', id: UNKNOWN_CASE },
    conflicts: [
      {
        what: 'changing the level of a case that completed its work',
        path: (x) => `/api/escalation/cases/${x.held}/level`,
        body: () => ({ level: 2, reason: '升级处理' }),
        code: 'whistle.completed',
        message: /^cannot change the level: the case has completed its work and waits for the callback$/,
      },
    ],
    wrongRoles: [unit('unit-jiaojing'), reporter('compound-xinghua-1'), auditor],
    wrongScopes: [{ what: 'station-central on a station-north case', caller: central, message: scopeMessage(central, 'stationId', 'station-north') }],
  },
  {
    name: 'POST /api/enforcement/tasks/{taskId}/report-in',
    allowed: 'unit',
    path: (x) => `/api/enforcement/tasks/${x.assignedTask}/report-in`,
    caller: unit('unit-shichang-jianguan'),
    concerns: taskCase,
    invalid: [BAD_IF_MATCH],
    unknown: { path: () => `/api/enforcement/tasks/${UNKNOWN_TASK}/report-in`, resource: 'task', id: UNKNOWN_TASK },
    conflicts: [
      {
        what: 'reporting in twice',
        path: (x) => `/api/enforcement/tasks/${x.reportedInTask}/report-in`,
        caller: unit('unit-xiaofang'),
        code: 'task.already_reported_in',
        message: /already reported in \(报到\) at .* and is reported_in$/,
      },
    ],
    wrongRoles: [station, office, reporter('compound-wutong-1'), auditor],
    wrongScopes: [
      { what: 'another summoned unit', caller: unit('unit-xiaofang'), message: scopeMessage(unit('unit-xiaofang'), 'unitId', 'unit-shichang-jianguan') },
      { what: 'a unit not on the case', caller: unit('unit-gongan'), message: scopeMessage(unit('unit-gongan'), 'unitId', 'unit-shichang-jianguan') },
    ],
  },
  {
    name: 'POST /api/enforcement/tasks/{taskId}/accept',
    allowed: 'unit',
    path: (x) => `/api/enforcement/tasks/${x.reportedInTask}/accept`,
    caller: unit('unit-xiaofang'),
    concerns: taskCase,
    invalid: [BAD_IF_MATCH],
    unknown: { path: () => `/api/enforcement/tasks/${UNKNOWN_TASK}/accept`, resource: 'task', id: UNKNOWN_TASK },
    conflicts: [
      {
        what: 'accepting before reporting in',
        path: (x) => `/api/enforcement/tasks/${x.assignedTask}/accept`,
        caller: unit('unit-shichang-jianguan'),
        code: 'task.not_reported_in',
        message: /is assigned but not reported in: report in \(报到\) first$/,
      },
      {
        what: 'accepting twice',
        path: (x) => `/api/enforcement/tasks/${x.acceptedTask}/accept`,
        caller: unit('unit-zhujian'),
        code: 'task.already_accepted',
        message: /was already accepted at .* and is accepted$/,
      },
    ],
    wrongRoles: [station, office, auditor],
    wrongScopes: [
      { what: 'another summoned unit', caller: unit('unit-zhujian'), message: scopeMessage(unit('unit-zhujian'), 'unitId', 'unit-xiaofang') },
      { what: 'a unit not on the case', caller: unit('unit-gongan'), message: scopeMessage(unit('unit-gongan'), 'unitId', 'unit-xiaofang') },
    ],
  },
  {
    name: 'POST /api/enforcement/tasks/{taskId}/decline',
    allowed: 'unit',
    path: (x) => `/api/enforcement/tasks/${x.reportedInTask}/decline`,
    caller: unit('unit-xiaofang'),
    body: () => ({ reason: '非本单位职责', notOurResponsibility: true }),
    concerns: taskCase,
    invalid: [
      { what: 'an empty body', body: () => ({}), fields: ['reason', 'notOurResponsibility'] },
      { what: 'a numeric reason and a string for the flag', body: () => ({ reason: 1, notOurResponsibility: 'yes' }), fields: ['reason', 'notOurResponsibility'] },
    ],
    unknown: { path: () => `/api/enforcement/tasks/${UNKNOWN_TASK}/decline`, resource: 'task', id: UNKNOWN_TASK },
    conflicts: [
      {
        what: 'declining before reporting in',
        path: (x) => `/api/enforcement/tasks/${x.assignedTask}/decline`,
        caller: unit('unit-shichang-jianguan'),
        code: 'task.not_reported_in',
        message: /is assigned but not reported in: report in \(报到\) first, then accept or decline$/,
      },
      {
        what: 'declining an accepted task',
        path: (x) => `/api/enforcement/tasks/${x.acceptedTask}/decline`,
        caller: unit('unit-zhujian'),
        code: 'task.already_accepted',
        message: /was accepted at .* and is accepted; it can no longer be declined$/,
      },
    ],
    wrongRoles: [station, office, auditor],
    wrongScopes: [
      { what: 'another summoned unit', caller: unit('unit-zhujian'), message: scopeMessage(unit('unit-zhujian'), 'unitId', 'unit-xiaofang') },
      { what: 'a unit not on the case', caller: unit('unit-gongan'), message: scopeMessage(unit('unit-gongan'), 'unitId', 'unit-xiaofang') },
    ],
  },
  {
    name: 'POST /api/enforcement/tasks/{taskId}/actions',
    allowed: 'unit',
    path: (x) => `/api/enforcement/tasks/${x.acceptedTask}/actions`,
    caller: unit('unit-zhujian'),
    body: () => ({ kind: 'inspection', note: '现场检查' }),
    concerns: taskCase,
    invalid: [
      { what: 'an empty body', body: () => ({}), fields: ['kind', 'note'] },
      {
        what: 'every field of the wrong type',
        body: () => ({ kind: 'hug', note: 3, deadline: 'soon', legalBasis: 4, amount: '100' }),
        fields: ['kind', 'note', 'deadline', 'legalBasis', 'amount'],
      },
      { what: 'a rectification order without a deadline', body: () => ({ kind: 'rectification_order', note: '限期整改' }), fields: ['deadline'] },
      { what: 'an amount on a persuasion', body: () => ({ kind: 'persuasion', note: '劝导', amount: 5 }), fields: ['amount'] },
    ],
    unknown: { path: () => `/api/enforcement/tasks/${UNKNOWN_TASK}/actions`, resource: 'task', id: UNKNOWN_TASK },
    conflicts: [
      {
        what: 'an action before accepting',
        path: (x) => `/api/enforcement/tasks/${x.assignedTask}/actions`,
        caller: unit('unit-shichang-jianguan'),
        code: 'task.not_accepted',
        message: /is assigned and not accepted: accept it before you record an action$/,
      },
    ],
    wrongRoles: [station, office, auditor],
    wrongScopes: [
      { what: 'another summoned unit', caller: unit('unit-xiaofang'), message: scopeMessage(unit('unit-xiaofang'), 'unitId', 'unit-zhujian') },
      { what: 'a unit not on the case', caller: unit('unit-gongan'), message: scopeMessage(unit('unit-gongan'), 'unitId', 'unit-zhujian') },
    ],
  },
  {
    name: 'POST /api/enforcement/tasks/{taskId}/outcome',
    allowed: 'unit',
    path: (x) => `/api/enforcement/tasks/${x.acceptedTask}/outcome`,
    caller: unit('unit-zhujian'),
    body: () => ({ result: 'resolved', note: '已修复' }),
    concerns: taskCase,
    invalid: [
      { what: 'an empty body', body: () => ({}), fields: ['result', 'note'] },
      { what: 'a result not in the list and a numeric note', body: () => ({ result: 'ok', note: 5 }), fields: ['result', 'note'] },
    ],
    unknown: { path: () => `/api/enforcement/tasks/${UNKNOWN_TASK}/outcome`, resource: 'task', id: UNKNOWN_TASK },
    conflicts: [
      {
        what: 'an outcome with no action recorded',
        code: 'task.no_actions',
        message: /is accepted with no action recorded: record the on-site actions before the outcome$/,
      },
      {
        what: 'an outcome before accepting',
        path: (x) => `/api/enforcement/tasks/${x.reportedInTask}/outcome`,
        caller: unit('unit-xiaofang'),
        code: 'task.not_accepted',
        message: /is reported in and not accepted: accept it before you record an outcome$/,
      },
    ],
    wrongRoles: [station, office, auditor],
    wrongScopes: [
      { what: 'another summoned unit', caller: unit('unit-xiaofang'), message: scopeMessage(unit('unit-xiaofang'), 'unitId', 'unit-zhujian') },
      { what: 'a unit not on the case', caller: unit('unit-gongan'), message: scopeMessage(unit('unit-gongan'), 'unitId', 'unit-zhujian') },
    ],
  },
  {
    name: 'POST /api/enforcement/cases/{caseId}/activities',
    allowed: 'station',
    path: (x) => `/api/enforcement/cases/${x.publicity}/activities`,
    caller: station,
    body: validActivity,
    concerns: (x) => ({ cases: [x.publicity, x.held] }),
    invalid: [
      { what: 'an empty body', body: () => ({}), fields: ['heldAt', 'topic', 'units', 'attendance'] },
      {
        what: 'every field of the wrong type',
        body: () => ({ heldAt: 'yesterday', topic: 1, units: 'x', attendance: 'many' }),
        fields: ['heldAt', 'topic', 'units', 'attendance'],
      },
      { what: 'units that are not strings', body: () => ({ ...validActivity(), units: [1] }), fields: ['units'] },
      { what: 'a fractional attendance', body: () => ({ ...validActivity(), attendance: 2.5 }), fields: ['attendance'] },
      { what: 'an activity in the future', body: () => ({ ...validActivity(), heldAt: inADay() }), fields: ['heldAt'] },
      { what: 'a unit not in the catalogue', body: () => ({ ...validActivity(), units: ['unit-xiaofang', 'unit-nope'] }), fields: ['units[1]'] },
    ],
    unknown: { path: () => `/api/enforcement/cases/${UNKNOWN_CASE}/activities`, resource: 'level-1 publicity request (宣传哨) of case', id: UNKNOWN_CASE },
    conflicts: [
      {
        what: 'a second activity for the same whistle',
        path: (x) => `/api/enforcement/cases/${x.held}/activities`,
        code: 'publicity.already_held',
        message: /^the publicity activity of case .* was already held at /,
      },
    ],
    wrongRoles: [unit('unit-xiaofang'), office, reporter('compound-xinghua-3'), auditor],
    wrongScopes: [{ what: 'station-central on a station-north case', caller: central, message: scopeMessage(central, 'stationId', 'station-north') }],
  },
  {
    name: 'POST /api/adjudication/meetings',
    allowed: 'office',
    path: () => '/api/adjudication/meetings',
    caller: office,
    body: () => ({ scheduledAt: inADay(), place: '镇综治中心会议室', invitedUnits: ['unit-chengguan', 'unit-zhujian'] }),
    concerns: meetingCase,
    invalid: [
      { what: 'an empty body', body: () => ({}), fields: ['scheduledAt', 'place', 'invitedUnits'] },
      { what: 'every field of the wrong type', body: () => ({ scheduledAt: 'x', place: 1, invitedUnits: 'u' }), fields: ['scheduledAt', 'place', 'invitedUnits'] },
      { what: 'one invited unit', body: () => ({ scheduledAt: inADay(), place: '会议室', invitedUnits: ['unit-chengguan'] }), fields: ['invitedUnits'] },
      {
        what: 'a meeting in the past',
        body: () => ({ scheduledAt: '2020-01-01T09:00:00+08:00', place: '会议室', invitedUnits: ['unit-chengguan', 'unit-zhujian'] }),
        fields: ['scheduledAt'],
      },
      {
        what: 'a unit not in the catalogue',
        body: () => ({ scheduledAt: inADay(), place: '会议室', invitedUnits: ['unit-chengguan', 'unit-nope'] }),
        fields: ['invitedUnits[1]'],
      },
    ],
    conflicts: [],
    wrongRoles: [station, unit('unit-chengguan'), auditor, reporter('compound-xinghua-1')],
    wrongScopes: [],
  },
  {
    name: 'POST /api/adjudication/meetings/{meetingId}/open',
    allowed: 'office',
    path: (x) => `/api/adjudication/meetings/${x.scheduled}/open`,
    caller: office,
    concerns: meetingCase,
    invalid: [BAD_IF_MATCH],
    unknown: { path: () => `/api/adjudication/meetings/${UNKNOWN_MEETING}/open`, resource: 'meeting', id: UNKNOWN_MEETING },
    conflicts: [
      {
        what: 'opening an open meeting',
        path: (x) => `/api/adjudication/meetings/${x.meeting}/open`,
        code: 'meeting.already_open',
        message: /^meeting .* has been open since /,
      },
    ],
    wrongRoles: [station, unit('unit-chengguan'), auditor],
    wrongScopes: [],
  },
  {
    name: 'POST /api/adjudication/meetings/{meetingId}/attendance',
    allowed: 'office',
    path: (x) => `/api/adjudication/meetings/${x.meeting}/attendance`,
    caller: office,
    body: () => ({ unitId: 'unit-chengguan', present: true }),
    concerns: meetingCase,
    invalid: [
      { what: 'an empty body', body: () => ({}), fields: ['unitId', 'present'] },
      { what: 'a numeric unit and a string for present', body: () => ({ unitId: 5, present: 'yes' }), fields: ['unitId', 'present'] },
      { what: 'a unit not invited', body: () => ({ unitId: 'unit-gongan', present: true }), fields: ['unitId'], messageLacksField: true },
    ],
    unknown: { path: () => `/api/adjudication/meetings/${UNKNOWN_MEETING}/attendance`, resource: 'meeting', id: UNKNOWN_MEETING },
    conflicts: [
      {
        what: 'attendance at a meeting not opened',
        path: (x) => `/api/adjudication/meetings/${x.scheduled}/attendance`,
        code: 'meeting.not_open',
        message: /^meeting .* is scheduled for .* and has not been opened$/,
      },
    ],
    wrongRoles: [station, unit('unit-chengguan'), auditor],
    wrongScopes: [],
  },
  {
    name: 'POST /api/adjudication/meetings/{meetingId}/cases/{caseId}/opinions',
    allowed: 'office, unit',
    path: (x) => `/api/adjudication/meetings/${x.meeting}/cases/${x.referred}/opinions`,
    caller: unit('unit-chengguan'),
    body: () => ({ unitId: 'unit-chengguan', opinion: '城管牵头拆除' }),
    concerns: meetingCase,
    invalid: [
      { what: 'an empty body', body: () => ({}), fields: ['unitId', 'opinion'] },
      { what: 'a numeric unit and a boolean opinion', body: () => ({ unitId: 7, opinion: false }), fields: ['unitId', 'opinion'] },
    ],
    unknown: { path: (x) => `/api/adjudication/meetings/${UNKNOWN_MEETING}/cases/${x.referred}/opinions`, resource: 'meeting', id: UNKNOWN_MEETING },
    conflicts: [
      {
        what: 'an opinion from a unit not recorded present',
        code: 'meeting.unit_not_present',
        message: /^unit unit-chengguan has not been recorded as present at meeting /,
      },
      {
        what: 'an opinion at a meeting not opened',
        path: (x) => `/api/adjudication/meetings/${x.scheduled}/cases/${x.referred}/opinions`,
        caller: office,
        code: 'meeting.not_open',
        message: /has not been opened$/,
      },
    ],
    wrongRoles: [station, auditor, reporter('compound-xinghua-2')],
    wrongScopes: [
      {
        what: 'a unit speaking for another unit',
        caller: unit('unit-chengguan'),
        body: () => ({ unitId: 'unit-zhujian', opinion: '住建牵头' }),
        message: scopeMessage(unit('unit-chengguan'), 'unitId', 'unit-zhujian'),
      },
    ],
  },
  {
    name: 'POST /api/adjudication/meetings/{meetingId}/cases/{caseId}/resolution',
    allowed: 'office',
    path: (x) => `/api/adjudication/meetings/${x.meeting}/cases/${x.referred}/resolution`,
    caller: office,
    body: () => ({ leadUnit: 'unit-chengguan', supportingUnits: ['unit-zhujian'], measures: '联合拆除' }),
    concerns: meetingCase,
    invalid: [
      { what: 'an empty body', body: () => ({}), fields: ['leadUnit', 'supportingUnits', 'measures'] },
      {
        what: 'every field of the wrong type',
        body: () => ({ leadUnit: 3, supportingUnits: 'x', measures: [], deadline: 'tomorrow' }),
        fields: ['leadUnit', 'supportingUnits', 'measures', 'deadline'],
      },
    ],
    unknown: { path: (x) => `/api/adjudication/meetings/${UNKNOWN_MEETING}/cases/${x.referred}/resolution`, resource: 'meeting', id: UNKNOWN_MEETING },
    conflicts: [
      {
        what: 'a resolution without quorum',
        code: 'meeting.no_quorum',
        message: /^0 of 3 invited units present; more than 1\.5 needed$/,
      },
      {
        what: 'a resolution at a meeting not opened',
        path: (x) => `/api/adjudication/meetings/${x.scheduled}/cases/${x.referred}/resolution`,
        code: 'meeting.not_open',
        message: /has not been opened$/,
      },
    ],
    wrongRoles: [station, unit('unit-chengguan'), auditor],
    wrongScopes: [],
  },
  {
    name: 'POST /api/adjudication/meetings/{meetingId}/cases/{caseId}/defer',
    allowed: 'office',
    path: (x) => `/api/adjudication/meetings/${x.meeting}/cases/${x.referred}/defer`,
    caller: office,
    body: () => ({ reason: '未达法定人数' }),
    concerns: meetingCase,
    invalid: [
      { what: 'no reason', body: () => ({}), fields: ['reason'] },
      { what: 'a numeric reason', body: () => ({ reason: 1 }), fields: ['reason'] },
    ],
    unknown: { path: (x) => `/api/adjudication/meetings/${UNKNOWN_MEETING}/cases/${x.referred}/defer`, resource: 'meeting', id: UNKNOWN_MEETING },
    conflicts: [
      {
        what: 'deferring at a meeting not opened',
        path: (x) => `/api/adjudication/meetings/${x.scheduled}/cases/${x.referred}/defer`,
        code: 'meeting.not_open',
        message: /has not been opened$/,
      },
    ],
    wrongRoles: [station, unit('unit-chengguan'), auditor],
    wrongScopes: [],
  },
  {
    name: 'POST /api/adjudication/meetings/{meetingId}/close',
    allowed: 'office',
    path: (x) => `/api/adjudication/meetings/${x.meeting}/close`,
    caller: office,
    concerns: meetingCase,
    invalid: [BAD_IF_MATCH],
    unknown: { path: () => `/api/adjudication/meetings/${UNKNOWN_MEETING}/close`, resource: 'meeting', id: UNKNOWN_MEETING },
    conflicts: [
      {
        what: 'closing a meeting not opened',
        path: (x) => `/api/adjudication/meetings/${x.scheduled}/close`,
        code: 'meeting.not_open',
        message: /^meeting .* is scheduled for .* and has not been opened$/,
      },
    ],
    wrongRoles: [station, unit('unit-chengguan'), auditor],
    wrongScopes: [],
  },
  ...catalogueRoutes(),
];

// ---------------------------------------------------------------------------------------------
// One refused request, and what must hold around it.
// ---------------------------------------------------------------------------------------------

interface Attempt {
  readonly name: string;
  readonly method?: 'PUT';
  readonly path: string;
  readonly token?: string;
  readonly body?: unknown;
  readonly raw?: string;
  readonly headers?: Record<string, string>;
  readonly concerns: { cases: string[]; meetings?: string[] };
}

const REASON: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 413: 'Payload Too Large', 415: 'Unsupported Media Type' };

/** Sends the request, checks the error's shape and status, and that nothing was recorded; returns the error body. */
async function refused(attempt: Attempt, status: number): Promise<{ message: string; details: any[] }> {
  const before: RecordSnapshot = await watch.snapshot(attempt.concerns.cases, attempt.concerns.meetings ?? []);
  const response = await send(system.baseUrl, attempt.method ?? 'POST', attempt.path, {
    ...(attempt.token === undefined ? {} : { token: attempt.token }),
    ...(attempt.body === undefined ? {} : { body: attempt.body }),
    ...(attempt.raw === undefined ? {} : { raw: attempt.raw }),
    ...(attempt.headers === undefined ? {} : { headers: attempt.headers }),
  });
  statuses.push({ name: attempt.name, status: response.status });
  expect({ status: response.status, body: response.body }).toMatchObject({ status, body: { statusCode: status, error: REASON[status] } });
  expect(Object.keys(response.body).sort()).toEqual(['details', 'error', 'message', 'statusCode']);
  expect(typeof response.body.message).toBe('string');
  expect(Array.isArray(response.body.details)).toBe(true);
  const after = await watch.snapshot(attempt.concerns.cases, attempt.concerns.meetings ?? []);
  expect(after).toEqual(before);
  return response.body;
}

function expectFieldsNamed(error: { message: string; details: any[] }, fields: readonly string[], inMessage = true): void {
  const named = [...new Set(error.details.map((d) => d.field))].sort();
  expect(named).toEqual([...fields].sort());
  if (inMessage) for (const field of fields) expect(error.message).toContain(field);
  for (const detail of error.details) expect(typeof detail.message).toBe('string');
}

describe.each(routes)('$name', (route) => {
  const attempt = (name: string, overrides: Partial<Attempt> & { caller?: Principal | null } = {}): Attempt => {
    const { caller, ...rest } = overrides;
    const body = route.body?.(f);
    return {
      name: `${route.name}: ${name}`,
      ...(route.method ? { method: route.method } : {}),
      path: route.path(f),
      ...(caller === null ? {} : { token: validToken(caller ?? route.caller) }),
      ...(body === undefined ? {} : { body }),
      concerns: route.concerns(f),
      ...rest,
    };
  };

  if (route.invalid.length > 0) {
    it.each(route.invalid)('400 for $what, naming each bad field', async (row) => {
      const body = row.body?.(f);
      const error = await refused(attempt(row.what, { ...(body === undefined ? {} : { body }), ...(row.headers ? { headers: row.headers } : {}) }), 400);
      if (row.names !== undefined) expect(error.message).toContain(row.names);
      else expectFieldsNamed(error, row.fields, row.messageLacksField !== true);
    });
  }

  it('400 for malformed JSON', async () => {
    const error = await refused(attempt('malformed JSON', { raw: '{"reason": "x",' }), 400);
    expect(error.message).toMatch(/^malformed JSON body: /);
  });

  it('413 for a body of about 100 kB', async () => {
    const body = { ...((route.body?.(f) as object | undefined) ?? {}), padding: 'x'.repeat(100 * 1024) };
    const error = await refused(attempt('a body over the limit', { body }), 413);
    expect(error.message).toMatch(/^the request body is \d+ bytes, more than the limit of 65536 bytes$/);
  });

  for (const unknown of [route.unknown ?? []].flat()) {
    it(`404 for ${unknown.what ?? `an unknown ${unknown.resource} id`}`, async () => {
      const body = unknown.body?.(f);
      const error = await refused(attempt(unknown.what ?? 'an unknown id', { ...(unknown.path ? { path: unknown.path(f) } : {}), ...(body === undefined ? {} : { body }) }), 404);
      expect(error.message).toBe(`${unknown.resource} ${unknown.id} not found`);
      expect(error.details).toEqual([{ resource: unknown.resource, id: unknown.id }]);
    });
  }

  if (route.conflicts.length > 0) {
    it.each(route.conflicts)('409 for $what, saying why', async (row) => {
      const body = row.body?.(f);
      const error = await refused(
        attempt(row.what, {
          ...(row.path ? { path: row.path(f) } : {}),
          ...(row.caller ? { caller: row.caller } : {}),
          ...(body === undefined ? {} : { body }),
        }),
        409,
      );
      expect(error.message).toMatch(row.message);
      expect(error.details).toEqual([{ code: row.code }]);
    });
  }

  it.each(route.wrongRoles.map((principal) => ({ principal, role: principal.role })))('403 for the role $role', async ({ principal }) => {
    const error = await refused(attempt(`role ${principal.role}`, { caller: principal }), 403);
    expect(error.message).toBe(`role ${principal.role} may not do this; allowed: ${route.allowed}`);
  });

  if (route.wrongScopes.length > 0) {
    it.each(route.wrongScopes)('403 for $what', async (row) => {
      const body = row.body?.(f);
      const error = await refused(attempt(row.what, { caller: row.caller, ...(body === undefined ? {} : { body }) }), 403);
      expect(error.message).toMatch(row.message);
    });
  }

  it('401 without a token', async () => {
    const error = await refused(attempt('no token', { caller: null }), 401);
    expect(error.message).toBe('a bearer token is required: Authorization: Bearer <JWT>');
  });

  it('401 for a token signed with another secret', async () => {
    const error = await refused(attempt('a forged token', { caller: null, token: forgedToken(route.caller) }), 401);
    expect(error.message).toBe('invalid token: invalid signature');
  });

  it('401 for an expired token', async () => {
    const error = await refused(attempt('an expired token', { caller: null, token: expiredToken(route.caller) }), 401);
    expect(error.message).toMatch(/^the token expired at \d{4}-\d\d-\d\dT/);
  });
});

// ---------------------------------------------------------------------------------------------
// Issue 14: what outside tools sent that the routes above did not, and the HTTP hygiene.
// ---------------------------------------------------------------------------------------------

/** fetch refuses TRACE and sends only well-formed text; node:http sends any method and any bytes. */
function sendBytes(method: string, path: string, options: { token?: string; body?: Buffer; contentType?: string } = {}): Promise<{ status: number; headers: Record<string, unknown>; body: any }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body ? { 'content-type': options.contentType ?? 'application/json', 'content-length': String(options.body.length) } : {}),
    };
    const sent = request(`${system.baseUrl}${path}`, { method, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text ? JSON.parse(text) : undefined }));
    });
    sent.on('error', reject).end(options.body);
  });
}

describe('issue 14: bad input outside tools sent, and HTTP hygiene', () => {
  const report = (body: unknown): Attempt => ({ name: 'report', path: '/api/intake/cases', token: validToken(station), body, concerns: { cases: [f.triaged] } });

  it('a body nested 1,300 deep (2.6 KB) is a 400 naming the depth, not a 500 from the validation pipe, and records nothing', async () => {
    const raw = `{"compoundId":"compound-xinghua-1","reporter":${'['.repeat(1300)}${']'.repeat(1300)}}`;
    const error = await refused({ ...report(undefined), name: 'nested 1,300 deep', raw }, 400);
    expect(error).toEqual({ statusCode: 400, error: 'Bad Request', message: 'the JSON body is nested deeper than 32 levels', details: [{ field: 'body', message: 'the JSON body is nested deeper than 32 levels' }] });
  });

  it('a body that is not UTF-8 is a 400 naming the encoding, and records nothing (it was recorded with U+FFFD)', async () => {
    const before = await watch.snapshot([f.triaged]);
    const json = JSON.stringify({ ...validReport, description: 'caf\u00e9 blocks the lane' });
    const latin1 = Buffer.from(json, 'latin1');
    const response = await sendBytes('POST', '/api/intake/cases', { token: validToken(station), body: latin1 });
    statuses.push({ name: 'a Latin-1 body', status: response.status });
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/^the request body is not valid UTF-8, the encoding JSON must have \(RFC 8259\): invalid bytes at offset \d+$/);
    expect(response.body.details).toEqual([{ field: 'body', message: response.body.message }]);
    expect(await watch.snapshot([f.triaged])).toEqual(before);
  });

  it.each([
    ['NUL in the description', { description: '楼道\u0000堆物' }, ['description']],
    ['a terminal escape sequence in the description', { description: '\u001b[2J\u001b[31m楼道堆物' }, ['description']],
    ['a C1 control in the reporter’s name', { reporter: { name: '张\u0085三', phone: '13812345678' } }, ['reporter.name']],
    ['a description of only zero-width characters', { description: '\u200b\u200c\u200d\u2060\ufeff' }, ['description']],
    ['a description of only spaces', { description: '   \u3000 ' }, ['description']],
  ])('%s is a 400 naming the field, and records nothing', async (_what, change, fields) => {
    const error = await refused({ ...report({ ...validReport, ...change }), name: _what }, 400);
    expectFieldsNamed(error, fields);
  });

  it('a reason of only invisible characters on a command is refused as empty', async () => {
    const error = await refused({ name: 'invisible reason', path: `/api/intake/cases/${f.triaged}/withdraw`, token: validToken(station), body: { reason: '\u200b\u200b' }, concerns: { cases: [f.triaged] } }, 400);
    expect(error.details).toEqual([{ field: 'reason', message: 'reason is empty: it holds only spaces or invisible characters' }]);
  });

  it.each([
    ['/api/query/cases?status=', 'status'],
    ['/api/query/cases?level=&stationId=station-north', 'level'],
    ['/api/query/cases?pageSize=', 'pageSize'],
    ['/api/enforcement/tasks?status=', 'status'],
    ['/api/audit/checkpoints?log=', 'log'],
  ])('GET %s (an empty value was taken as not given) is a 400 naming %s', async (path, field) => {
    const response = await send(system.baseUrl, 'GET', path, { token: validToken(office) });
    statuses.push({ name: `GET ${path}`, status: response.status });
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([{ field, message: `${field} is empty: give a value or leave the parameter out` }]);
  });

  it.each([
    ['TRACE', () => '/api/query/cases', 'GET, HEAD, OPTIONS'],
    ['PUT', () => `/api/intake/cases/${f.triaged}/withdraw`, 'OPTIONS, POST'],
    ['DELETE', () => `/api/query/cases/${f.triaged}`, 'GET, HEAD, OPTIONS'],
    ['PATCH', () => '/api/adjudication/meetings', 'GET, HEAD, OPTIONS, POST'],
  ])('%s on a path whose routes take other methods is a 405 with Allow (it was a 404)', async (method, path, allow) => {
    const response = await sendBytes(method, path(), { token: validToken(office) });
    statuses.push({ name: `${method} ${path()}`, status: response.status });
    expect(response.status).toBe(405);
    expect(response.headers['allow']).toBe(allow);
    expect(response.body).toEqual({ statusCode: 405, error: 'Method Not Allowed', message: `${method} is not a method of ${path()}; it takes ${allow}`, details: [{ method, allowed: allow.split(', ') }] });
  });

  it('a path no route serves stays a 404 whatever the method', async () => {
    expect((await sendBytes('TRACE', '/api/nowhere', { token: validToken(office) })).status).toBe(404);
    expect((await sendBytes('PUT', '/api/query/nothing-here', { token: validToken(office) })).status).toBe(404);
  });

  it.each([
    ['the console', '/'],
    ['a console page', '/cases'],
    ['the API docs', '/api/docs'],
    ['an answer', '/api/health'],
    ['an error', '/api/query/cases?status='],
    ['the metrics', '/metrics'],
  ])('%s carries the security headers', async (_what, path) => {
    const response = await fetch(`${system.baseUrl}${path}`, { headers: { authorization: `Bearer ${validToken(office)}` } });
    expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'self';.*style-src 'self' 'unsafe-inline'/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=/);
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('serves /metrics without a token on a development start (no JWT_ISSUER, no METRICS_TOKEN)', async () => {
    const response = await fetch(`${system.baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('http_request_duration_seconds');
  });
});

describe('across the routes', () => {
  it('401 for a station token without its stationId claim, with the Bearer challenge', async () => {
    const token = scopelessToken({ sub: 'station-x', role: 'station' });
    const error = await refused({ name: 'a scope-less station token', path: `/api/intake/cases/${f.triaged}/withdraw`, token, body: { reason: '误报' }, concerns: { cases: [f.triaged] } }, 401);
    expect(error.message).toBe('missing claim stationId: role station needs the claim stationId');
    const challenge = await send(system.baseUrl, 'POST', `/api/escalation/cases/${f.triaged}/whistle`, { body: { level: 2 } });
    statuses.push({ name: 'whistle without a token', status: challenge.status });
    expect(challenge.status).toBe(401);
    expect(challenge.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('the fixture is as it was: nothing a refused request carried was recorded, no case was created', async () => {
    await watch.settle();
    expect(await watch.caseTotal()).toBe(f.cases);
    const views = await Promise.all(
      [f.triaged, f.working, f.publicity, f.held, f.withdrawn, f.referred].map(async (caseId) => (await steps.office.get(`/api/query/cases/${caseId}`)).body),
    );
    expect(views.map((v) => v.status)).toEqual(['triaged', 'in_progress', 'whistled', 'resolved', 'withdrawn', 'adjudicating']);
    const tasks = Object.fromEntries(views[1].tasks.map((t: any) => [t.unitId, t.status]));
    expect(tasks).toEqual({ 'unit-shichang-jianguan': 'assigned', 'unit-xiaofang': 'reported_in', 'unit-zhujian': 'accepted' });
    const meeting = await steps.office.get(`/api/adjudication/meetings/${f.meeting}`);
    expect(meeting.body).toMatchObject({ status: 'open', attendance: [], agenda: [{ caseId: f.referred, opinions: [], decision: null }] });
    expect((await steps.office.get(`/api/adjudication/meetings/${f.scheduled}`)).body.status).toBe('scheduled');
  });

  it('never answers a bad request with a 500', () => {
    expect(statuses.length).toBeGreaterThan(250);
    expect(statuses.filter((s) => s.status >= 500)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Defects found while writing these suites, fixed in the product; each test keeps the contract.
// ---------------------------------------------------------------------------------------------

describe('fixed defects', () => {
  it('activities on a case that has no level-1 whistle: 404, saying no level-1 publicity request exists (enforcement knows a case only once a whistle summons work)', async () => {
    const error = await refused(
      { name: 'activities without a level-1 whistle', path: `/api/enforcement/cases/${f.triaged}/activities`, token: validToken(station), body: validActivity(), concerns: { cases: [f.triaged] } },
      404,
    );
    expect(error.message).toMatch(/level-1/);
  });

  it('activities refuses attendance: true (a boolean for a whole number) with 400 naming attendance', async () => {
    const error = await refused(
      { name: 'attendance true', path: `/api/enforcement/cases/${f.spareA}/activities`, token: validToken(station), body: { ...validActivity(), attendance: true }, concerns: { cases: [f.spareA] } },
      400,
    );
    expectFieldsNamed(error, ['attendance']);
  });

  it('activities refuses attendance: "12" (a string for a whole number) with 400 naming attendance', async () => {
    const error = await refused(
      { name: 'attendance "12"', path: `/api/enforcement/cases/${f.spareB}/activities`, token: validToken(station), body: { ...validActivity(), attendance: '12' }, concerns: { cases: [f.spareB] } },
      400,
    );
    expectFieldsNamed(error, ['attendance']);
  });

  for (const [command, body] of [
    ['opinions', { unitId: 'unit-chengguan', opinion: '意见' }],
    ['resolution', { leadUnit: 'unit-chengguan', supportingUnits: [], measures: '措施' }],
    ['defer', { reason: '缓议' }],
  ] as const) {
    it(`meetings/{meetingId}/cases/{unknown caseId}/${command} is a 404 for the case, not a 409`, async () => {
      const error = await refused(
        {
          name: `${command} on an unknown case`,
          path: `/api/adjudication/meetings/${f.meeting}/cases/${UNKNOWN_CASE}/${command}`,
          token: validToken(office),
          body,
          concerns: { cases: [f.referred], meetings: [f.meeting] },
        },
        404,
      );
      expect(error.details).toEqual([{ resource: 'case before the joint meeting', id: UNKNOWN_CASE }]);
    });
  }

  it('whistle: the 400 message for a unit not in the catalogue names the field units[0], as details[] does', async () => {
    const error = await refused(
      { name: 'whistle an unknown unit', path: `/api/escalation/cases/${f.triaged}/whistle`, token: validToken(station), body: { level: 2, units: ['unit-nope'] }, concerns: { cases: [f.triaged] } },
      400,
    );
    expectFieldsNamed(error, ['units[0]']);
  });

  it('attendance: the 400 message for a unit not invited names the field unitId, as details[] does', async () => {
    const error = await refused(
      {
        name: 'attendance of an uninvited unit',
        path: `/api/adjudication/meetings/${f.meeting}/attendance`,
        token: validToken(office),
        body: { unitId: 'unit-gongan', present: true },
        concerns: { cases: [f.referred], meetings: [f.meeting] },
      },
      400,
    );
    expectFieldsNamed(error, ['unitId']);
  });

  it('an opinion from a unit not invited to the meeting is a 403 (as reading the meeting is), not a 400', async () => {
    await refused(
      {
        name: 'opinion from an uninvited unit',
        path: `/api/adjudication/meetings/${f.meeting}/cases/${f.referred}/opinions`,
        token: validToken(unit('unit-gongan')),
        body: { unitId: 'unit-gongan', opinion: '公安配合' },
        concerns: { cases: [f.referred], meetings: [f.meeting] },
      },
      403,
    );
  });

  it('a station reporting for a compound that does not exist gets 400 naming compoundId, as the office does, not 403', async () => {
    const error = await refused(
      { name: 'report for an unknown compound', path: '/api/intake/cases', token: validToken(station), body: { ...validReport, compoundId: 'compound-nowhere' }, concerns: { cases: [] } },
      400,
    );
    expectFieldsNamed(error, ['compoundId']);
  });
});

describe('/metrics on a system started with METRICS_TOKEN', () => {
  const METRICS_TOKEN = 'e2e-metrics-token-0123456789abcdef0123456789';
  let guarded: SystemProcess;

  beforeAll(async () => {
    guarded = await SystemProcess.start({ env: { METRICS_TOKEN } });
  }, 120_000);
  afterAll(async () => guarded?.dispose());

  it('answers Prometheus with the token, and 401 to anyone else, a user’s token included', async () => {
    const without = await fetch(`${guarded.baseUrl}/metrics`);
    expect(without.status).toBe(401);
    expect(without.headers.get('www-authenticate')).toBe('Bearer');
    expect(await without.json()).toEqual({ statusCode: 401, error: 'Unauthorized', message: '/metrics needs Authorization: Bearer <METRICS_TOKEN>', details: [] });
    expect((await fetch(`${guarded.baseUrl}/metrics`, { headers: { authorization: `Bearer ${validToken(admin)}` } })).status).toBe(401);
    const scraped = await fetch(`${guarded.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('http_request_duration_seconds');
    expect((await fetch(`${guarded.baseUrl}/api/health`)).status).toBe(200);
  });
});
