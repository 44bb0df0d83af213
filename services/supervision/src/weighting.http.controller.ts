import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@whistle/auth';
import { ApiCommandAnswer, ApiCommandHeaders, ApiErrors, CurrentPrincipal, IfMatch, Roles, schema } from '@whistle/http';
import { WeightingCommands } from './weighting.commands';
import { WeightingRequest } from './weighting.request.dto';

@ApiTags('supervision 监督考核')
@ApiBearerAuth()
@Controller('api/supervision/weighting')
export class WeightingHttpController {
  constructor(private readonly commands: WeightingCommands) {}

  @Post()
  @Roles('office')
  @ApiOperation({ summary: 'Set the weighting of the quarterly scores and assessments (考核权重), in force from a quarter on; earlier quarters keep theirs' })
  @ApiCommandHeaders()
  @ApiCommandAnswer({ weightingId: schema.text() })
  @ApiErrors(409)
  set(@Body() body: WeightingRequest, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.set(body, principal, ifMatch);
  }
}
