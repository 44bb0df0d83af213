import { Body, Controller, createParamDecorator, Get, Header, HttpCode, Param, Post, Query, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PRINCIPAL_ROLES, type Principal } from '@whistle/auth';
import { ApiAnswer, ApiCommandAnswer, ApiCommandHeaders, ApiErrors, COMMAND_RESPONSE, CurrentPrincipal, IDEMPOTENCY_KEY_HEADER, IfMatch, InvalidRequest, Roles, schema } from '@whistle/http';
import { REPORTER_DATA_ERASERS } from '@whistle/intake-domain';
import { PhoneErasureRequest, ReporterErasureRequest } from './case-commands.request.dto';
import { ReporterDataCommands } from './reporter-data.commands';
import { ReporterDisclosureRequest, ReporterReadRequest } from './reporter-data.request.dto';

/** Who may read a reporter in full: the route admits them, and the scope and the report's author decide the rest. */
const REPORTER_DATA_READERS = ['reporter', 'station', 'office'] as const;

const REPORTER_ANSWER = schema.object({
  reporter: schema.nullable(schema.object({ name: schema.text(), phone: schema.text() }, {}, 'null when the report left none, or once erased')),
  masked: schema.boolean('whether name and phone are masked (张*, 138****5678)'),
  erased: schema.nullable(schema.object({ at: schema.text(), by: schema.object({ id: schema.text(), role: schema.text() }), reason: schema.text() })),
  fullRequiresReason: schema.boolean('masked, and this caller may read it in full with POST …/reporter/disclosures and a reason'),
  access: schema.nullable(schema.object({ at: schema.text(), position: schema.nullable(schema.text()) }, {}, 'the recorded access (intake.PersonalDataAccessed) of this read in full; null when nothing was read in full')),
});

/**
 * A request header the handler reads for itself. Not `@Headers(name)`, which the API document
 * would declare as a header to send, and required: the disclosure refuses the one it reads.
 */
const SentHeader = createParamDecorator((name: string, context: ExecutionContext): string | undefined => {
  const value = context.switchToHttp().getRequest<Request>().headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
});

@ApiTags('intake 受理')
@ApiBearerAuth()
@Controller('api/intake')
export class ReporterDataHttpController {
  constructor(private readonly commands: ReporterDataCommands) {}

  @Get('cases/:caseId/reporter')
  // Personal data, even masked: no cache between the reader and the service may keep it.
  @Header('Cache-Control', 'no-store')
  @Roles(...PRINCIPAL_ROLES)
  @ApiOperation({
    summary:
      'The reporter’s personal data, masked (张*, 138****5678); it records nothing, so a client may send it again. The office, the case’s station and the reporter who reported it see fullRequiresReason and read it in full with POST …/reporter/disclosures and a reason; a `reason` given here is refused (400). 403 outside the case. Once erased: when, by whom and why',
  })
  @ApiAnswer(REPORTER_ANSWER, { description: 'The reporter’s personal data, masked' })
  @ApiErrors(404)
  reporter(@Param('caseId') caseId: string, @Query() _query: ReporterReadRequest, @CurrentPrincipal() principal: Principal) {
    return this.commands.reporterOf(caseId, principal);
  }

  @Post('cases/:caseId/reporter/disclosures')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Roles(...REPORTER_DATA_READERS)
  @ApiOperation({
    summary:
      'Read the reporter’s personal data in full (个人信息查阅), with a reason (1–500 characters, not repeating the name or phone): the access (intake.PersonalDataAccessed: who, when, why) is recorded first, and the data is not given if it cannot be. The office, the case’s station and the reporter who reported it; 403 for another reporter of the compound and outside the case. Each call records one access. With no data left (none given, or erased) nothing is read and nothing recorded. An Idempotency-Key is refused (400): a replay would keep the data',
  })
  @ApiAnswer(REPORTER_ANSWER, { description: 'The reporter’s personal data in full, with the recorded access' })
  @ApiErrors(404)
  disclose(@Param('caseId') caseId: string, @Body() body: ReporterDisclosureRequest, @CurrentPrincipal() principal: Principal, @SentHeader(IDEMPOTENCY_KEY_HEADER) idempotencyKey?: string) {
    // A replayed answer would be kept in the idempotency store: the name and phone in plain text, past any erasure. Refused before anything is read or kept.
    if (idempotencyKey !== undefined) {
      throw new InvalidRequest([{ field: 'Idempotency-Key', message: 'Idempotency-Key is not taken here: the answer holds personal data, which is never kept for a replay; each read in full records its own access' }]);
    }
    return this.commands.disclose(caseId, principal, body.reason);
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
