import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { StatsGroupBy } from '@whistle/read-models';
import { IsInstant, QueryInstant } from '@whistle/http';
import { QueryText } from './query-params';
import { STATS_GROUP_BYS } from './stats-trends.request.dto';

/** `GET /api/query/stats`: the three rates (三率) per unit, station or community over [from, to). */
export class StatsRequest {
  @ApiProperty({ enum: STATS_GROUP_BYS })
  @QueryText()
  @IsIn(STATS_GROUP_BYS)
  groupBy!: StatsGroupBy;

  @ApiPropertyOptional({ example: '2026-11-01T00:00:00+08:00', description: 'inclusive' })
  @QueryInstant()
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00+08:00', description: 'exclusive; after from when both are given (400 naming to otherwise)' })
  @QueryInstant()
  @IsOptional()
  @IsInstant()
  to?: string;
}
