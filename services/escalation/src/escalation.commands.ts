import { Inject, Injectable } from '@nestjs/common';
import { ContextCommands, type CommandResponse, WRITER, type WriterDependencies } from '@whistle/application';
import type { Principal } from '@whistle/auth';
import { assertScope } from '@whistle/http';
import { escalationContext, escalationDeadlinesOf, type WhistleInput, type WhistleState } from '@whistle/escalation-domain';
import type { LevelRequest, WhistleRequest } from './whistle-commands.request.dto';

type RoutedCase = Exclude<WhistleState, { status: 'none' }>;

const WHISTLES = escalationContext.aggregates.whistle;

/** Escalation's commands: the station's whistle and level changes by the station or the office. */
@Injectable()
export class EscalationCommands extends ContextCommands {
  constructor(@Inject(WRITER) private readonly deps: WriterDependencies) {
    super(deps.runtime, deps.clock);
  }

  async whistle(caseId: string, body: WhistleRequest, principal: Principal, ifMatch?: number): Promise<CommandResponse & { whistleId: string }> {
    const whistleId = this.deps.ids.next();
    const response = await this.run(caseId, principal, ifMatch, (now) => ({
      type: 'BlowWhistle',
      whistleId,
      level: body.level,
      ...(body.units === undefined ? {} : { units: body.units }),
      ...(body.reason === undefined ? {} : { reason: body.reason }),
      knownUnits: this.deps.catalogue.catalogue.units.map((u) => u.id),
      deadlines: escalationDeadlinesOf(this.deps.catalogue.catalogue, this.deps.calendar),
      now,
    }));
    return { ...response, whistleId: this.minted(response, 'whistleId', whistleId) };
  }

  async changeLevel(caseId: string, body: LevelRequest, principal: Principal, ifMatch?: number): Promise<CommandResponse> {
    return this.run(caseId, principal, ifMatch, (now) => ({
      type: 'ChangeLevel',
      level: body.level,
      reason: body.reason,
      by: principal.role === 'office' ? 'office' : 'station',
      deadlines: escalationDeadlinesOf(this.deps.catalogue.catalogue, this.deps.calendar),
      now,
    }));
  }

  private async run(caseId: string, principal: Principal, ifMatch: number | undefined, build: (now: string) => WhistleInput): Promise<CommandResponse> {
    // Escalation hears of a case when intake routes it: just after a report it may not have yet.
    const state = await this.existing(WHISTLES, caseId, 'case', (s: WhistleState): s is RoutedCase => s.status !== 'none', { learned: true });
    assertScope(principal, { stationId: state.stationId });
    return this.execute(WHISTLES, caseId, principal, ifMatch, build);
  }
}
