import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@whistle/auth';
import { ApiAnswer, ApiCommandAnswer, ApiCommandHeaders, ApiErrors, CurrentPrincipal, IfMatch, Roles, schema } from '@whistle/http';
import { COMPOUND_LEDGER, COMPOUND_PROFILE, COMPOUND_SUMMARY } from './compound.answers';
import { CompoundCommands } from './compound.commands';
import { AssignLiaisonRequest, CompoundListRequest, EndLiaisonRequest, RecordLedgerEntryRequest, RecordProfileRequest } from './compound.request.dto';

/** Compound profiles (小区档案), the three withouts (三无小区) and liaison with its ledger (联系小区, 台账). */
@ApiTags('supervision 监督考核')
@ApiBearerAuth()
@Controller('api/supervision/compounds')
export class CompoundHttpController {
  constructor(private readonly commands: CompoundCommands) {}

  @Get()
  @Roles('station', 'office', 'auditor', 'admin')
  @ApiOperation({ summary: 'The compounds with their firm, liaisons and three withouts (三无小区); a station sees its own communities’' })
  @ApiAnswer(schema.list(COMPOUND_SUMMARY), { description: 'The compounds in catalogue order' })
  list(@Query() query: CompoundListRequest, @CurrentPrincipal() principal: Principal) {
    return this.commands.list(principal, query.threeWithout);
  }

  @Get(':compoundId/profile')
  @Roles('station', 'unit', 'office', 'auditor', 'admin')
  @ApiOperation({ summary: 'A compound’s profile (小区档案): firm, owners’ committee, party branch, handover, grids, counts, liaisons and the derived three withouts' })
  @ApiAnswer(COMPOUND_PROFILE, { description: 'The profile' })
  @ApiErrors(404)
  profile(@Param('compoundId') compoundId: string, @CurrentPrincipal() principal: Principal) {
    return this.commands.profile(compoundId, principal);
  }

  @Put(':compoundId/profile')
  @HttpCode(200)
  @Roles('office', 'admin')
  @ApiOperation({ summary: 'Record the whole profile as it now stands, with a reason (the property firm comes from the firm register); nothing differing records nothing' })
  @ApiCommandHeaders()
  @ApiCommandAnswer()
  @ApiErrors(404)
  recordProfile(@Param('compoundId') compoundId: string, @Body() body: RecordProfileRequest, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.recordProfile(compoundId, body, principal, ifMatch);
  }

  @Post(':compoundId/liaisons')
  @Roles('office', 'admin')
  @ApiOperation({ summary: 'Assign a leader or a department (a unit) to liaise with the compound (联系小区), with a reason; `id` is the liaison’s' })
  @ApiCommandHeaders({ ifMatch: false })
  @ApiCommandAnswer()
  @ApiErrors(404, 409)
  assign(@Param('compoundId') compoundId: string, @Body() body: AssignLiaisonRequest, @CurrentPrincipal() principal: Principal) {
    return this.commands.assign(compoundId, body, principal);
  }

  @Post(':compoundId/liaisons/:liaisonId/end')
  @HttpCode(200)
  @Roles('office', 'admin')
  @ApiOperation({ summary: 'End a liaison’s assignment, with a reason; its ledger stays' })
  @ApiCommandHeaders()
  @ApiCommandAnswer()
  @ApiErrors(404, 409)
  end(@Param('compoundId') compoundId: string, @Param('liaisonId') liaisonId: string, @Body() body: EndLiaisonRequest, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.end(compoundId, liaisonId, body, principal, ifMatch);
  }

  @Post(':compoundId/ledger')
  @Roles('unit', 'office', 'admin')
  @ApiOperation({
    summary:
      'Record a visit or help in the ledger (台账), or correct an entry by a new one (`corrects`); entries are never edited. A unit records as its own department liaison; the office records for any liaison (leaders have no sign-in); `id` is the entry’s',
  })
  @ApiCommandHeaders({ ifMatch: false })
  @ApiCommandAnswer()
  @ApiErrors(404, 409)
  recordEntry(@Param('compoundId') compoundId: string, @Body() body: RecordLedgerEntryRequest, @CurrentPrincipal() principal: Principal) {
    return this.commands.recordEntry(compoundId, body, principal);
  }

  @Get(':compoundId/ledger')
  @Roles('station', 'unit', 'office', 'auditor', 'admin')
  @ApiOperation({ summary: 'The compound’s ledger (台账) as it stands, the latest visit first, with the corrected entries kept apart' })
  @ApiAnswer(COMPOUND_LEDGER, { description: 'The ledger' })
  @ApiErrors(404)
  ledger(@Param('compoundId') compoundId: string, @CurrentPrincipal() principal: Principal) {
    return this.commands.ledger(compoundId, principal);
  }
}
