import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ACCESS_REASON_MAX_LENGTH } from '@whistle/intake-domain';
import { NOT_BLANK } from './case-commands.request.dto';

/**
 * `GET /api/intake/cases/{caseId}/reporter?reason=…`: why the caller reads the reporter in full
 * (个人信息查阅事由). Without it the answer is masked; given empty or blank it is refused, so a
 * form that sent nothing is not mistaken for a read that needs no reason.
 */
export class ReporterReadRequest {
  @ApiPropertyOptional({
    example: '回访核实反映人联系方式',
    maxLength: ACCESS_REASON_MAX_LENGTH,
    description: 'why the reporter’s personal data is read in full: recorded with who read it and when, for the auditors (个人信息保护法); without it the answer is masked',
  })
  @IsOptional()
  @IsString()
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  @MaxLength(ACCESS_REASON_MAX_LENGTH)
  reason?: string;
}
