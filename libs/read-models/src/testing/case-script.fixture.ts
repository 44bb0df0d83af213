import type { Actor } from '@whistle/kernel';
import { streams, taskIdFor, type ActionKind, type CallbackResult, type Level, type OutcomeResult } from '@whistle/contracts';
import { HOUR, type EventLog } from './event-log.fixture';

export interface Place {
  readonly compoundId: string;
  readonly communityId: string;
  readonly stationId: string;
  readonly category: string;
  readonly level: Level;
  readonly units: readonly string[];
}

export const XINGHUA: Place = {
  compoundId: 'compound-xinghua-1',
  communityId: 'community-xinghua',
  stationId: 'station-north',
  category: 'fire_lane_blocked',
  level: 2,
  units: ['unit-jiaojing', 'unit-xiaofang'],
};

export const MINGYUE: Place = {
  compoundId: 'compound-mingyue-2',
  communityId: 'community-mingyue',
  stationId: 'station-south',
  category: 'uncivil_dog_keeping',
  level: 3,
  units: ['unit-gongan', 'unit-chengguan'],
};

const OFFICE: Actor = { id: 'office-clerk', role: 'office' };
const unitActor = (unitId: string): Actor => ({ id: `${unitId}-officer`, role: 'unit', unitId });

/**
 * One case driven through the commands people give the four services, in the town's `World`: the
 * domains' own deciders and reactions record what follows, so the read models are tested on
 * exactly what the services record. The script only remembers which round its commands address
 * and counts the whistles for their ids; every rule is the domains'.
 */
export class CaseScript {
  private round: { whistleId: string; units: readonly string[] } | null = null;
  private rounds = 0;

  constructor(
    readonly log: EventLog,
    readonly caseId: string,
    readonly place: Place = XINGHUA,
  ) {}

  private get now(): string {
    return this.log.now;
  }

  private get world() {
    return this.log.world;
  }

  private get catalogue() {
    return this.world.catalogue;
  }

  private onCase(actor: Actor, command: object): this {
    this.world.run(streams.case(this.caseId), { ...command, now: this.now }, actor);
    return this;
  }

  private onWhistle(command: object): this {
    this.world.run(streams.whistle(this.caseId), { ...command, deadlines: this.world.deadlines, now: this.now }, { id: `${this.place.stationId}-clerk`, role: 'station', stationId: this.place.stationId });
    return this;
  }

  private onTask(unitId: string, command: object): this {
    this.world.run(streams.task(this.taskId(unitId)), { ...command, now: this.now }, unitActor(unitId));
    return this;
  }

  taskId(unitId: string): string {
    return taskIdFor(this.currentRound().whistleId, unitId);
  }

  private currentRound(): { whistleId: string; units: readonly string[] } {
    if (!this.round) throw new Error(`case ${this.caseId} has no round in progress`);
    return this.round;
  }

  private reportCase(command: object): this {
    const { compoundId, communityId, stationId, category, level, units } = this.place;
    return this.onCase({ id: 'branch-reporter', role: 'reporter' }, {
      type: 'ReportCase',
      caseId: this.caseId,
      compoundId,
      category,
      compound: { communityId, stationId },
      categoryEntry: { defaultLevel: level, unitIds: units },
      openCases: [],
      duplicateWindow: this.catalogue.deadlines.duplicateWindow,
      ...command,
    });
  }

  report(options: { reporter?: boolean; location?: string } = {}): this {
    return this.reportCase({
      description: 'a car blocks the fire lane',
      ...(options.location ? { location: options.location } : {}),
      channel: 'branch',
      ...(options.reporter ? { reporter: { keyId: 'key-1', ciphertext: 'sealed' } } : {}),
      evidence: [{ name: 'photo.jpg', sha256: 'a'.repeat(64) }],
    });
  }

  /** A report of the same compound and category as the open case `original`, reported just now. */
  reportAsDuplicateOf(original: string): this {
    const { compoundId, category } = this.place;
    return this.reportCase({
      description: 'again',
      channel: 'hotline_12345',
      evidence: [],
      openCases: [{ caseId: original, compoundId, category, reportedAt: this.now }],
    });
  }

  /** The station judges that the report intake linked as a duplicate is a problem of its own. */
  overruleDuplicate(reason: string): this {
    const { communityId, stationId, level, units } = this.place;
    return this.onCase(
      { id: `${stationId}-clerk`, role: 'station', stationId },
      { type: 'OverruleDuplicate', reason, compound: { communityId, stationId }, categoryEntry: { defaultLevel: level, unitIds: units } },
    );
  }

  /** The station links this case by hand as a duplicate of `primary`, looked up as intake holds it. */
  linkAsDuplicateOf(primary: string, reason = 'the same car, checked on site'): this {
    return this.onCase(this.stationActor, { type: 'LinkAsDuplicate', duplicateOf: primary, primary: this.world.state(streams.case(primary)), duplicates: [], reason });
  }

  /** The station merges this case (合并) into `survivor`, looked up as intake holds it. */
  mergeInto(survivor: string, reason = 'one problem reported twice'): this {
    return this.onCase(this.stationActor, { type: 'MergeInto', into: survivor, survivor: this.world.state(streams.case(survivor)), duplicates: [], reason });
  }

  private get stationActor(): Actor {
    return { id: `${this.place.stationId}-clerk`, role: 'station', stationId: this.place.stationId };
  }

  reject(): this {
    return this.onCase(OFFICE, { type: 'RejectCase', code: 'out_of_scope', reason: 'a civil dispute' });
  }

  withdraw(): this {
    return this.onCase(OFFICE, { type: 'WithdrawCase', reason: 'settled between neighbours' });
  }

  /** 吹哨, at the case's level unless another is given (the station then gives a reason). */
  whistle(level?: Level, units: readonly string[] = this.place.units): this {
    const at = this.world.state<{ level?: Level }>(streams.whistle(this.caseId)).level ?? this.place.level;
    this.rounds += 1;
    const whistleId = `w-${this.caseId}-${this.rounds}`;
    this.round = { whistleId, units };
    return this.onWhistle({
      type: 'BlowWhistle',
      whistleId,
      level: level ?? at,
      units,
      ...(level !== undefined && level !== at ? { reason: 'the station judged it differently' } : {}),
      knownUnits: this.world.knownUnits,
    });
  }

  reportIn(unitId: string): this {
    return this.onTask(unitId, { type: 'ReportIn' });
  }

  accept(unitId: string): this {
    return this.onTask(unitId, { type: 'AcceptTask' });
  }

  act(unitId: string, kind: ActionKind = 'persuasion', options: { actionId?: string; deadline?: string } = {}): this {
    const { actionId = `${this.taskId(unitId)}-a${this.world.recorded.length}`, deadline } = options;
    return this.onTask(unitId, { type: 'RecordAction', actionId, kind, note: `${kind} on site`, ...(deadline ? { deadline } : {}) });
  }

  decline(unitId: string, notOurResponsibility = true): this {
    return this.onTask(unitId, { type: 'DeclineTask', reason: 'another department is responsible', notOurResponsibility });
  }

  outcome(unitId: string, result: OutcomeResult = 'resolved'): this {
    return this.onTask(unitId, { type: 'RecordOutcome', result, note: 'done' });
  }

  /** Every unit of the round reports in, accepts, persuades and records the result. */
  work(result: OutcomeResult = 'resolved'): this {
    for (const unitId of this.currentRound().units) this.reportIn(unitId).accept(unitId).act(unitId).outcome(unitId, result);
    return this;
  }

  /**
   * One deadline of the case comes due, as its service's scheduler would fire it, and only that
   * one: the others due by now wait for their own turn. Throws if it is not due (or not there), or
   * is due at another time than the scenario says, so a script never fires nothing by mistake.
   */
  private deadlinePasses(streamId: string, deadlineId: string, dueAt?: string): this {
    const fired = this.world.fireDueDeadlines({ caseId: this.caseId, streamId, deadlineId });
    if (fired.length === 0) throw new Error(`case ${this.caseId} has no deadline ${deadlineId} due by ${this.now} on ${streamId}`);
    if (dueAt !== undefined && fired.some((d) => d.dueAt !== dueAt)) {
      throw new Error(`deadline ${deadlineId} on ${streamId} was due at ${fired.map((d) => d.dueAt).join(', ')}, not ${dueAt}`);
    }
    return this;
  }

  /** The unit's report-in deadline passed: escalation notes the miss. */
  missReportIn(unitId: string): this {
    return this.deadlinePasses(streams.whistle(this.caseId), `report_in:${this.currentRound().whistleId}:${unitId}`);
  }

  /** The rectification order's deadline passed unchecked. */
  rectificationCheckDue(unitId: string, actionId: string, deadline: string): this {
    return this.deadlinePasses(streams.task(this.taskId(unitId)), `rectification:${actionId}`, deadline);
  }

  /** The unit's resolution task's deadline passed without an outcome. */
  taskOverdue(unitId: string, dueAt: string): this {
    return this.deadlinePasses(streams.task(this.taskId(unitId)), 'task_due', dueAt);
  }

  /** The level-1 publicity activity's deadline passed: escalation notes the overdue activity. */
  activityOverdue(): this {
    return this.deadlinePasses(streams.whistle(this.caseId), `activity:${this.currentRound().whistleId}`);
  }

  /** The case waited too long to be tabled at a joint meeting. */
  tablingOverdue(): this {
    return this.deadlinePasses(streams.adjudication(this.caseId), 'tabling');
  }

  holdActivity(): this {
    const { units } = this.currentRound();
    this.world.run(
      streams.publicity(this.caseId),
      { type: 'RecordActivity', activityId: `act-${this.caseId}`, heldAt: this.now, topic: '冬季防火宣传', units, attendance: 42, knownUnits: this.world.knownUnits, now: this.now },
      { id: `${this.place.stationId}-clerk`, role: 'station', stationId: this.place.stationId },
    );
    return this;
  }

  /** 回访: a dissatisfied reporter reopens the case, any other result closes it. */
  callback(result: CallbackResult): this {
    return this.onCase(OFFICE, { type: 'RecordCallback', result, reopenWindow: this.catalogue.deadlines.reopenWindow, calendar: this.world.calendar });
  }

  reopen(): this {
    return this.onCase(OFFICE, { type: 'ReopenCase', reason: 'the car is back' });
  }

  /** 个人信息删除, by the office. */
  eraseReporterData(reason = 'the reporter asked'): this {
    return this.onCase(OFFICE, { type: 'EraseReporterData', requestedBy: OFFICE.role, reason });
  }

  /** The station (or the office) changes the case's level. */
  changeLevel(to: Level, by: 'station' | 'office', reason: string): this {
    return this.onWhistle({ type: 'ChangeLevel', level: to, reason, by });
  }

  /** 决议 at an open meeting: the lead (牵头) and supporting (配合) units get tasks of a new round. */
  resolveAt(meetingId: string, leadUnit: string, supportingUnits: readonly string[]): this {
    const resolutionId = `r-${this.caseId}-${meetingId}`;
    onMeeting(this.log, meetingId, {
      type: 'AdoptResolution',
      caseId: this.caseId,
      resolutionId,
      leadUnit,
      supportingUnits,
      measures: 'joint enforcement',
      defaultDeadline: this.catalogue.deadlines.resolutionTasks,
      calendar: this.world.calendar,
      knownUnits: this.world.knownUnits,
    });
    this.round = { whistleId: resolutionId, units: [leadUnit, ...supportingUnits] };
    return this;
  }

  deferAt(meetingId: string): this {
    onMeeting(this.log, meetingId, { type: 'DeferCase', caseId: this.caseId, reason: 'no quorum' });
    return this;
  }

  /** A unit's opinion on the case at the meeting. */
  opinionAt(meetingId: string, unitId: string, opinion: string): this {
    onMeeting(this.log, meetingId, { type: 'RecordOpinion', caseId: this.caseId, unitId, opinion });
    return this;
  }

  /** The case goes onto a meeting already scheduled. */
  tableAt(meetingId: string): this {
    onMeeting(this.log, meetingId, { type: 'TableCase', caseId: this.caseId });
    return this;
  }
}

function onMeeting(log: EventLog, meetingId: string, command: object): void {
  log.world.run(streams.meeting(meetingId), { ...command, now: log.now }, OFFICE);
}

/** The office schedules a joint meeting (联席会议) in an hour with these cases on its agenda. */
export function scheduleMeeting(log: EventLog, meetingId: string, agenda: readonly CaseScript[]): void {
  onMeeting(log, meetingId, {
    type: 'ScheduleMeeting',
    meetingId,
    scheduledAt: new Date(Date.parse(log.now) + HOUR).toISOString(),
    place: '镇综治中心会议室',
    invitedUnits: ['unit-gongan', 'unit-chengguan', 'unit-zhujian'],
    pendingCases: agenda.map((c) => c.caseId),
    knownUnits: log.world.knownUnits,
    quorumShare: 0.5,
  });
}

export function openMeeting(log: EventLog, meetingId: string, present: readonly string[]): void {
  onMeeting(log, meetingId, { type: 'OpenMeeting' });
  for (const unitId of present) attend(log, meetingId, unitId);
}

export function attend(log: EventLog, meetingId: string, unitId: string, present = true): void {
  onMeeting(log, meetingId, { type: 'RecordAttendance', unitId, present });
}

export function closeMeeting(log: EventLog, meetingId: string): void {
  onMeeting(log, meetingId, { type: 'CloseMeeting' });
}
