import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Principal } from '@whistle/auth';
import { ApiAnswer, ApiErrors, CurrentPrincipal, Roles, schema } from '@whistle/http';
import { AuditQueries } from './audit-queries';
import { renderDossierPage } from './dossier-page';
import { AcknowledgeRequest, AuditPageRequest, CheckpointsRequest, ConsistencyRequest, DossierRequest, InclusionRequest, sinceCheckpoints, StateAtRequest, VerifyRequest } from './audit.request.dto';
import { ACKNOWLEDGED, CHECKPOINTS, CONSISTENCY, DOSSIER, FINDINGS, HISTORY, INCLUSION, LATEST_CHECKPOINTS, PUBLIC_KEY, STATE_AT, VERIFICATION } from './audit.answers';

@ApiTags('audit 审计')
@ApiBearerAuth()
@Controller('api/audit')
export class AuditHttpController {
  constructor(private readonly audit: AuditQueries) {}

  @Get('cases/:caseId/history')
  @Roles('auditor', 'office')
  @ApiOperation({ summary: 'Every event of the case across the five writing services, by record time, with actor, cause and hash' })
  @ApiAnswer(HISTORY, { description: 'The case’s events in order' })
  @ApiErrors(404)
  history(@Param('caseId') caseId: string) {
    return this.audit.history(caseId);
  }

  @Get('cases/:caseId/state')
  @Roles('auditor', 'office')
  @ApiOperation({ summary: 'The case as it stood at a moment: the read side’s view and each aggregate, folded from the events recorded by then' })
  @ApiAnswer(STATE_AT, { description: 'The case as it stood then' })
  @ApiErrors(404)
  state(@Param('caseId') caseId: string, @Query() query: StateAtRequest) {
    return this.audit.stateAt(caseId, query.at);
  }

  @Post('verify')
  @HttpCode(200)
  @ApiBody({ type: VerifyRequest, required: false, description: 'left out, every stream is verified' })
  @Roles('auditor')
  @ApiOperation({ summary: 'Recompute every hash chain (or one case’s) and hold each stream’s head against the audit’s ledger' })
  @ApiAnswer(VERIFICATION, { description: 'What was checked and every break found' })
  @ApiErrors(404)
  verify(@Body() body: VerifyRequest) {
    return this.audit.verify(body.caseId);
  }

  @Get('cases/:caseId/dossier')
  @Roles('auditor', 'office')
  @ApiOperation({
    summary:
      'The whole record for export: view, history, verification, minutes and every event with its inclusion proof under a signed checkpoint, with a sha256 digest of the body (format=json, for `npm run verify`); or the printable page (format=html, lang=zh-CN|en). since=<log>@<treeSize>,… holds it to checkpoints you already hold',
  })
  @ApiAnswer(DOSSIER, { description: 'The dossier: JSON, or the printable page with format=html', alternatives: { 'text/html': schema.text() } })
  @ApiErrors(404)
  async dossier(@Param('caseId') caseId: string, @Query() query: DossierRequest, @Res({ passthrough: true }) response: Response) {
    const dossier = await this.audit.dossier(caseId, sinceCheckpoints(query.since));
    if (query.format !== 'html') return dossier;
    response.type('text/html; charset=utf-8');
    return renderDossierPage(dossier, query.lang ?? 'zh-CN');
  }

  @Get('public-key')
  @Roles('auditor', 'office')
  @ApiOperation({ summary: 'The Ed25519 public key that checks the audit’s signed checkpoints, and its fingerprint' })
  @ApiAnswer(PUBLIC_KEY, { description: 'The checkpoints’ public key' })
  publicKey() {
    return this.audit.publicKey();
  }

  @Get('checkpoints')
  @Roles('auditor', 'office')
  @ApiOperation({ summary: 'The signed checkpoints (签名检查点) of each store’s Merkle log, newest first' })
  @ApiAnswer(CHECKPOINTS, { description: 'A page of signed checkpoints' })
  checkpoints(@Query() query: CheckpointsRequest) {
    return this.audit.checkpoints(query.log, query.page ?? 1, query.pageSize ?? 20);
  }

  @Get('checkpoints/latest')
  @Roles('auditor', 'office')
  @ApiOperation({ summary: 'Each log’s latest signed checkpoint (null before its first)' })
  @ApiAnswer(LATEST_CHECKPOINTS, { description: 'Each log’s latest checkpoint' })
  latestCheckpoints() {
    return this.audit.latestCheckpoints();
  }

  @Get('checkpoints/consistency')
  @Roles('auditor', 'office')
  @ApiOperation({ summary: 'The RFC 9162 consistency proof that the later of two signed checkpoints of a log extends the earlier' })
  @ApiAnswer(CONSISTENCY, { description: 'The consistency proof' })
  @ApiErrors(404)
  consistency(@Query() query: ConsistencyRequest) {
    return this.audit.consistency(query.log, query.from, query.to);
  }

  @Get('events/:eventId/proof')
  @Roles('auditor', 'office')
  @ApiOperation({ summary: 'The RFC 9162 inclusion proof of an event in its log, against a signed checkpoint (the latest, signed now if needed, when treeSize is left out)' })
  @ApiAnswer(INCLUSION, { description: 'The inclusion proof' })
  @ApiErrors(404)
  inclusion(@Param('eventId') eventId: string, @Query() query: InclusionRequest) {
    return this.audit.inclusion(eventId, query.treeSize);
  }

  @Get('findings')
  @Roles('auditor', 'office')
  @ApiOperation({ summary: 'What the integrity checks found (完整性发现), newest first, open and acknowledged' })
  @ApiAnswer(FINDINGS, { description: 'A page of findings' })
  findings(@Query() query: AuditPageRequest) {
    return this.audit.findings(query.page ?? 1, query.pageSize ?? 20);
  }

  @Post('findings/acknowledge')
  @HttpCode(200)
  @Roles('auditor')
  @ApiOperation({ summary: 'An auditor acknowledges the open findings with a reason: recorded with who and when; /api/ready is ready again' })
  @ApiAnswer(ACKNOWLEDGED, { description: 'The findings acknowledged now' })
  acknowledge(@Body() body: AcknowledgeRequest, @CurrentPrincipal() principal: Principal) {
    return this.audit.acknowledge(principal.sub, body.reason);
  }
}
