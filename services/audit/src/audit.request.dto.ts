import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { buildMessage, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateBy } from 'class-validator';
import { SERVICES, type WriteService } from '@whistle/contracts';
import { IsInstant, IsWholeNumber, QueryInt, QueryInstant, QueryList, QueryText } from '@whistle/http';

/** `GET /api/audit/cases/{caseId}/state?at=` */
export class StateAtRequest {
  @ApiProperty({ example: '2026-11-21T16:30:00+08:00', description: 'the moment: events recorded at or before it count' })
  @QueryInstant()
  @IsInstant()
  at!: string;
}

const LOG = `(?:${SERVICES.join('|')})`;
const TREE_SIZE = '[1-9][0-9]{0,14}';
/**
 * `<log>@<treeSize>` items separated by commas, each log one of the five and named at most once
 * (the lookahead: no log at the start of an item and again at the start of a later one), each
 * size a whole number of at least 1. The document declares this very pattern.
 */
const CHECKPOINT_LIST = new RegExp(`^(?!(?:[^,]*,)*(${SERVICES.join('|')})@[^,]*,(?:[^,]*,)*\\1@)${LOG}@${TREE_SIZE}(?:,${LOG}@${TREE_SIZE})*$`);

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

  @ApiPropertyOptional({
    type: String,
    pattern: CHECKPOINT_LIST.source,
    example: 'intake@1200,escalation@340',
    description:
      'the signed checkpoints you already hold (an earlier dossier’s, or GET /api/audit/checkpoints/latest saved earlier), as <log>@<treeSize>, one per log: the proof carries each with the consistency proof to the checkpoint its log’s proofs lead to, or says the audit no longer holds it (`npm run verify -- … --since <earlier.json>` checks it)',
  })
  @QueryList()
  @IsOptional()
  @IsCheckpointList()
  since?: string[];
}

/** The checkpoint list, given in one parameter or repeated (QueryList splits either into items). */
function IsCheckpointList(): PropertyDecorator {
  return ValidateBy({
    name: 'isCheckpointList',
    validator: {
      validate: (value: unknown) => Array.isArray(value) && value.every((item) => typeof item === 'string') && CHECKPOINT_LIST.test(value.join(',')),
      defaultMessage: buildMessage(() => `$property must be <log>@<treeSize>[,<log>@<treeSize>…]: each log one of ${SERVICES.join(', ')} and named once, each treeSize a whole number of at least 1`),
    },
  });
}

/** The checkpoints `since` names, as the audit looks them up. */
export function sinceCheckpoints(since: readonly string[] | undefined): { log: WriteService; treeSize: number }[] {
  return (since ?? []).map((item) => {
    const [log, size] = item.split('@') as [WriteService, string];
    return { log, treeSize: Number(size) };
  });
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

  @ApiProperty({ minimum: 1, description: 'the tree size of the later signed checkpoint: not less than from (400 otherwise)' })
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
