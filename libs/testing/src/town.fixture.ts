import { randomUUID } from 'node:crypto';
import type { Actor, EventEnvelope, ManualClock } from '@whistle/kernel';
import { streams, type ActionKind, type CallbackResult, type Level, type OutcomeResult, type WriteService } from '@whistle/contracts';
import { CatalogueIndex, loadCatalogue } from '@whistle/catalogue';
import type { EventStore } from '@whistle/event-store';
import type { WhistleState } from '@whistle/escalation-domain';
import { isOpenTask, type TaskCommand, type TaskState } from '@whistle/enforcement-domain';
import { adjudicationContext, pendingCasesOf } from '@whistle/adjudication-domain';
import { intakeContext, openCasesOf, type CaseState, type OpenCaseSummary } from '@whistle/intake-domain';
import { CONTEXTS, World } from './world';

export const T0 = '2026-11-21T08:00:00.000Z';
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

const OFFICE: Actor = { id: 'office-clerk', role: 'office' };
const unitActor = (unitId: string): Actor => ({ id: `${unitId}-officer`, role: 'unit', unitId });

/**
 * A town whose five writing services record into the given stores: the in-memory `World` decides
 * and reacts from the five contexts' definitions, and what it records is appended, in order, to
 * the store of the service that wrote it. `recorded` is the order it all happened in: one valid
 * order of delivery on the bus.
 */
export class Town {
  readonly catalogue = new CatalogueIndex(loadCatalogue());
  readonly recorded: EventEnvelope[] = [];
  readonly world: World;
  private whistles = 0;

  constructor(
    readonly stores: Readonly<Record<WriteService, EventStore>>,
    readonly clock: ManualClock,
  ) {
    this.world = new World(this.catalogue.catalogue, clock, CONTEXTS);
  }

  get now(): string {
    return this.clock.now();
  }

  advance(ms: number): void {
    this.clock.advance(ms);
  }

  /** A report that intake checks against no open case: never taken for a duplicate. */
  async report(caseId: string, compoundId: string, category: string, reporter?: { keyId: string; ciphertext: string }): Promise<this> {
    return this.reportCase(caseId, compoundId, category, reporter, []);
  }

  /**
   * Another report of the compound and category of `originalId`, checked against the open cases
   * of that compound and category by intake's own look-up: while that case is open, it is linked as its probable duplicate.
   */
  async reportAgain(caseId: string, originalId: string): Promise<this> {
    const original = this.state<CaseState>(streams.case(originalId));
    if (original.status === 'none') throw new Error(`case ${originalId} was not reported`);
    return this.reportCase(caseId, original.compoundId, original.category, undefined, openCasesOf(this.world.view(intakeContext), original.compoundId, original.category));
  }

  private async reportCase(
    caseId: string,
    compoundId: string,
    category: string,
    reporter: { keyId: string; ciphertext: string } | undefined,
    openCases: readonly OpenCaseSummary[],
  ): Promise<this> {
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
      openCases,
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
      deadlines: this.world.deadlines,
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
    await this.command(streams.case(caseId), OFFICE, { type: 'RecordCallback', result, reopenWindow: this.catalogue.deadlines.reopenWindow, calendar: this.world.calendar, now: this.now });
    return this;
  }

  /** Every deadline of the case that is due now comes due, as the services' schedulers would say. */
  async fireDueDeadlines(caseId: string): Promise<this> {
    await this.fireDue(caseId);
    return this;
  }

  /** 联席会议 in an hour, with every case awaiting tabling on its agenda (adjudication's own look-up). */
  async scheduleMeeting(meetingId: string, invitedUnits: readonly string[]): Promise<this> {
    const pendingCases = pendingCasesOf(this.world.view(adjudicationContext), this.catalogue.catalogue);
    await this.command(streams.meeting(meetingId), OFFICE, {
      type: 'ScheduleMeeting',
      meetingId,
      scheduledAt: new Date(Date.parse(this.now) + HOUR).toISOString(),
      place: '镇综治中心会议室',
      invitedUnits,
      pendingCases,
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
      calendar: this.world.calendar,
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

  /** Runs the command in the world, with every reaction, then records what it recorded in the services' stores. */
  private async command(streamId: string, actor: Actor, command: unknown): Promise<void> {
    const from = this.world.recorded.length;
    this.world.run(streamId, command, actor);
    await this.record(from);
  }

  /** Appends what the world recorded since `from` to each writing service's store, batch by batch. */
  private async record(from: number): Promise<void> {
    const fresh = this.world.recorded.slice(from);
    for (let i = 0; i < fresh.length; ) {
      const first = fresh[i]!;
      let j = i + 1;
      while (j < fresh.length && fresh[j]!.batch === first.batch) j += 1;
      const batch = fresh.slice(i, j).map(({ service: _s, streamId: _id, event: _e, batch: _b, ...toAppend }) => toAppend);
      const head = this.recorded.filter((e) => e.streamId === first.streamId).at(-1);
      const { events } = await this.stores[first.service].append(first.streamId, batch, head?.revision ?? 'no_stream');
      this.recorded.push(...events);
      i = j;
    }
  }

  private async fireDue(caseId: string): Promise<void> {
    const from = this.world.recorded.length;
    this.world.fireDueDeadlines(caseId);
    await this.record(from);
  }

  private taskStates(caseId: string): Exclude<TaskState, { status: 'unassigned' }>[] {
    return this.world
      .streamIds(streams.task)
      .map((id) => this.state<TaskState>(id))
      .filter((t): t is Exclude<TaskState, { status: 'unassigned' }> => t.status !== 'unassigned' && t.caseId === caseId);
  }

  private state<S>(streamId: string): S {
    return this.world.state<S>(streamId);
  }
}
