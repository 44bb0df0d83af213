import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { LEVELS, type Level } from '@whistle/contracts';

/** 吹哨: confirm or change the proposed level and summon the units. */
export class WhistleRequest {
  @ApiProperty({ enum: LEVELS, description: '1 宣传哨, 2 应急哨, 3 执法哨, 4 攻坚哨' })
  @IsIn(LEVELS)
  level!: Level;

  @ApiPropertyOptional({ type: [String], description: 'the units to summon; the catalogue’s units for the category when left out' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  units?: string[];

  @ApiPropertyOptional({ description: 'required when the level differs from the proposed one' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

/** Raise or lower the level, with a reason. */
export class LevelRequest {
  @ApiProperty({ enum: LEVELS })
  @IsIn(LEVELS)
  level!: Level;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}
