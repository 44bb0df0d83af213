import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';

/** 通报: the quarter's results; a correction names the notice it corrects, and why. */
export class NoticeRequest {
  @ApiProperty({ example: '2026年第四季度物业服务测评结果通报' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title!: string;

  @ApiProperty({ example: '本季度共测评8家物业企业，现将结果通报如下。' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  summary!: string;

  @ApiPropertyOptional({ description: 'a correction: the publicationId of the earlier notice of the quarter it corrects (with reason)' })
  @ValidateIf((request: NoticeRequest) => request.corrects !== undefined || request.reason !== undefined)
  @Matches(/\S/, { message: 'corrects must name the publicationId of the notice this one corrects, given with reason' })
  corrects?: string;

  @ApiPropertyOptional({ description: 'a correction: why (with corrects)', example: '更正某小区满意度统计错误' })
  @ValidateIf((request: NoticeRequest) => request.corrects !== undefined || request.reason !== undefined)
  @Matches(/\S/, { message: 'reason must say why the notice is corrected, given with corrects' })
  @MaxLength(1000)
  reason?: string;
}
