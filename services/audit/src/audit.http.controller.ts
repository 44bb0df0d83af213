import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@whistle/http';
import { AuditQueries } from './audit-queries';
import { DossierRequest, StateAtRequest, VerifyRequest } from './audit.request.dto';

@ApiTags('audit 审计')
@ApiBearerAuth()
@Controller('api/audit')
export class AuditHttpController {
  constructor(private readonly audit: AuditQueries) {}

  @Get('cases/:caseId/history')
  @Roles('auditor', 'office')
  @ApiOperation({ summary: 'Every event of the case across the four services, by record time, with actor, cause and hash' })
  history(@Param('caseId') caseId: string) {
    return this.audit.history(caseId);
  }

  @Get('cases/:caseId/state')
  @Roles('auditor', 'office')
  @ApiOperation({ summary: 'The case as it stood at a moment: the read side’s view and each aggregate, folded from the events recorded by then' })
  state(@Param('caseId') caseId: string, @Query() query: StateAtRequest) {
    return this.audit.stateAt(caseId, query.at);
  }

  @Post('verify')
  @HttpCode(200)
  @Roles('auditor')
  @ApiOperation({ summary: 'Recompute every hash chain (or one case’s) and hold each stream’s head against the audit’s ledger' })
  verify(@Body() body: VerifyRequest) {
    return this.audit.verify(body.caseId);
  }

  @Get('cases/:caseId/dossier')
  @Roles('auditor', 'office')
  @ApiOperation({ summary: 'The whole record for export: view, history, verification and minutes, with a sha256 digest of the body' })
  // The query is validated only: JSON is the one format so far.
  dossier(@Param('caseId') caseId: string, @Query() _query: DossierRequest) {
    return this.audit.dossier(caseId);
  }
}
