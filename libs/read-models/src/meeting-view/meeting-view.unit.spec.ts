import type { EventEnvelope } from '@whistle/kernel';
import { InMemoryReadModelStore } from '../memory/in-memory-read-model-store';
import { attend, CaseScript, closeMeeting, MINGYUE, openMeeting, scheduleMeeting } from '../testing/case-script.fixture';
import { EventLog, HOUR, T0 } from '../testing/event-log.fixture';
import { MEETING_VIEWS, type MeetingView } from './meeting-view';
import { evolveMeetingView } from './meeting-view.evolve';
import { meetingViewProjector } from './meeting-view.projector';

const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();

/**
 * The bundled catalogue's P30WD for a resolution's tasks, from its adoption on Saturday
 * 21 November (Asia/Shanghai): five full weeks 23 Nov … 25 Dec (25 working days), Mon 28 … Thu
 * 31 Dec (29), Fri 1 Jan 2027 (30; the package's calendar stops at 2026) → the end of 1 January.
 */
const RESOLUTION_DUE = '2027-01-01T16:00:00.000Z';

function fold(events: readonly EventEnvelope[]): MeetingView | undefined {
  return events.reduce<MeetingView | undefined>((view, e) => evolveMeetingView(view, e) ?? view, undefined);
}

/** Two cases tabled at m1; one unit absent then present; an opinion, a resolution and a deferral. */
function meeting(): EventEnvelope[] {
  const log = new EventLog();
  const c1 = new CaseScript(log, 'c1', MINGYUE).report().whistle(4);
  const c2 = new CaseScript(log, 'c2', MINGYUE).report().whistle(4);
  scheduleMeeting(log, 'm1', [c1]);
  c2.tableAt('m1');
  log.advance(HOUR);
  openMeeting(log, 'm1', ['unit-gongan']);
  attend(log, 'm1', 'unit-chengguan', false);
  attend(log, 'm1', 'unit-chengguan');
  c1.opinionAt('m1', 'unit-gongan', '公安配合');
  c1.resolveAt('m1', 'unit-chengguan', ['unit-gongan']);
  c2.deferAt('m1');
  closeMeeting(log, 'm1');
  return log.envelopes;
}

describe('the meeting view', () => {
  it('shows the meeting with its agenda, each case’s decision, and the attendance', () => {
    expect(fold(meeting())).toEqual({
      id: 'm1',
      version: 10,
      revisions: [{ streamId: 'meeting-m1', revision: 9 }],
      status: 'closed',
      scheduledAt: at(HOUR),
      place: '镇综治中心会议室',
      invitedUnits: ['unit-gongan', 'unit-chengguan', 'unit-zhujian'],
      quorumShare: 0.5,
      agenda: [
        {
          caseId: 'c1',
          opinions: [{ unitId: 'unit-gongan', opinion: '公安配合', recordedAt: at(HOUR) }],
          decision: {
            kind: 'resolution',
            resolutionId: 'r-c1-m1',
            leadUnit: 'unit-chengguan',
            supportingUnits: ['unit-gongan'],
            measures: 'joint enforcement',
            deadline: RESOLUTION_DUE,
            quorum: { invited: 3, present: 2, required: 2 },
            adoptedAt: at(HOUR),
          },
        },
        { caseId: 'c2', opinions: [], decision: { kind: 'deferral', reason: 'no quorum', deferredAt: at(HOUR) } },
      ],
      attendance: [
        { unitId: 'unit-gongan', present: true, recordedAt: at(HOUR) },
        { unitId: 'unit-chengguan', present: true, recordedAt: at(HOUR) },
      ],
      openedAt: at(HOUR),
      closedAt: at(HOUR),
      updatedAt: at(HOUR),
    });
  });

  it('is scheduled, then open, as it goes', () => {
    const events = meeting().filter((e) => e.streamId === 'meeting-m1');
    expect(fold(events.slice(0, 1))).toMatchObject({ status: 'scheduled', agenda: [{ caseId: 'c1', decision: null }], openedAt: null });
    expect(fold(events.slice(0, 3))).toMatchObject({ status: 'open', agenda: [{ caseId: 'c1' }, { caseId: 'c2' }] });
  });

  it('ignores redeliveries, other meetings’ events, case events, and events before the scheduling', () => {
    const events = meeting();
    const view = fold(events) as MeetingView;
    for (const e of events.filter((x) => x.streamId === 'meeting-m1')) expect(evolveMeetingView(view, e)).toBe(view);
    const caseEvent = events.find((e) => e.streamId === 'case-c1') as EventEnvelope;
    expect(evolveMeetingView(view, caseEvent)).toBeUndefined();
    const opened = events.find((e) => e.type === 'adjudication.MeetingOpened.v1') as EventEnvelope;
    expect(evolveMeetingView(view, { ...opened, streamId: 'meeting-m2', data: { meetingId: 'm2', openedAt: T0 } })).toBeUndefined();
    expect(evolveMeetingView(undefined, opened)).toBeUndefined();
  });

  it('the projector keeps one document per meeting, the same when every event comes twice', async () => {
    const store = new InMemoryReadModelStore();
    for (const e of meeting().flatMap((x) => [x, x])) await meetingViewProjector.project(store, e);
    const { items } = await store.collection<MeetingView>(MEETING_VIEWS).find();
    expect(items).toEqual([fold(meeting())]);
  });
});
