import { Controller, Get, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@whistle/auth';
import { ApiAnswer, ApiReadHeaders, CurrentPrincipal, Roles, schema } from '@whistle/http';
import { MeetingListRequest } from './meeting-list.request.dto';
import { ReadSideConsistencyInterceptor } from './read-side-consistency.interceptor';
import { WorkQueries } from './work-queries';
import { MEETING_ENTRY } from './query.answers';

/** Under adjudication's prefix beside its `/meetings/{meetingId}`; the list is a combined view, so the read side serves it. */
@ApiTags('adjudication 联席会议')
@ApiBearerAuth()
@Controller('api/adjudication/meetings')
@UseInterceptors(ReadSideConsistencyInterceptor)
@ApiReadHeaders()
export class MeetingListHttpController {
  constructor(private readonly queries: WorkQueries) {}

  @Get()
  @Roles('office', 'unit', 'auditor')
  @ApiOperation({ summary: 'Joint meetings (联席会议), a page at a time, the latest scheduled first: a unit sees those it was invited to' })
  @ApiAnswer(schema.page(MEETING_ENTRY), { description: 'A page of meetings' })
  list(@Query() query: MeetingListRequest, @CurrentPrincipal() principal: Principal) {
    return this.queries.meetings(query, principal);
  }
}
