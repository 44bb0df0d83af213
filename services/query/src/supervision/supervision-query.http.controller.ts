import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PRINCIPAL_ROLES, type Principal } from '@whistle/auth';
import { ApiAnswer, ApiErrors, ApiReadHeaders, CurrentPrincipal, Roles, schema } from '@whistle/http';
import { PageRequest } from '../page.request.dto';
import { ReadSideConsistencyInterceptor } from '../read-side-consistency.interceptor';
import { SupervisionQueries } from './supervision-queries';
import { AssessmentListRequest, EvaluationListRequest, QuarterlyScoresRequest } from './supervision.request.dto';
import { ASSESSMENT, EVALUATION, FIRM, QUARTERLY_SCORES, WEIGHTINGS } from './supervision.answers';

/** Supervision's read side (监督考核) for the signed-in: evaluations, weightings, firms, assessments and the quarterly scores. */
@ApiTags('supervision 监督考核')
@ApiBearerAuth()
@Controller('api/query')
@UseInterceptors(ReadSideConsistencyInterceptor)
@ApiReadHeaders()
export class SupervisionQueryHttpController {
  constructor(private readonly queries: SupervisionQueries) {}

  @Get('evaluations')
  @Roles('station', 'unit', 'office', 'auditor')
  @ApiOperation({ summary: 'The two-way evaluations (双向交叉考核) of ended tasks, the latest ended first: a station sees its whistles’, a unit its tasks’' })
  @ApiAnswer(schema.page(EVALUATION), { description: 'A page of evaluations' })
  evaluations(@Query() query: EvaluationListRequest, @CurrentPrincipal() principal: Principal) {
    return this.queries.evaluations(query, principal);
  }

  @Get('weightings')
  @Roles(...PRINCIPAL_ROLES)
  @ApiOperation({ summary: 'The weighting (考核权重) in force for the current quarter, and every weighting the office set' })
  @ApiAnswer(WEIGHTINGS, { description: 'The weightings' })
  weightings() {
    return this.queries.weightings();
  }

  @Get('firms')
  @Roles('office', 'station', 'auditor', 'admin')
  @ApiOperation({ summary: 'The registered property firms (物业服务企业) by name, a page at a time' })
  @ApiAnswer(schema.page(FIRM), { description: 'A page of firms' })
  firms(@Query() query: PageRequest) {
    return this.queries.firms(query);
  }

  @Get('firms/:firmId')
  @Roles('office', 'station', 'auditor', 'admin')
  @ApiOperation({ summary: 'A property firm with its compounds, contact, changes and credit record (信用记录)' })
  @ApiAnswer(FIRM, { description: 'The firm' })
  @ApiErrors(404)
  firm(@Param('firmId') firmId: string) {
    return this.queries.firm(firmId);
  }

  @Get('assessments')
  @Roles('office', 'station', 'auditor')
  @ApiOperation({ summary: 'Quarterly property-service assessments (物业服务测评), the latest quarter first: a station sees its communities’' })
  @ApiAnswer(schema.page(ASSESSMENT), { description: 'A page of assessments' })
  assessments(@Query() query: AssessmentListRequest, @CurrentPrincipal() principal: Principal) {
    return this.queries.assessments(query, principal);
  }

  @Get('assessments/:assessmentId')
  @Roles('office', 'station', 'auditor')
  @ApiOperation({ summary: 'One assessment: its dimensions, findings, residents’ satisfaction, questionnaires, open days, visits and result' })
  @ApiAnswer(ASSESSMENT, { description: 'The assessment' })
  @ApiErrors(404)
  assessment(@Param('assessmentId') assessmentId: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.assessment(assessmentId, principal);
  }

  @Get('quarterly-scores')
  @Roles('office', 'auditor')
  @ApiOperation({
    summary:
      'The quarterly scores (季度考核) of the units or stations, ranked: the three rates, overdue counts and decline escalations as GET /api/query/stats gives them for the quarter, the two-way rating, the weighting in force and the penalties, each figure with the cases, tasks and evaluations behind it',
  })
  @ApiAnswer(QUARTERLY_SCORES, { description: 'The ranked scores' })
  quarterlyScores(@Query() query: QuarterlyScoresRequest) {
    return this.queries.quarterlyScores(query);
  }
}
