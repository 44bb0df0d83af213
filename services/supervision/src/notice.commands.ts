import { Inject, Injectable } from '@nestjs/common';
import { ContextCommands, commandResponse, httpContext, mintedOf, type CommandResponse, WRITER, type WriterDependencies } from '@whistle/application';
import type { Principal } from '@whistle/auth';
import type { NoticePublished } from '@whistle/contracts';
import { completedAssessmentsOf, firmNamesOf, supervisionContext, weightingInForceOf } from '@whistle/supervision-domain';
import type { NoticeRequest } from './notice.request.dto';
import { sha256 } from './questionnaire-token';

const NOTICES = supervisionContext.aggregates.notices;

/** The office's notices (通报) of a quarter's results with the red and black list (红黑榜). */
@Injectable()
export class NoticeCommands extends ContextCommands {
  constructor(@Inject(WRITER) private readonly deps: WriterDependencies) {
    super(deps.runtime, deps.clock);
  }

  /** Answers with the notice's own id and hash, besides its quarter's stream revision and position. */
  async publish(quarter: string, body: NoticeRequest, principal: Principal, ifMatch?: number): Promise<CommandResponse & { contentSha256: string }> {
    // What the notice publishes is what supervision holds once caught up: the quarter's completed assessments as they stand now.
    await this.caughtUp();
    const view = this.runtime.index;
    const assessments = completedAssessmentsOf(view, quarter);
    const { weightingId, lists } = weightingInForceOf(view, quarter);
    const publicationId = this.deps.ids.next();
    const now = this.clock.now();
    const handled = await this.runtime.run(
      NOTICES,
      quarter,
      {
        type: 'PublishNotice',
        publicationId,
        quarter,
        title: body.title,
        summary: body.summary,
        ...(body.corrects === undefined ? {} : { corrects: body.corrects }),
        ...(body.reason === undefined ? {} : { reason: body.reason }),
        assessments,
        firmNames: firmNamesOf(view, [...new Set(assessments.map((a) => a.result.firmId))]),
        weighting: { weightingId, lists },
        hash: sha256,
        now,
      },
      httpContext(principal, now, ifMatch),
    );
    // A new publicationId is never a retry: the notice is recorded, or the domain refused it above.
    const [published] = handled.events;
    if (!published) throw new Error(`notice ${publicationId} of ${quarter} recorded no event`);
    return { ...commandResponse(mintedOf(handled, 'publicationId', publicationId), handled), contentSha256: (published.data as NoticePublished['data']).contentSha256 };
  }
}
