import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { SERVICES, type WriteService } from '@whistle/contracts';
import { IsInstant, IsWholeNumber, QueryInt, QueryInstant, QueryText } from '@whistle/http';

/** `GET /api/audit/cases/{caseId}/state?at=` */
export class StateAtRequest {
  @ApiProperty({ example: '2026-11-21T16:30:00+08:00', description: 'the moment: events recorded at or before it count' })
  @QueryInstant()
  @IsInstant()
  at!: string;
}

/** `GET /api/audit/cases/{caseId}/dossier` */
export class DossierRequest {
  @ApiPropertyOptional({ enum: ['json', 'html'], default: 'json', description: 'json: the bundle the offline verifier checks; html: the printable page' })
  @QueryText()
  @IsOptional()
  @IsIn(['json', 'html'])
  format?: 'json' | 'html';

  @ApiPropertyOptional({ enum: ['zh-CN', 'en'], default: 'zh-CN', description: 'the printable page’s language' })
  @QueryText()
  @IsOptional()
  @IsIn(['zh-CN', 'en'])
  lang?: 'zh-CN' | 'en';
}

/** `page` and `pageSize` of the audit's lists. */
export class AuditPageRequest {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @QueryInt()
  @IsOptional()
  @IsWholeNumber(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 20 })
  @QueryInt()
  @IsOptional()
  @IsWholeNumber(1, 200)
  pageSize?: number;
}

/** `GET /api/audit/checkpoints?log=` */
export class CheckpointsRequest extends AuditPageRequest {
  @ApiPropertyOptional({ enum: SERVICES, description: 'one log (writing service); every log when left out' })
  @QueryText()
  @IsOptional()
  @IsIn(SERVICES)
  log?: WriteService;
}

/** `GET /api/audit/checkpoints/consistency?log=&from=&to=` */
export class ConsistencyRequest {
  @ApiProperty({ enum: SERVICES })
  @QueryText()
  @IsIn(SERVICES)
  log!: WriteService;

  @ApiProperty({ minimum: 1, description: 'the tree size of the earlier signed checkpoint' })
  @QueryInt()
  @IsWholeNumber(1)
  from!: number;

  @ApiProperty({ minimum: 1, description: 'the tree size of the later signed checkpoint' })
  @QueryInt()
  @IsWholeNumber(1)
  to!: number;
}

/** `GET /api/audit/events/{eventId}/proof?treeSize=` */
export class InclusionRequest {
  @ApiPropertyOptional({ minimum: 1, description: 'the tree size of a signed checkpoint of the event’s log; the latest when left out' })
  @QueryInt()
  @IsOptional()
  @IsWholeNumber(1)
  treeSize?: number;
}

/** `POST /api/audit/findings/acknowledge` */
export class AcknowledgeRequest {
  @ApiProperty({ description: 'why the open findings may close: what was looked at and what was done', maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

/** `POST /api/audit/verify`: one case's streams, or every stream of every store. */
export class VerifyRequest {
  @ApiPropertyOptional({ description: 'only the streams of this case; every stream when left out' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  caseId?: string;
}
