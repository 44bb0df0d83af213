import type { Decider, EventEnvelope } from '@whistle/kernel';
import { streams } from '@whistle/contracts';
import { caseDecider, type CaseState } from '@whistle/intake-domain';
import { whistleWorkflow, type WhistleState } from '@whistle/escalation-domain';
import { publicityDecider, taskDecider, type PublicityState, type TaskState } from '@whistle/enforcement-domain';
import { caseAdjudicationWorkflow, type CaseAdjudicationState } from '@whistle/adjudication-domain';
import { evolveCaseView, type CaseView } from '@whistle/read-models';

/** An event the audit could not fold: its type is unknown here, or its content was changed into something the domain refuses. */
export interface UnreadableEvent {
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly reason: string;
}

/** Each aggregate of the case as its own domain folds it. */
export interface CaseAggregates {
  readonly intake: CaseState;
  readonly escalation: WhistleState;
  readonly tasks: readonly { readonly taskId: string; readonly state: TaskState }[];
  readonly publicity: PublicityState;
  readonly adjudication: CaseAdjudicationState;
}

export interface CaseStateFold {
  /** the read side's case view, projected from the same events */
  readonly view: CaseView;
  readonly aggregates: CaseAggregates;
  readonly unreadable: readonly UnreadableEvent[];
}

type Evolvable<S> = Pick<Decider<unknown, never, S>, 'evolve' | 'initialState'>;

/**
 * The case from its events (history order), folded with the domains' own evolve functions and the
 * read side's evolveCaseView, so the answer is what every service and the read side would have
 * said from those events. Undefined when no event concerns the case.
 */
export function foldCase(caseId: string, events: readonly EventEnvelope[]): CaseStateFold | undefined {
  const unreadable: UnreadableEvent[] = [];
  const of = (streamId: string) => events.filter((e) => e.streamId === streamId);
  const foldStream = <S>(decider: Evolvable<S>, stream: readonly EventEnvelope[]): S =>
    stream.reduce((state, e) => guarded(e, unreadable, () => decider.evolve(state, { type: e.type, data: e.data } as never)) ?? state, decider.initialState);

  const view = events.reduce<CaseView | undefined>((current, e) => guarded(e, unreadable, () => evolveCaseView(current, e, caseId)) ?? current, undefined);
  if (view === undefined) return undefined;
  const taskStreams = [...new Set(events.map((e) => e.streamId).filter(streams.task.owns))].sort();
  return {
    view,
    aggregates: {
      intake: foldStream<CaseState>(caseDecider, of(streams.case(caseId))),
      escalation: foldStream<WhistleState>(whistleWorkflow, of(streams.whistle(caseId))),
      tasks: taskStreams.map((id) => ({ taskId: streams.task.idOf(id), state: foldStream<TaskState>(taskDecider, of(id)) })),
      publicity: foldStream<PublicityState>(publicityDecider, of(streams.publicity(caseId))),
      adjudication: foldStream<CaseAdjudicationState>(caseAdjudicationWorkflow, of(streams.adjudication(caseId))),
    },
    // The view and the stream's own aggregate may both have tripped over the same event.
    unreadable: [...new Map(unreadable.map((u) => [u.eventId, u])).values()],
  };
}

/** Evolve functions close their switches with a throwing `never` check; an event they cannot read is noted and skipped. */
function guarded<T>(event: EventEnvelope, unreadable: UnreadableEvent[], evolve: () => T): T | undefined {
  try {
    return evolve();
  } catch (error) {
    const { streamId, revision, eventId, type } = event;
    unreadable.push({ streamId, revision, eventId, type, reason: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
}
