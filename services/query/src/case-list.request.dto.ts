import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { LEVELS, type Level } from '@whistle/contracts';
import { CASE_STATUSES, type CaseStatus } from '@whistle/read-models';
import { QueryBoolean, QueryInt, QueryList, QueryText } from './query-params';
import { PageRequest } from './page.request.dto';

/** `GET /api/query/cases`: every filter optional; a scoped caller's own scope is added to it. */
export class CaseListRequest extends PageRequest {
  @ApiPropertyOptional({
    enum: CASE_STATUSES,
    isArray: true,
    description: 'one status, or several separated by commas for cases in any of them (`triaged,reopened`: what a station must triage)',
  })
  @QueryList()
  @IsOptional()
  @IsIn(CASE_STATUSES, { each: true })
  status?: CaseStatus[];

  @ApiPropertyOptional({ enum: LEVELS })
  @QueryInt()
  @IsOptional()
  @IsIn(LEVELS, { message: 'level must be 1, 2, 3 or 4' })
  level?: Level;

  @ApiPropertyOptional({ example: 'station-north' })
  @QueryText()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  stationId?: string;

  @ApiPropertyOptional({ example: 'community-xinghua' })
  @QueryText()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  communityId?: string;

  @ApiPropertyOptional({ example: 'compound-xinghua-1' })
  @QueryText()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  compoundId?: string;

  @ApiPropertyOptional({ description: 'the reports intake linked to this case as probable duplicates' })
  @QueryText()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  duplicateOf?: string;

  @ApiPropertyOptional({ example: 'unit-chengguan', description: 'cases the unit was ever summoned to or tasked on' })
  @QueryText()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  unitId?: string;

  @ApiPropertyOptional({ description: 'true or false' })
  @QueryBoolean()
  @IsOptional()
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ example: 'fire_lane_blocked' })
  @QueryText()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  category?: string;
}
