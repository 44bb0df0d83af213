import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ACTION_KINDS, OUTCOME_RESULTS, type ActionKind, type OutcomeResult } from '@whistle/contracts';
import { IsInstant } from '@whistle/http';

export class DeclineRequest {
  @ApiProperty({ example: '属于住建部门职责' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;

  @ApiProperty({ description: '“not our responsibility” (非本单位职责)' })
  @IsBoolean()
  notOurResponsibility!: boolean;
}

/** An on-site action: inspection 检查, persuasion 劝导, warning 警告, rectification order 限期整改, penalty 处罚, removal 拆除. */
export class ActionRequest {
  @ApiProperty({ enum: ACTION_KINDS })
  @IsIn(ACTION_KINDS)
  kind!: ActionKind;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note!: string;

  @ApiPropertyOptional({ description: 'rectification order: by when, an instant with its offset, later than now' })
  @IsOptional()
  @IsInstant()
  deadline?: string;

  @ApiPropertyOptional({ description: 'penalty: the legal basis (法律依据)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  legalBasis?: string;

  @ApiPropertyOptional({ description: 'penalty: the amount in yuan' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(100_000_000)
  amount?: number;
}

export class OutcomeRequest {
  @ApiProperty({ enum: OUTCOME_RESULTS })
  @IsIn(OUTCOME_RESULTS)
  result!: OutcomeResult;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note!: string;
}

/** 宣传活动: the level-1 publicity activity the station held. */
export class ActivityRequest {
  @ApiProperty({ example: '2026-11-21T10:00:00+08:00', description: 'an instant with its offset, not after now nor before the level-1 whistle asked for the activity' })
  @IsInstant()
  heldAt!: string;

  @ApiProperty({ example: '冬季防火宣传' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  topic!: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @IsString({ each: true })
  units!: string[];

  @ApiProperty({ example: 42 })
  @IsInt()
  @Min(0)
  @Max(100_000)
  attendance!: number;
}
