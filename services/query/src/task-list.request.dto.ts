import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import type { TaskStatus } from '@whistle/read-models';
import { QueryText } from './query-params';

// A record over the type, so a new task status fails to compile here until it is listed.
const STATUSES: Record<TaskStatus, true> = { assigned: true, reported_in: true, accepted: true, declined: true, done: true, superseded: true };
const TASK_STATUSES = Object.keys(STATUSES) as TaskStatus[];

/** `GET /api/enforcement/tasks`, served by the read side. */
export class TaskListRequest {
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

  @ApiPropertyOptional()
  @QueryText()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  caseId?: string;
}
