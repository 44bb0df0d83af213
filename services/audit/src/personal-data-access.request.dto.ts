import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsInstant, QueryInstant, QueryText } from '@whistle/http';
import { AuditPageRequest } from './audit.request.dto';

const ID = /^[A-Za-z0-9._:@-]{1,200}$/;

/** `GET /api/audit/personal-data-access?caseId=&actor=&from=&to=&page=&pageSize=` */
export class PersonalDataAccessRequest extends AuditPageRequest {
  @ApiPropertyOptional({ example: 'c-20261205-0001', description: 'the accesses of one case' })
  @QueryText()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(ID, { message: 'caseId must be a case id' })
  caseId?: string;

  @ApiPropertyOptional({ example: 'station-north-li', description: 'the accesses of one accessor: the subject (sub) of the token that read' })
  @QueryText()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(ID, { message: 'actor must be an accessor’s id' })
  actor?: string;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00+08:00', description: 'from this moment on (inclusive)' })
  @QueryInstant()
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ example: '2027-01-01T00:00:00+08:00', description: 'before this moment (exclusive); after from when both are given (400 naming to otherwise)' })
  @QueryInstant()
  @IsOptional()
  @IsInstant()
  to?: string;
}
