import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CALENDAR_UNITS, type CalendarUnit, type StatsGroupBy } from '@whistle/read-models';
import { IsInstant, QueryInstant } from '@whistle/http';
import { QueryText } from './query-params';
import { MAX_INTERVALS } from './stats-trend-queries';

const GROUP_BYS: Record<StatsGroupBy, true> = { unit: true, station: true, community: true };
export const STATS_GROUP_BYS = Object.keys(GROUP_BYS) as StatsGroupBy[];

/** `GET /api/query/stats/trends`: the office's figures per group, over [from, to) and per calendar interval of it. */
export class StatsTrendsRequest {
  @ApiProperty({ enum: STATS_GROUP_BYS })
  @QueryText()
  @IsIn(STATS_GROUP_BYS)
  groupBy!: StatsGroupBy;

  @ApiProperty({ example: '2026-11-01T00:00:00+08:00', description: 'inclusive; its offset sets where days, weeks and months begin' })
  @QueryInstant()
  @IsInstant()
  from!: string;

  @ApiProperty({
    example: '2026-12-01T00:00:00+08:00',
    description: `exclusive; after from (400 naming to otherwise), and no further from it than the bucket cuts into ${MAX_INTERVALS} intervals (400 naming bucket otherwise)`,
  })
  @QueryInstant()
  @IsInstant()
  to!: string;

  @ApiPropertyOptional({ enum: CALENDAR_UNITS, description: `the intervals, at most ${MAX_INTERVALS} from from to to (400 otherwise); by default days up to 62 days, weeks up to 26 weeks, else months` })
  @QueryText()
  @IsOptional()
  @IsIn(CALENDAR_UNITS)
  bucket?: CalendarUnit;
}
