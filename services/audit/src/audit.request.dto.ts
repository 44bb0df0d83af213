import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { IsInstant, QueryInstant } from '@whistle/http';

/** `GET /api/audit/cases/{caseId}/state?at=` */
export class StateAtRequest {
  @ApiProperty({ example: '2026-11-21T16:30:00+08:00', description: 'the moment: events recorded at or before it count' })
  @QueryInstant()
  @IsInstant()
  at!: string;
}

/** `GET /api/audit/cases/{caseId}/dossier` */
export class DossierRequest {
  @ApiPropertyOptional({ enum: ['json'], default: 'json' })
  @IsOptional()
  @IsIn(['json'])
  format?: 'json';
}

/** `POST /api/audit/verify`: one case's streams, or every stream of every store. */
export class VerifyRequest {
  @ApiPropertyOptional({ description: 'only the streams of this case; every stream when left out' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  caseId?: string;
}
