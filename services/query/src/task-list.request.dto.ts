import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { MAX_PAGE_SIZE, type TaskStatus } from '@whistle/read-models';
import { IsWholeNumber, QueryBoolean, QueryInt, QueryText } from './query-params';

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

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @QueryInt()
  @IsOptional()
  @IsWholeNumber(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @QueryInt()
  @IsOptional()
  @IsWholeNumber(1, MAX_PAGE_SIZE)
  pageSize?: number;
}
