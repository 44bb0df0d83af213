import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { IsWholeNumber } from '@whistle/http';

/**
 * What a second rating of the same direction carries: the rating it replaces and why. Either both
 * or neither; the domain refuses a second rating without them, or naming a replaced one.
 */
abstract class AmendingRequest {
  @ApiPropertyOptional({ description: 'the ratingId of the current rating this one replaces (with reason)' })
  @ValidateIf((request: AmendingRequest) => request.amends !== undefined || request.reason !== undefined)
  @Matches(/\S/, { message: 'amends must name the ratingId of the current rating this one replaces, given with reason' })
  amends?: string;

  @ApiPropertyOptional({ description: 'why the rating is replaced (with amends)', example: '补充了整改复查情况' })
  @ValidateIf((request: AmendingRequest) => request.amends !== undefined || request.reason !== undefined)
  @Matches(/\S/, { message: 'reason must say why the rating is amended, given with amends' })
  @MaxLength(1000)
  reason?: string;
}

/** 站评部门: the station rates the unit's response to its whistle, each mark 1 (poor) to 5 (excellent). */
export class UnitRatingRequest extends AmendingRequest {
  @ApiProperty({ description: '报到及时性', minimum: 1, maximum: 5, example: 4 })
  @IsWholeNumber(1, 5)
  timeliness!: number;

  @ApiProperty({ description: '处置实效', minimum: 1, maximum: 5, example: 5 })
  @IsWholeNumber(1, 5)
  effectiveness!: number;

  @ApiProperty({ description: '配合度', minimum: 1, maximum: 5, example: 4 })
  @IsWholeNumber(1, 5)
  cooperation!: number;

  @ApiProperty({ example: '到场及时，劝离车辆后消防通道已畅通' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  comment!: string;
}

/** 部门评哨: the unit rates the whistle that summoned it. */
export class WhistleRatingRequest extends AmendingRequest {
  @ApiProperty({ description: '吹哨是否合理' })
  @IsBoolean()
  justified!: boolean;

  @ApiProperty({ description: '信息是否准确' })
  @IsBoolean()
  informationAccurate!: boolean;

  @ApiProperty({ example: '问题描述准确，属本单位职责' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  comment!: string;
}

/** Narrowed so a command may spread it: the amendment only when the request carries one. */
export function amendmentOf(request: AmendingRequest): { amendment?: { amends: string; reason: string } } {
  return request.amends !== undefined && request.reason !== undefined ? { amendment: { amends: request.amends, reason: request.reason } } : {};
}
