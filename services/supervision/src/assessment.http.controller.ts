import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@whistle/auth';
import { ApiCommandAnswer, ApiCommandHeaders, ApiErrors, CurrentPrincipal, IfMatch, Roles, schema } from '@whistle/http';
import { AssessmentCommands } from './assessment.commands';
import {
  DimensionScoreRequest,
  FindingRequest,
  OpenAssessmentRequest,
  OpenDayRequest,
  QuestionnaireRequest,
  RectificationRequest,
  SatisfactionRequest,
  VisitRequest,
} from './assessment-commands.request.dto';

/** 物业服务测评: the office, or the station of the compound's community (checked per assessment). */
@ApiTags('supervision 监督考核')
@ApiBearerAuth()
@Roles('office', 'station')
@Controller('api/supervision/assessments')
export class AssessmentHttpController {
  constructor(private readonly commands: AssessmentCommands) {}

  @Post()
  @ApiOperation({ summary: 'Open the quarter’s assessment of a firm in a compound it serves; the id is `<quarter>.<firmId>.<compoundId>`' })
  @ApiCommandHeaders({ ifMatch: false })
  @ApiCommandAnswer()
  @ApiErrors(409)
  open(@Body() body: OpenAssessmentRequest, @CurrentPrincipal() principal: Principal) {
    return this.commands.open(body, principal);
  }

  @Post(':id/scores')
  @HttpCode(200)
  @ApiOperation({ summary: 'Score one of the eight dimensions, 0–100, saying how (查阅资料, 现场督查, 日常检查); a later score replaces it' })
  @ApiCommandHeaders()
  @ApiCommandAnswer()
  @ApiErrors(404, 409)
  score(@Param('id') id: string, @Body() body: DimensionScoreRequest, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.score(id, body, principal, ifMatch);
  }

  @Post(':id/findings')
  @HttpCode(200)
  @ApiOperation({ summary: 'List a problem found (问题清单), to be rectified by a date' })
  @ApiCommandHeaders()
  @ApiCommandAnswer({ findingId: schema.text() })
  @ApiErrors(404, 409)
  finding(@Param('id') id: string, @Body() body: FindingRequest, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.recordFinding(id, body, principal, ifMatch);
  }

  @Post(':id/findings/:findingId/rectified')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close a finding as rectified and verified (销号), also after the assessment completed' })
  @ApiCommandHeaders()
  @ApiCommandAnswer()
  @ApiErrors(404, 409)
  rectified(@Param('id') id: string, @Param('findingId') findingId: string, @Body() body: RectificationRequest, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.rectify(id, findingId, body, principal, ifMatch);
  }

  @Post(':id/satisfaction')
  @HttpCode(200)
  @ApiOperation({ summary: 'Enter a batch of residents’ satisfaction scores (1 to 100 scores, each 0–100, anonymous)' })
  @ApiCommandHeaders()
  @ApiCommandAnswer({ entryId: schema.text() })
  @ApiErrors(404, 409)
  satisfaction(@Param('id') id: string, @Body() body: SatisfactionRequest, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.recordSatisfaction(id, body, principal, ifMatch);
  }

  @Post(':id/questionnaires')
  @HttpCode(200)
  @ApiOperation({ summary: 'Issue a public questionnaire link for the compound’s residents; its token is given once here, and only its hash is recorded' })
  @ApiCommandHeaders()
  @ApiCommandAnswer({ questionnaireId: schema.text(), token: schema.text('the link’s token, given only here'), path: schema.text('the public path of the link') })
  @ApiErrors(404, 409)
  questionnaire(@Param('id') id: string, @Body() body: QuestionnaireRequest, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.issueQuestionnaire(id, body, principal, ifMatch);
  }

  @Post(':id/open-days')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log an open day (物业开放日) held in the assessment’s quarter' })
  @ApiCommandHeaders()
  @ApiCommandAnswer({ logId: schema.text() })
  @ApiErrors(404, 409)
  openDay(@Param('id') id: string, @Body() body: OpenDayRequest, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.logOpenDay(id, body, principal, ifMatch);
  }

  @Post(':id/visits')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log door-to-door visits (入户走访) made in the assessment’s quarter' })
  @ApiCommandHeaders()
  @ApiCommandAnswer({ logId: schema.text() })
  @ApiErrors(404, 409)
  visit(@Param('id') id: string, @Body() body: VisitRequest, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.logVisit(id, body, principal, ifMatch);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete the assessment: every dimension scored and enough residents’ scores; its total and grade under the quarter’s weighting' })
  @ApiCommandHeaders()
  @ApiCommandAnswer()
  @ApiErrors(404, 409)
  complete(@Param('id') id: string, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.complete(id, principal, ifMatch);
  }
}
