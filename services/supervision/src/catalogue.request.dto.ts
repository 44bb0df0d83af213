import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsISO8601, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

class ReasonRequest {
  @ApiProperty({ example: '区里调整了职责分工', description: 'why the catalogue changes; kept in its history' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

/** An entry whole as it is to stand: a category, unit, compound, community or station in the catalogue's own shape (CATALOGUE_FILE). */
export class PutCatalogueEntryRequest extends ReasonRequest {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { name: { zh: '占用消防通道', en: 'Fire lane blocked' }, defaultLevel: 2, unitIds: ['unit-gongan', 'unit-xiaofang'] },
    description: 'the entry as the catalogue file writes it; its id is the one in the path',
  })
  @IsDefined()
  @IsObject()
  entry!: Record<string, unknown>;
}

export class RemoveCatalogueEntryRequest extends ReasonRequest {}

export class ReviseDeadlinesRequest extends ReasonRequest {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'every deadline, as the catalogue file writes them (ISO-8601 durations, or P<n>WD in working days)' })
  @IsDefined()
  @IsObject()
  deadlines!: Record<string, unknown>;
}

export class RevisePoliciesRequest extends ReasonRequest {
  @ApiProperty({ type: 'object', additionalProperties: true, example: { quorumShare: 0.5, maxDeferrals: 2 }, description: 'the joint meeting’s quorum share and the deferrals allowed' })
  @IsDefined()
  @IsObject()
  policies!: Record<string, unknown>;
}

export class CatalogueAsOfRequest {
  @ApiPropertyOptional({ example: '2026-12-01T00:00:00+08:00', description: 'the instant whose catalogue is asked for; now (the server’s clock) when left out: the catalogue to edit, with the revision to send as If-Match' })
  @IsOptional()
  @IsISO8601({ strict: true })
  at?: string;
}
