import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { IsIn, IsNotEmpty, IsOptional, IsString, ValidateBy } from 'class-validator';
import { IsQuarter } from '@whistle/http';
import { isIsoWeek, type AssessmentView, type EvaluationSide, type ScoreGroupBy } from '@whistle/read-models';
import { PageRequest } from '../page.request.dto';
import { QueryText } from '../query-params';
import { ISO_WEEK_PATTERN } from './iso-week-pattern';

/** An ISO week such as 2026-W49 that its year has. */
const IsIsoWeek = () => ValidateBy({ name: 'isIsoWeek', validator: { validate: isIsoWeek, defaultMessage: (args) => `${args?.property ?? 'week'} must be an ISO week such as 2026-W49 that its year has` } });

/** An optional id to filter by. */
const OptionalId = (example: string) => applyDecorators(ApiPropertyOptional({ example }), QueryText(), IsOptional(), IsString(), IsNotEmpty());

const SIDES: readonly EvaluationSide[] = ['station', 'unit'];
const SCORE_GROUP_BYS: readonly ScoreGroupBy[] = ['unit', 'station'];
const ASSESSMENT_STATUSES: readonly AssessmentView['status'][] = ['open', 'completed'];
export const BULLETIN_FORMATS = ['json', 'html', 'xlsx'] as const;
export const BULLETIN_LANGS = ['zh-CN', 'en'] as const;
export type BulletinLang = (typeof BULLETIN_LANGS)[number];

/** `GET /api/query/evaluations`: the two-way evaluations (双向交叉考核) of ended tasks. */
export class EvaluationListRequest extends PageRequest {
  @OptionalId('c1')
  caseId?: string;

  @OptionalId('w-c1-1.unit-gongan')
  taskId?: string;

  @OptionalId('unit-gongan')
  unitId?: string;

  @OptionalId('station-south')
  stationId?: string;

  @ApiPropertyOptional({ example: '2026-Q4', description: 'the quarter the task ended in (Beijing time)' })
  @QueryText()
  @IsOptional()
  @IsQuarter()
  quarter?: string;

  @ApiPropertyOptional({ enum: SIDES, description: 'only those still awaiting the station’s rating of the unit, or the unit’s of the whistle' })
  @QueryText()
  @IsOptional()
  @IsIn(SIDES)
  awaiting?: EvaluationSide;
}

/** `GET /api/query/quarterly-scores`. */
export class QuarterlyScoresRequest {
  @ApiProperty({ example: '2026-Q4' })
  @QueryText()
  @IsQuarter()
  quarter!: string;

  @ApiProperty({ enum: SCORE_GROUP_BYS })
  @QueryText()
  @IsIn(SCORE_GROUP_BYS)
  groupBy!: ScoreGroupBy;
}

/** `GET /api/query/assessments`: property-service assessments (物业服务测评). */
export class AssessmentListRequest extends PageRequest {
  @ApiPropertyOptional({ example: '2026-Q4' })
  @QueryText()
  @IsOptional()
  @IsQuarter()
  quarter?: string;

  @OptionalId('firm-lvyuan')
  firmId?: string;

  @OptionalId('compound-mingyue-2')
  compoundId?: string;

  @OptionalId('station-south')
  stationId?: string;

  @ApiPropertyOptional({ enum: ASSESSMENT_STATUSES })
  @QueryText()
  @IsOptional()
  @IsIn(ASSESSMENT_STATUSES)
  status?: AssessmentView['status'];
}

/** `GET /api/query/bulletins/weekly`: the weekly bulletin (每周工作信息). */
export class WeeklyBulletinRequest {
  @ApiProperty({ example: '2026-W49', pattern: ISO_WEEK_PATTERN, description: 'an ISO week: Monday 00:00 Beijing time, seven days; week 53 only in a year that has one' })
  @QueryText()
  @IsIsoWeek()
  week!: string;

  @ApiPropertyOptional({ enum: BULLETIN_LANGS, default: 'zh-CN', description: 'the language of the page and the workbook' })
  @QueryText()
  @IsOptional()
  @IsIn(BULLETIN_LANGS)
  lang?: BulletinLang;

  @ApiPropertyOptional({ enum: BULLETIN_FORMATS, default: 'json', description: 'json; html: a self-contained printable page; xlsx: an Excel workbook' })
  @QueryText()
  @IsOptional()
  @IsIn(BULLETIN_FORMATS)
  format?: (typeof BULLETIN_FORMATS)[number];
}
