import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { MeetingStatus } from '@whistle/read-models';
import { QueryText } from './query-params';
import { PageRequest } from './page.request.dto';

const STATUSES: Record<MeetingStatus, true> = { scheduled: true, open: true, closed: true };
const MEETING_STATUSES = Object.keys(STATUSES) as MeetingStatus[];

/** `GET /api/adjudication/meetings`, served by the read side. */
export class MeetingListRequest extends PageRequest {
  @ApiPropertyOptional({ enum: MEETING_STATUSES })
  @QueryText()
  @IsOptional()
  @IsIn(MEETING_STATUSES)
  status?: MeetingStatus;
}
