import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@whistle/auth';
import { ApiCommandHeaders, CurrentPrincipal, IfMatch, Roles } from '@whistle/http';
import { FirmCommands } from './firm.commands';
import { ChangeFirmRequest, RegisterFirmRequest } from './firm-commands.request.dto';
import { WeightingRequest } from './weighting.request.dto';

@ApiTags('supervision 监督考核')
@ApiBearerAuth()
@Controller('api/supervision')
export class FirmHttpController {
  constructor(private readonly commands: FirmCommands) {}

  @Post('firms')
  @Roles('office', 'admin')
  @ApiOperation({ summary: 'Register a property firm (物业服务企业) with its credit code and the compounds it serves; a compound has one firm at a time' })
  @ApiCommandHeaders()
  register(@Body() body: RegisterFirmRequest, @CurrentPrincipal() principal: Principal) {
    return this.commands.register(body, principal);
  }

  @Post('firms/:firmId/changes')
  @HttpCode(200)
  @Roles('office', 'admin')
  @ApiOperation({ summary: 'Change a firm’s name, contact or compounds, with a reason; the record keeps every change' })
  @ApiCommandHeaders()
  change(@Param('firmId') firmId: string, @Body() body: ChangeFirmRequest, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.change(firmId, body, principal, ifMatch);
  }

  @Post('weighting')
  @Roles('office')
  @ApiOperation({ summary: 'Set the weighting of the quarterly scores and assessments (考核权重), in force from a quarter on; earlier quarters keep theirs' })
  @ApiCommandHeaders()
  setWeighting(@Body() body: WeightingRequest, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.setWeighting(body, principal, ifMatch);
  }
}
