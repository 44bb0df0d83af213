import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ASSESSMENT_DIMENSIONS, SCORING_METHODS, type AssessmentDimension, type ScoringMethod } from '@whistle/contracts';
import { IsInstant, IsWholeNumber } from '@whistle/http';

const QUARTER = /^\d{4}-Q[1-4]$/;

/** 物业服务测评 of one firm in one compound for a quarter. */
export class OpenAssessmentRequest {
  @ApiProperty({ example: '2026-Q4' })
  @IsString()
  @Matches(QUARTER, { message: 'quarter must be a quarter such as 2026-Q4' })
  quarter!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  firmId!: string;

  @ApiProperty({ example: 'compound-xinghua-1' })
  @IsString()
  @IsNotEmpty()
  compoundId!: string;
}

export class DimensionScoreRequest {
  @ApiProperty({ enum: ASSESSMENT_DIMENSIONS })
  @IsIn(ASSESSMENT_DIMENSIONS)
  dimension!: AssessmentDimension;

  @ApiProperty({ minimum: 0, maximum: 100, example: 88 })
  @IsWholeNumber(0, 100)
  score!: number;

  @ApiProperty({ enum: SCORING_METHODS, description: '查阅资料, 现场督查, 日常检查' })
  @IsIn(SCORING_METHODS)
  method!: ScoringMethod;

  @ApiProperty({ example: '消防器材配置齐全，台账完整' })
  @IsString()
  @MaxLength(2000)
  note!: string;
}

/** 问题清单: a problem found, to be rectified by a date. */
export class FindingRequest {
  @ApiProperty({ enum: ASSESSMENT_DIMENSIONS })
  @IsIn(ASSESSMENT_DIMENSIONS)
  dimension!: AssessmentDimension;

  @ApiProperty({ example: '3号楼消防通道堆放杂物' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  description!: string;

  @ApiProperty({ example: '2026-12-15T18:00:00+08:00' })
  @IsInstant()
  rectifyBy!: string;
}

/** 销号: the finding was rectified, as verified. */
export class RectificationRequest {
  @ApiProperty({ example: '杂物已清理，现场复查合格' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note!: string;
}

/** Residents' satisfaction scores the station gathered (each 0–100, anonymous). */
export class SatisfactionRequest {
  @ApiProperty({ type: [Number], example: [90, 85, 100] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(100, { each: true })
  scores!: number[];
}

/** A public questionnaire link for the compound's residents. */
export class QuestionnaireRequest {
  @ApiPropertyOptional({ description: 'at most 90 days ahead; 30 days when left out', example: '2026-12-31T23:59:59+08:00' })
  @IsOptional()
  @IsInstant()
  expiresAt?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 200 })
  @IsOptional()
  @IsWholeNumber(1, 1000)
  maxResponses?: number;
}

/** 物业开放日 */
export class OpenDayRequest {
  @ApiProperty({ example: '2026-11-21T09:30:00+08:00' })
  @IsInstant()
  heldAt!: string;

  @ApiProperty({ minimum: 0, example: 36 })
  @IsWholeNumber(0, 100_000)
  attendance!: number;

  @ApiProperty({ example: '开放日活动，居民参观设备间' })
  @IsString()
  @MaxLength(2000)
  note!: string;
}

/** 入户走访 */
export class VisitRequest {
  @ApiProperty({ example: '2026-11-22T14:00:00+08:00' })
  @IsInstant()
  visitedAt!: string;

  @ApiProperty({ minimum: 1, example: 12 })
  @IsWholeNumber(1, 100_000)
  households!: number;

  @ApiProperty({ example: '走访3号楼12户，收集意见5条' })
  @IsString()
  @MaxLength(2000)
  note!: string;
}

/** One resident's answer to the public questionnaire. */
export class QuestionnaireAnswerRequest {
  @ApiProperty({ minimum: 0, maximum: 100, example: 85 })
  @IsWholeNumber(0, 100)
  score!: number;
}
