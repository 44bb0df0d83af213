import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { LEDGER_KINDS } from '@whistle/contracts';
import { IsWholeNumber, QueryBoolean } from '@whistle/http';
import { GRID_WORKERS_MAX, GRIDS_MAX } from '@whistle/supervision-domain';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = (field: string) => `${field} must be a date such as 2026-11-21`;

/** 业主委员会: present with its term, or absent. */
export class OwnersCommitteeRequest {
  @ApiProperty({ example: true })
  @IsBoolean()
  present!: boolean;

  @ApiPropertyOptional({ example: '2024-01-01', description: 'required when present' })
  @ValidateIf((o: OwnersCommitteeRequest) => o.present)
  @Matches(DATE, { message: DATE_MESSAGE('termFrom') })
  termFrom?: string;

  @ApiPropertyOptional({ example: '2029-01-01', description: 'required when present; later than termFrom' })
  @ValidateIf((o: OwnersCommitteeRequest) => o.present)
  @Matches(DATE, { message: DATE_MESSAGE('termTo') })
  termTo?: string;
}

/** 小区党支部: present with its secretary, or absent. */
export class PartyBranchRequest {
  @ApiProperty({ example: true })
  @IsBoolean()
  present!: boolean;

  @ApiPropertyOptional({ example: '刘书记', description: 'required when present' })
  @ValidateIf((o: PartyBranchRequest) => o.present)
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  secretary?: string;
}

/** 交接: whether the developer handed the compound over, and when. */
export class HandoverRequest {
  @ApiProperty({ enum: ['not_handed_over', 'handed_over'], example: 'handed_over' })
  @IsIn(['not_handed_over', 'handed_over'])
  status!: 'not_handed_over' | 'handed_over';

  @ApiPropertyOptional({ example: '2019-06-30', description: 'required when handed over; not in the future' })
  @ValidateIf((o: HandoverRequest) => o.status === 'handed_over')
  @Matches(DATE, { message: DATE_MESSAGE('date') })
  date?: string;
}

/** 网格 and its 网格员. */
export class GridRequest {
  @ApiProperty({ example: '一网格' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name!: string;

  @ApiProperty({ type: [String], example: ['赵敏'] })
  @IsArray()
  @ArrayMaxSize(GRID_WORKERS_MAX)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(50, { each: true })
  workers!: string[];
}

/** The whole profile of a compound (小区档案) as it now stands, with why; the property firm comes from the firm register. */
export class RecordProfileRequest {
  @ApiProperty({ type: OwnersCommitteeRequest })
  @IsDefined()
  @ValidateNested()
  @Type(() => OwnersCommitteeRequest)
  ownersCommittee!: OwnersCommitteeRequest;

  @ApiProperty({ type: PartyBranchRequest })
  @IsDefined()
  @ValidateNested()
  @Type(() => PartyBranchRequest)
  partyBranch!: PartyBranchRequest;

  @ApiProperty({ type: HandoverRequest })
  @IsDefined()
  @ValidateNested()
  @Type(() => HandoverRequest)
  handover!: HandoverRequest;

  @ApiProperty({ type: [GridRequest] })
  @IsArray()
  @ArrayMaxSize(GRIDS_MAX)
  @ValidateNested({ each: true })
  @Type(() => GridRequest)
  grids!: GridRequest[];

  @ApiProperty({ example: 37, minimum: 0 })
  @IsWholeNumber(0, 1_000_000)
  partyMembers!: number;

  @ApiProperty({ example: 812, minimum: 0 })
  @IsWholeNumber(0, 1_000_000)
  households!: number;

  @ApiProperty({ example: '年度小区档案普查' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

/** A leader by name and post, or a department (a unit of the catalogue). */
export class LiaisonRequest {
  @ApiProperty({ enum: ['leader', 'department'], example: 'department' })
  @IsIn(['leader', 'department'])
  kind!: 'leader' | 'department';

  @ApiPropertyOptional({ example: '王明', description: 'the leader’s name (kind leader)' })
  @ValidateIf((o: LiaisonRequest) => o.kind === 'leader')
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name?: string;

  @ApiPropertyOptional({ example: '副县长', description: 'the leader’s post (kind leader)' })
  @ValidateIf((o: LiaisonRequest) => o.kind === 'leader')
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  post?: string;

  @ApiPropertyOptional({ example: 'unit-chengguan', description: 'the department’s unit id (kind department)' })
  @ValidateIf((o: LiaisonRequest) => o.kind === 'department')
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  unitId?: string;
}

export class AssignLiaisonRequest {
  @ApiProperty({ type: LiaisonRequest })
  @IsDefined()
  @ValidateNested()
  @Type(() => LiaisonRequest)
  liaison!: LiaisonRequest;

  @ApiProperty({ example: '县委关于调整联系住宅小区的通知' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

export class EndLiaisonRequest {
  @ApiProperty({ example: '工作调整' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

export class LedgerCorrectionRequest {
  @ApiProperty({ example: 'entry-1', description: 'the entry this one takes the place of' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  entryId!: string;

  @ApiProperty({ example: '日期记错' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

/** One visit or help in the ledger (台账), or the correction of an earlier entry. */
export class RecordLedgerEntryRequest {
  @ApiProperty({ example: 'liaison-1', description: 'the liaison whose work this is' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  liaisonId!: string;

  @ApiProperty({ enum: LEDGER_KINDS, example: 'visit' })
  @IsIn(LEDGER_KINDS)
  kind!: (typeof LEDGER_KINDS)[number];

  @ApiProperty({ example: '2026-11-20', description: 'the day of the visit or help, not in the future (Beijing)' })
  @Matches(DATE, { message: DATE_MESSAGE('date') })
  date!: string;

  @ApiProperty({ example: '消防通道被车辆占用' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  found!: string;

  @ApiProperty({ example: '约谈物业，当场清理' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  done!: string;

  @ApiPropertyOptional({ example: '一周后复查' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  followUp?: string;

  @ApiPropertyOptional({ type: LedgerCorrectionRequest })
  @IsOptional()
  @ValidateNested()
  @Type(() => LedgerCorrectionRequest)
  corrects?: LedgerCorrectionRequest;
}

export class CompoundListRequest {
  @ApiPropertyOptional({ description: 'true: only the three-withouts compounds (三无小区); false: only the others' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  threeWithout?: boolean;
}
