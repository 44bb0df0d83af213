import { assertNever } from '@whistle/kernel';
import type { CaseStatus, CaseView } from './case-view';

/**
 * The one place the status comes from. The streams of one case arrive interleaved in any order,
 * so the status is never set by the last event: it is read off what each source has said.
 * Intake's and escalation's reopen counts tell which of the two has not yet heard of a reopen;
 * what the lagging side says predates the reopen and is read accordingly.
 */
export function deriveStatus(view: CaseView): CaseStatus {
  const { intake, escalation } = view.facts;
  const intakeLags = escalation.reopensSeen > intake.reopens;
  const escalationLags = intake.reopens > escalation.reopensSeen;
  const intakeStatus = intakeLags ? 'open' : intake.status;

  switch (intakeStatus) {
    case 'withdrawn':
    case 'rejected':
    case 'duplicate':
    case 'merged':
    case 'closed':
      return intakeStatus;
    case 'none':
    case 'reported':
    case 'open':
    case 'resolved':
      break;
    default:
      return assertNever(intakeStatus, 'intake status');
  }
  if (view.adjudication?.status === 'referred_upward') return 'referred_upward';
  if (escalationLags) return 'reopened';

  const { phase } = escalation;
  // The case left handling; intake's (or adjudication's) word on why may not have arrived yet.
  if (phase === 'stood_down') return escalation.standDownReason ?? 'closed';
  if (phase === 'completed' || intakeStatus === 'resolved') return 'resolved';
  switch (phase) {
    case 'adjudicating':
      return 'adjudicating';
    case 'in_progress':
      return roundHasProgress(view) ? 'in_progress' : 'whistled';
    case 'awaiting_whistle':
      return escalation.awaitingAfterReopen ? 'reopened' : 'triaged';
    case 'none':
      // Routed by intake but not yet opened by escalation: a whistle would not be taken yet.
      return 'reported';
    default:
      return assertNever(phase, 'escalation phase');
  }
}

/** A unit of the current round reported in, accepted, acted or recorded an outcome; or the level-1 activity was held. */
function roundHasProgress(view: CaseView): boolean {
  const round = view.facts.escalation.round;
  if (!round) return false;
  if (round.publicityNoted || round.units.some((u) => u.reportedIn)) return true;
  if (view.publicity?.whistleId === round.whistleId && view.publicity.status === 'held') return true;
  return view.tasks.some((t) => t.whistleId === round.whistleId && (t.reportedInAt !== null || t.actions.length > 0 || t.outcome !== null));
}
