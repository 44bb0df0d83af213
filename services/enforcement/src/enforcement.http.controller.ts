import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@whistle/auth';
import { ApiCommandAnswer, ApiCommandHeaders, ApiErrors, CurrentPrincipal, IfMatch, Roles, schema } from '@whistle/http';
import { EnforcementCommands } from './enforcement.commands';
import { ActionRequest, ActivityRequest, DeclineRequest, OutcomeRequest } from './task-commands.request.dto';

@ApiTags('enforcement 执法')
@ApiBearerAuth()
@Controller('api/enforcement')
export class EnforcementHttpController {
  constructor(private readonly commands: EnforcementCommands) {}

  @Post('tasks/:taskId/report-in')
  @HttpCode(200)
  @Roles('unit')
  @ApiOperation({ summary: 'Report in (报到) for a task' })
  @ApiCommandHeaders()
  @ApiCommandAnswer()
  @ApiErrors(404, 409)
  reportIn(@Param('taskId') taskId: string, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.reportIn(taskId, principal, ifMatch);
  }

  @Post('tasks/:taskId/accept')
  @HttpCode(200)
  @Roles('unit')
  @ApiOperation({ summary: 'Accept a task' })
  @ApiCommandHeaders()
  @ApiCommandAnswer()
  @ApiErrors(404, 409)
  accept(@Param('taskId') taskId: string, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.accept(taskId, principal, ifMatch);
  }

  @Post('tasks/:taskId/decline')
  @HttpCode(200)
  @Roles('unit')
  @ApiOperation({ summary: 'Decline a task with a reason; “not our responsibility” counts toward a referral to the joint meeting' })
  @ApiCommandHeaders()
  @ApiCommandAnswer()
  @ApiErrors(404, 409)
  decline(@Param('taskId') taskId: string, @Body() body: DeclineRequest, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.decline(taskId, body, principal, ifMatch);
  }

  @Post('tasks/:taskId/actions')
  @HttpCode(200)
  @Roles('unit')
  @ApiOperation({ summary: 'Record an on-site action' })
  @ApiCommandHeaders()
  @ApiCommandAnswer({ actionId: schema.text() })
  @ApiErrors(404, 409)
  action(@Param('taskId') taskId: string, @Body() body: ActionRequest, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.recordAction(taskId, body, principal, ifMatch);
  }

  @Post('tasks/:taskId/outcome')
  @HttpCode(200)
  @Roles('unit')
  @ApiOperation({ summary: 'Record the task’s outcome' })
  @ApiCommandHeaders()
  @ApiCommandAnswer()
  @ApiErrors(404, 409)
  outcome(@Param('taskId') taskId: string, @Body() body: OutcomeRequest, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.recordOutcome(taskId, body, principal, ifMatch);
  }

  @Post('cases/:caseId/activities')
  @HttpCode(200)
  @Roles('station')
  @ApiOperation({ summary: 'Record the level-1 publicity activity (宣传哨) held in the compound' })
  @ApiCommandHeaders()
  @ApiCommandAnswer({ activityId: schema.text() })
  @ApiErrors(404, 409)
  activity(@Param('caseId') caseId: string, @Body() body: ActivityRequest, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.recordActivity(caseId, body, principal, ifMatch);
  }
}
