import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@whistle/auth';
import { ApiCommandAnswer, ApiCommandHeaders, ApiErrors, CurrentPrincipal, IfMatch, Roles, schema } from '@whistle/http';
import { NoticeCommands } from './notice.commands';
import { NoticeRequest } from './notice.request.dto';
import { QuarterParam } from './quarter.param';

@ApiTags('supervision 监督考核')
@ApiBearerAuth()
@Controller('api/supervision/quarters')
export class NoticeHttpController {
  constructor(private readonly commands: NoticeCommands) {}

  @Post(':quarter/notices')
  @Roles('office')
  @ApiOperation({
    summary:
      'Publish the quarter’s results (通报) with the red and black list, from its completed assessments; never changed after, so a later notice is a correction naming the one it corrects. Answers with the notice’s id and the SHA-256 of its content',
  })
  @ApiCommandHeaders()
  @ApiCommandAnswer({ contentSha256: schema.text('SHA-256 of the notice’s content') })
  @ApiErrors(404, 409)
  publish(@Param() { quarter }: QuarterParam, @Body() body: NoticeRequest, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.publish(quarter, body, principal, ifMatch);
  }
}
