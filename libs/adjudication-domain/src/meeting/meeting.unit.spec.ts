import { workingCalendar } from '@whistle/kernel';
import { CHINA_2026, specFor } from '@whistle/kernel/testing';
import type { MeetingEvent } from '@whistle/contracts';
import { meetingDecider, NOT_REACHED_AT_MEETING, type AdoptResolution, type ScheduleMeeting } from './meeting.decide';

const NOW = '2026-11-21T08:00:00.000Z';
const MEETING_AT = '2026-11-28T02:00:00.000Z';
const OPENED_AT = '2026-11-28T02:05:00.000Z';
const LATER = '2026-11-28T03:00:00.000Z';
const PLACE = '镇政府三楼会议室';
// 城管, 住建, 自然资源规划, 公安, 司法, 消防, 市场监管; 园林 is known but not invited.
const INVITED = ['chengguan', 'zhujian', 'guihua', 'gongan', 'sifa', 'xiaofang', 'shichang'];
const KNOWN = [...INVITED, 'yuanlin'];

const spec = specFor(meetingDecider);

const scheduled = (data: Partial<Extract<MeetingEvent, { type: 'adjudication.MeetingScheduled.v1' }>['data']> = {}): MeetingEvent => ({
  type: 'adjudication.MeetingScheduled.v1',
  data: { meetingId: 'm-1', scheduledAt: MEETING_AT, place: PLACE, invitedUnits: INVITED, agenda: ['case-1', 'case-2'], quorumShare: 0.5, ...data },
});
const opened: MeetingEvent = { type: 'adjudication.MeetingOpened.v1', data: { meetingId: 'm-1', openedAt: OPENED_AT } };
const closed: MeetingEvent = { type: 'adjudication.MeetingClosed.v1', data: { meetingId: 'm-1', closedAt: LATER } };
const attended = (unitId: string, present = true): MeetingEvent => ({
  type: 'adjudication.AttendanceRecorded.v1',
  data: { meetingId: 'm-1', unitId, present, recordedAt: OPENED_AT },
});
const presentUnits = (...units: string[]) => units.map((u) => attended(u));
const quorate = presentUnits('chengguan', 'zhujian', 'guihua', 'gongan');
const opinion = (caseId: string, unitId: string, text: string): MeetingEvent => ({
  type: 'adjudication.OpinionRecorded.v1',
  data: { meetingId: 'm-1', caseId, unitId, opinion: text, recordedAt: LATER },
});
const deferred = (caseId: string, reason = 'owner to be heard first'): MeetingEvent => ({
  type: 'adjudication.CaseDeferred.v1',
  data: { meetingId: 'm-1', caseId, reason, deferredAt: LATER },
});
const WITHDRAWAL_REASON = 'lowered to level 3: the owner agreed to remove it';
const withdrawnFromAgenda = (caseId: string, reason = WITHDRAWAL_REASON, withdrawnAt = LATER): MeetingEvent => ({
  type: 'adjudication.CaseWithdrawnFromAgenda.v1',
  data: { meetingId: 'm-1', caseId, reason, withdrawnAt },
});
const WITHDRAWN_CASE_1 = `case case-1 was withdrawn from the agenda of meeting m-1 at ${LATER}: ${WITHDRAWAL_REASON}`;
const resolution = (caseId: string, resolutionId = 'r-1'): MeetingEvent => ({
  type: 'adjudication.ResolutionAdopted.v1',
  data: {
    meetingId: 'm-1',
    caseId,
    resolutionId,
    leadUnit: 'chengguan',
    supportingUnits: ['zhujian'],
    measures: 'demolish the illegal extension',
    deadline: '2026-12-31T00:00:00.000Z',
    quorum: { invited: 7, present: 4, required: 4 },
    adoptedAt: LATER,
  },
});

const schedule = (over: Partial<ScheduleMeeting> = {}): ScheduleMeeting => ({
  type: 'ScheduleMeeting',
  meetingId: 'm-1',
  scheduledAt: MEETING_AT,
  place: PLACE,
  invitedUnits: INVITED,
  pendingCases: ['case-1', 'case-2'],
  knownUnits: KNOWN,
  quorumShare: 0.5,
  now: NOW,
  ...over,
});

const adopt = (over: Partial<AdoptResolution> = {}): AdoptResolution => ({
  type: 'AdoptResolution',
  caseId: 'case-1',
  resolutionId: 'r-1',
  leadUnit: 'chengguan',
  supportingUnits: ['zhujian'],
  measures: 'demolish the illegal extension',
  deadline: '2026-12-31T00:00:00.000Z',
  defaultDeadline: 'P30D',
  calendar: CHINA_2026,
  knownUnits: KNOWN,
  now: LATER,
  ...over,
});

describe('ScheduleMeeting', () => {
  it('schedules the meeting with the open level-4 cases as its agenda and records the quorum policy', () => {
    spec.given().when(schedule()).then(scheduled());
  });

  it('lists a pending case once even when the look-up repeats it', () => {
    spec
      .given()
      .when(schedule({ pendingCases: ['case-1', 'case-2', 'case-1'] }))
      .then(scheduled());
  });

  it('schedules a meeting with an empty agenda when no case is waiting', () => {
    spec.given().when(schedule({ pendingCases: [] })).then(scheduled({ agenda: [] }));
  });

  it.each([
    ['scheduled', [scheduled()]],
    ['open', [scheduled(), opened]],
    ['closed', [scheduled(), opened, closed]],
  ])('refuses a meeting already %s', (status, history) => {
    spec
      .given(...history)
      .when(schedule())
      .thenRefused('meeting.already_scheduled', new RegExp(`meeting m-1 is already ${status}`));
  });

  it('refuses a time before now', () => {
    spec
      .given()
      .when(schedule({ scheduledAt: '2026-11-20T08:00:00.000Z' }))
      .thenInvalid('scheduledAt', /scheduledAt 2026-11-20T08:00:00.000Z is before now/);
  });

  it('accepts a meeting scheduled for right now', () => {
    spec.given().when(schedule({ scheduledAt: NOW })).then(scheduled({ scheduledAt: NOW }));
  });

  it('refuses a time that is not an instant', () => {
    spec.given().when(schedule({ scheduledAt: 'next Friday' })).thenInvalid('scheduledAt', /not an ISO-8601 instant/);
  });

  it('refuses an empty meeting id', () => {
    spec.given().when(schedule({ meetingId: '' })).thenInvalid('meetingId', /meetingId must not be empty/);
  });

  it('refuses an empty place', () => {
    spec.given().when(schedule({ place: '  ' })).thenInvalid('place', /place must not be empty/);
  });

  it.each([[[]], [['chengguan']]])('refuses fewer than 2 invited units (%j)', (invitedUnits) => {
    spec.given().when(schedule({ invitedUnits })).thenInvalid('invitedUnits', /at least 2 units/);
  });

  it('refuses a unit invited twice', () => {
    spec
      .given()
      .when(schedule({ invitedUnits: ['chengguan', 'zhujian', 'chengguan'] }))
      .thenInvalid('invitedUnits', /unit chengguan more than once/);
  });

  it('refuses an unknown invited unit, naming it and its place in the list', () => {
    spec
      .given()
      .when(schedule({ invitedUnits: ['chengguan', 'ghost-bureau'] }))
      .thenInvalid('invitedUnits[1]', /unit "ghost-bureau" is not a known member unit/);
  });

  it.each([1, 1.5, -0.1, Number.NaN])('refuses a quorum share of %d', (quorumShare) => {
    spec.given().when(schedule({ quorumShare })).thenInvalid('quorumShare', /at least 0 and less than 1/);
  });

  it('refuses an empty pending case id', () => {
    spec.given().when(schedule({ pendingCases: ['case-1', ''] })).thenInvalid('pendingCases[1]', /must not be empty/);
  });
});

describe('TableCase', () => {
  it('puts a case that reached level 4 after scheduling on the agenda', () => {
    spec
      .given(scheduled())
      .when({ type: 'TableCase', caseId: 'case-3', now: NOW })
      .then({ type: 'adjudication.CaseTabled.v1', data: { meetingId: 'm-1', caseId: 'case-3', tabledAt: NOW } });
  });

  it('adds the tabled case to the end of the agenda', () => {
    const tabled: MeetingEvent = { type: 'adjudication.CaseTabled.v1', data: { meetingId: 'm-1', caseId: 'case-3', tabledAt: NOW } };
    const state = spec.given(scheduled(), tabled).state();
    expect(state.status !== 'none' && state.agenda.map((i) => i.caseId)).toEqual(['case-1', 'case-2', 'case-3']);
  });

  it('does nothing for a case already on the agenda', () => {
    spec.given(scheduled()).when({ type: 'TableCase', caseId: 'case-2', now: NOW }).thenNothing();
  });

  it.each([
    ['open', [scheduled(), opened]],
    ['closed', [scheduled(), opened, closed]],
  ])('refuses once the meeting is %s', (status, history) => {
    spec
      .given(...history)
      .when({ type: 'TableCase', caseId: 'case-3', now: LATER })
      .thenRefused('meeting.agenda_closed', new RegExp(`agenda of meeting m-1 is closed: the meeting is ${status}`));
  });

  it('refuses before any meeting is scheduled', () => {
    spec.given().when({ type: 'TableCase', caseId: 'case-3', now: NOW }).thenRefused('meeting.not_scheduled', /no meeting has been scheduled/);
  });

  it('refuses a case withdrawn from this agenda: it cannot come back to the same meeting', () => {
    spec
      .given(scheduled(), withdrawnFromAgenda('case-1'))
      .when({ type: 'TableCase', caseId: 'case-1', now: LATER })
      .thenRefused('meeting.case_withdrawn', WITHDRAWN_CASE_1);
  });

  it('refuses an empty case id', () => {
    spec.given(scheduled()).when({ type: 'TableCase', caseId: '', now: NOW }).thenInvalid('caseId', /caseId must not be empty/);
  });
});

describe('OpenMeeting', () => {
  it('opens a scheduled meeting', () => {
    spec.given(scheduled()).when({ type: 'OpenMeeting', now: OPENED_AT }).then(opened);
  });

  it('refuses a meeting never scheduled', () => {
    spec.given().when({ type: 'OpenMeeting', now: OPENED_AT }).thenRefused('meeting.not_scheduled', /no meeting has been scheduled/);
  });

  it('refuses a meeting already open', () => {
    spec
      .given(scheduled(), opened)
      .when({ type: 'OpenMeeting', now: LATER })
      .thenRefused('meeting.already_open', `meeting m-1 has been open since ${OPENED_AT}`);
  });

  it('refuses a closed meeting', () => {
    spec
      .given(scheduled(), opened, closed)
      .when({ type: 'OpenMeeting', now: LATER })
      .thenRefused('meeting.closed', `meeting m-1 was closed at ${LATER} and cannot be opened again`);
  });
});

describe('RecordAttendance', () => {
  it('records an invited unit as present', () => {
    spec.given(scheduled(), opened).when({ type: 'RecordAttendance', unitId: 'chengguan', present: true, now: OPENED_AT }).then(attended('chengguan'));
  });

  it('records an invited unit as absent', () => {
    spec
      .given(scheduled(), opened)
      .when({ type: 'RecordAttendance', unitId: 'sifa', present: false, now: OPENED_AT })
      .then(attended('sifa', false));
  });

  it('does nothing when the same attendance is recorded again', () => {
    spec.given(scheduled(), opened, attended('chengguan')).when({ type: 'RecordAttendance', unitId: 'chengguan', present: true, now: LATER }).thenNothing();
  });

  it('records a unit that leaves as absent, keeping only the latest per unit in the state', () => {
    const left: MeetingEvent = {
      type: 'adjudication.AttendanceRecorded.v1',
      data: { meetingId: 'm-1', unitId: 'chengguan', present: false, recordedAt: LATER },
    };
    spec.given(scheduled(), opened, attended('chengguan')).when({ type: 'RecordAttendance', unitId: 'chengguan', present: false, now: LATER }).then(left);
    const state = spec.given(scheduled(), opened, attended('chengguan'), attended('zhujian'), left).state();
    expect(state.status !== 'none' && state.attendance).toEqual([
      { unitId: 'chengguan', present: false, recordedAt: LATER },
      { unitId: 'zhujian', present: true, recordedAt: OPENED_AT },
    ]);
  });

  it('refuses a unit that was not invited', () => {
    spec
      .given(scheduled(), opened)
      .when({ type: 'RecordAttendance', unitId: 'yuanlin', present: true, now: OPENED_AT })
      .thenInvalid('unitId', 'unit yuanlin was not invited to this meeting');
  });

  it.each([
    ['never scheduled', [], /no meeting has been scheduled/],
    ['scheduled', [scheduled()], /meeting m-1 is scheduled for .* and has not been opened/],
    ['closed', [scheduled(), opened, closed], /meeting m-1 was closed at .* and is no longer open/],
  ])('refuses while the meeting is %s', (_status, history, reason) => {
    spec
      .given(...history)
      .when({ type: 'RecordAttendance', unitId: 'chengguan', present: true, now: LATER })
      .thenRefused('meeting.not_open', reason);
  });
});

describe('RecordOpinion', () => {
  const say = (over: Partial<{ caseId: string; unitId: string; opinion: string }> = {}) => ({
    type: 'RecordOpinion' as const,
    caseId: 'case-1',
    unitId: 'zhujian',
    opinion: 'the extension has no permit',
    now: LATER,
    ...over,
  });

  it("records a present unit's opinion on an agenda case", () => {
    spec.given(scheduled(), opened, attended('zhujian')).when(say()).then(opinion('case-1', 'zhujian', 'the extension has no permit'));
  });

  it('keeps every opinion of a case in order', () => {
    const state = spec
      .given(scheduled(), opened, ...quorate, opinion('case-1', 'zhujian', 'no permit'), opinion('case-1', 'chengguan', 'we can lead'))
      .state();
    expect(state.status !== 'none' && state.agenda[0]?.opinions).toEqual([
      { unitId: 'zhujian', opinion: 'no permit', recordedAt: LATER },
      { unitId: 'chengguan', opinion: 'we can lead', recordedAt: LATER },
    ]);
  });

  it('does nothing when the same unit says the same thing on the same case again', () => {
    spec.given(scheduled(), opened, attended('zhujian'), opinion('case-1', 'zhujian', 'the extension has no permit')).when(say()).thenNothing();
  });

  it('refuses a case that is not on the agenda', () => {
    spec
      .given(scheduled(), opened, attended('zhujian'))
      .when(say({ caseId: 'case-9' }))
      .thenRefused('meeting.case_not_on_agenda', 'case case-9 is not on the agenda of meeting m-1');
  });

  it('refuses a case already resolved', () => {
    spec
      .given(scheduled(), opened, ...quorate, resolution('case-1'))
      .when(say())
      .thenRefused('meeting.case_decided', 'case case-1 was already resolved at meeting m-1 (resolution r-1)');
  });

  it('refuses a case already deferred', () => {
    spec
      .given(scheduled(), opened, attended('zhujian'), deferred('case-1'))
      .when(say())
      .thenRefused('meeting.case_decided', 'case case-1 was already deferred at meeting m-1: owner to be heard first');
  });

  it('refuses a case withdrawn from the agenda, even an opinion given before the withdrawal', () => {
    spec.given(scheduled(), opened, attended('zhujian'), withdrawnFromAgenda('case-1')).when(say()).thenRefused('meeting.case_withdrawn', WITHDRAWN_CASE_1);
    spec
      .given(scheduled(), opened, attended('zhujian'), opinion('case-1', 'zhujian', 'the extension has no permit'), withdrawnFromAgenda('case-1'))
      .when(say())
      .thenRefused('meeting.case_withdrawn', WITHDRAWN_CASE_1);
  });

  it('refuses a unit recorded as absent', () => {
    spec
      .given(scheduled(), opened, attended('zhujian', false))
      .when(say())
      .thenRefused('meeting.unit_not_present', 'unit zhujian is recorded as absent at meeting m-1');
  });

  it('refuses a unit whose presence was never recorded', () => {
    spec.given(scheduled(), opened).when(say()).thenRefused('meeting.unit_not_present', 'unit zhujian has not been recorded as present at meeting m-1');
  });

  it('refuses a unit that was not invited', () => {
    spec.given(scheduled(), opened).when(say({ unitId: 'yuanlin' })).thenInvalid('unitId', 'unit yuanlin was not invited to this meeting');
  });

  it('refuses an empty opinion', () => {
    spec.given(scheduled(), opened, attended('zhujian')).when(say({ opinion: '' })).thenInvalid('opinion', 'opinion must not be empty');
  });

  it('refuses before the meeting opens', () => {
    spec.given(scheduled()).when(say()).thenRefused('meeting.not_open', /has not been opened/);
  });
});

describe('AdoptResolution', () => {
  it('adopts a resolution with its lead, supporting units, measures, deadline and the quorum it had', () => {
    spec.given(scheduled(), opened, ...quorate).when(adopt()).then(resolution('case-1'));
  });

  it('sets the deadline from the catalogue default when the resolution names none', () => {
    const [event] = spec
      .given(scheduled(), opened, ...quorate)
      .when(adopt({ deadline: undefined }))
      .events();
    expect(event?.type === 'adjudication.ResolutionAdopted.v1' && event.data.deadline).toBe('2026-12-28T03:00:00.000Z');
  });

  it('does not require the supporting units to be present', () => {
    const [event] = spec
      .given(scheduled(), opened, ...quorate)
      .when(adopt({ supportingUnits: ['sifa', 'yuanlin'] }))
      .events();
    expect(event?.type === 'adjudication.ResolutionAdopted.v1' && event.data.supportingUnits).toEqual(['sifa', 'yuanlin']);
  });

  it('does nothing when the same resolution is adopted again', () => {
    spec.given(scheduled(), opened, ...quorate, resolution('case-1')).when(adopt()).thenNothing();
  });

  it('refuses without a quorum, giving the numbers', () => {
    spec
      .given(scheduled(), opened, ...presentUnits('chengguan', 'zhujian', 'guihua'), attended('gongan', false))
      .when(adopt())
      .thenRefused('meeting.no_quorum', '3 of 7 invited units present; more than 3.5 needed');
  });

  it('refuses with exactly half of the invited units present: more than half is needed', () => {
    spec
      .given(scheduled({ invitedUnits: INVITED.slice(0, 6) }), opened, ...presentUnits('chengguan', 'zhujian', 'guihua'))
      .when(adopt())
      .thenRefused('meeting.no_quorum', '3 of 6 invited units present; more than 3 needed');
  });

  it('uses the quorum share recorded when the meeting was scheduled', () => {
    const history = [scheduled({ quorumShare: 0.6 }), opened, ...quorate];
    spec.given(...history).when(adopt()).thenRefused('meeting.no_quorum', '4 of 7 invited units present; more than 4.2 needed');
    const [event] = spec
      .given(...history, attended('sifa'))
      .when(adopt())
      .events();
    expect(event?.type === 'adjudication.ResolutionAdopted.v1' && event.data.quorum).toEqual({ invited: 7, present: 5, required: 5 });
  });

  it('refuses an unknown lead unit', () => {
    spec
      .given(scheduled(), opened, ...quorate)
      .when(adopt({ leadUnit: 'ghost-bureau' }))
      .thenInvalid('leadUnit', 'leadUnit "ghost-bureau" is not a known member unit');
  });

  it('refuses when the lead unit is absent', () => {
    spec
      .given(scheduled(), opened, ...quorate, attended('sifa', false))
      .when(adopt({ leadUnit: 'sifa', supportingUnits: [] }))
      .thenRefused('meeting.lead_unit_absent', 'lead unit sifa is recorded as absent at meeting m-1');
  });

  it('refuses a lead unit that was not invited, as absent', () => {
    spec
      .given(scheduled(), opened, ...quorate)
      .when(adopt({ leadUnit: 'yuanlin' }))
      .thenRefused('meeting.lead_unit_absent', 'lead unit yuanlin has not been recorded as present at meeting m-1');
  });

  it('refuses an unknown supporting unit, naming its place in the list', () => {
    spec
      .given(scheduled(), opened, ...quorate)
      .when(adopt({ supportingUnits: ['zhujian', 'ghost-bureau'] }))
      .thenInvalid('supportingUnits[1]', 'supportingUnits[1]: unit "ghost-bureau" is not a known member unit');
  });

  it('refuses a supporting unit listed twice', () => {
    spec
      .given(scheduled(), opened, ...quorate)
      .when(adopt({ supportingUnits: ['zhujian', 'zhujian'] }))
      .thenInvalid('supportingUnits', 'supportingUnits lists unit zhujian more than once');
  });

  it('refuses the lead unit among the supporting units', () => {
    spec
      .given(scheduled(), opened, ...quorate)
      .when(adopt({ supportingUnits: ['zhujian', 'chengguan'] }))
      .thenInvalid('supportingUnits', /includes the lead unit chengguan/);
  });

  it('refuses empty measures', () => {
    spec.given(scheduled(), opened, ...quorate).when(adopt({ measures: '' })).thenInvalid('measures', 'measures must not be empty');
  });

  it.each([LATER, '2026-11-01T00:00:00.000Z'])('refuses a deadline of %s, not later than now', (deadline) => {
    spec.given(scheduled(), opened, ...quorate).when(adopt({ deadline })).thenInvalid('deadline', /is not later than now/);
  });

  it('refuses a deadline that is not an instant', () => {
    spec.given(scheduled(), opened, ...quorate).when(adopt({ deadline: 'end of year' })).thenInvalid('deadline', /not an ISO-8601 instant/);
  });

  it("counts a default deadline in working days through the command's calendar", () => {
    // Saturday 28 November: five working days are 30 November, 2, 3, 4 and 7 December when the calendar closes 1 December
    const closedOnTuesday = workingCalendar(new Map([['2026-12-01', 'holiday']]));
    const [adopted] = spec
      .given(scheduled(), opened, ...quorate)
      .when(adopt({ deadline: undefined, defaultDeadline: 'P5WD', calendar: closedOnTuesday }))
      .events();
    expect(adopted?.type === 'adjudication.ResolutionAdopted.v1' && adopted.data.deadline).toBe('2026-12-07T16:00:00.000Z');
  });

  it('refuses a default deadline that is not a duration', () => {
    spec
      .given(scheduled(), opened, ...quorate)
      .when(adopt({ deadline: undefined, defaultDeadline: '30 days' }))
      .thenInvalid('defaultDeadline', 'defaultDeadline "30 days" is not an ISO-8601 duration');
  });

  it('refuses an empty resolution id', () => {
    spec.given(scheduled(), opened, ...quorate).when(adopt({ resolutionId: '' })).thenInvalid('resolutionId', 'resolutionId must not be empty');
  });

  it('refuses a case not on the agenda', () => {
    spec
      .given(scheduled(), opened, ...quorate)
      .when(adopt({ caseId: 'case-9' }))
      .thenRefused('meeting.case_not_on_agenda', 'case case-9 is not on the agenda of meeting m-1');
  });

  it('refuses a second, different resolution on a case', () => {
    spec
      .given(scheduled(), opened, ...quorate, resolution('case-1'))
      .when(adopt({ resolutionId: 'r-2' }))
      .thenRefused('meeting.case_decided', 'case case-1 was already resolved at meeting m-1 (resolution r-1)');
  });

  it('refuses a deferred case', () => {
    spec.given(scheduled(), opened, ...quorate, deferred('case-1')).when(adopt()).thenRefused('meeting.case_decided', /already deferred/);
  });

  it('refuses a case withdrawn from the agenda', () => {
    spec.given(scheduled(), opened, ...quorate, withdrawnFromAgenda('case-1')).when(adopt()).thenRefused('meeting.case_withdrawn', WITHDRAWN_CASE_1);
  });

  it('refuses once the meeting is closed', () => {
    spec.given(scheduled(), opened, ...quorate, closed).when(adopt()).thenRefused('meeting.not_open', /was closed at/);
  });
});

describe('DeferCase', () => {
  const defer = (over: Partial<{ caseId: string; reason: string }> = {}) => ({
    type: 'DeferCase' as const,
    caseId: 'case-1',
    reason: 'owner to be heard first',
    now: LATER,
    ...over,
  });

  it('defers an undecided agenda case with its reason', () => {
    spec.given(scheduled(), opened).when(defer()).then(deferred('case-1'));
  });

  it('does nothing when the same deferral arrives again', () => {
    spec.given(scheduled(), opened, deferred('case-1')).when(defer()).thenNothing();
  });

  it('refuses an empty reason', () => {
    spec.given(scheduled(), opened).when(defer({ reason: ' ' })).thenInvalid('reason', 'reason must not be empty');
  });

  it('refuses a case not on the agenda', () => {
    spec.given(scheduled(), opened).when(defer({ caseId: 'case-9' })).thenRefused('meeting.case_not_on_agenda', /case case-9 is not on the agenda/);
  });

  it('refuses a resolved case', () => {
    spec.given(scheduled(), opened, ...quorate, resolution('case-1')).when(defer()).thenRefused('meeting.case_decided', /already resolved/);
  });

  it('refuses a case deferred for another reason', () => {
    spec
      .given(scheduled(), opened, deferred('case-1'))
      .when(defer({ reason: 'more evidence needed' }))
      .thenRefused('meeting.case_decided', /already deferred at meeting m-1: owner to be heard first/);
  });

  it('refuses before the meeting opens', () => {
    spec.given(scheduled()).when(defer()).thenRefused('meeting.not_open', /has not been opened/);
  });

  it('refuses a case withdrawn from the agenda', () => {
    spec.given(scheduled(), opened, withdrawnFromAgenda('case-1')).when(defer()).thenRefused('meeting.case_withdrawn', WITHDRAWN_CASE_1);
  });
});

describe('WithdrawFromAgenda', () => {
  const withdraw = (over: Partial<{ caseId: string; reason: string }> = {}) => ({
    type: 'WithdrawFromAgenda' as const,
    caseId: 'case-1',
    reason: WITHDRAWAL_REASON,
    now: LATER,
    ...over,
  });

  it.each([
    ['scheduled', [scheduled()]],
    ['open', [scheduled(), opened, ...quorate, opinion('case-1', 'zhujian', 'no permit')]],
  ])('takes an undecided case off the agenda of a meeting %s', (_status, history) => {
    spec
      .given(...history)
      .when(withdraw())
      .then(withdrawnFromAgenda('case-1'));
  });

  it('takes a case tabled after scheduling off the agenda', () => {
    const tabled: MeetingEvent = { type: 'adjudication.CaseTabled.v1', data: { meetingId: 'm-1', caseId: 'case-3', tabledAt: NOW } };
    spec
      .given(scheduled(), tabled)
      .when(withdraw({ caseId: 'case-3' }))
      .then(withdrawnFromAgenda('case-3'));
  });

  it.each([
    ['already withdrawn', [scheduled(), withdrawnFromAgenda('case-1', 'the case was closed', NOW)]],
    ['resolved', [scheduled(), opened, ...quorate, resolution('case-1')]],
    ['deferred', [scheduled(), opened, deferred('case-1')]],
    ['on a meeting that closed', [scheduled(), opened, deferred('case-1', NOT_REACHED_AT_MEETING), deferred('case-2', NOT_REACHED_AT_MEETING), closed]],
  ])('does nothing for a case %s', (_status, history) => {
    spec
      .given(...history)
      .when(withdraw())
      .thenNothing();
  });

  it('does nothing for a case not on the agenda', () => {
    spec
      .given(scheduled(), opened)
      .when(withdraw({ caseId: 'case-9' }))
      .thenNothing();
  });

  it('refuses before any meeting is scheduled', () => {
    spec.given().when(withdraw()).thenRefused('meeting.not_scheduled', 'no meeting has been scheduled, so case case-1 is on no agenda to withdraw it from');
  });

  it('refuses an empty reason', () => {
    spec.given(scheduled()).when(withdraw({ reason: '' })).thenInvalid('reason', 'reason must not be empty');
  });

  it('refuses an empty case id', () => {
    spec.given(scheduled()).when(withdraw({ caseId: '' })).thenInvalid('caseId', 'caseId must not be empty');
  });

  it('marks the agenda item withdrawn, keeping its opinions and leaving it undecided', () => {
    const state = spec.given(scheduled(), opened, ...quorate, opinion('case-1', 'zhujian', 'no permit'), withdrawnFromAgenda('case-1')).state();
    expect(state.status !== 'none' && state.agenda[0]).toEqual({
      caseId: 'case-1',
      opinions: [{ unitId: 'zhujian', opinion: 'no permit', recordedAt: LATER }],
      decision: null,
      withdrawal: { reason: WITHDRAWAL_REASON, withdrawnAt: LATER },
    });
  });
});

describe('CloseMeeting', () => {
  it('defers every case not reached, then closes the meeting', () => {
    spec
      .given(scheduled({ agenda: ['case-1', 'case-2', 'case-3'] }), opened, ...quorate, resolution('case-2'))
      .when({ type: 'CloseMeeting', now: LATER })
      .then(deferred('case-1', NOT_REACHED_AT_MEETING), deferred('case-3', NOT_REACHED_AT_MEETING), closed);
  });

  it('records the fixed reason for cases not reached', () => {
    expect(NOT_REACHED_AT_MEETING).toBe('not reached at the meeting (会上未议)');
  });

  it('does not defer a case withdrawn from the agenda', () => {
    spec
      .given(scheduled({ agenda: ['case-1', 'case-2', 'case-3'] }), opened, ...quorate, withdrawnFromAgenda('case-1'), resolution('case-2'))
      .when({ type: 'CloseMeeting', now: LATER })
      .then(deferred('case-3', NOT_REACHED_AT_MEETING), closed);
  });

  it('just closes a meeting that decided every case', () => {
    spec
      .given(scheduled(), opened, ...quorate, resolution('case-1'), deferred('case-2'))
      .when({ type: 'CloseMeeting', now: LATER })
      .then(closed);
  });

  it.each([
    ['never scheduled', [], /no meeting has been scheduled/],
    ['scheduled', [scheduled()], /has not been opened/],
    ['closed', [scheduled(), opened, closed], /was closed at 2026-11-28T03:00:00.000Z/],
  ])('refuses a meeting %s', (_status, history, reason) => {
    spec
      .given(...history)
      .when({ type: 'CloseMeeting', now: LATER })
      .thenRefused('meeting.not_open', reason);
  });
});

describe('meeting state', () => {
  it('exposes time, place, invited units, quorum share, the agenda with opinions and decisions, attendance and times', () => {
    const state = spec
      .given(
        scheduled({ agenda: ['case-1', 'case-2', 'case-3'] }),
        opened,
        ...quorate,
        attended('sifa', false),
        opinion('case-1', 'zhujian', 'no permit'),
        resolution('case-1'),
        deferred('case-2', NOT_REACHED_AT_MEETING),
        withdrawnFromAgenda('case-3'),
        closed,
      )
      .state();
    expect(state).toEqual({
      status: 'closed',
      meetingId: 'm-1',
      scheduledAt: MEETING_AT,
      place: PLACE,
      invitedUnits: INVITED,
      quorumShare: 0.5,
      agenda: [
        {
          caseId: 'case-1',
          opinions: [{ unitId: 'zhujian', opinion: 'no permit', recordedAt: LATER }],
          decision: {
            kind: 'resolution',
            resolutionId: 'r-1',
            leadUnit: 'chengguan',
            supportingUnits: ['zhujian'],
            measures: 'demolish the illegal extension',
            deadline: '2026-12-31T00:00:00.000Z',
            quorum: { invited: 7, present: 4, required: 4 },
            adoptedAt: LATER,
          },
          withdrawal: null,
        },
        { caseId: 'case-2', opinions: [], decision: { kind: 'deferral', reason: NOT_REACHED_AT_MEETING, deferredAt: LATER }, withdrawal: null },
        { caseId: 'case-3', opinions: [], decision: null, withdrawal: { reason: WITHDRAWAL_REASON, withdrawnAt: LATER } },
      ],
      attendance: [
        { unitId: 'chengguan', present: true, recordedAt: OPENED_AT },
        { unitId: 'zhujian', present: true, recordedAt: OPENED_AT },
        { unitId: 'guihua', present: true, recordedAt: OPENED_AT },
        { unitId: 'gongan', present: true, recordedAt: OPENED_AT },
        { unitId: 'sifa', present: false, recordedAt: OPENED_AT },
      ],
      openedAt: OPENED_AT,
      closedAt: LATER,
    });
  });

  it('ignores events other than the scheduling before a meeting is scheduled', () => {
    expect(spec.given(opened, attended('chengguan'), closed).state()).toEqual({ status: 'none' });
  });
});
