import { assertNever, type EventEnvelope } from '@whistle/kernel';
import { caseIdsOf } from '@whistle/contracts';
import { sourced, type SourcedEvent } from '../known-events';
import { alreadyApplied, later, withRevision } from '../stream-revisions';
import { emptyCaseView, FINAL_STATUSES, type CaseView } from './case-view';
import { pendingDeadlines } from './case-view.deadlines';
import { deriveStatus } from './case-view.status';
import { caseFiguresOf } from './case-figures';
import { fromCaseAdjudication, fromMeeting } from './from-adjudication';
import { fromEscalation } from './from-escalation';
import { fromIntake } from './from-intake';
import { fromPublicity, fromTask, isOpenTask } from './from-enforcement';

/** The cases an event names: the contracts' rule, which the audit and the offline verifier apply too. */
export { caseIdsOf };

/**
 * Folds one event into one case's view. Pure and idempotent: an event at or below the revision
 * the view last applied from its stream returns the view unchanged (the same object). Returns
 * undefined when the event does not concern this case. `caseId` picks the case of an event that
 * names several (a meeting's agenda); it defaults to the view's, else the event's one case.
 */
export function evolveCaseView(
  view: CaseView | undefined,
  envelope: EventEnvelope,
  caseId: string | undefined = view?.id ?? caseIdsOf(envelope)[0],
): CaseView | undefined {
  const next = withFact(view, envelope, caseId);
  return next === undefined || next === view ? next : derive(next);
}

/**
 * A case's events folded into its view in order, as `evolveCaseView` one at a time does, with what
 * follows from the facts worked out once at the end rather than after each event (the facts are
 * applied to facts only). The same view when none of them changes it.
 */
export function foldCaseView(view: CaseView | undefined, envelopes: readonly EventEnvelope[], caseId: string): CaseView | undefined {
  let current = view;
  for (const envelope of envelopes) current = withFact(current, envelope, caseId) ?? current;
  return current === undefined || current === view ? current : derive(current);
}

/** The event's fact applied, nothing derived; undefined when it does not concern the case, the same view when already applied. */
function withFact(view: CaseView | undefined, envelope: EventEnvelope, caseId: string | undefined): CaseView | undefined {
  const known = sourced(envelope);
  if (!known || caseId === undefined || !caseIdsOf(envelope).includes(caseId) || (view && view.id !== caseId)) return undefined;
  const current = view ?? emptyCaseView(caseId, envelope.occurredAt);
  if (alreadyApplied(current.revisions, envelope)) return view;
  const changed = applyFact(current, known, envelope);
  return {
    ...changed,
    version: current.version + 1,
    revisions: withRevision(current.revisions, envelope),
    updatedAt: later(current.updatedAt, envelope.occurredAt),
  };
}

function applyFact(view: CaseView, known: SourcedEvent, envelope: EventEnvelope): CaseView {
  switch (known.source) {
    case 'intake':
      return fromIntake(view, known.event, envelope.actor);
    case 'escalation':
      return fromEscalation(view, known.event);
    case 'task':
      return fromTask(view, known.event);
    case 'publicity':
      return fromPublicity(view, known.event);
    case 'case_adjudication':
      return fromCaseAdjudication(view, known.event);
    case 'meeting':
      return fromMeeting(view, known.event, envelope.occurredAt);
    case 'evaluation':
      // Part of the case's history, which the view records it has seen; the ratings are shown by the evaluations' own views.
      return view;
    default:
      return assertNever(known, 'event source');
  }
}

/** Everything that follows from the facts, recomputed on every change. */
function derive(view: CaseView): CaseView {
  const status = deriveStatus(view);
  const open = !FINAL_STATUSES.includes(status);
  const tasks = view.tasks.map((t) => ({ ...t, overdue: open && t.overdueAt !== null && isOpenTask(t) }));
  const deadlines = open ? pendingDeadlines({ ...view, tasks }) : [];
  const { phase, round } = view.facts.escalation;
  const derived: CaseView = {
    ...view,
    status,
    reopenCount: Math.max(view.facts.intake.reopens, view.facts.escalation.reopensSeen),
    tasks,
    deadlines,
    overdue: deadlines.some((d) => d.overdue),
    whistle: round && {
      whistleId: round.whistleId,
      kind: round.kind,
      level: round.level,
      units: round.units.map((u) => u.unitId),
      blownAt: round.startedAt,
      activityDueAt: round.activityDueAt,
    },
    units: phase === 'in_progress' && round ? round.units.map((u) => u.unitId) : [],
  };
  return { ...derived, ...caseFiguresOf(derived) };
}
