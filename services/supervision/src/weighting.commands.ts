import { Inject, Injectable } from '@nestjs/common';
import { ContextCommands, type CommandResponse, WRITER, type WriterDependencies } from '@whistle/application';
import type { Principal } from '@whistle/auth';
import { WEIGHTING_ID } from '@whistle/contracts';
import { supervisionContext, type WeightingCommand } from '@whistle/supervision-domain';
import type { WeightingRequest } from './weighting.request.dto';

const WEIGHTING = supervisionContext.aggregates.weighting;

/** The office's weighting of the quarterly scores and assessments (考核权重), one stream of every setting. */
@Injectable()
export class WeightingCommands extends ContextCommands {
  constructor(@Inject(WRITER) private readonly deps: WriterDependencies) {
    super(deps.runtime, deps.clock);
  }

  async set(body: WeightingRequest, principal: Principal, ifMatch?: number): Promise<CommandResponse & { weightingId: string }> {
    const weightingId = this.deps.ids.next();
    const { unit, station, assessment, lists } = body;
    const response = await this.execute(WEIGHTING, WEIGHTING_ID, principal, ifMatch, (now): WeightingCommand => ({
      type: 'SetWeighting',
      weightingId,
      effectiveFrom: body.effectiveFrom,
      unit: { ...unit },
      station: { ...station },
      assessment: { dimensions: { ...assessment.dimensions }, satisfaction: assessment.satisfaction, minimumResponses: assessment.minimumResponses },
      lists: { ...lists },
      reason: body.reason,
      now,
    }));
    return { ...response, weightingId: this.minted(response, 'weightingId', weightingId) };
  }
}
