import { Inject, Injectable } from '@nestjs/common';
import { ContextCommands, type CommandResponse, WRITER, type WriterDependencies } from '@whistle/application';
import type { Principal } from '@whistle/auth';
import { assertScope } from '@whistle/http';
import { supervisionContext, type EvaluationCommand, type EvaluationState } from '@whistle/supervision-domain';
import { amendmentOf, type UnitRatingRequest, type WhistleRatingRequest } from './evaluation-commands.request.dto';

type OpenEvaluation = Exclude<EvaluationState, { status: 'none' }>;

const EVALUATIONS = supervisionContext.aggregates.evaluation;

/** The two-way evaluation (双向交叉考核) of an ended task: the station rates the unit, the unit the whistle. */
@Injectable()
export class EvaluationCommands extends ContextCommands {
  constructor(@Inject(WRITER) private readonly deps: WriterDependencies) {
    super(deps.runtime, deps.clock);
  }

  rateUnit(taskId: string, body: UnitRatingRequest, principal: Principal, ifMatch?: number): Promise<CommandResponse & { ratingId: string }> {
    return this.rate(taskId, principal, ifMatch, (evaluation) => assertScope(principal, { stationId: evaluation.stationId }), (ratingId, now) => ({
      type: 'RateUnitResponse',
      ratingId,
      timeliness: body.timeliness,
      effectiveness: body.effectiveness,
      cooperation: body.cooperation,
      comment: body.comment,
      ...amendmentOf(body),
      now,
    }));
  }

  rateWhistle(taskId: string, body: WhistleRatingRequest, principal: Principal, ifMatch?: number): Promise<CommandResponse & { ratingId: string }> {
    return this.rate(taskId, principal, ifMatch, (evaluation) => assertScope(principal, { unitId: evaluation.unitId }), (ratingId, now) => ({
      type: 'RateWhistle',
      ratingId,
      justified: body.justified,
      informationAccurate: body.informationAccurate,
      comment: body.comment,
      ...amendmentOf(body),
      now,
    }));
  }

  private async rate(
    taskId: string,
    principal: Principal,
    ifMatch: number | undefined,
    inScope: (evaluation: OpenEvaluation) => void,
    build: (ratingId: string, now: string) => EvaluationCommand,
  ): Promise<CommandResponse & { ratingId: string }> {
    // An evaluation opens when escalation's note of the task's end arrives: just after it, it may still be on its way.
    const evaluation = await this.existing(EVALUATIONS, taskId, 'evaluation of task', (s: EvaluationState): s is OpenEvaluation => s.status !== 'none', { learned: true });
    inScope(evaluation);
    const ratingId = this.deps.ids.next();
    const response = await this.execute(EVALUATIONS, taskId, principal, ifMatch, (now) => build(ratingId, now));
    return { ...response, ratingId: this.minted(response, 'ratingId', ratingId) };
  }
}
