import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@whistle/auth';
import { ApiCommandAnswer, ApiCommandHeaders, ApiErrors, CurrentPrincipal, IfMatch, Roles, schema } from '@whistle/http';
import { EvaluationCommands } from './evaluation.commands';
import { UnitRatingRequest, WhistleRatingRequest } from './evaluation-commands.request.dto';

@ApiTags('supervision 监督考核')
@ApiBearerAuth()
@Controller('api/supervision/tasks')
export class EvaluationHttpController {
  constructor(private readonly commands: EvaluationCommands) {}

  @Post(':taskId/unit-rating')
  @HttpCode(200)
  @Roles('station')
  @ApiOperation({ summary: 'The station rates the unit’s response to its whistle (站评部门); a second rating amends the current one, naming it with a reason' })
  @ApiCommandHeaders()
  @ApiCommandAnswer({ ratingId: schema.text() })
  @ApiErrors(404, 409)
  rateUnit(@Param('taskId') taskId: string, @Body() body: UnitRatingRequest, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.rateUnit(taskId, body, principal, ifMatch);
  }

  @Post(':taskId/whistle-rating')
  @HttpCode(200)
  @Roles('unit')
  @ApiOperation({ summary: 'The unit rates the whistle that summoned it (部门评哨); a second rating amends the current one, naming it with a reason' })
  @ApiCommandHeaders()
  @ApiCommandAnswer({ ratingId: schema.text() })
  @ApiErrors(404, 409)
  rateWhistle(@Param('taskId') taskId: string, @Body() body: WhistleRatingRequest, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.rateWhistle(taskId, body, principal, ifMatch);
  }
}
