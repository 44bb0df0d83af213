import { Inject, Injectable } from '@nestjs/common';
import { ContextCommands, NotFound, WRITER, type WriterDependencies } from '@whistle/application';
import type { Principal } from '@whistle/auth';
import type { Name } from '@whistle/contracts';
import { assessmentByToken, firmNameOf, questionnaireStatus, supervisionContext, type AssessmentCommand, type OpenedAssessment, type Questionnaire } from '@whistle/supervision-domain';
import { tokenSha256Of } from './questionnaire-token';

const ASSESSMENTS = supervisionContext.aggregates.assessment;

/** What a resident sees on opening a questionnaire link: whose service is rated where, and whether it still takes answers. */
export interface QuestionnaireView {
  readonly assessmentId: string;
  readonly quarter: string;
  readonly firmName: string;
  readonly compoundId: string;
  readonly compoundName: Name;
  readonly open: boolean;
  /** why not, when it is not open */
  readonly status: ReturnType<typeof questionnaireStatus>;
  readonly responses: number;
  readonly maxResponses: number;
  readonly expiresAt: string;
}

/**
 * The public questionnaire (满意度问卷): anyone holding a link may read it and answer it once per
 * request, without signing in. The link's token is the only key; the record knows it by its hash.
 */
@Injectable()
export class QuestionnaireCommands extends ContextCommands {
  constructor(@Inject(WRITER) private readonly deps: WriterDependencies) {
    super(deps.runtime, deps.clock);
  }

  async read(token: string): Promise<QuestionnaireView> {
    const { assessment, questionnaire } = await this.find(token);
    const status = questionnaireStatus(assessment, questionnaire, this.clock.now());
    return {
      assessmentId: assessment.assessmentId,
      quarter: assessment.quarter,
      firmName: firmNameOf(this.runtime.index, assessment.firmId) ?? assessment.firmId,
      compoundId: assessment.compoundId,
      compoundName: this.deps.catalogue.nameOf('compounds', assessment.compoundId) ?? { zh: assessment.compoundId, en: assessment.compoundId },
      open: status === 'open',
      status,
      responses: questionnaire.responses,
      maxResponses: questionnaire.maxResponses,
      expiresAt: questionnaire.expiresAt,
    };
  }

  async answer(token: string, score: number): Promise<{ recorded: true }> {
    const { assessment, questionnaire } = await this.find(token);
    // The resident stays anonymous: the record names the link answered, as a resident of its compound.
    const resident: Principal = { sub: `questionnaire:${questionnaire.questionnaireId}`, role: 'reporter', compoundId: assessment.compoundId };
    const entryId = this.deps.ids.next();
    await this.execute(ASSESSMENTS, assessment.assessmentId, resident, undefined, (now): AssessmentCommand => ({ type: 'AnswerQuestionnaire', entryId, tokenSha256: questionnaire.tokenSha256, score, now }));
    return { recorded: true };
  }

  /** An unknown or malformed link is simply not found: the answer never says more about a token than that. */
  private async find(token: string): Promise<{ assessment: OpenedAssessment; questionnaire: Questionnaire }> {
    await this.caughtUp();
    const tokenSha256 = tokenSha256Of(token);
    const assessment = assessmentByToken(this.runtime.index, tokenSha256);
    const questionnaire = assessment?.questionnaires.find((q) => q.tokenSha256 === tokenSha256);
    if (!assessment || !questionnaire) throw new NotFound('questionnaire', 'of this link');
    return { assessment, questionnaire };
  }
}
