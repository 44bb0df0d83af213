import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@whistle/auth';
import type { Name } from '@whistle/contracts';
import { NotFound } from '@whistle/application';
import { assertScope } from '@whistle/http';
import {
  firmCredit,
  getAssessment,
  getFirm,
  getNotice,
  listAssessments,
  listEvaluations,
  listFirms,
  listNotices,
  quarterlyScores,
  weeklyBulletin,
  weightings,
  type AssessmentAnswer,
  type EvaluationAnswer,
  type FirmAnswer,
  type FirmCredit,
  type NoticeAnswer,
  type Page,
  type QuarterlyScores,
  type ScoreGroup,
  type WeeklyBulletin,
  type Weightings,
} from '@whistle/read-models';
import { own } from '../caller-scope';
import { QUERY, type QueryDependencies } from '../query.dependencies';
import type { PageRequest } from '../page.request.dto';
import type { AssessmentListRequest, EvaluationListRequest, QuarterlyScoresRequest } from './supervision.request.dto';

export type QuarterlyScoresResponse = Omit<QuarterlyScores, 'groups'> & { readonly groups: readonly (ScoreGroup & { readonly name: Name | null })[] };

/**
 * Supervision's read side (监督考核): the evaluations, firms, assessments and weightings for the
 * signed-in, each narrowed to the caller's scope as the case lists are; the quarterly scores and
 * the weekly bulletin for the office; the notices and credit records for anyone.
 */
@Injectable()
export class SupervisionQueries {
  constructor(@Inject(QUERY) private readonly deps: QueryDependencies) {}

  /** A station sees the evaluations of its whistles, a unit those of its tasks; asking for another's is refused. */
  evaluations(request: EvaluationListRequest, principal: Principal): Promise<Page<EvaluationAnswer>> {
    const { page = 1, pageSize = 20, ...filter } = request;
    if (principal.role === 'station') {
      if (filter.stationId !== undefined) assertScope(principal, { stationId: filter.stationId });
      return listEvaluations(this.deps.readModels, { ...filter, stationId: own(principal, 'stationId') }, page, pageSize);
    }
    if (principal.role === 'unit') {
      if (filter.unitId !== undefined) assertScope(principal, { unitId: filter.unitId });
      return listEvaluations(this.deps.readModels, { ...filter, unitId: own(principal, 'unitId') }, page, pageSize);
    }
    return listEvaluations(this.deps.readModels, filter, page, pageSize);
  }

  weightings(): Promise<Weightings> {
    return weightings(this.deps.readModels, this.deps.clock.now());
  }

  firms(request: PageRequest): Promise<Page<FirmAnswer>> {
    return listFirms(this.deps.readModels, request.page, request.pageSize);
  }

  async firm(firmId: string): Promise<FirmAnswer> {
    return (await getFirm(this.deps.readModels, firmId)) ?? notFound('firm', firmId);
  }

  /** A station sees the assessments of its communities' compounds. */
  assessments(request: AssessmentListRequest, principal: Principal): Promise<Page<AssessmentAnswer>> {
    const { page = 1, pageSize = 20, ...filter } = request;
    if (principal.role !== 'station') return listAssessments(this.deps.readModels, filter, page, pageSize);
    if (filter.stationId !== undefined) assertScope(principal, { stationId: filter.stationId });
    return listAssessments(this.deps.readModels, { ...filter, stationId: own(principal, 'stationId') }, page, pageSize);
  }

  async assessment(assessmentId: string, principal: Principal): Promise<AssessmentAnswer> {
    const view = (await getAssessment(this.deps.readModels, assessmentId)) ?? notFound('assessment', assessmentId);
    assertScope(principal, { stationId: view.stationId });
    return view;
  }

  async quarterlyScores(request: QuarterlyScoresRequest): Promise<QuarterlyScoresResponse> {
    const scores = await quarterlyScores(this.deps.readModels, request.quarter, request.groupBy);
    const { catalogue } = this.deps;
    const nameOf = (id: string) => catalogue.nameOf(request.groupBy === 'unit' ? 'units' : 'stations', id) ?? null;
    return { ...scores, groups: scores.groups.map((group) => ({ ...group, name: nameOf(group.id) })) };
  }

  weeklyBulletin(week: string): Promise<WeeklyBulletin> {
    return weeklyBulletin(this.deps.readModels, week, this.deps.clock.now());
  }

  notices(request: PageRequest): Promise<Page<NoticeAnswer>> {
    return listNotices(this.deps.readModels, request.page, request.pageSize);
  }

  async notice(publicationId: string): Promise<NoticeAnswer> {
    return (await getNotice(this.deps.readModels, publicationId)) ?? notFound('notice', publicationId);
  }

  async credit(firmId: string): Promise<FirmCredit> {
    return (await firmCredit(this.deps.readModels, firmId)) ?? notFound('firm', firmId);
  }
}

function notFound(resource: string, id: string): never {
  throw new NotFound(resource, id);
}
