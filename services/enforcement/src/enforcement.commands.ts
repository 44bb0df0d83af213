import { Inject, Injectable } from '@nestjs/common';
import { ContextCommands, type CommandResponse, WRITER, type WriterDependencies } from '@whistle/application';
import type { Principal } from '@whistle/auth';
import { assertScope } from '@whistle/http';
import { enforcementContext, type PublicityCommand, type PublicityState, type TaskCommand, type TaskState } from '@whistle/enforcement-domain';
import type { ActionRequest, ActivityRequest, DeclineRequest, OutcomeRequest } from './task-commands.request.dto';

type AssignedTask = Exclude<TaskState, { status: 'unassigned' }>;
type RequestedPublicity = Exclude<PublicityState, { status: 'none' }>;

const { task: TASKS, publicity: PUBLICITY } = enforcementContext.aggregates;

/** Enforcement's commands: a unit works its own task; a station records its level-1 activity. */
@Injectable()
export class EnforcementCommands extends ContextCommands {
  constructor(@Inject(WRITER) private readonly deps: WriterDependencies) {
    super(deps.runtime, deps.clock);
  }
  reportIn(taskId: string, principal: Principal, ifMatch?: number): Promise<CommandResponse> {
    return this.onTask(taskId, principal, ifMatch, (now) => ({ type: 'ReportIn', now }));
  }

  accept(taskId: string, principal: Principal, ifMatch?: number): Promise<CommandResponse> {
    return this.onTask(taskId, principal, ifMatch, (now) => ({ type: 'AcceptTask', now }));
  }

  decline(taskId: string, body: DeclineRequest, principal: Principal, ifMatch?: number): Promise<CommandResponse> {
    return this.onTask(taskId, principal, ifMatch, (now) => ({ type: 'DeclineTask', reason: body.reason, notOurResponsibility: body.notOurResponsibility, now }));
  }

  async recordAction(taskId: string, body: ActionRequest, principal: Principal, ifMatch?: number): Promise<CommandResponse & { actionId: string }> {
    const actionId = this.deps.ids.next();
    const response = await this.onTask(taskId, principal, ifMatch, (now) => ({
      type: 'RecordAction',
      actionId,
      kind: body.kind,
      note: body.note,
      ...(body.deadline === undefined ? {} : { deadline: body.deadline }),
      ...(body.legalBasis === undefined ? {} : { legalBasis: body.legalBasis }),
      ...(body.amount === undefined ? {} : { amount: body.amount }),
      now,
    }));
    return { ...response, actionId: this.minted(response, 'actionId', actionId) };
  }

  recordOutcome(taskId: string, body: OutcomeRequest, principal: Principal, ifMatch?: number): Promise<CommandResponse> {
    return this.onTask(taskId, principal, ifMatch, (now) => ({ type: 'RecordOutcome', result: body.result, note: body.note, now }));
  }

  async recordActivity(caseId: string, body: ActivityRequest, principal: Principal, ifMatch?: number): Promise<CommandResponse & { activityId: string }> {
    // Enforcement learns of a case only when a whistle summons work for it: before a level-1 whistle there is nothing here.
    const state = await this.existing(PUBLICITY, caseId, 'level-1 publicity request (宣传哨) of case', (s: PublicityState): s is RequestedPublicity => s.status !== 'none', { learned: true });
    assertScope(principal, { stationId: state.stationId });
    const activityId = this.deps.ids.next();
    const response = await this.execute(PUBLICITY, caseId, principal, ifMatch, (now): PublicityCommand => ({
      type: 'RecordActivity',
      activityId,
      heldAt: body.heldAt,
      topic: body.topic,
      units: body.units,
      attendance: body.attendance,
      knownUnits: this.deps.catalogue.catalogue.units.map((u) => u.id),
      now,
    }));
    return { ...response, activityId: this.minted(response, 'activityId', activityId) };
  }

  private async onTask(taskId: string, principal: Principal, ifMatch: number | undefined, build: (now: string) => TaskCommand): Promise<CommandResponse> {
    // A task begins when a whistle or a resolution reaches enforcement: just after one it may not exist yet.
    const state = await this.existing(TASKS, taskId, 'task', (s: TaskState): s is AssignedTask => s.status !== 'unassigned', { learned: true });
    assertScope(principal, { unitId: state.unitId });
    return this.execute(TASKS, taskId, principal, ifMatch, build);
  }
}
