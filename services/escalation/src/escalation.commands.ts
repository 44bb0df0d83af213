import { Inject, Injectable } from '@nestjs/common';
import { commandResponse, httpContext, type CommandResponse } from '@whistle/application';
import type { Principal } from '@whistle/auth';
import { streams } from '@whistle/contracts';
import { NotFound, assertScope } from '@whistle/http';
import { whistleWorkflow, type WhistleInput, type WhistleState } from '@whistle/escalation-domain';
import { ESCALATION, type EscalationDependencies } from './escalation.dependencies';
import type { LevelRequest, WhistleRequest } from './whistle-commands.request.dto';

/** Escalation's commands: the station's whistle and level changes by the station or the office. */
@Injectable()
export class EscalationCommands {
  constructor(@Inject(ESCALATION) private readonly deps: EscalationDependencies) {}

  async whistle(caseId: string, body: WhistleRequest, principal: Principal, ifMatch?: number): Promise<CommandResponse & { whistleId: string }> {
    const whistleId = this.deps.ids.next();
    const response = await this.run(caseId, principal, ifMatch, (now) => ({
      type: 'BlowWhistle',
      whistleId,
      level: body.level,
      ...(body.units === undefined ? {} : { units: body.units }),
      ...(body.reason === undefined ? {} : { reason: body.reason }),
      knownUnits: this.deps.catalogue.catalogue.units.map((u) => u.id),
      deadlines: this.deps.catalogue.deadlines,
      now,
    }));
    return { ...response, whistleId };
  }

  async changeLevel(caseId: string, body: LevelRequest, principal: Principal, ifMatch?: number): Promise<CommandResponse> {
    return this.run(caseId, principal, ifMatch, (now) => ({
      type: 'ChangeLevel',
      level: body.level,
      reason: body.reason,
      by: principal.role === 'office' ? 'office' : 'station',
      deadlines: this.deps.catalogue.deadlines,
      now,
    }));
  }

  private async run(caseId: string, principal: Principal, ifMatch: number | undefined, build: (now: string) => WhistleInput): Promise<CommandResponse> {
    const { runtime, clock } = this.deps;
    await runtime.index.settled();
    const state = runtime.index.get<WhistleState>(streams.whistle(caseId));
    if (!state || state.status === 'none') throw new NotFound('case', caseId);
    assertScope(principal, { stationId: state.stationId });
    const now = clock.now();
    const handled = await runtime.loop.run(whistleWorkflow, streams.whistle(caseId), build(now), httpContext(principal, now, ifMatch));
    return commandResponse(caseId, handled);
  }
}
