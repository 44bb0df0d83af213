import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsNotEmpty, IsNumber, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsQuarter, IsWholeNumber } from '@whistle/http';

/** A weight: 0 to 1; the parts of one score must sum to 1, which the domain checks. */
const Weight = () => applyDecorators(ApiProperty({ minimum: 0, maximum: 1 }), IsNumber({ allowNaN: false, allowInfinity: false }), Min(0), Max(1));

/** Points taken off a score per count: 0 to 100. */
const Penalty = () => applyDecorators(ApiProperty({ minimum: 0, maximum: 100 }), IsNumber({ allowNaN: false, allowInfinity: false }), Min(0), Max(100));

/** A part of the request that must be there, validated member by member. */
// Nest Swagger knows a lazy type by its function's name (`type`), so the one handed in is wrapped in one of that name.
const Part = (of: () => new () => object) => applyDecorators(ApiProperty({ type: () => of() }), IsDefined(), ValidateNested(), Type(of));

export class UnitWeightsRequest {
  @Weight() responseRate!: number;
  @Weight() resolutionRate!: number;
  @Weight() satisfactionRate!: number;
  @Weight() stationRating!: number;
  @Penalty() overduePenalty!: number;
  @Penalty() escalationPenalty!: number;
}

export class StationWeightsRequest {
  @Weight() responseRate!: number;
  @Weight() resolutionRate!: number;
  @Weight() satisfactionRate!: number;
  @Weight() whistleRating!: number;
  @Penalty() overduePenalty!: number;
}

/** The eight dimensions of the property-service assessment (物业服务测评). */
export class DimensionWeightsRequest {
  @Weight() safety!: number;
  @Weight() sanitation!: number;
  @Weight() facilities!: number;
  @Weight() civil_order!: number;
  @Weight() disclosure!: number;
  @Weight() party_building!: number;
  @Weight() atmosphere!: number;
  @Weight() campaign_cooperation!: number;
}

export class AssessmentWeightsRequest {
  @Part(() => DimensionWeightsRequest) dimensions!: DimensionWeightsRequest;
  @Weight() satisfaction!: number;

  @ApiProperty({ minimum: 25, maximum: 1000, example: 25, description: "residents' scores an assessment needs before it completes" })
  @IsWholeNumber(25, 1000)
  minimumResponses!: number;
}

/** 红黑榜 rules. */
export class ListRulesRequest {
  @ApiProperty({ minimum: 0, maximum: 100, example: 90 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  redMinimum!: number;

  @ApiProperty({ minimum: 0, maximum: 100, example: 60 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  blackBelow!: number;

  @ApiProperty({ minimum: 1, maximum: 1000, example: 3 })
  @IsWholeNumber(1, 1000)
  blackOverdueFindings!: number;
}

/** 考核权重: the office's weighting, in force from a quarter on. */
export class WeightingRequest {
  @ApiProperty({ example: '2026-Q4' })
  @IsString()
  @IsQuarter()
  effectiveFrom!: string;

  @Part(() => UnitWeightsRequest) unit!: UnitWeightsRequest;
  @Part(() => StationWeightsRequest) station!: StationWeightsRequest;
  @Part(() => AssessmentWeightsRequest) assessment!: AssessmentWeightsRequest;
  @Part(() => ListRulesRequest) lists!: ListRulesRequest;

  @ApiProperty({ example: '加大群众满意度权重' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}
