import { assertNever, type Deadline } from '@whistle/kernel';
import type { EscalationEvent, Level, OutcomeResult, StandDownReason } from '@whistle/contracts';

/** What escalation knows of the case from intake's routing. */
export interface CaseFacts {
  readonly caseId: string;
  readonly stationId: string;
  readonly communityId: string;
  readonly compoundId: string;
  readonly category: string;
  readonly proposedUnits: readonly string[];
}

/** One summoned unit in a round, as far as escalation has noted its task. */
export interface UnitProgress {
  readonly unitId: string;
  readonly taskId?: string;
  readonly reportInDueAt?: string;
  readonly reportedIn: boolean;
  readonly response: 'accepted' | 'declined' | null;
  readonly notOurResponsibility: boolean;
  readonly outcome: OutcomeResult | null;
  /** after reporting in (levels 2–3): accept or decline by then */
  readonly respondBy: string | null;
  /** set when the report-in or response deadline passed: the grace period runs until then */
  readonly graceUntil: string | null;
  /** a joint-enforcement task passed the resolution's deadline without an outcome */
  readonly overdue: boolean;
}

/** A round of summoning: a whistle, or the joint enforcement a resolution ordered. */
export interface Round {
  readonly whistleId: string;
  readonly kind: 'whistle' | 'resolution';
  readonly level: Level;
  readonly units: readonly UnitProgress[];
  readonly activityDueAt: string | null;
  readonly activityOverdue: boolean;
}

interface Common extends CaseFacts {
  readonly level: Level;
  /** every round so far, the current one last */
  readonly rounds: number;
  /** the ids of every round so far, so none is used twice */
  readonly pastRounds: readonly string[];
}

export type WhistleState =
  | { readonly status: 'none' }
  /** routed, or the level changed: the station blows the whistle next */
  | ({ readonly status: 'awaiting_whistle' } & Common)
  | ({ readonly status: 'in_progress'; readonly round: Round } & Common)
  /** at level 4, waiting for the joint meeting's resolution */
  | ({ readonly status: 'adjudicating'; readonly referredAt: string } & Common)
  | ({ readonly status: 'completed'; readonly round: Round; readonly completedAt: string } & Common)
  | ({ readonly status: 'stood_down'; readonly because: StandDownReason } & Common);

export type WhistleStatus = WhistleState['status'];

export const initialWhistleState: WhistleState = { status: 'none' };

function common(state: Exclude<WhistleState, { status: 'none' }>): Common {
  const { caseId, stationId, communityId, compoundId, category, proposedUnits, level, rounds, pastRounds } = state;
  return { caseId, stationId, communityId, compoundId, category, proposedUnits, level, rounds, pastRounds };
}

const freshProgress = {
  reportedIn: false,
  response: null,
  notOurResponsibility: false,
  outcome: null,
  respondBy: null,
  graceUntil: null,
  overdue: false,
} as const;

function updateUnit(round: Round, unitId: string, change: (u: UnitProgress) => UnitProgress): Round {
  return { ...round, units: round.units.map((u) => (u.unitId === unitId ? change(u) : u)) };
}

export function evolveWhistle(state: WhistleState, event: EscalationEvent): WhistleState {
  if (event.type === 'escalation.TriageOpened.v1') {
    const { caseId, stationId, communityId, compoundId, category, proposedUnits, level } = event.data;
    return { status: 'awaiting_whistle', caseId, stationId, communityId, compoundId, category, proposedUnits, level, rounds: 0, pastRounds: [] };
  }
  if (state.status === 'none') return state;
  const base = common(state);
  switch (event.type) {
    case 'escalation.WhistleBlown.v1': {
      const { whistleId, level, units, activityDueAt } = event.data;
      const round: Round = {
        whistleId,
        kind: 'whistle',
        level,
        activityDueAt: activityDueAt ?? null,
        activityOverdue: false,
        units: units.map((u) => ({
          unitId: u.unitId,
          ...(u.reportInDueAt ? { reportInDueAt: u.reportInDueAt } : {}),
          ...freshProgress,
        })),
      };
      // A level-4 whistle is a referral: the ReferredToJointMeeting that follows moves it on.
      return { ...base, status: 'in_progress', level, rounds: base.rounds + 1, pastRounds: [...base.pastRounds, whistleId], round };
    }
    case 'escalation.LevelRaised.v1':
    case 'escalation.LevelLowered.v1':
      return { ...base, status: 'awaiting_whistle', level: event.data.to };
    case 'escalation.ReferredToJointMeeting.v1':
      return { ...base, status: 'adjudicating', level: 4, referredAt: event.data.referredAt };
    case 'escalation.ResolutionNoted.v1': {
      const { resolutionId, leadUnit, supportingUnits } = event.data;
      const round: Round = {
        whistleId: resolutionId,
        kind: 'resolution',
        level: 4,
        activityDueAt: null,
        activityOverdue: false,
        units: [leadUnit, ...supportingUnits].map((unitId) => ({ unitId, ...freshProgress })),
      };
      return { ...base, status: 'in_progress', level: 4, rounds: base.rounds + 1, pastRounds: [...base.pastRounds, resolutionId], round };
    }
    case 'escalation.TaskProgressNoted.v1': {
      if (state.status !== 'in_progress' || state.round.whistleId !== event.data.whistleId) return state;
      const { unitId, taskId, step, result, notOurResponsibility, respondBy } = event.data;
      const round = updateUnit(state.round, unitId, (u) => {
        const withTask = { ...u, taskId };
        switch (step) {
          case 'reported_in':
            // A grace period for a missed report-in ends with the report-in; the response deadline starts.
            return { ...withTask, reportedIn: true, respondBy: respondBy ?? null, graceUntil: null };
          case 'accepted':
            return { ...withTask, reportedIn: true, response: 'accepted' };
          case 'declined':
            return { ...withTask, reportedIn: true, response: 'declined', notOurResponsibility: notOurResponsibility ?? false };
          case 'outcome':
            return { ...withTask, reportedIn: true, response: 'accepted', outcome: result ?? 'unresolved' };
          case 'overdue':
            return { ...withTask, overdue: true };
          default:
            return assertNever(step, 'task step');
        }
      });
      return { ...state, round };
    }
    case 'escalation.ReportInMissed.v1':
    case 'escalation.ResponseMissed.v1':
      if (state.status !== 'in_progress' || state.round.whistleId !== event.data.whistleId) return state;
      return { ...state, round: updateUnit(state.round, event.data.unitId, (u) => ({ ...u, graceUntil: event.data.graceUntil })) };
    case 'escalation.ActivityOverdue.v1':
      if (state.status !== 'in_progress' || state.round.whistleId !== event.data.whistleId) return state;
      return { ...state, round: { ...state.round, activityOverdue: true } };
    case 'escalation.PublicityNoted.v1':
      return state;
    case 'escalation.WorkCompleted.v1':
      if (state.status !== 'in_progress') return state;
      return { ...base, status: 'completed', round: state.round, completedAt: event.data.completedAt };
    case 'escalation.WhistleStoodDown.v1':
      return { ...base, status: 'stood_down', because: event.data.because };
    case 'escalation.TriageReopened.v1':
      return { ...base, status: 'awaiting_whistle' };
    default:
      return assertNever(event, 'escalation event');
  }
}

/** A report-in deadline per unit not yet reported in, then its grace; the activity of level 1. */
export function whistleDeadlines(state: WhistleState): Deadline[] {
  if (state.status !== 'in_progress') return [];
  const { round } = state;
  const deadlines: Deadline[] = [];
  for (const unit of round.units) {
    const waitingForReportIn = !unit.reportedIn && unit.reportInDueAt !== undefined;
    const waitingForResponse = unit.reportedIn && unit.response === null && unit.respondBy !== null;
    if (!waitingForReportIn && !waitingForResponse) continue;
    if (unit.graceUntil !== null) {
      deadlines.push({ id: `grace:${round.whistleId}:${unit.unitId}`, kind: 'grace', dueAt: unit.graceUntil });
    } else if (waitingForReportIn && unit.reportInDueAt) {
      deadlines.push({ id: `report_in:${round.whistleId}:${unit.unitId}`, kind: 'report_in', dueAt: unit.reportInDueAt });
    } else if (unit.respondBy) {
      deadlines.push({ id: `response:${round.whistleId}:${unit.unitId}`, kind: 'response', dueAt: unit.respondBy });
    }
  }
  if (round.activityDueAt && !round.activityOverdue) {
    deadlines.push({ id: `activity:${round.whistleId}`, kind: 'activity', dueAt: round.activityDueAt });
  }
  return deadlines;
}
