import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Principal } from '@whistle/auth';
import { ApiAnswer, ApiCommandAnswer, ApiCommandHeaders, ApiErrors, CurrentPrincipal, IfMatch, Roles, schema } from '@whistle/http';
import { AdjudicationCommands } from './adjudication.commands';
import { AttendanceRequest, DeferRequest, MinutesQuery, OpinionRequest, ResolutionRequest, ScheduleMeetingRequest } from './meeting-commands.request.dto';
import { MEETING, MINUTES } from './adjudication.answers';

@ApiTags('adjudication 联席会议')
@ApiBearerAuth()
@Controller('api/adjudication/meetings')
export class AdjudicationHttpController {
  constructor(private readonly commands: AdjudicationCommands) {}

  @Post()
  @Roles('office')
  @ApiOperation({ summary: 'Schedule a joint meeting; the level-4 cases waiting to be tabled form its agenda' })
  @ApiCommandHeaders({ ifMatch: false })
  @ApiCommandAnswer({ agenda: schema.list(schema.text(), 'the level-4 cases tabled') })
  @ApiErrors(409)
  schedule(@Body() body: ScheduleMeetingRequest, @CurrentPrincipal() principal: Principal) {
    return this.commands.schedule(body, principal);
  }

  @Get(':meetingId')
  @Roles('office', 'unit', 'auditor')
  @ApiOperation({ summary: 'The meeting with its agenda, attendance, opinions and decisions' })
  @ApiAnswer(MEETING, { description: 'The meeting' })
  @ApiErrors(404)
  meeting(@Param('meetingId') meetingId: string, @CurrentPrincipal() principal: Principal) {
    return this.commands.meeting(meetingId, principal);
  }

  @Post(':meetingId/open')
  @HttpCode(200)
  @Roles('office')
  @ApiCommandHeaders()
  @ApiCommandAnswer()
  @ApiErrors(404, 409)
  open(@Param('meetingId') meetingId: string, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.open(meetingId, principal, ifMatch);
  }

  @Post(':meetingId/attendance')
  @HttpCode(200)
  @Roles('office')
  @ApiCommandHeaders()
  @ApiCommandAnswer()
  @ApiErrors(404, 409)
  attendance(@Param('meetingId') meetingId: string, @Body() body: AttendanceRequest, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.attendance(meetingId, body, principal, ifMatch);
  }

  @Post(':meetingId/cases/:caseId/opinions')
  @HttpCode(200)
  @Roles('office', 'unit')
  @ApiCommandHeaders()
  @ApiCommandAnswer()
  @ApiErrors(404, 409)
  opinion(
    @Param('meetingId') meetingId: string,
    @Param('caseId') caseId: string,
    @Body() body: OpinionRequest,
    @CurrentPrincipal() principal: Principal,
    @IfMatch() ifMatch?: number,
  ) {
    return this.commands.opinion(meetingId, caseId, body, principal, ifMatch);
  }

  @Post(':meetingId/cases/:caseId/resolution')
  @HttpCode(200)
  @Roles('office')
  @ApiOperation({ summary: 'Adopt a resolution (决议): needs a quorum and the lead unit present' })
  @ApiCommandHeaders()
  @ApiCommandAnswer({ resolutionId: schema.text() })
  @ApiErrors(404, 409)
  resolution(
    @Param('meetingId') meetingId: string,
    @Param('caseId') caseId: string,
    @Body() body: ResolutionRequest,
    @CurrentPrincipal() principal: Principal,
    @IfMatch() ifMatch?: number,
  ) {
    return this.commands.resolution(meetingId, caseId, body, principal, ifMatch);
  }

  @Post(':meetingId/cases/:caseId/defer')
  @HttpCode(200)
  @Roles('office')
  @ApiCommandHeaders()
  @ApiCommandAnswer()
  @ApiErrors(404, 409)
  defer(
    @Param('meetingId') meetingId: string,
    @Param('caseId') caseId: string,
    @Body() body: DeferRequest,
    @CurrentPrincipal() principal: Principal,
    @IfMatch() ifMatch?: number,
  ) {
    return this.commands.defer(meetingId, caseId, body.reason, principal, ifMatch);
  }

  @Post(':meetingId/close')
  @HttpCode(200)
  @Roles('office')
  @ApiOperation({ summary: 'Close the meeting; undecided cases are deferred' })
  @ApiCommandHeaders()
  @ApiCommandAnswer()
  @ApiErrors(404, 409)
  close(@Param('meetingId') meetingId: string, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.close(meetingId, principal, ifMatch);
  }

  @Get(':meetingId/minutes')
  @Roles('office', 'auditor')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The minutes (会议纪要), in Chinese by default; `format=text` for the plain document' })
  @ApiAnswer(MINUTES, { description: 'The minutes: JSON, or the plain document with format=text', alternatives: { 'text/plain': schema.text() } })
  @ApiErrors(404)
  async minutes(@Param('meetingId') meetingId: string, @Query() query: MinutesQuery, @Res({ passthrough: true }) response: Response) {
    const { minutes, text } = await this.commands.minutes(meetingId, query.lang ?? 'zh');
    if (query.format === 'text') {
      response.type('text/plain; charset=utf-8');
      return text;
    }
    return { ...minutes, text };
  }
}
