import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@whistle/auth';
import { ApiCommandAnswer, ApiCommandHeaders, ApiErrors, CurrentPrincipal, IfMatch, Roles, schema } from '@whistle/http';
import { CallbackRequest, LinkDuplicateRequest, MergeCaseRequest, ReasonRequest, RejectCaseRequest, ReportCaseRequest } from './case-commands.request.dto';
import { IntakeCommands } from './intake.commands';

@ApiTags('intake 受理')
@ApiBearerAuth()
@Controller('api/intake/cases')
export class IntakeHttpController {
  constructor(private readonly commands: IntakeCommands) {}

  @Post()
  @Roles('reporter', 'station', 'office')
  @ApiOperation({ summary: 'Report a case (受理): linked to a probable duplicate or routed to the compound’s station' })
  @ApiCommandHeaders({ ifMatch: false })
  @ApiCommandAnswer({}, { duplicateOf: schema.text('the case this report probably repeats: it was linked to it instead of routed') })
  @ApiErrors(409)
  report(@Body() body: ReportCaseRequest, @CurrentPrincipal() principal: Principal) {
    return this.commands.report(body, principal);
  }

  @Post(':caseId/withdraw')
  @HttpCode(200)
  @Roles('reporter', 'station')
  @ApiOperation({ summary: 'Withdraw a case, with a reason' })
  @ApiCommandHeaders()
  @ApiCommandAnswer()
  @ApiErrors(404, 409)
  withdraw(@Param('caseId') caseId: string, @Body() body: ReasonRequest, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.withdraw(caseId, body.reason, principal, ifMatch);
  }

  @Post(':caseId/reject')
  @HttpCode(200)
  @Roles('station', 'office')
  @ApiOperation({ summary: 'Reject a case at triage with a code (out_of_scope, not_actionable, insufficient_information) and a reason' })
  @ApiCommandHeaders()
  @ApiCommandAnswer()
  @ApiErrors(404, 409)
  reject(@Param('caseId') caseId: string, @Body() body: RejectCaseRequest, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.reject(caseId, body, principal, ifMatch);
  }

  @Post(':caseId/not-duplicate')
  @HttpCode(200)
  @Roles('station', 'office')
  @ApiOperation({ summary: 'Undo a duplicate link, intake’s or one made by hand, with a reason: the case is a problem of its own and is routed like a new one' })
  @ApiCommandHeaders()
  @ApiCommandAnswer()
  @ApiErrors(404, 409)
  overruleDuplicate(@Param('caseId') caseId: string, @Body() body: ReasonRequest, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.overruleDuplicate(caseId, body.reason, principal, ifMatch);
  }

  @Post(':caseId/duplicate-of')
  @HttpCode(200)
  @Roles('station', 'office')
  @ApiOperation({
    summary: 'Link the case by hand as a duplicate (重复上报) of another case of its compound, still handled, with a reason; its whistle stands down and the rates count the problem once',
  })
  @ApiCommandHeaders()
  @ApiCommandAnswer()
  @ApiErrors(404, 409)
  linkDuplicate(@Param('caseId') caseId: string, @Body() body: LinkDuplicateRequest, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.linkDuplicate(caseId, body, principal, ifMatch);
  }

  @Post(':caseId/merge')
  @HttpCode(200)
  @Roles('station', 'office')
  @ApiOperation({ summary: 'Merge the case (合并) into another of its compound that is not closed, with a reason; for good: the other case survives and carries on the handling' })
  @ApiCommandHeaders()
  @ApiCommandAnswer()
  @ApiErrors(404, 409)
  merge(@Param('caseId') caseId: string, @Body() body: MergeCaseRequest, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.merge(caseId, body, principal, ifMatch);
  }

  @Post(':caseId/callback')
  @HttpCode(200)
  @Roles('station', 'office')
  @ApiOperation({ summary: 'Record the callback (回访); closes the case, or reopens it when the reporter is dissatisfied' })
  @ApiCommandHeaders()
  @ApiCommandAnswer()
  @ApiErrors(404, 409)
  callback(@Param('caseId') caseId: string, @Body() body: CallbackRequest, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.callback(caseId, body, principal, ifMatch);
  }

  @Post(':caseId/reopen')
  @HttpCode(200)
  @Roles('reporter', 'station', 'office')
  @ApiOperation({ summary: 'Reopen a closed case within the reopening window' })
  @ApiCommandHeaders()
  @ApiCommandAnswer()
  @ApiErrors(404, 409)
  reopen(@Param('caseId') caseId: string, @Body() body: ReasonRequest, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.reopen(caseId, body.reason, principal, ifMatch);
  }
}
