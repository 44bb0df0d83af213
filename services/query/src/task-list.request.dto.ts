import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import type { TaskStatus } from '@whistle/read-models';
import { QueryBoolean, QueryText } from './query-params';
import { PageRequest } from './page.request.dto';

// A record over the type, so a new task status fails to compile here until it is listed.
const STATUSES: Record<TaskStatus, true> = { assigned: true, reported_in: true, accepted: true, declined: true, done: true, superseded: true };
const TASK_STATUSES = Object.keys(STATUSES) as TaskStatus[];

/** `GET /api/enforcement/tasks`, served by the read side. */
export class TaskListRequest extends PageRequest {
  @ApiPropertyOptional({ example: 'unit-chengguan' })
  @QueryText()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  unitId?: string;

  @ApiPropertyOptional({ enum: TASK_STATUSES })
  @QueryText()
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @ApiPropertyOptional({ description: 'true: only tasks still to be worked (assigned, reported in, accepted); false: only the others' })
  @QueryBoolean()
  @IsOptional()
  @IsBoolean({ message: 'open must be true or false' })
  open?: boolean;

  @ApiPropertyOptional()
  @QueryText()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  caseId?: string;
}
