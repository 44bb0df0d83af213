import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@whistle/auth';
import { ApiCommandAnswer, ApiCommandHeaders, ApiErrors, CurrentPrincipal, IfMatch, Roles, schema } from '@whistle/http';
import { EscalationCommands } from './escalation.commands';
import { LevelRequest, WhistleRequest } from './whistle-commands.request.dto';

@ApiTags('escalation 吹哨/升级')
@ApiBearerAuth()
@Controller('api/escalation/cases')
export class EscalationHttpController {
  constructor(private readonly commands: EscalationCommands) {}

  @Post(':caseId/whistle')
  @HttpCode(200)
  @Roles('station')
  @ApiOperation({ summary: 'Blow the whistle (吹哨): confirm or change the level and summon the units' })
  @ApiCommandHeaders()
  @ApiCommandAnswer({ whistleId: schema.text() })
  @ApiErrors(404, 409)
  whistle(@Param('caseId') caseId: string, @Body() body: WhistleRequest, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.whistle(caseId, body, principal, ifMatch);
  }

  @Post(':caseId/level')
  @HttpCode(200)
  @Roles('station', 'office')
  @ApiOperation({ summary: 'Raise or lower the level, with a reason; level 4 refers the case to the joint meeting (联席会议)' })
  @ApiCommandHeaders()
  @ApiCommandAnswer()
  @ApiErrors(404, 409)
  changeLevel(@Param('caseId') caseId: string, @Body() body: LevelRequest, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.changeLevel(caseId, body, principal, ifMatch);
  }
}
