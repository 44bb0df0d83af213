import { Controller, Get, Inject, Query, Res, StreamableFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiAnswer, ApiReadHeaders, Roles, schema } from '@whistle/http';
import { QUERY, type QueryDependencies } from '../query.dependencies';
import { ReadSideConsistencyInterceptor } from '../read-side-consistency.interceptor';
import { BULLETIN_WORDS } from './bulletin.names';
import { renderBulletinPage } from './bulletin-page';
import { bulletinTables } from './bulletin-tables';
import { bulletinWorkbook } from './bulletin-workbook';
import { SupervisionQueries } from './supervision-queries';
import { WeeklyBulletinRequest } from './supervision.request.dto';
import { WEEKLY_BULLETIN } from './supervision.answers';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('supervision 监督考核')
@ApiBearerAuth()
@Controller('api/query/bulletins')
@UseInterceptors(ReadSideConsistencyInterceptor)
@ApiReadHeaders()
export class WeeklyBulletinHttpController {
  constructor(
    private readonly queries: SupervisionQueries,
    @Inject(QUERY) private readonly deps: QueryDependencies,
  ) {}

  @Get('weekly')
  @Roles('office', 'auditor')
  @ApiProduces('application/json', 'text/html', XLSX)
  @ApiOperation({
    summary:
      'The weekly bulletin (每周工作信息) of an ISO week (Monday 00:00 Beijing time, seven days): cases by level and status, the three rates, overdue counts and escalations, level-4 cases, joint meetings and their decisions, notices published; as JSON, a printable page or an .xlsx workbook, in Chinese or English',
  })
  @ApiAnswer(WEEKLY_BULLETIN, { description: 'The bulletin: JSON by default, or the page or workbook format asks for', alternatives: { 'text/html': schema.text(), [XLSX]: { type: 'string', format: 'binary' } } })
  async weekly(@Query() query: WeeklyBulletinRequest, @Res({ passthrough: true }) response: Response) {
    const bulletin = await this.queries.weeklyBulletin(query.week);
    const lang = query.lang ?? 'zh-CN';
    if (query.format === undefined || query.format === 'json') return bulletin;
    const tables = bulletinTables(bulletin, lang, this.deps.catalogue);
    if (query.format === 'html') {
      response.type('text/html; charset=utf-8');
      return renderBulletinPage(bulletin, tables, lang);
    }
    const title = `${lang === 'en' ? BULLETIN_WORDS.title.en : BULLETIN_WORDS.title.zh} ${bulletin.week}`;
    return new StreamableFile(await bulletinWorkbook(tables, title, bulletin.generatedAt), { type: XLSX, disposition: `attachment; filename="bulletin-${bulletin.week}.xlsx"` });
  }
}
