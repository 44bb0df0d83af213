import { Controller, Get, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, ApiReadHeaders, Roles, schema } from '@whistle/http';
import { ReadSideConsistencyInterceptor } from './read-side-consistency.interceptor';
import { StatsCasesRequest } from './stats-cases.request.dto';
import { StatsTrendQueries } from './stats-trend-queries';
import { StatsTrendsRequest } from './stats-trends.request.dto';
import { CASE_SUMMARY, TRENDS } from './query.answers';

/** The dashboard's figures over time, added up where the read models are, and the cases behind each figure. */
@ApiTags('query 读侧')
@ApiBearerAuth()
@UseInterceptors(ReadSideConsistencyInterceptor)
@ApiReadHeaders()
@Controller('api/query/stats')
export class StatsTrendsHttpController {
  constructor(private readonly queries: StatsTrendQueries) {}

  @Get('trends')
  @Roles('office', 'auditor')
  @ApiOperation({
    summary: 'The three rates (三率), overdue counts, level raises by cause and open level-4 cases, per unit, station or community, in total and per day, week or month of [from, to)',
  })
  @ApiAnswer(TRENDS, { description: 'The figures per group, in total and per interval' })
  trends(@Query() query: StatsTrendsRequest) {
    return this.queries.trends(query);
  }

  @Get('cases')
  @Roles('office', 'auditor')
  @ApiOperation({ summary: 'The cases behind one figure of the trends, the newest report first, a page at a time' })
  @ApiAnswer(schema.page(CASE_SUMMARY, { figure: schema.text() }), { description: 'A page of the cases behind the figure' })
  cases(@Query() query: StatsCasesRequest) {
    return this.queries.cases(query);
  }
}
