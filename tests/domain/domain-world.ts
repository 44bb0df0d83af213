import { fold, isAtOrAfter, type Decider, type DomainEvent } from '@whistle/kernel';
import type { AnyEvent, Catalogue, TaskEvent } from '@whistle/contracts';
import { caseDecider, caseReactions } from '@whistle/intake-domain';
import { whistleReactions, whistleWorkflow, type EscalationDeadlines } from '@whistle/escalation-domain';
import {
  adjudicationLookupsFor,
  adjudicationReactions,
  caseAdjudicationWorkflow,
  meetingDecider,
  type CaseAdjudicationState,
  type MeetingState,
} from '@whistle/adjudication-domain';
import { enforcementReactions, isOpenTask, publicityDecider, taskDecider } from '@whistle/enforcement-domain';

type AnyDecider = Decider<unknown, DomainEvent, unknown>;

const DECIDERS: [prefix: string, decider: AnyDecider][] = [
  ['case-', caseDecider as unknown as AnyDecider],
  ['whistle-', whistleWorkflow as unknown as AnyDecider],
  ['task-', taskDecider as unknown as AnyDecider],
  ['publicity-', publicityDecider as unknown as AnyDecider],
  ['meeting-', meetingDecider as unknown as AnyDecider],
  ['adjudication-', caseAdjudicationWorkflow as unknown as AnyDecider],
];

/**
 * The four domains wired together in memory through their reaction policies, with a clock that
 * moves only when told: a pure stand-in for the running system, to show that the separately
 * written deciders agree on one case's whole life. No I/O, no framework.
 */
export class DomainWorld {
  readonly streams = new Map<string, AnyEvent[]>();
  readonly log: { streamId: string; event: AnyEvent }[] = [];
  private readonly queue: AnyEvent[] = [];
  private ms: number;

  constructor(
    private readonly catalogue: Catalogue,
    start: string,
  ) {
    this.ms = Date.parse(start);
  }

  get now(): string {
    return new Date(this.ms).toISOString();
  }

  get deadlines(): EscalationDeadlines {
    return this.catalogue.deadlines;
  }

  get knownUnits(): string[] {
    return this.catalogue.units.map((u) => u.id);
  }

  advance(ms: number): void {
    this.ms += ms;
  }

  state(streamId: string): unknown {
    return fold(this.decider(streamId), this.streams.get(streamId) ?? []);
  }

  /** Decides a command on a stream, records its events, then lets every reaction run. */
  run(streamId: string, command: object): AnyEvent[] {
    const events = this.apply(streamId, command);
    this.settle();
    return events;
  }

  /** Delivers a recorded event to every reaction policy again, as an at-least-once bus may. */
  redeliver(event: AnyEvent): void {
    this.queue.push(event);
    this.settle();
  }

  /** Fires every workflow deadline that is due now, as the scheduler would. */
  fireDueDeadlines(): void {
    for (const streamId of [...this.streams.keys()]) {
      const decider = this.decider(streamId) as AnyDecider & { deadlines?: (s: unknown) => { id: string; dueAt: string }[] };
      for (const deadline of decider.deadlines?.(this.state(streamId)) ?? []) {
        if (isAtOrAfter(this.now, deadline.dueAt)) {
          this.apply(streamId, { type: 'DeadlineReached', deadlineId: deadline.id, deadlines: this.deadlines, now: this.now });
        }
      }
    }
    this.settle();
  }

  eventsOf(prefix: string): AnyEvent[] {
    return this.log.filter((entry) => entry.streamId.startsWith(prefix)).map((entry) => entry.event);
  }

  private apply(streamId: string, command: object): AnyEvent[] {
    const stream = this.streams.get(streamId) ?? [];
    const events = this.decider(streamId).decide(command, fold(this.decider(streamId), stream)) as AnyEvent[];
    this.streams.set(streamId, [...stream, ...events]);
    for (const event of events) this.log.push({ streamId, event });
    this.queue.push(...events);
    return events;
  }

  private settle(): void {
    for (let event = this.queue.shift(); event; event = this.queue.shift()) {
      const now = this.now;
      const reactions = [
        ...caseReactions(event, now),
        ...whistleReactions(event, this.deadlines, now),
        ...enforcementReactions(event, { openTasks: this.openTasksOf(caseIdOf(event)) }, now),
        ...adjudicationReactions(event, this.adjudicationLookups(caseIdOf(event) ?? ''), now),
      ];
      for (const reaction of reactions) this.apply(reaction.streamId, reaction.command);
    }
  }

  private openTasksOf(caseId: string | undefined): { taskId: string; whistleId: string }[] {
    const open: { taskId: string; whistleId: string }[] = [];
    for (const [streamId, events] of this.streams) {
      if (!streamId.startsWith('task-')) continue;
      const state = fold(taskDecider, events as TaskEvent[]);
      if (isOpenTask(state) && state.caseId === caseId) open.push({ taskId: state.taskId, whistleId: state.whistleId });
    }
    return open;
  }

  private adjudicationLookups(caseId: string) {
    const meetings = [...this.streams.keys()]
      .filter((id) => id.startsWith('meeting-'))
      .map((id) => [id.slice('meeting-'.length), this.state(id) as MeetingState] as const);
    const policy = { maxDeferrals: this.catalogue.policies.maxDeferrals, tablingWindow: this.catalogue.deadlines.tabling };
    return adjudicationLookupsFor(caseId, meetings, policy, this.state(`adjudication-${caseId}`) as CaseAdjudicationState);
  }

  private decider(streamId: string): AnyDecider {
    const found = DECIDERS.find(([prefix]) => streamId.startsWith(prefix));
    if (!found) throw new Error(`no decider owns stream ${streamId}`);
    return found[1];
  }
}

function caseIdOf(event: AnyEvent): string | undefined {
  return 'caseId' in event.data ? (event.data as { caseId: string }).caseId : undefined;
}
