import { assertNever } from '@whistle/kernel';
import type { EscalationEvent, TaskProgressNoted } from '@whistle/contracts';
import type { CaseFacts, CaseView, Lapse, RoundFacts, RoundUnitFacts } from './case-view';
import { withLapse, withUnits } from './view-lists';

type EscalationFacts = CaseFacts['escalation'];

/**
 * What escalation (升级) says: the level, the whistle rounds (吹哨) and their summoned units, the
 * level changes and the lapses it signalled. Follows escalation's own workflow state, so the
 * round here is always the one escalation considers current.
 */
export function fromEscalation(view: CaseView, event: EscalationEvent): CaseView {
  const esc = view.facts.escalation;
  const escalation = (change: Partial<EscalationFacts>): CaseView['facts'] => ({ ...view.facts, escalation: { ...esc, ...change } });
  switch (event.type) {
    case 'escalation.TriageOpened.v1': {
      const { stationId, communityId, compoundId, category, level } = event.data;
      // Intake's routing says the same; it is only taken from here while intake's events lag.
      return {
        ...view,
        facts: escalation({ phase: 'awaiting_whistle', round: null }),
        level,
        proposedLevel: view.proposedLevel ?? level,
        stationId: view.stationId ?? stationId,
        communityId: view.communityId ?? communityId,
        compoundId: view.compoundId ?? compoundId,
        category: view.category ?? category,
      };
    }
    case 'escalation.WhistleBlown.v1': {
      const { whistleId, level, units, activityDueAt, blownAt } = event.data;
      const round: RoundFacts = {
        whistleId,
        kind: 'whistle',
        level,
        units: units.map((u) => unit(u.unitId, u.reportInDueAt ?? null)),
        startedAt: blownAt,
        activityDueAt: activityDueAt ?? null,
        publicityNoted: false,
      };
      return {
        ...view,
        facts: escalation({ phase: 'in_progress', round, awaitingAfterReopen: false }),
        level,
        involvedUnits: withUnits(view.involvedUnits, units.map((u) => u.unitId)),
      };
    }
    case 'escalation.LevelRaised.v1':
    case 'escalation.LevelLowered.v1': {
      const { from, to, trigger, reason } = event.data;
      const at = event.type === 'escalation.LevelRaised.v1' ? event.data.raisedAt : event.data.loweredAt;
      const change = { from, to, trigger, reason, at, whistleId: esc.phase === 'in_progress' ? (esc.round?.whistleId ?? null) : null };
      return { ...view, facts: escalation({ phase: 'awaiting_whistle', round: null }), level: to, levelHistory: [...view.levelHistory, change] };
    }
    case 'escalation.ReferredToJointMeeting.v1':
      return { ...view, facts: escalation({ phase: 'adjudicating', round: null }), level: 4 };
    case 'escalation.ResolutionNoted.v1': {
      const { resolutionId, leadUnit, supportingUnits, notedAt } = event.data;
      const unitIds = [leadUnit, ...supportingUnits];
      const round: RoundFacts = {
        whistleId: resolutionId,
        kind: 'resolution',
        level: 4,
        units: unitIds.map((unitId) => unit(unitId, null)),
        startedAt: notedAt,
        activityDueAt: null,
        publicityNoted: false,
      };
      return {
        ...view,
        facts: escalation({ phase: 'in_progress', round, awaitingAfterReopen: false }),
        level: 4,
        involvedUnits: withUnits(view.involvedUnits, unitIds),
      };
    }
    case 'escalation.TaskProgressNoted.v1': {
      if (esc.phase !== 'in_progress' || esc.round?.whistleId !== event.data.whistleId) return view;
      const round = { ...esc.round, units: esc.round.units.map((u) => (u.unitId === event.data.unitId ? progressed(u, event.data) : u)) };
      return { ...view, facts: escalation({ round }) };
    }
    case 'escalation.ReportInMissed.v1': {
      const { whistleId, unitId, dueAt, missedAt } = event.data;
      return { ...view, lapses: withLapse(view.lapses, { kind: 'report_in_missed', whistleId, unitId, dueAt, at: missedAt }) };
    }
    case 'escalation.ResponseMissed.v1': {
      const { whistleId, unitId, dueAt, missedAt } = event.data;
      return { ...view, lapses: withLapse(view.lapses, { kind: 'response_missed', whistleId, unitId, dueAt, at: missedAt }) };
    }
    case 'escalation.ActivityOverdue.v1': {
      const { whistleId, dueAt, overdueAt } = event.data;
      const lapse: Lapse = { kind: 'activity_overdue', whistleId, dueAt, at: overdueAt };
      return { ...view, lapses: withLapse(view.lapses, lapse) };
    }
    case 'escalation.PublicityNoted.v1':
      if (esc.round?.whistleId !== event.data.whistleId) return view;
      return { ...view, facts: escalation({ round: { ...esc.round, publicityNoted: true } }) };
    case 'escalation.WorkCompleted.v1': {
      if (esc.phase !== 'in_progress') return view;
      const { whistleId, level, outcomes, completedAt } = event.data;
      const completion = { whistleId, level, outcomes: outcomes.map(({ unitId, result }) => ({ unitId, result })), completedAt };
      return { ...view, facts: escalation({ phase: 'completed' }), completion };
    }
    case 'escalation.WhistleStoodDown.v1':
      return { ...view, facts: escalation({ phase: 'stood_down', standDownReason: event.data.because }) };
    case 'escalation.TriageReopened.v1':
      return {
        ...view,
        facts: escalation({ phase: 'awaiting_whistle', round: null, standDownReason: null, reopensSeen: esc.reopensSeen + 1, awaitingAfterReopen: true }),
        completion: null,
      };
    default:
      return assertNever(event, 'escalation event');
  }
}

function unit(unitId: string, reportInDueAt: string | null): RoundUnitFacts {
  return { unitId, reportInDueAt, reportedIn: false, response: null, outcome: null };
}

function progressed(u: RoundUnitFacts, data: TaskProgressNoted['data']): RoundUnitFacts {
  switch (data.step) {
    case 'reported_in':
      return { ...u, reportedIn: true };
    case 'accepted':
      return { ...u, reportedIn: true, response: 'accepted' };
    case 'declined':
      return { ...u, reportedIn: true, response: 'declined' };
    case 'outcome':
      return { ...u, reportedIn: true, response: 'accepted', outcome: data.result ?? 'unresolved' };
    case 'overdue':
      // The task's own TaskOverdue already marks the view; escalation's note changes nothing here.
      return u;
    default:
      return assertNever(data.step, 'task step');
  }
}
