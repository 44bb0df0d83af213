import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, Roles } from '@whistle/http';
import { AdjudicationCommands } from './adjudication.commands';
import { PENDING_CASES } from './adjudication.answers';

/** Beside the meetings: the agenda a meeting scheduled now would get, from adjudication's own state. */
@ApiTags('adjudication 联席会议')
@ApiBearerAuth()
@Controller('api/adjudication/pending-cases')
export class PendingCasesHttpController {
  constructor(private readonly commands: AdjudicationCommands) {}

  @Get()
  @Roles('office', 'auditor')
  @ApiOperation({ summary: 'The level-4 cases awaiting tabling: what a meeting scheduled now would put on its agenda, the longest waiting first' })
  @ApiAnswer(PENDING_CASES, { description: 'The cases awaiting tabling' })
  pending() {
    return this.commands.pendingCases();
  }
}
