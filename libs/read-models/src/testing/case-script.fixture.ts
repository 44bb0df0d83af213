import {
  streams,
  taskIdFor,
  type ActionKind,
  type AnyEvent,
  type CallbackResult,
  type Level,
  type LevelChangeTrigger,
  type OutcomeResult,
  type StandDownReason,
} from '@whistle/contracts';
import { HOUR, MINUTE, type EventLog } from './event-log.fixture';

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

const REPORT_IN: Record<Level, number | null> = { 1: null, 2: 30 * MINUTE, 3: 2 * HOUR, 4: null };
const MAX_DEFERRALS = 2;

interface Round {
  readonly whistleId: string;
  readonly kind: 'whistle' | 'resolution';
  readonly level: Level;
  readonly units: readonly string[];
  readonly reportInDueAt: string | null;
  /** units whose work in the round is finished: an outcome, or a decline */
  readonly finished: Map<string, OutcomeResult | 'declined'>;
}

/**
 * One case driven through the events the four services record for it, each command followed by
 * the reactions the domains' policies give (see tests/domain/whole-case.spec.ts), appended in
 * one valid causal order. It keeps only what it needs to know which events follow.
 */
export class CaseScript {
  private level: Level;
  private round: Round | null = null;
  private rounds = 0;
  private deferrals = 0;
  private readonly openTasks = new Map<string, { whistleId: string; unitId: string }>();

  constructor(
    readonly log: EventLog,
    readonly caseId: string,
    readonly place: Place = XINGHUA,
  ) {
    this.level = place.level;
  }

  private get now(): string {
    return this.log.now;
  }

  private intake(...events: AnyEvent[]): void {
    this.log.append(streams.case(this.caseId), ...events);
  }

  private escalation(...events: AnyEvent[]): void {
    this.log.append(streams.whistle(this.caseId), ...events);
  }

  /** Only an open task records anything, so a script that drives a task that cannot act fails here. */
  private task(unitId: string, ...events: AnyEvent[]): void {
    const taskId = this.taskId(unitId);
    if (!this.openTasks.has(taskId)) throw new Error(`task ${taskId} is not open`);
    this.log.append(streams.task(taskId), ...events);
  }

  private adjudication(...events: AnyEvent[]): void {
    this.log.append(streams.adjudication(this.caseId), ...events);
  }

  taskId(unitId: string): string {
    return taskIdFor(this.currentRound().whistleId, unitId);
  }

  private currentRound(): Round {
    if (!this.round) throw new Error(`case ${this.caseId} has no round in progress`);
    return this.round;
  }

  private ref(unitId: string) {
    const { whistleId } = this.currentRound();
    return { taskId: taskIdFor(whistleId, unitId), caseId: this.caseId, whistleId, unitId };
  }

  report(options: { reporter?: boolean; location?: string } = {}): this {
    const { caseId, place, now } = this;
    const { compoundId, communityId, stationId, category, level, units } = place;
    this.intake(
      {
        type: 'intake.CaseReported.v1',
        data: {
          caseId,
          compoundId,
          category,
          description: 'a car blocks the fire lane',
          ...(options.location ? { location: options.location } : {}),
          channel: 'branch',
          ...(options.reporter ? { reporter: { keyId: 'key-1', ciphertext: 'sealed' } } : {}),
          evidence: [{ name: 'photo.jpg', sha256: 'a'.repeat(64) }],
          reportedAt: now,
        },
      },
      {
        type: 'intake.CaseRouted.v1',
        data: { caseId, stationId, communityId, compoundId, category, proposedLevel: level, proposedUnits: [...units], routedAt: now },
      },
    );
    this.escalation({
      type: 'escalation.TriageOpened.v1',
      data: { caseId, stationId, communityId, compoundId, category, level, proposedUnits: [...units], openedAt: now },
    });
    return this;
  }

  reportAsDuplicateOf(original: string): this {
    const { caseId, place, now } = this;
    this.intake(
      {
        type: 'intake.CaseReported.v1',
        data: { caseId, compoundId: place.compoundId, category: place.category, description: 'again', channel: 'hotline_12345', evidence: [], reportedAt: now },
      },
      { type: 'intake.CaseLinkedAsDuplicate.v1', data: { caseId, duplicateOf: original, linkedAt: now } },
    );
    return this;
  }

  reject(): this {
    this.intake({ type: 'intake.CaseRejected.v1', data: { caseId: this.caseId, code: 'out_of_scope', reason: 'a civil dispute', rejectedAt: this.now } });
    return this.standDown('rejected');
  }

  withdraw(): this {
    this.intake({ type: 'intake.CaseWithdrawn.v1', data: { caseId: this.caseId, reason: 'settled between neighbours', withdrawnAt: this.now } });
    return this.standDown('withdrawn');
  }

  /** 吹哨, at the case's level unless another is given (the station then gives a reason). */
  whistle(level: Level = this.level, units: readonly string[] = this.place.units): this {
    const { caseId, now } = this;
    if (level !== this.level) this.levelEvent(level, 'station', 'the station judged it differently');
    this.rounds += 1;
    const whistleId = `w-${caseId}-${this.rounds}`;
    const due = REPORT_IN[level];
    const reportInDueAt = due === null ? null : new Date(Date.parse(now) + due).toISOString();
    this.round = { whistleId, kind: 'whistle', level, units, reportInDueAt, finished: new Map() };
    const activityDueAt = new Date(Date.parse(now) + 3 * 24 * HOUR).toISOString();
    this.escalation({
      type: 'escalation.WhistleBlown.v1',
      data: {
        caseId,
        whistleId,
        stationId: this.place.stationId,
        level,
        units: units.map((unitId) => (reportInDueAt ? { unitId, reportInDueAt } : { unitId })),
        ...(level === 1 ? { activityDueAt } : {}),
        blownAt: now,
      },
    });
    if (level === 1) {
      this.log.append(streams.publicity(caseId), {
        type: 'enforcement.PublicityRequested.v1',
        data: { caseId, whistleId, stationId: this.place.stationId, units: [...units], dueAt: activityDueAt, requestedAt: now },
      });
    } else if (level === 4) {
      this.refer(units, 'tough-problem whistle (攻坚哨)');
    } else {
      for (const unitId of units) this.assign(unitId, 'summoned', reportInDueAt);
    }
    return this;
  }

  private assign(unitId: string, role: 'summoned' | 'lead' | 'supporting', reportInDueAt: string | null, dueAt?: string): void {
    const { whistleId, level } = this.currentRound();
    this.openTasks.set(this.taskId(unitId), { whistleId, unitId });
    this.task(unitId, {
      type: 'enforcement.TaskAssigned.v1',
      data: {
        taskId: this.taskId(unitId),
        caseId: this.caseId,
        whistleId,
        unitId,
        level,
        role,
        ...(reportInDueAt ? { reportInDueAt } : {}),
        ...(dueAt ? { dueAt } : {}),
        assignedAt: this.now,
      },
    });
  }

  private noteProgress(unitId: string, step: 'reported_in' | 'accepted' | 'declined' | 'outcome', extra: object = {}): void {
    const { taskId, whistleId } = this.ref(unitId);
    this.escalation({
      type: 'escalation.TaskProgressNoted.v1',
      data: { caseId: this.caseId, whistleId, taskId, unitId, step, ...extra, at: this.now },
    });
  }

  reportIn(unitId: string): this {
    const { reportInDueAt } = this.currentRound();
    const onTime = reportInDueAt === null || Date.parse(this.now) <= Date.parse(reportInDueAt);
    this.task(unitId, { type: 'enforcement.TaskReportedIn.v1', data: { ...this.ref(unitId), onTime, reportedInAt: this.now } });
    this.noteProgress(unitId, 'reported_in');
    return this;
  }

  accept(unitId: string): this {
    this.task(unitId, { type: 'enforcement.TaskAccepted.v1', data: { ...this.ref(unitId), acceptedAt: this.now } });
    this.noteProgress(unitId, 'accepted');
    return this;
  }

  act(unitId: string, kind: ActionKind = 'persuasion', options: { actionId?: string; deadline?: string } = {}): this {
    const { actionId = `${this.taskId(unitId)}-a${this.log.envelopes.length}`, deadline } = options;
    this.task(unitId, {
      type: 'enforcement.ActionRecorded.v1',
      data: { ...this.ref(unitId), actionId, kind, note: `${kind} on site`, ...(deadline ? { deadline } : {}), takenAt: this.now },
    });
    return this;
  }

  /** The rectification order's deadline passed unchecked. */
  rectificationCheckDue(unitId: string, actionId: string, deadline: string): this {
    this.task(unitId, { type: 'enforcement.RectificationCheckDue.v1', data: { ...this.ref(unitId), actionId, deadline, dueAt: this.now } });
    return this;
  }

  decline(unitId: string, notOurResponsibility = true): this {
    const round = this.currentRound();
    this.task(unitId, {
      type: 'enforcement.TaskDeclined.v1',
      data: { ...this.ref(unitId), reason: 'another department is responsible', notOurResponsibility, declinedAt: this.now },
    });
    this.openTasks.delete(this.taskId(unitId));
    this.noteProgress(unitId, 'declined', { notOurResponsibility });
    round.finished.set(unitId, 'declined');
    if (round.units.every((u) => round.finished.get(u) === 'declined')) return this.changeLevel(4, 'all_declined', 'every summoned unit declined');
    return this.completeIfFinished();
  }

  /** An outcome, and what escalation makes of it: a level change, completion, or nothing yet. */
  outcome(unitId: string, result: OutcomeResult = 'resolved'): this {
    const round = this.currentRound();
    this.task(unitId, { type: 'enforcement.OutcomeRecorded.v1', data: { ...this.ref(unitId), result, note: 'done', recordedAt: this.now } });
    this.openTasks.delete(this.taskId(unitId));
    this.noteProgress(unitId, 'outcome', { result });
    round.finished.set(unitId, result);
    if (round.kind === 'resolution' && result !== 'resolved' && result !== 'rectified') {
      this.refer(round.units, `the resolution's joint enforcement failed: ${unitId} recorded ${result}`);
      this.supersedeOpenTasks('referred to the joint meeting again');
      this.round = null;
      return this;
    }
    if (result === 'needs_joint_action') return this.changeLevel(4, 'joint_action_needed', `${unitId} needs other units`);
    if (result === 'persuasion_failed' && round.level <= 2) return this.changeLevel(3, 'persuasion_failed', 'persuasion (劝导) failed');
    return this.completeIfFinished();
  }

  /** Every unit has an outcome or declined, and at least one has an outcome. */
  private completeIfFinished(): this {
    const round = this.currentRound();
    const outcomes = round.units.flatMap((unitId) => {
      const result = round.finished.get(unitId);
      return result && result !== 'declined' ? [{ unitId, result }] : [];
    });
    if (round.units.every((u) => round.finished.has(u)) && outcomes.length > 0) this.complete(outcomes);
    return this;
  }

  /** Every unit reports in, accepts, persuades and resolves. */
  work(result: OutcomeResult = 'resolved'): this {
    for (const unitId of this.currentRound().units) this.reportIn(unitId).accept(unitId).act(unitId).outcome(unitId, result);
    return this;
  }

  private complete(outcomes: { unitId: string; result: OutcomeResult | 'activity_held' }[]): void {
    const { whistleId, level } = this.currentRound();
    const { caseId, now } = this;
    this.escalation({ type: 'escalation.WorkCompleted.v1', data: { caseId, whistleId, level, outcomes, completedAt: now } });
    this.intake({ type: 'intake.WorkCompletionNoted.v1', data: { caseId, level, completedAt: now } });
  }

  missReportIn(unitId: string): this {
    const { whistleId, reportInDueAt } = this.currentRound();
    const dueAt = reportInDueAt ?? this.now;
    this.escalation({
      type: 'escalation.ReportInMissed.v1',
      data: { caseId: this.caseId, whistleId, unitId, dueAt, graceUntil: new Date(Date.parse(dueAt) + HOUR).toISOString(), missedAt: this.now },
    });
    return this;
  }

  taskOverdue(unitId: string, dueAt: string): this {
    this.task(unitId, { type: 'enforcement.TaskOverdue.v1', data: { ...this.ref(unitId), dueAt, overdueAt: this.now } });
    return this;
  }

  holdActivity(): this {
    const { whistleId, units } = this.currentRound();
    const { caseId, now } = this;
    const activityId = `act-${caseId}`;
    this.log.append(streams.publicity(caseId), {
      type: 'enforcement.ActivityRecorded.v1',
      data: { caseId, whistleId, activityId, heldAt: now, topic: '冬季防火宣传', units: [...units], attendance: 42, recordedAt: now },
    });
    this.escalation({ type: 'escalation.PublicityNoted.v1', data: { caseId, whistleId, activityId, heldAt: now } });
    this.complete(units.map((unitId) => ({ unitId, result: 'activity_held' })));
    return this;
  }

  activityOverdue(): this {
    const { whistleId } = this.currentRound();
    this.escalation({ type: 'escalation.ActivityOverdue.v1', data: { caseId: this.caseId, whistleId, dueAt: this.now, overdueAt: this.now } });
    return this;
  }

  /** 回访: a dissatisfied reporter reopens the case, any other result closes it. */
  callback(result: CallbackResult): this {
    const { caseId, now } = this;
    this.intake({ type: 'intake.CallbackRecorded.v1', data: { caseId, result, calledAt: now } });
    if (result === 'dissatisfied') {
      this.intake({ type: 'intake.CaseReopened.v1', data: { caseId, reason: 'dissatisfied', trigger: 'dissatisfied_callback', reopenedAt: now } });
      return this.reopenTriage();
    }
    const reopenableUntil = new Date(Date.parse(now) + 15 * 24 * HOUR).toISOString();
    this.intake({ type: 'intake.CaseClosed.v1', data: { caseId, callbackResult: result, closedAt: now, reopenableUntil } });
    return this.standDown('closed');
  }

  reopen(): this {
    this.intake({ type: 'intake.CaseReopened.v1', data: { caseId: this.caseId, reason: 'the car is back', trigger: 'request', reopenedAt: this.now } });
    return this.reopenTriage();
  }

  private reopenTriage(): this {
    this.round = null;
    this.escalation({ type: 'escalation.TriageReopened.v1', data: { caseId: this.caseId, reason: 'reopened', reopenedAt: this.now } });
    return this;
  }

  /** A level change as escalation records it, the referral at level 4, and enforcement superseding open tasks. */
  changeLevel(to: Level, trigger: LevelChangeTrigger, reason: string): this {
    const from = this.level;
    this.levelEvent(to, trigger, reason);
    const units = this.round?.units ?? this.place.units;
    if (to === 4) this.refer(units, reason);
    this.supersedeOpenTasks(`the level changed from ${from} to ${to}`);
    this.round = null;
    return this;
  }

  private levelEvent(to: Level, trigger: LevelChangeTrigger, reason: string): void {
    const { caseId, now } = this;
    const from = this.level;
    this.escalation(
      to > from
        ? { type: 'escalation.LevelRaised.v1', data: { caseId, from, to, trigger, reason, raisedAt: now } }
        : { type: 'escalation.LevelLowered.v1', data: { caseId, from, to, trigger: trigger === 'office' ? 'office' : 'station', reason, loweredAt: now } },
    );
    this.level = to;
  }

  private refer(units: readonly string[], reason: string): void {
    const { caseId, now } = this;
    const tablingDueAt = new Date(Date.parse(now) + 7 * 24 * HOUR).toISOString();
    this.level = 4;
    this.escalation({ type: 'escalation.ReferredToJointMeeting.v1', data: { caseId, units: [...units], reason, tablingDueAt, referredAt: now } });
    this.adjudication({ type: 'adjudication.AdjudicationRequested.v1', data: { caseId, units: [...units], reason, tablingDueAt, requestedAt: now } });
  }

  tablingOverdue(): this {
    this.adjudication({ type: 'adjudication.TablingOverdue.v1', data: { caseId: this.caseId, dueAt: this.now, overdueAt: this.now } });
    return this;
  }

  private supersedeOpenTasks(reason: string): void {
    for (const [taskId, { whistleId, unitId }] of this.openTasks) {
      this.log.append(streams.task(taskId), {
        type: 'enforcement.TaskSuperseded.v1',
        data: { taskId, caseId: this.caseId, whistleId, unitId, reason, supersededAt: this.now },
      });
    }
    this.openTasks.clear();
  }

  private standDown(because: StandDownReason): this {
    this.supersedeOpenTasks(`the case was ${because}`);
    this.escalation({ type: 'escalation.WhistleStoodDown.v1', data: { caseId: this.caseId, because, stoodDownAt: this.now } });
    return this;
  }

  /** The case's own adjudication record follows its meeting's agenda. */
  notedTabling(meetingId: string): void {
    this.adjudication({ type: 'adjudication.TablingNoted.v1', data: { caseId: this.caseId, meetingId, tabledAt: this.now } });
  }

  deferAt(meetingId: string): this {
    const { caseId, now } = this;
    this.log.append(streams.meeting(meetingId), { type: 'adjudication.CaseDeferred.v1', data: { meetingId, caseId, reason: 'no quorum', deferredAt: now } });
    this.deferrals += 1;
    this.adjudication({
      type: 'adjudication.DeferralNoted.v1',
      data: { caseId, meetingId, reason: 'no quorum', deferrals: this.deferrals, tablingDueAt: new Date(Date.parse(now) + 7 * 24 * HOUR).toISOString(), notedAt: now },
    });
    if (this.deferrals > MAX_DEFERRALS) {
      this.adjudication({
        type: 'adjudication.CaseReferredUpward.v1',
        data: { caseId, deferrals: this.deferrals, reason: 'deferred too often', referredAt: now },
      });
      this.standDown('referred_upward');
    }
    return this;
  }

  /** 决议: the lead (牵头) and supporting (配合) units get tasks of a new round at level 4. */
  resolveAt(meetingId: string, leadUnit: string, supportingUnits: readonly string[]): this {
    const { caseId, now } = this;
    const resolutionId = `r-${caseId}-${meetingId}`;
    const deadline = new Date(Date.parse(now) + 30 * 24 * HOUR).toISOString();
    this.log.append(streams.meeting(meetingId), {
      type: 'adjudication.ResolutionAdopted.v1',
      data: {
        meetingId,
        caseId,
        resolutionId,
        leadUnit,
        supportingUnits: [...supportingUnits],
        measures: 'joint enforcement',
        deadline,
        quorum: { invited: 3, present: 2, required: 2 },
        adoptedAt: now,
      },
    });
    this.adjudication({
      type: 'adjudication.AdjudicationResolved.v1',
      data: { caseId, meetingId, resolutionId, leadUnit, supportingUnits: [...supportingUnits], measures: 'joint enforcement', deadline, resolvedAt: now },
    });
    this.escalation({
      type: 'escalation.ResolutionNoted.v1',
      data: { caseId, meetingId, resolutionId, leadUnit, supportingUnits: [...supportingUnits], dueAt: deadline, notedAt: now },
    });
    this.round = { whistleId: resolutionId, kind: 'resolution', level: 4, units: [leadUnit, ...supportingUnits], reportInDueAt: null, finished: new Map() };
    this.assign(leadUnit, 'lead', null, deadline);
    for (const unitId of supportingUnits) this.assign(unitId, 'supporting', null, deadline);
    return this;
  }
}

/** The office schedules a joint meeting (联席会议) with these cases on its agenda. */
export function scheduleMeeting(log: EventLog, meetingId: string, agenda: readonly CaseScript[]): void {
  const scheduledAt = new Date(Date.parse(log.now) + HOUR).toISOString();
  log.append(streams.meeting(meetingId), {
    type: 'adjudication.MeetingScheduled.v1',
    data: {
      meetingId,
      scheduledAt,
      place: '镇综治中心会议室',
      invitedUnits: ['unit-gongan', 'unit-chengguan', 'unit-zhujian'],
      agenda: agenda.map((c) => c.caseId),
      quorumShare: 0.5,
    },
  });
  for (const c of agenda) c.notedTabling(meetingId);
}

export function openMeeting(log: EventLog, meetingId: string, present: readonly string[]): void {
  log.append(streams.meeting(meetingId), { type: 'adjudication.MeetingOpened.v1', data: { meetingId, openedAt: log.now } });
  for (const unitId of present) {
    log.append(streams.meeting(meetingId), { type: 'adjudication.AttendanceRecorded.v1', data: { meetingId, unitId, present: true, recordedAt: log.now } });
  }
}

export function closeMeeting(log: EventLog, meetingId: string): void {
  log.append(streams.meeting(meetingId), { type: 'adjudication.MeetingClosed.v1', data: { meetingId, closedAt: log.now } });
}
