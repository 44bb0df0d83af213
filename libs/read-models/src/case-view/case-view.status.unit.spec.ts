import { CaseScript, closeMeeting, openMeeting, scheduleMeeting } from '../testing/case-script.fixture';
import { EventLog, MINUTE } from '../testing/event-log.fixture';
import { caseViewOf } from '../testing/fold.fixture';
import type { CaseStatus } from './case-view';

/** Given a case driven this far, then its view has this status. */
function given(drive: (c: CaseScript, log: EventLog) => void) {
  const log = new EventLog();
  const c = new CaseScript(log, 'c1');
  drive(c, log);
  return { log, c, status: (): CaseStatus => caseViewOf(log.envelopes, 'c1').status };
}

describe('the case status, derived from what every service said', () => {
  it('reported: only intake has heard of it', () => {
    const { log } = given((c) => c.report());
    expect(caseViewOf(log.envelopes.slice(0, 1), 'c1').status).toBe('reported');
  });

  it('triaged: routed to the station, waiting for the whistle', () => {
    expect(given((c) => c.report()).status()).toBe('triaged');
  });

  it('still reported when intake routed it and escalation has not yet opened triage, which is when a whistle is taken', () => {
    const { log } = given((c) => c.report());
    expect(log.envelopes.slice(0, 2).map((e) => e.type)).toEqual(['intake.CaseReported.v1', 'intake.CaseRouted.v1']);
    expect(caseViewOf(log.envelopes.slice(0, 2), 'c1')).toMatchObject({ status: 'reported', stationId: 'station-north', level: null });
  });

  it('triaged once escalation opened triage, even before intake’s routing arrives', () => {
    const { log } = given((c) => c.report());
    const triageOpened = log.envelopes.filter((e) => e.type !== 'intake.CaseRouted.v1');
    expect(caseViewOf(triageOpened, 'c1').status).toBe('triaged');
  });

  it('whistled: units summoned, none has reported in', () => {
    expect(given((c) => c.report().whistle()).status()).toBe('whistled');
  });

  it('in progress: a summoned unit reported in (报到)', () => {
    expect(given((c) => c.report().whistle().reportIn('unit-jiaojing')).status()).toBe('in_progress');
  });

  it('in progress from the task stream alone, before escalation noted the step', () => {
    const { log } = given((c) => c.report().whistle().reportIn('unit-jiaojing'));
    expect(log.envelopes.at(-1)?.type).toBe('escalation.TaskProgressNoted.v1');
    expect(caseViewOf(log.envelopes.slice(0, -1), 'c1').status).toBe('in_progress');
  });

  it('in progress when the level-1 activity is held, before escalation notes it', () => {
    const { log } = given((c) => c.report().whistle(1, ['unit-xiaofang']).holdActivity());
    const held = log.envelopes.findIndex((e) => e.type === 'enforcement.ActivityRecorded.v1');
    expect(caseViewOf(log.envelopes.slice(0, held), 'c1').status).toBe('whistled');
    expect(caseViewOf(log.envelopes.slice(0, held + 1), 'c1').status).toBe('in_progress');
    expect(caseViewOf(log.envelopes, 'c1').status).toBe('resolved');
  });

  it('triaged again after a level change: persuasion (劝导) failed at level 2', () => {
    const drive = (c: CaseScript) => c.report().whistle().reportIn('unit-jiaojing').accept('unit-jiaojing').act('unit-jiaojing').outcome('unit-jiaojing', 'persuasion_failed');
    const { log, status } = given(drive);
    expect(status()).toBe('triaged');
    expect(caseViewOf(log.envelopes, 'c1').level).toBe(3);
  });

  it('adjudicating: every summoned unit declined, the case went to the joint meeting (联席会议)', () => {
    const { status } = given((c) => c.report().whistle(3).reportIn('unit-jiaojing').decline('unit-jiaojing').reportIn('unit-xiaofang').decline('unit-xiaofang'));
    expect(status()).toBe('adjudicating');
  });

  it('adjudicating until escalation notes the resolution, whistled after', () => {
    const { log, c, status } = given((c, log) => {
      c.report().whistle(4);
      scheduleMeeting(log, 'm1', [c]);
      openMeeting(log, 'm1', ['unit-chengguan', 'unit-gongan']);
    });
    expect(status()).toBe('adjudicating');
    c.resolveAt('m1', 'unit-chengguan', ['unit-gongan']);
    const noted = log.envelopes.findIndex((e) => e.type === 'escalation.ResolutionNoted.v1');
    expect(caseViewOf(log.envelopes.slice(0, noted), 'c1').status).toBe('adjudicating');
    expect(status()).toBe('whistled');
    c.work();
    expect(status()).toBe('resolved');
  });

  it('resolved: every task has its outcome', () => {
    expect(given((c) => c.report().whistle().work()).status()).toBe('resolved');
  });

  it('resolved on either side alone: intake WorkCompletionNoted or escalation WorkCompleted', () => {
    const { log } = given((c) => c.report().whistle().work());
    const completed = log.envelopes.filter((e) => e.type !== 'intake.WorkCompletionNoted.v1');
    const noted = log.envelopes.filter((e) => e.type !== 'escalation.WorkCompleted.v1');
    expect(caseViewOf(completed, 'c1').status).toBe('resolved');
    expect(caseViewOf(noted, 'c1').status).toBe('resolved');
  });

  it('closed: the reporter was called back (回访) and satisfied', () => {
    expect(given((c) => c.report().whistle().work().callback('satisfied')).status()).toBe('closed');
  });

  it('closed by intake even before escalation stands down', () => {
    const { log } = given((c) => c.report().whistle().work().callback('unreachable'));
    expect(caseViewOf(log.envelopes.slice(0, -1), 'c1').status).toBe('closed');
  });

  it('reopened: a dissatisfied callback, until the next whistle', () => {
    const { c, status } = given((c) => c.report().whistle().work().callback('dissatisfied'));
    expect(status()).toBe('reopened');
    c.changeLevel(3, 'station', 'needs enforcement');
    expect(status()).toBe('reopened');
    c.whistle();
    expect(status()).toBe('whistled');
  });

  it('reopened: a closed case reopened on request', () => {
    expect(given((c) => c.report().whistle().work().callback('satisfied').reopen()).status()).toBe('reopened');
  });

  it('withdrawn, whatever the round was doing', () => {
    expect(given((c) => c.report().whistle().reportIn('unit-jiaojing').withdraw()).status()).toBe('withdrawn');
  });

  it('withdrawn as soon as escalation stood down for it, before intake’s own event arrives', () => {
    const { log } = given((c) => c.report().whistle().withdraw());
    expect(caseViewOf(log.envelopes.filter((e) => e.type !== 'intake.CaseWithdrawn.v1'), 'c1').status).toBe('withdrawn');
  });

  it('rejected at triage', () => {
    expect(given((c) => c.report().reject()).status()).toBe('rejected');
  });

  it('duplicate: linked to the open case it repeats', () => {
    const { log } = given((c) => c.reportAsDuplicateOf('c0'));
    expect(caseViewOf(log.envelopes, 'c1')).toMatchObject({ status: 'duplicate', duplicateOf: 'c0' });
  });

  it('duplicate, at the station it would have been routed to, so the station sees the link at triage', () => {
    const { log } = given((c) => c.reportAsDuplicateOf('c0'));
    expect(caseViewOf(log.envelopes, 'c1')).toMatchObject({ stationId: 'station-north', communityId: 'community-xinghua', proposedLevel: null });
  });

  it('triaged like a new report once the station overrules the duplicate link', () => {
    const { log } = given((c) => c.reportAsDuplicateOf('c0').overruleDuplicate('another building'));
    expect(caseViewOf(log.envelopes, 'c1')).toMatchObject({ status: 'triaged', duplicateOf: null, proposedLevel: 2, stationId: 'station-north' });
    const beforeRouting = log.envelopes.filter((e) => e.type !== 'intake.CaseRouted.v1' && e.type !== 'escalation.TriageOpened.v1');
    expect(caseViewOf(beforeRouting, 'c1')).toMatchObject({ status: 'reported', duplicateOf: null });
  });

  it('referred upward (上报区级) after too many deferrals, and it stays so', () => {
    const { status } = given((c, log) => {
      c.report().whistle(4);
      for (const meetingId of ['m1', 'm2', 'm3']) {
        log.advance(MINUTE);
        scheduleMeeting(log, meetingId, [c]);
        openMeeting(log, meetingId, []);
        c.deferAt(meetingId);
        closeMeeting(log, meetingId);
      }
    });
    expect(status()).toBe('referred_upward');
  });

  it('referred upward by escalation’s stand-down alone, before adjudication’s own event arrives', () => {
    const { log } = given((c, log) => {
      c.report().whistle(4);
      for (const meetingId of ['m1', 'm2', 'm3']) {
        scheduleMeeting(log, meetingId, [c]);
        openMeeting(log, meetingId, []);
        c.deferAt(meetingId);
      }
    });
    const withoutReferral = log.envelopes.filter((e) => e.type !== 'adjudication.CaseReferredUpward.v1');
    expect(caseViewOf(withoutReferral, 'c1').status).toBe('referred_upward');
  });
});
