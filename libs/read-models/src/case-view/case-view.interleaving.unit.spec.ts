import type { EventEnvelope } from '@whistle/kernel';
import { InMemoryReadModelStore } from '../memory/in-memory-read-model-store';
import { meetingViewProjector } from '../meeting-view/meeting-view.projector';
import { MEETING_VIEWS } from '../meeting-view/meeting-view';
import { rebuild } from '../rebuild';
import { CaseScript, closeMeeting, openMeeting, scheduleMeeting } from '../testing/case-script.fixture';
import { byStream, EventLog, HOUR, interleave, MINUTE } from '../testing/event-log.fixture';
import { caseViewOf, foldCaseViews } from '../testing/fold.fixture';
import { CASE_VIEWS, type CaseView } from './case-view';
import { caseViewProjector } from './case-view.projector';

/**
 * Two cases' whole lives across every stream: a missed report-in, persuasion failing at level 2,
 * every unit declining at level 3, a deferral and a resolution at joint meetings, joint
 * enforcement, a dissatisfied callback that reopens one case, a second round, and closing; the
 * other case stays at level 1, misses its publicity activity and is withdrawn.
 */
function twoCases(): EventEnvelope[] {
  const log = new EventLog();
  const c1 = new CaseScript(log, 'c1').report({ reporter: true }).whistle();
  const c2 = new CaseScript(log, 'c2').report().whistle(1, ['unit-xiaofang']);
  c1.reportIn('unit-jiaojing');
  log.advance(40 * MINUTE);
  c1.missReportIn('unit-xiaofang').reportIn('unit-xiaofang').accept('unit-jiaojing').act('unit-jiaojing').outcome('unit-jiaojing', 'persuasion_failed');
  c1.whistle().reportIn('unit-jiaojing').decline('unit-jiaojing').reportIn('unit-xiaofang').decline('unit-xiaofang');
  log.advance(HOUR);
  scheduleMeeting(log, 'm1', [c1]);
  openMeeting(log, 'm1', ['unit-gongan']);
  c1.deferAt('m1');
  closeMeeting(log, 'm1');
  log.advance(24 * HOUR);
  scheduleMeeting(log, 'm2', [c1]);
  openMeeting(log, 'm2', ['unit-gongan', 'unit-chengguan']);
  c1.resolveAt('m2', 'unit-chengguan', ['unit-gongan']).work();
  closeMeeting(log, 'm2');
  // c2's publicity activity, due three working days after its whistle on Saturday 21 November
  // (the end of Wednesday 25 November, Asia/Shanghai), is not held in time.
  log.advance(Date.parse('2026-11-25T16:00:00.000Z') - Date.parse(log.now) + MINUTE);
  c2.activityOverdue().withdraw();
  c1.callback('dissatisfied');
  log.advance(HOUR);
  c1.whistle(3).work().callback('satisfied');
  return log.envelopes;
}

describe('case views from interleaved streams', () => {
  const causal = twoCases();
  const expected = foldCaseViews(causal);

  it('the scenario ends where the services would leave it', () => {
    expect(expected.get('c1')).toMatchObject({ status: 'closed', level: 3, reopenCount: 1, overdue: false });
    expect(expected.get('c2')).toMatchObject({ status: 'withdrawn', level: 1 });
    expect(expected.get('c1')?.levelHistory.map((c) => c.trigger)).toEqual(['persuasion_failed', 'all_declined', 'station']);
    expect(expected.get('c1')?.tasks.map((t) => t.status)).toEqual(['done', 'superseded', 'declined', 'declined', 'done', 'done', 'done', 'done']);
  });

  it('gives the same views whichever stream is applied first, wholly, in either order', () => {
    const streams = byStream(causal);
    expect(streams.length).toBeGreaterThan(10);
    expect(foldCaseViews(streams.flat())).toEqual(expected);
    expect(foldCaseViews([...streams].reverse().flat())).toEqual(expected);
  });

  it.each([1, 2, 3, 5, 8, 13, 21, 34, 55, 89])('gives the same views for the random interleaving seeded %i', (seed) => {
    expect(foldCaseViews(interleave(byStream(causal), seed))).toEqual(expected);
  });

  describe('a reopen heard by one side first', () => {
    const log = new EventLog();
    new CaseScript(log, 'c1').report().whistle().work().callback('satisfied').reopen();
    const reopened = log.envelopes.findIndex((e) => e.type === 'intake.CaseReopened.v1');
    const triageReopened = log.envelopes.findIndex((e) => e.type === 'escalation.TriageReopened.v1');
    const before = log.envelopes.slice(0, reopened);
    const intakeFirst = [...before, log.envelopes[reopened], log.envelopes[triageReopened]] as EventEnvelope[];
    const escalationFirst = [...before, log.envelopes[triageReopened], log.envelopes[reopened]] as EventEnvelope[];

    it('reopened as soon as intake reopened it, before escalation reopens triage', () => {
      expect(caseViewOf(intakeFirst.slice(0, -1), 'c1').status).toBe('reopened');
    });

    it('reopened as soon as escalation reopened triage, before intake’s event arrives', () => {
      expect(caseViewOf(escalationFirst.slice(0, -1), 'c1').status).toBe('reopened');
    });

    it('counts the reopen whichever side told of it first, and only once when both have', () => {
      expect(caseViewOf(before, 'c1').reopenCount).toBe(0);
      expect(caseViewOf(intakeFirst.slice(0, -1), 'c1').reopenCount).toBe(1);
      expect(caseViewOf(escalationFirst.slice(0, -1), 'c1').reopenCount).toBe(1);
      expect(caseViewOf(escalationFirst, 'c1').reopenCount).toBe(1);
    });

    it('the same view in both orders', () => {
      expect(caseViewOf(escalationFirst, 'c1')).toEqual(caseViewOf(intakeFirst, 'c1'));
      expect(caseViewOf(intakeFirst, 'c1').status).toBe('reopened');
    });
  });
});

describe('the case and meeting projectors through the store', () => {
  const causal = twoCases();
  const projectors = [caseViewProjector, meetingViewProjector];

  async function documents(store: InMemoryReadModelStore) {
    return {
      cases: (await store.collection<CaseView>(CASE_VIEWS).find()).items,
      meetings: (await store.collection(MEETING_VIEWS).find()).items,
    };
  }

  async function project(store: InMemoryReadModelStore, events: readonly EventEnvelope[]) {
    for (const event of events) for (const p of projectors) await p.project(store, event);
  }

  it('holds the views the pure fold gives', async () => {
    const store = new InMemoryReadModelStore();
    await project(store, causal);
    expect((await documents(store)).cases).toEqual([...foldCaseViews(causal).values()]);
  });

  it('applying every event twice changes nothing', async () => {
    const once = new InMemoryReadModelStore();
    const twice = new InMemoryReadModelStore();
    await project(once, causal);
    await project(twice, causal.flatMap((e) => [e, e]));
    expect(await documents(twice)).toEqual(await documents(once));
  });

  it('a gap-free replay equals incremental application with redeliveries and interleaving', async () => {
    const incremental = new InMemoryReadModelStore();
    const redelivered = interleave(byStream(causal), 7).flatMap((e, i) => (i % 3 === 0 ? [e, e] : [e]));
    await project(incremental, redelivered);
    const replayed = new InMemoryReadModelStore();
    await project(replayed, causal.slice(0, 5));
    expect(await rebuild(replayed, causal, projectors)).toBe(causal.length);
    expect(await documents(replayed)).toEqual(await documents(incremental));
  });

  it('rebuilds from an async stream of events, dropping what was there', async () => {
    const store = new InMemoryReadModelStore();
    await store.collection(CASE_VIEWS).put({ id: 'stale', version: 1 });
    async function* events() {
      yield* causal;
    }
    await rebuild(store, events(), projectors);
    expect((await documents(store)).cases.map((v) => v.id)).toEqual(['c1', 'c2']);
  });

  it('loses no change when events of one case from different streams are projected at the same time', async () => {
    const sequential = new InMemoryReadModelStore();
    await project(sequential, causal);
    const concurrent = new InMemoryReadModelStore();
    for (const streams = byStream(causal); streams.some((s) => s.length > 0); ) {
      // One event of every stream at once, as consumers of different topics would deliver them.
      await Promise.all(streams.map((s) => s.shift()).map((e) => (e ? Promise.all(projectors.map((p) => p.project(concurrent, e))) : undefined)));
    }
    expect((await documents(concurrent)).cases).toEqual((await documents(sequential)).cases);
  });
});
