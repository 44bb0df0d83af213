import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { LEVEL_CHANGE_TRIGGERS, type LevelChangeTrigger } from '@whistle/contracts';
import { DRILL_FIGURES, type DrillFigure, type StatsGroupBy } from '@whistle/read-models';
import { IsInstant, QueryInstant } from '@whistle/http';
import { QueryText } from './query-params';
import { STATS_GROUP_BYS } from './stats-trends.request.dto';
import { PageRequest } from './page.request.dto';

const ADJUDICATION_STATUSES = ['none', 'awaiting_tabling', 'tabled', 'resolved'] as const;

/** `GET /api/query/stats/cases`: the cases behind one figure of the dashboard. */
export class StatsCasesRequest extends PageRequest {
  @ApiProperty({ enum: DRILL_FIGURES, description: 'a figure of `/api/query/stats/trends`: a count, a rate’s numerator or denominator, `raised` (with cause) or `atLevel4`' })
  @QueryText()
  @IsIn(DRILL_FIGURES)
  figure!: DrillFigure;

  @ApiPropertyOptional({ enum: STATS_GROUP_BYS, description: 'the kind of group; every case (by report time) when left out' })
  @QueryText()
  @IsOptional()
  @IsIn(STATS_GROUP_BYS)
  groupBy?: StatsGroupBy;

  @ApiPropertyOptional({ example: 'station-north', description: 'the station, community or unit; every one of the kind when left out' })
  @QueryText()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  groupId?: string;

  @ApiPropertyOptional({ example: '2026-11-01T00:00:00+08:00', description: 'inclusive: report time, or a unit’s task assignment time' })
  @QueryInstant()
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00+08:00', description: 'exclusive; after from when both are given (400 naming to otherwise)' })
  @QueryInstant()
  @IsOptional()
  @IsInstant()
  to?: string;

  @ApiPropertyOptional({ enum: LEVEL_CHANGE_TRIGGERS, description: 'with figure=raised: what caused the raises' })
  @QueryText()
  @IsOptional()
  @IsIn(LEVEL_CHANGE_TRIGGERS)
  cause?: LevelChangeTrigger;

  @ApiPropertyOptional({ enum: ADJUDICATION_STATUSES, description: 'with figure=atLevel4: the adjudication’s status (`none`: not yet known to adjudication)' })
  @QueryText()
  @IsOptional()
  @IsIn(ADJUDICATION_STATUSES)
  adjudication?: (typeof ADJUDICATION_STATUSES)[number];
}
