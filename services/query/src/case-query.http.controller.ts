import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PRINCIPAL_ROLES, type Principal } from '@whistle/auth';
import { ApiAnswer, ApiErrors, ApiReadHeaders, CurrentPrincipal, Roles, schema } from '@whistle/http';
import { CaseListRequest } from './case-list.request.dto';
import { CaseQueries } from './case-queries';
import { ReadSideConsistencyInterceptor } from './read-side-consistency.interceptor';
import { StatsRequest } from './stats.request.dto';
import { CASE_DETAIL, CASE_SUMMARY, STATS } from './query.answers';

@ApiTags('query 读侧')
@ApiBearerAuth()
@Controller('api/query')
@UseInterceptors(ReadSideConsistencyInterceptor)
@ApiReadHeaders()
export class CaseQueryHttpController {
  constructor(private readonly queries: CaseQueries) {}

  @Get('cases')
  @Roles(...PRINCIPAL_ROLES)
  @ApiOperation({ summary: 'Cases, the newest report first: a reporter sees its compound’s, a station its own, a unit those it is involved in' })
  @ApiAnswer(schema.page(CASE_SUMMARY), { description: 'A page of cases' })
  list(@Query() query: CaseListRequest, @CurrentPrincipal() principal: Principal) {
    return this.queries.list(query, principal);
  }

  @Get('cases/:caseId')
  @Roles(...PRINCIPAL_ROLES)
  @ApiOperation({ summary: 'One case: status, level, units, tasks, deadlines, meeting, outcome, with the catalogue’s names' })
  @ApiAnswer(CASE_DETAIL, { description: 'The case' })
  @ApiErrors(404)
  one(@Param('caseId') caseId: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.one(caseId, principal);
  }

  @Get('stats')
  @Roles('office', 'auditor')
  @ApiOperation({ summary: 'The three rates (三率), overdue counts and averages per unit, station or community over [from, to)' })
  @ApiAnswer(STATS, { description: 'The figures per group' })
  stats(@Query() query: StatsRequest) {
    return this.queries.stats(query);
  }
}
