import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@whistle/auth';
import { ApiCommandAnswer, ApiCommandHeaders, ApiErrors, CurrentPrincipal, IfMatch, Roles } from '@whistle/http';
import { FirmCommands } from './firm.commands';
import { ChangeFirmRequest, RegisterFirmRequest } from './firm-commands.request.dto';

@ApiTags('supervision 监督考核')
@ApiBearerAuth()
@Controller('api/supervision/firms')
export class FirmHttpController {
  constructor(private readonly commands: FirmCommands) {}

  @Post()
  @Roles('office', 'admin')
  @ApiOperation({ summary: 'Register a property firm (物业服务企业) with its credit code and the compounds it serves; a compound has one firm at a time' })
  @ApiCommandHeaders({ ifMatch: false })
  @ApiCommandAnswer()
  @ApiErrors(409)
  register(@Body() body: RegisterFirmRequest, @CurrentPrincipal() principal: Principal) {
    return this.commands.register(body, principal);
  }

  @Post(':firmId/changes')
  @HttpCode(200)
  @Roles('office', 'admin')
  @ApiOperation({ summary: 'Change a firm’s name, contact or compounds, with a reason; the record keeps every change' })
  @ApiCommandHeaders()
  @ApiCommandAnswer()
  @ApiErrors(404, 409)
  change(@Param('firmId') firmId: string, @Body() body: ChangeFirmRequest, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.change(firmId, body, principal, ifMatch);
  }
}
