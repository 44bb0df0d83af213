import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsInstant } from '@whistle/http';

/** 召开联席会议: the office schedules a joint meeting; open level-4 cases are tabled. */
export class ScheduleMeetingRequest {
  @ApiProperty({ example: '2030-11-28T09:00:00+08:00', description: 'an instant with its offset, not before now' })
  @IsInstant()
  scheduledAt!: string;

  @ApiProperty({ example: '镇综治中心会议室' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  place!: string;

  @ApiProperty({ type: [String], example: ['unit-chengguan', 'unit-xiaofang'], description: 'units of the catalogue (GET /api/catalogue)' })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  invitedUnits!: string[];
}

export class AttendanceRequest {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  unitId!: string;

  @ApiProperty()
  @IsBoolean()
  present!: boolean;
}

export class OpinionRequest {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  unitId!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  opinion!: string;
}

/** 决议: lead unit (牵头单位), supporting units (配合单位), measures and deadline. */
export class ResolutionRequest {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  leadUnit!: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  supportingUnits!: string[];

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  measures!: string;

  @ApiPropertyOptional({ description: 'an instant with its offset, later than now; the catalogue’s default (30 days) when left out' })
  @IsOptional()
  @IsInstant()
  deadline?: string;
}

export class DeferRequest {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

export class MinutesQuery {
  @ApiPropertyOptional({ enum: ['zh', 'en'] })
  @IsOptional()
  @IsIn(['zh', 'en'])
  lang?: 'zh' | 'en';

  @ApiPropertyOptional({ enum: ['json', 'text'] })
  @IsOptional()
  @IsIn(['json', 'text'])
  format?: 'json' | 'text';
}
