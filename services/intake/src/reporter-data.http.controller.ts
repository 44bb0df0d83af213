import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PRINCIPAL_ROLES, type Principal } from '@whistle/auth';
import { ApiAnswer, ApiCommandAnswer, ApiCommandHeaders, ApiErrors, COMMAND_RESPONSE, CurrentPrincipal, IfMatch, Roles, schema } from '@whistle/http';
import { REPORTER_DATA_ERASERS } from '@whistle/intake-domain';
import { PhoneErasureRequest, ReporterErasureRequest } from './case-commands.request.dto';
import { ReporterDataCommands } from './reporter-data.commands';
import { ReporterReadRequest } from './reporter-data.request.dto';

@ApiTags('intake 受理')
@ApiBearerAuth()
@Controller('api/intake')
export class ReporterDataHttpController {
  constructor(private readonly commands: ReporterDataCommands) {}

  @Get('cases/:caseId/reporter')
  // Personal data, in full or masked: no cache between the reader and the service may keep it.
  @Header('Cache-Control', 'no-store')
  @Roles(...PRINCIPAL_ROLES)
  @ApiOperation({
    summary:
      'The reporter’s personal data. The office, the case’s station and the reporter who reported it read it in full only with a reason (?reason=, 1–500 characters): the access (intake.PersonalDataAccessed: who, when, why) is recorded first, and the data is not given if it cannot be; without a reason they read it masked, with fullRequiresReason. Masked for another reporter of the compound, a unit summoned to the case, the auditor and the administrator; 403 outside the case. Once erased: when, by whom and why',
  })
  @ApiAnswer(schema.object(
    {
      reporter: schema.nullable(schema.object({ name: schema.text(), phone: schema.text() }, {}, 'null when the report left none, or once erased')),
      masked: schema.boolean('whether name and phone are masked (张*, 138****5678) for this caller'),
      erased: schema.nullable(schema.object({ at: schema.text(), by: schema.object({ id: schema.text(), role: schema.text() }), reason: schema.text() })),
      fullRequiresReason: schema.boolean('masked only because no reason was given: this caller may read it in full with ?reason='),
      access: schema.nullable(schema.object({ at: schema.text(), position: schema.nullable(schema.text()) }, {}, 'the recorded access (intake.PersonalDataAccessed) of this read in full; null when nothing was read in full')),
    },
  ), { description: 'The reporter’s personal data as this caller may see it' })
  @ApiErrors(404)
  reporter(@Param('caseId') caseId: string, @Query() query: ReporterReadRequest, @CurrentPrincipal() principal: Principal) {
    return this.commands.reporterOf(caseId, principal, query.reason);
  }

  @Post('cases/:caseId/reporter/erasure')
  @HttpCode(200)
  @Roles(...REPORTER_DATA_ERASERS)
  @ApiOperation({
    summary:
      'Erase the reporter’s personal data (个人信息删除), with a reason: its key is destroyed and intake.ReporterDataErased recorded; 409 when it was already erased or the case holds none',
  })
  @ApiCommandHeaders()
  @ApiCommandAnswer()
  @ApiErrors(404, 409)
  erase(@Param('caseId') caseId: string, @Body() body: ReporterErasureRequest, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.erase(caseId, body.reason, principal, ifMatch);
  }

  @Post('reporters/erasure')
  @HttpCode(200)
  @Roles(...REPORTER_DATA_ERASERS)
  @ApiOperation({
    summary:
      'Erase the personal data of every case one phone number reported, with a reason: { count, cases } (each as a command answers); count 0 when no case holds that number’s data (never reported, or already erased)',
  })
  @ApiCommandHeaders({ ifMatch: false })
  @ApiAnswer(schema.object({ count: schema.integer(), cases: schema.list(schema.object(COMMAND_RESPONSE)) }), { description: 'Each case erased now, as a command answers' })
  @ApiErrors(409)
  eraseOfPhone(@Body() body: PhoneErasureRequest, @CurrentPrincipal() principal: Principal) {
    return this.commands.eraseOfPhone(body.phone, body.reason, principal);
  }
}
