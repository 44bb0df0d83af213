import { Inject, Injectable } from '@nestjs/common';
import { commandResponse, httpContext, type CommandResponse } from '@whistle/application';
import type { Principal } from '@whistle/auth';
import { streams } from '@whistle/contracts';
import { NotFound, assertScope } from '@whistle/http';
import { publicityDecider, taskDecider, type PublicityState, type TaskCommand, type TaskState } from '@whistle/enforcement-domain';
import { ENFORCEMENT, type EnforcementDependencies } from './enforcement.dependencies';
import type { ActionRequest, ActivityRequest, DeclineRequest, OutcomeRequest } from './task-commands.request.dto';

/** Enforcement's commands: a unit works its own task; a station records its level-1 activity. */
@Injectable()
export class EnforcementCommands {
  constructor(@Inject(ENFORCEMENT) private readonly deps: EnforcementDependencies) {}

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
    return { ...response, actionId };
  }

  recordOutcome(taskId: string, body: OutcomeRequest, principal: Principal, ifMatch?: number): Promise<CommandResponse> {
    return this.onTask(taskId, principal, ifMatch, (now) => ({ type: 'RecordOutcome', result: body.result, note: body.note, now }));
  }

  async recordActivity(caseId: string, body: ActivityRequest, principal: Principal, ifMatch?: number): Promise<CommandResponse & { activityId: string }> {
    const { runtime, clock, ids, catalogue } = this.deps;
    await runtime.index.settled();
    const state = runtime.index.get<PublicityState>(streams.publicity(caseId));
    // Enforcement learns of a case only when a whistle summons work for it: before a level-1 whistle there is nothing here.
    if (!state || state.status === 'none') throw new NotFound('level-1 publicity request (宣传哨) of case', caseId);
    assertScope(principal, { stationId: state.stationId });
    const activityId = ids.next();
    const now = clock.now();
    const handled = await runtime.loop.run(
      publicityDecider,
      streams.publicity(caseId),
      {
        type: 'RecordActivity',
        activityId,
        heldAt: body.heldAt,
        topic: body.topic,
        units: body.units,
        attendance: body.attendance,
        knownUnits: catalogue.catalogue.units.map((u) => u.id),
        now,
      },
      httpContext(principal, now, ifMatch),
    );
    return { ...commandResponse(caseId, handled), activityId };
  }

  private async onTask(taskId: string, principal: Principal, ifMatch: number | undefined, build: (now: string) => TaskCommand): Promise<CommandResponse> {
    const { runtime, clock } = this.deps;
    await runtime.index.settled();
    const state = runtime.index.get<TaskState>(streams.task(taskId));
    if (!state || state.status === 'unassigned') throw new NotFound('task', taskId);
    assertScope(principal, { unitId: state.unitId });
    const now = clock.now();
    const handled = await runtime.loop.run(taskDecider, streams.task(taskId), build(now), httpContext(principal, now, ifMatch));
    return commandResponse(taskId, handled);
  }
}
