import { caseViewProjector } from './case-view/case-view.projector';
import { InMemoryReadModelStore } from './memory/in-memory-read-model-store';
import { meetingViewProjector } from './meeting-view/meeting-view.projector';
import { getCase, listCases, listMeetings, listTasks, openCasesOfCompound, type CaseListFilter, type MeetingListFilter } from './queries';
import { CaseScript, closeMeeting, MINGYUE, openMeeting, scheduleMeeting, XINGHUA } from './testing/case-script.fixture';
import { EventLog, HOUR, T0 } from './testing/event-log.fixture';

const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();

/**
 * c1 whistled at level 2 with a missed report-in; c2 at level 3 in the south, resolved; c3
 * triaged; c4 a duplicate of c3; c5 in another compound of the same community, closed; one
 * meeting held and one scheduled.
 */
async function given(): Promise<InMemoryReadModelStore> {
  const log = new EventLog();
  const c1 = new CaseScript(log, 'c1').report().whistle().reportIn('unit-jiaojing');
  log.advance(HOUR);
  c1.missReportIn('unit-xiaofang');
  new CaseScript(log, 'c2', MINGYUE).report().whistle().work();
  log.advance(HOUR);
  new CaseScript(log, 'c3').report();
  log.advance(HOUR);
  new CaseScript(log, 'c4').reportAsDuplicateOf('c3');
  log.advance(HOUR);
  const c5 = new CaseScript(log, 'c5', { ...XINGHUA, compoundId: 'compound-xinghua-2', category: 'late_night_noise' }).report();
  c5.whistle(4, ['unit-gongan']);
  scheduleMeeting(log, 'm1', [c5]);
  openMeeting(log, 'm1', ['unit-gongan', 'unit-chengguan']);
  c5.resolveAt('m1', 'unit-gongan', []).work().callback('satisfied');
  closeMeeting(log, 'm1');
  log.advance(HOUR);
  scheduleMeeting(log, 'm2', []);
  const store = new InMemoryReadModelStore();
  for (const e of log.envelopes) for (const p of [caseViewProjector, meetingViewProjector]) await p.project(store, e);
  return store;
}

describe('queries over the read models', () => {
  let store: InMemoryReadModelStore;
  beforeAll(async () => {
    store = await given();
  });

  const ids = async (filter: CaseListFilter) => (await listCases(store, filter)).items.map((v) => v.id);

  it('lists every case, the newest report first, with its paging', async () => {
    expect(await listCases(store, {}, 2, 2)).toMatchObject({ total: 5, page: 2, pageSize: 2, items: [{ id: 'c3' }, { id: 'c2' }] });
    expect(await ids({})).toEqual(['c5', 'c4', 'c3', 'c2', 'c1']);
  });

  it.each<[string, CaseListFilter, string[]]>([
    ['status', { status: 'in_progress' }, ['c1']],
    ['status closed', { status: 'closed' }, ['c5']],
    ['any of several statuses', { status: ['triaged', 'duplicate'] }, ['c4', 'c3']],
    ['level', { level: 3 }, ['c2']],
    ['stationId (a duplicate is its station’s too)', { stationId: 'station-north' }, ['c5', 'c4', 'c3', 'c1']],
    ['stationIds (a caller’s scope)', { stationIds: ['station-south', 'station-east'] }, ['c2']],
    ['stationId inside the scope', { stationId: 'station-north', stationIds: ['station-north', 'station-south'] }, ['c5', 'c4', 'c3', 'c1']],
    ['stationId outside the scope', { stationId: 'station-north', stationIds: ['station-south'] }, []],
    ['communityId', { communityId: 'community-mingyue' }, ['c2']],
    ['compoundId', { compoundId: 'compound-xinghua-1' }, ['c4', 'c3', 'c1']],
    ['unitId: a unit tasked on the case', { unitId: 'unit-xiaofang' }, ['c1']],
    ['unitId: every round counts', { unitId: 'unit-gongan' }, ['c5', 'c2']],
    ['overdue', { overdue: true }, ['c1']],
    ['not overdue', { overdue: false }, ['c5', 'c4', 'c3', 'c2']],
    ['category', { category: 'fire_lane_blocked' }, ['c4', 'c3', 'c1']],
    ['duplicateOf: the reports linked to a case', { duplicateOf: 'c3' }, ['c4']],
    ['duplicateOf a case nothing repeats', { duplicateOf: 'c1' }, []],
    ['several at once', { stationId: 'station-north', category: 'fire_lane_blocked', status: 'triaged' }, ['c3']],
  ])('filters cases by %s', async (_name, filter, expected) => {
    expect(await ids(filter)).toEqual(expected);
  });

  it('refuses a page before the first or a page size over 100', async () => {
    await expect(listCases(store, {}, 0)).rejects.toThrow(RangeError);
    await expect(listCases(store, {}, 1, 101)).rejects.toThrow(/pageSize/);
    expect((await listCases(store, {}, 1, 100)).items).toHaveLength(5);
  });

  it('gets one case, or nothing', async () => {
    expect(await getCase(store, 'c2')).toMatchObject({ id: 'c2', status: 'resolved', level: 3 });
    expect(await getCase(store, 'nope')).toBeUndefined();
  });

  it('lists tasks with their case, filtered by unit, status, case and stations', async () => {
    const all = await listTasks(store, {});
    expect(all.map((t) => t.taskId)).toEqual([
      'r-c5-m1.unit-gongan',
      'w-c2-1.unit-chengguan',
      'w-c2-1.unit-gongan',
      'w-c1-1.unit-jiaojing',
      'w-c1-1.unit-xiaofang',
    ]);
    expect((await listTasks(store, { unitId: 'unit-gongan' })).map((t) => t.taskId)).toEqual(['r-c5-m1.unit-gongan', 'w-c2-1.unit-gongan']);
    expect((await listTasks(store, { status: 'assigned' })).map((t) => t.taskId)).toEqual(['w-c1-1.unit-xiaofang']);
    expect((await listTasks(store, { open: true })).map((t) => t.taskId)).toEqual(['w-c1-1.unit-jiaojing', 'w-c1-1.unit-xiaofang']);
    expect((await listTasks(store, { open: false, unitId: 'unit-gongan' })).map((t) => t.taskId)).toEqual(['r-c5-m1.unit-gongan', 'w-c2-1.unit-gongan']);
    expect((await listTasks(store, { caseId: 'c2', unitId: 'unit-chengguan' })).map((t) => t.taskId)).toEqual(['w-c2-1.unit-chengguan']);
    expect((await listTasks(store, { stationIds: ['station-south'] })).map((t) => t.caseId)).toEqual(['c2', 'c2']);
    expect(all[3]).toMatchObject({
      taskId: 'w-c1-1.unit-jiaojing',
      status: 'reported_in',
      level: 2,
      caseId: 'c1',
      compoundId: 'compound-xinghua-1',
      stationId: 'station-north',
      category: 'fire_lane_blocked',
      caseLevel: 2,
    });
    expect(all[0]).toMatchObject({ role: 'lead', level: 4, caseId: 'c5', compoundId: 'compound-xinghua-2', category: 'late_night_noise' });
  });

  it('gives intake the open cases of a compound for its duplicate check', async () => {
    expect(await openCasesOfCompound(store, 'compound-xinghua-1')).toEqual([
      { caseId: 'c1', compoundId: 'compound-xinghua-1', category: 'fire_lane_blocked', reportedAt: T0 },
      { caseId: 'c3', compoundId: 'compound-xinghua-1', category: 'fire_lane_blocked', reportedAt: at(2 * HOUR) },
    ]);
    expect(await openCasesOfCompound(store, 'compound-xinghua-2')).toEqual([]);
    expect(await openCasesOfCompound(store, 'compound-mingyue-2')).toEqual([expect.objectContaining({ caseId: 'c2' })]);
  });

  it('lists meetings, the latest scheduled first, by status or invited unit, a page at a time', async () => {
    const ids = async (filter: MeetingListFilter) => (await listMeetings(store, filter)).items.map((m) => m.id);
    expect((await listMeetings(store)).items.map((m) => [m.id, m.status])).toEqual([
      ['m2', 'scheduled'],
      ['m1', 'closed'],
    ]);
    expect(await ids({ status: 'closed' })).toEqual(['m1']);
    expect(await ids({ invitedUnit: 'unit-gongan', status: 'closed' })).toEqual(['m1']);
    expect(await ids({ invitedUnit: 'unit-xiaofang' })).toEqual([]);
    expect(await listMeetings(store, {}, 2, 1)).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [{ id: 'm1' }] });
    await expect(listMeetings(store, {}, 1, 101)).rejects.toThrow(RangeError);
  });
});
