import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CALLBACK_RESULTS, CHANNELS, REJECTION_CODES, type CallbackResult, type Channel, type RejectionCode } from '@whistle/contracts';
import { ERASURE_REASON_MAX_LENGTH } from '@whistle/intake-domain';

const PHONE = /^\+?[0-9][0-9 -]{4,19}$/;
export const NOT_BLANK = /\S/;

export class ReporterRequest {
  @ApiProperty({ example: '张三' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name!: string;

  @ApiProperty({ example: '13812345678' })
  @IsString()
  @Matches(PHONE, { message: 'reporter.phone must be a phone number of 5 to 20 digits' })
  phone!: string;
}

export class EvidenceRequest {
  @ApiProperty({ example: 'fire-lane.jpg' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'a'.repeat(64), description: 'sha256 of the file, 64 hexadecimal characters' })
  @IsString()
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'sha256 must be 64 hexadecimal characters' })
  sha256!: string;
}

/** 受理: a report of a problem in a compound. */
export class ReportCaseRequest {
  @ApiProperty({ example: 'compound-xinghua-1' })
  @IsString()
  @IsNotEmpty()
  compoundId!: string;

  @ApiProperty({ example: 'fire_lane_blocked' })
  @IsString()
  @IsNotEmpty()
  category!: string;

  @ApiProperty({ example: '3号楼东侧消防通道被私家车占用' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  description!: string;

  @ApiPropertyOptional({ example: '3号楼东侧' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  location?: string;

  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel!: Channel;

  @ApiPropertyOptional({ type: ReporterRequest })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReporterRequest)
  reporter?: ReporterRequest;

  @ApiPropertyOptional({ type: [EvidenceRequest] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => EvidenceRequest)
  evidence?: EvidenceRequest[];
}

export class ReasonRequest {
  @ApiProperty({ example: '车辆已挪走' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

/** 人工关联重复: this case repeats `duplicateOf`, a case of the same compound still handled. */
export class LinkDuplicateRequest extends ReasonRequest {
  @ApiProperty({ example: '0193f9c2-5d1e-7c4a-9b1f-2a7f0e6c1d2b', description: 'the primary case (主案件) this one repeats' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'duplicateOf must not be blank' })
  @MaxLength(100)
  duplicateOf!: string;
}

/** 合并: this case is merged into `into`, which survives. */
export class MergeCaseRequest extends ReasonRequest {
  @ApiProperty({ example: '0193f9c2-5d1e-7c4a-9b1f-2a7f0e6c1d2b', description: 'the case that survives the merge and carries on the handling' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'into must not be blank' })
  @MaxLength(100)
  into!: string;
}

/** 回访 */
export class CallbackRequest {
  @ApiProperty({ enum: CALLBACK_RESULTS })
  @IsIn(CALLBACK_RESULTS)
  result!: CallbackResult;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class RejectCaseRequest extends ReasonRequest {
  @ApiProperty({ enum: REJECTION_CODES })
  @IsIn(REJECTION_CODES)
  code!: RejectionCode;
}

/** 个人信息删除 of one case's reporter. */
export class ReporterErasureRequest {
  @ApiProperty({ example: '报告人本人来电申请删除个人信息', maxLength: ERASURE_REASON_MAX_LENGTH, description: 'kept in the record for good: must not repeat the name or phone erased' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  @MaxLength(ERASURE_REASON_MAX_LENGTH)
  reason!: string;
}

/** 个人信息删除 of every case one phone number reported. */
export class PhoneErasureRequest extends ReporterErasureRequest {
  @ApiProperty({ example: '13812345678', description: 'as the reporter gave it; spaces, dashes and +86 do not matter' })
  @IsString()
  @Matches(PHONE, { message: 'phone must be a phone number of 5 to 20 digits' })
  phone!: string;
}
