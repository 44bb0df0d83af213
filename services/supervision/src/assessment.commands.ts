import { Inject, Injectable } from '@nestjs/common';
import { ContextCommands, type CommandResponse, WRITER, type WriterDependencies } from '@whistle/application';
import type { Principal } from '@whistle/auth';
import { assessmentIdFor } from '@whistle/contracts';
import { assertScope } from '@whistle/http';
import { CommandRefused } from '@whistle/kernel';
import { firmOf, supervisionContext, weightingInForceOf, type AssessmentCommand, type AssessmentState, type OpenedAssessment } from '@whistle/supervision-domain';
import type {
  DimensionScoreRequest,
  FindingRequest,
  OpenAssessmentRequest,
  OpenDayRequest,
  QuestionnaireRequest,
  RectificationRequest,
  SatisfactionRequest,
  VisitRequest,
} from './assessment-commands.request.dto';
import { newQuestionnaireToken } from './questionnaire-token';

const ASSESSMENTS = supervisionContext.aggregates.assessment;

/**
 * The quarterly assessment of a property firm in one compound (物业服务测评), worked by the office
 * or by the station of the compound's community.
 */
@Injectable()
export class AssessmentCommands extends ContextCommands {
  constructor(@Inject(WRITER) private readonly deps: WriterDependencies) {
    super(deps.runtime, deps.clock);
  }

  async open(body: OpenAssessmentRequest, principal: Principal): Promise<CommandResponse> {
    const placement = this.deps.catalogue.compound(body.compoundId);
    // An unknown compound is bad input whoever asks (400 from the domain); a known one belongs to its community's station.
    if (placement) assertScope(principal, { stationId: placement.station.id });
    await this.caughtUp();
    const assessmentId = assessmentIdFor(body.quarter, body.firmId, body.compoundId);
    return this.execute(ASSESSMENTS, assessmentId, principal, undefined, (now): AssessmentCommand => ({
      type: 'OpenAssessment',
      quarter: body.quarter,
      firmId: body.firmId,
      compoundId: body.compoundId,
      compound: placement ? { communityId: placement.community.id, stationId: placement.station.id } : null,
      firmCompounds: firmOf(this.runtime.index, body.firmId)?.compoundIds ?? null,
      now,
    }));
  }

  score(id: string, body: DimensionScoreRequest, principal: Principal, ifMatch?: number): Promise<CommandResponse> {
    return this.run(id, principal, ifMatch, (now) => ({ type: 'ScoreDimension', dimension: body.dimension, score: body.score, method: body.method, note: body.note, now }));
  }

  async recordFinding(id: string, body: FindingRequest, principal: Principal, ifMatch?: number): Promise<CommandResponse & { findingId: string }> {
    const findingId = this.deps.ids.next();
    const response = await this.run(id, principal, ifMatch, (now) => ({ type: 'RecordFinding', findingId, dimension: body.dimension, description: body.description, rectifyBy: body.rectifyBy, now }));
    return { ...response, findingId: this.minted(response, 'findingId', findingId) };
  }

  rectify(id: string, findingId: string, body: RectificationRequest, principal: Principal, ifMatch?: number): Promise<CommandResponse> {
    return this.run(id, principal, ifMatch, (now) => ({ type: 'RectifyFinding', findingId, note: body.note, now }));
  }

  async recordSatisfaction(id: string, body: SatisfactionRequest, principal: Principal, ifMatch?: number): Promise<CommandResponse & { entryId: string }> {
    const entryId = this.deps.ids.next();
    const response = await this.run(id, principal, ifMatch, (now) => ({ type: 'RecordSatisfaction', entryId, scores: body.scores, now }));
    return { ...response, entryId: this.minted(response, 'entryId', entryId) };
  }

  /** The token goes to the caller once, in the link; the record keeps only its hash, so the link cannot be read back from the events. */
  async issueQuestionnaire(id: string, body: QuestionnaireRequest, principal: Principal, ifMatch?: number): Promise<CommandResponse & { questionnaireId: string; token: string; path: string }> {
    const questionnaireId = this.deps.ids.next();
    const { token, tokenSha256 } = newQuestionnaireToken();
    const response = await this.run(id, principal, ifMatch, (now) => ({
      type: 'IssueQuestionnaire',
      questionnaireId,
      tokenSha256,
      ...(body.expiresAt === undefined ? {} : { expiresAt: body.expiresAt }),
      ...(body.maxResponses === undefined ? {} : { maxResponses: body.maxResponses }),
      now,
    }));
    const issued = this.minted(response, 'questionnaireId', questionnaireId);
    // The first attempt's answer was lost and only its token's hash is kept: this attempt's token would open nothing.
    if (issued !== questionnaireId) {
      throw new CommandRefused('questionnaire_link_not_kept', `questionnaire ${issued} was issued under this Idempotency-Key, but its link is given once and not kept: issue another`);
    }
    return { ...response, questionnaireId, token, path: `/q/${token}` };
  }

  async logOpenDay(id: string, body: OpenDayRequest, principal: Principal, ifMatch?: number): Promise<CommandResponse & { logId: string }> {
    const logId = this.deps.ids.next();
    const response = await this.run(id, principal, ifMatch, (now) => ({ type: 'LogOpenDay', logId, heldAt: body.heldAt, attendance: body.attendance, note: body.note, now }));
    return { ...response, logId: this.minted(response, 'logId', logId) };
  }

  async logVisit(id: string, body: VisitRequest, principal: Principal, ifMatch?: number): Promise<CommandResponse & { logId: string }> {
    const logId = this.deps.ids.next();
    const response = await this.run(id, principal, ifMatch, (now) => ({ type: 'LogVisit', logId, visitedAt: body.visitedAt, households: body.households, note: body.note, now }));
    return { ...response, logId: this.minted(response, 'logId', logId) };
  }

  async complete(id: string, principal: Principal, ifMatch?: number): Promise<CommandResponse> {
    const assessment = await this.existingAssessment(id, principal);
    // Under the weighting in force for the assessment's quarter, as the office set it by now.
    const { weightingId, assessment: weights } = weightingInForceOf(this.runtime.index, assessment.quarter);
    return this.execute(ASSESSMENTS, id, principal, ifMatch, (now): AssessmentCommand => ({ type: 'CompleteAssessment', weighting: { weightingId, assessment: weights }, now }));
  }

  private async run(id: string, principal: Principal, ifMatch: number | undefined, build: (now: string) => AssessmentCommand): Promise<CommandResponse> {
    await this.existingAssessment(id, principal);
    return this.execute(ASSESSMENTS, id, principal, ifMatch, build);
  }

  private async existingAssessment(id: string, principal: Principal): Promise<OpenedAssessment> {
    const assessment = await this.existing(ASSESSMENTS, id, 'assessment', (s: AssessmentState): s is OpenedAssessment => s.status !== 'none');
    assertScope(principal, { stationId: assessment.stationId });
    return assessment;
  }
}
