import { randomUUID } from 'node:crypto';
import { fold, type Actor, type Decider, type EventEnvelope, type ManualClock } from '@whistle/kernel';
import { caseIdOf, streams, type ActionKind, type AnyEvent, type CallbackResult, type Level, type OutcomeResult, type WriteService } from '@whistle/contracts';
import { CatalogueIndex, loadCatalogue } from '@whistle/catalogue';
import type { EventStore } from '@whistle/event-store';
import { caseDecider, caseReactions } from '@whistle/intake-domain';
import { whistleReactions, whistleWorkflow, type WhistleState } from '@whistle/escalation-domain';
import { enforcementReactions, isOpenTask, publicityDecider, taskDecider, type TaskCommand, type TaskState } from '@whistle/enforcement-domain';
import {
  adjudicationReactions,
  caseAdjudicationWorkflow,
  meetingDecider,
  type AdjudicationLookups,
  type CaseAdjudicationState,
  type MeetingState,
} from '@whistle/adjudication-domain';

export const T0 = '2026-11-21T08:00:00.000Z';
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

type AnyDecider = Decider<unknown, AnyEvent, unknown>;

const AGGREGATES: readonly { readonly prefix: string; readonly service: WriteService; readonly decider: AnyDecider }[] = [
  { prefix: 'case-', service: 'intake', decider: caseDecider as unknown as AnyDecider },
  { prefix: 'whistle-', service: 'escalation', decider: whistleWorkflow as unknown as AnyDecider },
  { prefix: 'task-', service: 'enforcement', decider: taskDecider as unknown as AnyDecider },
  { prefix: 'publicity-', service: 'enforcement', decider: publicityDecider as unknown as AnyDecider },
  { prefix: 'adjudication-', service: 'adjudication', decider: caseAdjudicationWorkflow as unknown as AnyDecider },
  { prefix: 'meeting-', service: 'adjudication', decider: meetingDecider as unknown as AnyDecider },
];

const SYSTEM: Actor = { id: 'system', role: 'system' };
const OFFICE: Actor = { id: 'office-clerk', role: 'office' };
const unitActor = (unitId: string): Actor => ({ id: `${unitId}-officer`, role: 'unit', unitId });

const asEvent = (e: EventEnvelope) => ({ type: e.type, data: e.data }) as AnyEvent;

/**
 * A town whose four writing services record into the given stores: each command is decided by
 * its domain's own decider, and every recorded event is answered at once by the four domains'
 * reactions, as the services' consumers would answer it. `recorded` is the order it all happened
 * in: one valid order of delivery on the bus.
 */
export class Town {
  readonly catalogue = new CatalogueIndex(loadCatalogue());
  readonly recorded: EventEnvelope[] = [];
  private whistles = 0;

  constructor(
    readonly stores: Readonly<Record<WriteService, EventStore>>,
    readonly clock: ManualClock,
  ) {}

  get now(): string {
    return this.clock.now();
  }

  advance(ms: number): void {
    this.clock.advance(ms);
  }

  async report(caseId: string, compoundId: string, category: string, reporter?: { keyId: string; ciphertext: string }): Promise<this> {
    const placement = this.catalogue.compound(compoundId);
    const entry = this.catalogue.category(category);
    await this.command(streams.case(caseId), { id: `branch-${compoundId}`, role: 'reporter' }, {
      type: 'ReportCase',
      caseId,
      compoundId,
      category,
      description: '3号楼东侧消防通道被私家车占用',
      channel: 'branch',
      ...(reporter ? { reporter } : {}),
      evidence: [{ name: 'photo.jpg', sha256: 'a'.repeat(64) }],
      compound: placement && { communityId: placement.community.id, stationId: placement.station.id },
      categoryEntry: entry && { defaultLevel: entry.defaultLevel, unitIds: entry.unitIds },
      openCases: [],
      duplicateWindow: this.catalogue.deadlines.duplicateWindow,
      now: this.now,
    });
    return this;
  }

  /** 吹哨 by the case's station, at the proposed level unless another is given. */
  async whistle(caseId: string, level?: Level, units?: readonly string[]): Promise<this> {
    const state = this.state<WhistleState>(streams.whistle(caseId));
    if (state.status === 'none') throw new Error(`case ${caseId} was not routed`);
    this.whistles += 1;
    await this.command(streams.whistle(caseId), { id: `${state.stationId}-clerk`, role: 'station', stationId: state.stationId }, {
      type: 'BlowWhistle',
      whistleId: `w${this.whistles}`,
      level: level ?? state.level,
      ...(units ? { units } : {}),
      ...(level !== undefined && level !== state.level ? { reason: 'the station judged it differently' } : {}),
      knownUnits: this.catalogue.catalogue.units.map((u) => u.id),
      deadlines: this.catalogue.deadlines,
      now: this.now,
    });
    return this;
  }

  async reportIn(caseId: string, unitId: string): Promise<this> {
    return this.task(caseId, unitId, { type: 'ReportIn', now: this.now });
  }

  async accept(caseId: string, unitId: string): Promise<this> {
    return this.task(caseId, unitId, { type: 'AcceptTask', now: this.now });
  }

  async decline(caseId: string, unitId: string): Promise<this> {
    return this.task(caseId, unitId, { type: 'DeclineTask', reason: 'another department is responsible', notOurResponsibility: true, now: this.now });
  }

  async act(caseId: string, unitId: string, kind: ActionKind = 'persuasion'): Promise<this> {
    return this.task(caseId, unitId, { type: 'RecordAction', actionId: randomUUID(), kind, note: `${kind} on site`, now: this.now });
  }

  async outcome(caseId: string, unitId: string, result: OutcomeResult = 'resolved'): Promise<this> {
    return this.task(caseId, unitId, { type: 'RecordOutcome', result, note: 'done on site', now: this.now });
  }

  /** Every open task of the case reports in, is accepted, persuades and resolves. */
  async work(caseId: string): Promise<this> {
    for (const task of this.taskStates(caseId).filter(isOpenTask)) {
      await this.reportIn(caseId, task.unitId);
      await this.accept(caseId, task.unitId);
      await this.act(caseId, task.unitId);
      await this.outcome(caseId, task.unitId);
    }
    return this;
  }

  /** 回访, recorded by the office. */
  async callback(caseId: string, result: CallbackResult): Promise<this> {
    await this.command(streams.case(caseId), OFFICE, { type: 'RecordCallback', result, reopenWindow: this.catalogue.deadlines.reopenWindow, now: this.now });
    return this;
  }

  /** Every whistle deadline that is due now comes due, as the escalation scheduler would say. */
  async fireDueDeadlines(caseId: string): Promise<this> {
    const due = whistleWorkflow.deadlines(this.state<WhistleState>(streams.whistle(caseId))).filter((d) => Date.parse(d.dueAt) <= Date.parse(this.now));
    for (const deadline of due) {
      await this.command(streams.whistle(caseId), SYSTEM, { type: 'DeadlineReached', deadlineId: deadline.id, deadlines: this.catalogue.deadlines, now: this.now });
    }
    return this;
  }

  /** 联席会议 in an hour, with every case awaiting tabling on its agenda. */
  async scheduleMeeting(meetingId: string, invitedUnits: readonly string[]): Promise<this> {
    const pendingCases = this.streamIds('adjudication-').filter((id) => this.state<CaseAdjudicationState>(id).status === 'awaiting_tabling');
    await this.command(streams.meeting(meetingId), OFFICE, {
      type: 'ScheduleMeeting',
      meetingId,
      scheduledAt: new Date(Date.parse(this.now) + HOUR).toISOString(),
      place: '镇综治中心会议室',
      invitedUnits,
      pendingCases: pendingCases.map((id) => id.slice('adjudication-'.length)),
      knownUnits: this.catalogue.catalogue.units.map((u) => u.id),
      quorumShare: this.catalogue.policies.quorumShare,
      now: this.now,
    });
    return this;
  }

  async openMeeting(meetingId: string, present: readonly string[]): Promise<this> {
    await this.command(streams.meeting(meetingId), OFFICE, { type: 'OpenMeeting', now: this.now });
    for (const unitId of present) await this.command(streams.meeting(meetingId), OFFICE, { type: 'RecordAttendance', unitId, present: true, now: this.now });
    return this;
  }

  async resolve(meetingId: string, caseId: string, leadUnit: string, supportingUnits: readonly string[]): Promise<this> {
    await this.command(streams.meeting(meetingId), OFFICE, {
      type: 'AdoptResolution',
      caseId,
      resolutionId: `r-${caseId}`,
      leadUnit,
      supportingUnits,
      measures: '联合执法，限期拆除',
      defaultDeadline: this.catalogue.deadlines.resolutionTasks,
      knownUnits: this.catalogue.catalogue.units.map((u) => u.id),
      now: this.now,
    });
    return this;
  }

  async closeMeeting(meetingId: string): Promise<this> {
    await this.command(streams.meeting(meetingId), OFFICE, { type: 'CloseMeeting', now: this.now });
    return this;
  }

  private async task(caseId: string, unitId: string, command: TaskCommand): Promise<this> {
    const task = this.taskStates(caseId).filter((t) => t.unitId === unitId).at(-1);
    if (!task) throw new Error(`unit ${unitId} has no task on case ${caseId}`);
    await this.command(streams.task(task.taskId), unitActor(unitId), command);
    return this;
  }

  /** Decides the command on the stream's history, records the events, then carries out the reactions to each. */
  private async command(streamId: string, actor: Actor, command: unknown, cause?: EventEnvelope): Promise<void> {
    const aggregate = AGGREGATES.find((a) => streamId.startsWith(a.prefix));
    if (!aggregate) throw new Error(`no aggregate owns ${streamId}`);
    const history = this.recorded.filter((e) => e.streamId === streamId);
    const events = aggregate.decider.decide(command, fold(aggregate.decider, history.map(asEvent)));
    if (events.length === 0) return;
    const correlationId = cause?.correlationId ?? randomUUID();
    const { events: sealed } = await this.stores[aggregate.service].append(
      streamId,
      events.map((event) => ({
        eventId: randomUUID(),
        type: event.type,
        data: event.data,
        caseId: caseIdOf(event),
        occurredAt: this.now,
        actor,
        correlationId,
        causationId: cause?.eventId ?? null,
      })),
      history.at(-1)?.revision ?? 'no_stream',
    );
    this.recorded.push(...sealed);
    for (const envelope of sealed) await this.react(envelope);
  }

  private async react(envelope: EventEnvelope): Promise<void> {
    const event = asEvent(envelope);
    const caseId = (event.data as { caseId?: string }).caseId;
    const now = this.now;
    const reactions = [
      ...caseReactions(event, now),
      ...whistleReactions(event, this.catalogue.deadlines, now),
      ...enforcementReactions(event, { openTasks: caseId === undefined ? [] : this.taskStates(caseId).filter(isOpenTask) }, now),
      ...adjudicationReactions(event, this.adjudicationLookups(caseId), now),
    ];
    for (const reaction of reactions) await this.command(reaction.streamId, SYSTEM, reaction.command, envelope);
  }

  private adjudicationLookups(caseId: string | undefined): AdjudicationLookups {
    const state = caseId === undefined ? undefined : this.state<CaseAdjudicationState>(streams.adjudication(caseId));
    const scheduled = this.streamIds('meeting-')
      .map((id) => this.state<MeetingState>(id))
      .find((m) => m.status === 'scheduled' && !m.agenda.some((item) => item.caseId === caseId));
    return {
      nextMeetingId: state?.status === 'tabled' || scheduled?.status !== 'scheduled' ? undefined : scheduled.meetingId,
      tabledAt: state?.status === 'tabled' ? state.meetingId : undefined,
      maxDeferrals: this.catalogue.policies.maxDeferrals,
      tablingWindow: this.catalogue.deadlines.tabling,
    };
  }

  private taskStates(caseId: string): Exclude<TaskState, { status: 'unassigned' }>[] {
    return this.streamIds('task-')
      .map((id) => this.state<TaskState>(id))
      .filter((t): t is Exclude<TaskState, { status: 'unassigned' }> => t.status !== 'unassigned' && t.caseId === caseId);
  }

  private state<S>(streamId: string): S {
    const aggregate = AGGREGATES.find((a) => streamId.startsWith(a.prefix));
    if (!aggregate) throw new Error(`no aggregate owns ${streamId}`);
    return fold(aggregate.decider, this.recorded.filter((e) => e.streamId === streamId).map(asEvent)) as S;
  }

  private streamIds(prefix: string): string[] {
    return [...new Set(this.recorded.filter((e) => e.streamId.startsWith(prefix)).map((e) => e.streamId))];
  }
}
