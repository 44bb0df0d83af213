import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsDefined, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

export class FirmContactRequest {
  @ApiProperty({ example: '李经理' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name!: string;

  @ApiProperty({ example: '13812345678', description: 'digits, spaces and dashes, an optional leading +' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(30)
  phone!: string;
}

/** 物业服务企业 registered by the office: 统一社会信用代码 and the compounds it serves. */
export class RegisterFirmRequest {
  @ApiProperty({ example: '杏花物业服务有限公司' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: '91310115MA1K4ABCDE', description: '统一社会信用代码: 18 characters of 0-9 and A-Y without I, O, S, V, Z' })
  @IsString()
  @IsNotEmpty()
  creditCode!: string;

  @ApiProperty({ type: FirmContactRequest })
  @IsDefined()
  @ValidateNested()
  @Type(() => FirmContactRequest)
  contact!: FirmContactRequest;

  @ApiProperty({ type: [String], example: ['compound-xinghua-1'] })
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsString({ each: true })
  compoundIds!: string[];
}

/** What changed of a firm, with why; a member left out stays as it is. */
export class ChangeFirmRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: FirmContactRequest })
  @IsOptional()
  @ValidateNested()
  @Type(() => FirmContactRequest)
  contact?: FirmContactRequest;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsString({ each: true })
  compoundIds?: string[];

  @ApiProperty({ example: '新增服务小区' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}
