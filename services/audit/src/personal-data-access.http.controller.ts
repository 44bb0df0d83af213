import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, InvalidRequest, Roles } from '@whistle/http';
import { PERSONAL_DATA_ACCESSES } from './audit.answers';
import { AUDIT, type AuditDependencies } from './audit.dependencies';
import { withHeadLedger } from './head-ledger';
import type { PersonalDataAccess } from './personal-data-access-log';
import { PersonalDataAccessRequest } from './personal-data-access.request.dto';

export interface PersonalDataAccessPage {
  readonly items: PersonalDataAccess[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

@ApiTags('audit 审计')
@ApiBearerAuth()
@Controller('api/audit/personal-data-access')
export class PersonalDataAccessHttpController {
  constructor(@Inject(AUDIT) private readonly deps: AuditDependencies) {}

  @Get()
  @Roles('auditor', 'office')
  @ApiOperation({
    summary:
      'Who read a reporter’s personal data in full, when and why (个人信息查阅记录), newest first: by case, by accessor (the token’s subject), in a period [from, to); each with the hash of its sealed record in intake’s store',
  })
  @ApiAnswer(PERSONAL_DATA_ACCESSES, { description: 'The accesses that match, a page of them' })
  list(@Query() query: PersonalDataAccessRequest): PersonalDataAccessPage {
    if (query.from !== undefined && query.to !== undefined && Date.parse(query.from) >= Date.parse(query.to)) {
      throw new InvalidRequest([{ field: 'to', message: 'to must be later than from' }]);
    }
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const filter = { caseId: query.caseId, actor: query.actor, from: query.from, to: query.to };
    const found = withHeadLedger(this.deps.ledgerFile, (ledger) => ledger.accesses.list(filter, (page - 1) * pageSize, pageSize));
    return { ...found, page, pageSize };
  }
}
