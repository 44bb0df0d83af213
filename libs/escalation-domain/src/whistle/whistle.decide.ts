import { addDeadline, addDuration, assertNever, invalid, isBefore, refuse, type WorkingCalendar, type Workflow } from '@whistle/kernel';
import {
  LEVELS,
  type Catalogue,
  type CategoryDeadlines,
  type Deadlines,
  type EscalationEvent,
  type Level,
  type LevelChangeTrigger,
  type OutcomeResult,
  type StandDownReason,
  type SummonedUnit,
  type TaskStep,
} from '@whistle/contracts';
import { evolveWhistle, initialWhistleState, whistleDeadlines, type Round, type WhistleState } from './whistle.state';

/**
 * The catalogue's deadlines a whistle sets, with the working calendar (工作日) that counts those in
 * working days (the activity and the tabling); report-in and grace run on the clock.
 */
export type EscalationDeadlines = Pick<Deadlines, 'reportIn' | 'grace' | 'activity' | 'tabling'> & {
  readonly calendar: WorkingCalendar;
  /** the categories' own deadlines, where a category of the catalogue has them */
  readonly categories?: Readonly<Record<string, CategoryDeadlines>>;
};

/** The catalogue's deadlines for the whistles, with each category's own. */
export function escalationDeadlinesOf(catalogue: Pick<Catalogue, 'deadlines' | 'categories'>, calendar: WorkingCalendar): EscalationDeadlines {
  const { reportIn, grace, activity, tabling } = catalogue.deadlines;
  const categories = Object.fromEntries(catalogue.categories.flatMap((c) => (c.deadlines === undefined ? [] : [[c.id, c.deadlines] as const])));
  return { reportIn, grace, activity, tabling, calendar, categories };
}

/** The deadlines of a case of `category`: the category's own where it has them, else the catalogue's. */
export function deadlinesFor(deadlines: EscalationDeadlines, category: string): EscalationDeadlines {
  const own = deadlines.categories?.[category];
  return own === undefined ? deadlines : { ...deadlines, ...own };
}

/** Intake routed the case to its station. */
export interface OpenTriage {
  readonly type: 'OpenTriage';
  readonly caseId: string;
  readonly stationId: string;
  readonly communityId: string;
  readonly compoundId: string;
  readonly category: string;
  readonly proposedLevel: Level;
  readonly proposedUnits: readonly string[];
  readonly now: string;
}

/** 吹哨: the station confirms or changes the level and summons the units. */
export interface BlowWhistle {
  readonly type: 'BlowWhistle';
  readonly whistleId: string;
  readonly level: Level;
  /** defaults to the catalogue's responsible units for the category */
  readonly units?: readonly string[];
  readonly reason?: string;
  readonly knownUnits: readonly string[];
  readonly deadlines: EscalationDeadlines;
  readonly now: string;
}

/** The station or the office raises or lowers the level, with a reason. */
export interface ChangeLevel {
  readonly type: 'ChangeLevel';
  readonly level: Level;
  readonly reason: string;
  readonly by: 'station' | 'office';
  readonly deadlines: EscalationDeadlines;
  readonly now: string;
}

/** Enforcement recorded a step of a summoned unit's task. */
export interface NoteTaskProgress {
  readonly type: 'NoteTaskProgress';
  readonly whistleId: string;
  readonly taskId: string;
  readonly unitId: string;
  readonly step: TaskStep;
  readonly result?: OutcomeResult;
  readonly notOurResponsibility?: boolean;
  readonly deadlines: EscalationDeadlines;
  readonly now: string;
}

/** Enforcement recorded the level-1 publicity activity. */
export interface NotePublicity {
  readonly type: 'NotePublicity';
  readonly whistleId: string;
  readonly activityId: string;
  readonly heldAt: string;
  readonly now: string;
}

/** The joint meeting adopted a resolution for the case. */
export interface NoteResolution {
  readonly type: 'NoteResolution';
  readonly meetingId: string;
  readonly resolutionId: string;
  readonly leadUnit: string;
  readonly supportingUnits: readonly string[];
  readonly dueAt: string;
  readonly now: string;
}

/** The case left handling elsewhere: withdrawn, rejected, closed, or referred upward. */
export interface StandDown {
  readonly type: 'StandDown';
  readonly because: StandDownReason;
  readonly now: string;
}

/** Intake reopened the case. */
export interface ReopenTriage {
  readonly type: 'ReopenTriage';
  readonly reason: string;
  readonly now: string;
}

/** A timeout: one of `whistleDeadlines(state)` came due. */
export interface DeadlineReached {
  readonly type: 'DeadlineReached';
  readonly deadlineId: string;
  readonly deadlines: EscalationDeadlines;
  readonly now: string;
}

export type WhistleInput =
  | OpenTriage
  | BlowWhistle
  | ChangeLevel
  | NoteTaskProgress
  | NotePublicity
  | NoteResolution
  | StandDown
  | ReopenTriage
  | DeadlineReached;

type Handled = Exclude<WhistleState, { status: 'none' }>;

const STATUS_TEXT: Record<WhistleState['status'], string> = {
  none: 'has not been routed to a station',
  awaiting_whistle: 'waits for the whistle',
  in_progress: 'has summoned units that are at work',
  adjudicating: 'is with the joint meeting (联席会议)',
  completed: 'has completed its work and waits for the callback',
  stood_down: 'is no longer handled',
};

function refuseIn(state: WhistleState, doing: string): never {
  return refuse(`whistle.${state.status}`, `cannot ${doing}: the case ${STATUS_TEXT[state.status]}`);
}

function mustBeRouted(state: WhistleState, doing: string): asserts state is Handled {
  if (state.status === 'none') refuseIn(state, doing);
}

function checkLevel(level: number): asserts level is Level {
  if (!(LEVELS as readonly number[]).includes(level)) invalid('level', 'level must be 1, 2, 3 or 4');
}

/** The round a change ends: the one under way, if any. */
function endedRound(state: Handled): { endedWhistleId?: string } {
  return state.status === 'in_progress' ? { endedWhistleId: state.round.whistleId } : {};
}

function levelChange(state: Handled, to: Level, trigger: LevelChangeTrigger, reason: string, now: string): EscalationEvent {
  const { caseId, level: from } = state;
  if (to > from) return { type: 'escalation.LevelRaised.v1', data: { caseId, from, to, trigger, reason, ...endedRound(state), raisedAt: now } };
  const by = trigger === 'office' ? 'office' : 'station';
  return { type: 'escalation.LevelLowered.v1', data: { caseId, from, to, trigger: by, reason, ...endedRound(state), loweredAt: now } };
}

/** A level change, and at level 4 the referral to the joint meeting that goes with it. */
function changeLevel(
  state: Handled,
  to: Level,
  trigger: LevelChangeTrigger,
  reason: string,
  units: readonly string[],
  deadlines: EscalationDeadlines,
  now: string,
): EscalationEvent[] {
  const change = levelChange(state, to, trigger, reason, now);
  // The referral follows the change, which already ended the round.
  return to === 4 ? [change, referral({ ...state, status: 'awaiting_whistle' }, units, reason, deadlines, now)] : [change];
}

function referral(state: Handled, units: readonly string[], reason: string, deadlines: EscalationDeadlines, now: string): EscalationEvent {
  return {
    type: 'escalation.ReferredToJointMeeting.v1',
    data: {
      caseId: state.caseId,
      units: [...new Set(units)],
      reason,
      tablingDueAt: addDeadline(now, deadlines.tabling, deadlines.calendar),
      ...endedRound(state),
      referredAt: now,
    },
  };
}

function blow(command: BlowWhistle, state: WhistleState): EscalationEvent[] {
  mustBeRouted(state, 'blow the whistle');
  if (state.status !== 'awaiting_whistle') refuseIn(state, 'blow the whistle');
  checkLevel(command.level);
  if (state.pastRounds.includes(command.whistleId)) invalid('whistleId', `whistle ${command.whistleId} was already blown on this case`);
  // The proposal was the catalogue's when the case was triaged; a unit the catalogue has since removed (目录变更) is left out of it.
  const units = command.units ?? state.proposedUnits.filter((unitId) => command.knownUnits.includes(unitId));
  if (units.length === 0) invalid('units', command.units === undefined && state.proposedUnits.length > 0 ? `the proposed units (${state.proposedUnits.join(', ')}) are no longer in the catalogue: name the units to summon` : 'summon at least one unit');
  units.forEach((unitId, i) => {
    if (!command.knownUnits.includes(unitId)) invalid(`units[${i}]`, `unknown unit "${unitId}"`);
    if (units.indexOf(unitId) !== i) invalid(`units[${i}]`, `unit "${unitId}" is summoned twice`);
  });
  const reason = command.reason?.trim();
  const { level, now, whistleId, deadlines } = command;
  const events: EscalationEvent[] = [];
  if (level !== state.level) {
    if (!reason) invalid('reason', `changing level ${state.level} to ${level} at the whistle needs a reason`);
    events.push(levelChange(state, level, 'station', reason, now));
  }
  const summoned: SummonedUnit[] = units.map((unitId) =>
    level === 2 || level === 3 ? { unitId, reportInDueAt: addDuration(now, deadlines.reportIn[level]) } : { unitId },
  );
  events.push({
    type: 'escalation.WhistleBlown.v1',
    data: {
      caseId: state.caseId,
      whistleId,
      stationId: state.stationId,
      level,
      units: summoned,
      ...(level === 1 ? { activityDueAt: addDeadline(now, deadlines.activity, deadlines.calendar) } : {}),
      ...(reason ? { reason } : {}),
      blownAt: now,
    },
  });
  if (level === 4) events.push(referral({ ...state, status: 'awaiting_whistle' }, units, reason || 'tough-problem whistle (攻坚哨)', deadlines, now));
  return events;
}

function change(command: ChangeLevel, state: WhistleState): EscalationEvent[] {
  mustBeRouted(state, 'change the level');
  if (state.status === 'completed' || state.status === 'stood_down') refuseIn(state, 'change the level');
  checkLevel(command.level);
  const reason = command.reason.trim();
  if (!reason) invalid('reason', 'a level change needs a reason');
  if (command.level === state.level) invalid('level', `the case is already at level ${state.level}`);
  const units = state.status === 'in_progress' ? state.round.units.map((u) => u.unitId) : state.proposedUnits;
  return changeLevel(state, command.level, command.by, reason, units, command.deadlines, command.now);
}

/** What a round asks for once a unit's step is noted: a level change, a new referral, completion, or nothing yet. */
function followUp(state: Extract<WhistleState, { status: 'in_progress' }>, deadlines: EscalationDeadlines, now: string): EscalationEvent[] {
  const { round } = state;
  const unitIds = round.units.map((u) => u.unitId);
  const outcomes = round.units.filter((u) => u.outcome !== null);

  if (round.kind === 'resolution') {
    const failed = outcomes.find((u) => u.outcome !== 'resolved' && u.outcome !== 'rectified');
    if (failed) {
      return [referral(state, unitIds, `the resolution's joint enforcement failed: ${failed.unitId} recorded ${failed.outcome}`, deadlines, now)];
    }
    const late = round.units.find((u) => u.overdue && u.outcome === null);
    if (late) {
      return [referral(state, unitIds, `the resolution's deadline passed without an outcome from ${late.unitId}`, deadlines, now)];
    }
  } else {
    const jointAction = outcomes.find((u) => u.outcome === 'needs_joint_action');
    if (jointAction) {
      return changeLevel(state, 4, 'joint_action_needed', `${jointAction.unitId} found that several units must act together`, unitIds, deadlines, now);
    }
    const persuasionFailed = outcomes.find((u) => u.outcome === 'persuasion_failed');
    if (persuasionFailed && round.level <= 2) {
      return changeLevel(state, 3, 'persuasion_failed', `persuasion (劝导) failed: ${persuasionFailed.unitId}`, unitIds, deadlines, now);
    }
    if (round.units.every((u) => u.response === 'declined')) {
      const disowned = round.units.filter((u) => u.notOurResponsibility).length;
      return changeLevel(
        state,
        4,
        'all_declined',
        `every summoned unit declined (${disowned} of ${round.units.length} said it is not their responsibility)`,
        unitIds,
        deadlines,
        now,
      );
    }
  }
  const finished = round.units.every((u) => u.outcome !== null || u.response === 'declined');
  if (!finished || outcomes.length === 0) return [];
  return [
    {
      type: 'escalation.WorkCompleted.v1',
      data: {
        caseId: state.caseId,
        whistleId: round.whistleId,
        level: round.level,
        outcomes: outcomes.map((u) => ({ unitId: u.unitId, result: u.outcome ?? 'unresolved' })),
        completedAt: now,
      },
    },
  ];
}

function alreadyNoted(round: Round, unitId: string, step: TaskStep): boolean {
  const unit = round.units.find((u) => u.unitId === unitId);
  if (!unit) return true;
  switch (step) {
    case 'reported_in':
      return unit.reportedIn;
    case 'accepted':
    case 'declined':
      return unit.response !== null;
    case 'outcome':
      return unit.outcome !== null;
    case 'overdue':
      return unit.overdue || unit.outcome !== null;
    default:
      return assertNever(step, 'task step');
  }
}

/** After reporting in, a summoned unit of a level-2 or level-3 whistle accepts or declines within the report-in time again. */
function respondByOf(round: Round, deadlines: EscalationDeadlines, now: string): { respondBy?: string } {
  if (round.kind !== 'whistle' || (round.level !== 2 && round.level !== 3)) return {};
  return { respondBy: addDuration(now, deadlines.reportIn[round.level]) };
}

function noteTask(command: NoteTaskProgress, state: WhistleState): EscalationEvent[] {
  // Steps of an earlier round, of a unit not summoned, or noted before are late or redelivered.
  if (state.status !== 'in_progress' || state.round.whistleId !== command.whistleId) return [];
  if (alreadyNoted(state.round, command.unitId, command.step)) return [];
  const { whistleId, taskId, unitId, step, result, notOurResponsibility, now } = command;
  const noted: EscalationEvent = {
    type: 'escalation.TaskProgressNoted.v1',
    data: {
      caseId: state.caseId,
      whistleId,
      taskId,
      unitId,
      step,
      ...(step === 'outcome' ? { result: result ?? 'unresolved' } : {}),
      ...(step === 'declined' ? { notOurResponsibility: notOurResponsibility ?? false } : {}),
      ...(step === 'reported_in' ? respondByOf(state.round, command.deadlines, now) : {}),
      stationId: state.stationId,
      at: now,
    },
  };
  const after = evolveWhistle(state, noted);
  if (after.status !== 'in_progress') return [noted];
  return [noted, ...followUp(after, command.deadlines, now)];
}

function timeout(command: DeadlineReached, state: WhistleState): EscalationEvent[] {
  const deadline = whistleDeadlines(state).find((d) => d.id === command.deadlineId);
  // A deadline that is gone (met, cancelled, already fired) or not yet due is stale: nothing to do.
  if (!deadline || state.status !== 'in_progress' || isBefore(command.now, deadline.dueAt)) return [];
  const { round, caseId } = state;
  const [, , unitId = ''] = deadline.id.split(':');
  const missed = {
    caseId,
    whistleId: round.whistleId,
    unitId,
    dueAt: deadline.dueAt,
    graceUntil: addDuration(deadline.dueAt, command.deadlines.grace[round.level === 3 ? '3' : '2']),
    missedAt: command.now,
  };
  switch (deadline.kind) {
    case 'report_in':
      return [{ type: 'escalation.ReportInMissed.v1', data: { ...missed, stationId: state.stationId } }];
    case 'response':
      return [{ type: 'escalation.ResponseMissed.v1', data: missed }];
    case 'grace':
      return graceEnded(state, unitId, deadline.dueAt, command);

    case 'activity':
      return [{ type: 'escalation.ActivityOverdue.v1', data: { caseId, whistleId: round.whistleId, dueAt: deadline.dueAt, overdueAt: command.now } }];
    default:
      return [];
  }
}

/**
 * A unit let its report-in or response deadline and the grace period pass. When nobody accepted
 * and someone declined, no summoned unit will act: the case goes to the joint meeting, as when
 * all decline. Otherwise the level rises one step (by policy).
 */
function graceEnded(state: Extract<WhistleState, { status: 'in_progress' }>, unitId: string, graceEnd: string, command: DeadlineReached): EscalationEvent[] {
  const { round } = state;
  const units = round.units.map((u) => u.unitId);
  const late = round.units.find((u) => u.unitId === unitId);
  const what = late?.reportedIn ? 'accept or decline' : 'report in (报到)';
  const nobodyAccepted = round.units.every((u) => u.response !== 'accepted');
  const decliners = round.units.filter((u) => u.response === 'declined').map((u) => u.unitId);
  if (nobodyAccepted && decliners.length > 0) {
    const reason = `${decliners.join(', ')} declined and no other summoned unit accepted: ${unitId} did not ${what} by the end of its grace period at ${graceEnd}`;
    return changeLevel(state, 4, 'all_declined', reason, units, command.deadlines, command.now);
  }
  const to = Math.min(round.level + 1, 4) as Level;
  const reason = `${unitId} did not ${what} by its deadline and the grace period ended at ${graceEnd}`;
  return changeLevel(state, to, 'deadline_missed', reason, units, command.deadlines, command.now);
}

export function decideWhistle(given: WhistleInput, state: WhistleState): EscalationEvent[] {
  // Every deadline a case's whistle sets is its category's, where the catalogue gives the category its own.
  const input = 'deadlines' in given && state.status !== 'none' ? ({ ...given, deadlines: deadlinesFor(given.deadlines, state.category) } as WhistleInput) : given;
  switch (input.type) {
    case 'OpenTriage': {
      // A case unlinked from the case it was wrongly linked to by hand is routed again, and triaged afresh.
      const unlinked = state.status === 'stood_down' && state.because === 'duplicate';
      if (state.status !== 'none' && !unlinked) return [];
      const { caseId, stationId, communityId, compoundId, category, proposedLevel, proposedUnits, now } = input;
      return [
        {
          type: 'escalation.TriageOpened.v1',
          data: { caseId, stationId, communityId, compoundId, category, level: proposedLevel, proposedUnits: [...proposedUnits], openedAt: now },
        },
      ];
    }
    case 'BlowWhistle':
      return blow(input, state);
    case 'ChangeLevel':
      return change(input, state);
    case 'NoteTaskProgress':
      return noteTask(input, state);
    case 'NotePublicity': {
      if (state.status !== 'in_progress' || state.round.whistleId !== input.whistleId || state.round.level !== 1) return [];
      const { caseId, round } = state;
      return [
        { type: 'escalation.PublicityNoted.v1', data: { caseId, whistleId: input.whistleId, activityId: input.activityId, heldAt: input.heldAt } },
        {
          type: 'escalation.WorkCompleted.v1',
          data: {
            caseId,
            whistleId: input.whistleId,
            level: 1,
            outcomes: round.units.map((u) => ({ unitId: u.unitId, result: 'activity_held' as const })),
            completedAt: input.now,
          },
        },
      ];
    }
    case 'NoteResolution': {
      if (state.status !== 'adjudicating') return [];
      const { meetingId, resolutionId, leadUnit, supportingUnits, dueAt, now } = input;
      return [
        {
          type: 'escalation.ResolutionNoted.v1',
          data: { caseId: state.caseId, meetingId, resolutionId, leadUnit, supportingUnits: [...supportingUnits], dueAt, notedAt: now },
        },
      ];
    }
    case 'StandDown':
      if (state.status === 'none' || state.status === 'stood_down') return [];
      return [{ type: 'escalation.WhistleStoodDown.v1', data: { caseId: state.caseId, because: input.because, ...endedRound(state), stoodDownAt: input.now } }];
    case 'ReopenTriage': {
      const reopenable = state.status === 'completed' || (state.status === 'stood_down' && state.because === 'closed');
      if (!reopenable) return [];
      return [{ type: 'escalation.TriageReopened.v1', data: { caseId: state.caseId, reason: input.reason, reopenedAt: input.now } }];
    }
    case 'DeadlineReached':
      return timeout(input, state);
    default:
      return assertNever(input, 'whistle input');
  }
}

export const whistleWorkflow: Workflow<WhistleInput, EscalationEvent, WhistleState> = {
  initialState: initialWhistleState,
  decide: decideWhistle,
  evolve: evolveWhistle,
  deadlines: whistleDeadlines,
};
