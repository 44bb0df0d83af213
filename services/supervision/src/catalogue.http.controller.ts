import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@whistle/auth';
import { CATALOGUE_LISTS } from '@whistle/contracts';
import { ApiAnswer, ApiCommandAnswer, ApiCommandHeaders, ApiErrors, CurrentPrincipal, IfMatch, Roles } from '@whistle/http';
import { CATALOGUE_AS_OF, CATALOGUE_CHANGES } from './catalogue.answers';
import { CatalogueCommands } from './catalogue.commands';
import { CatalogueAsOfRequest, PutCatalogueEntryRequest, RemoveCatalogueEntryRequest, ReviseDeadlinesRequest, RevisePoliciesRequest } from './catalogue.request.dto';

const LIST_PARAM = { name: 'list', enum: CATALOGUE_LISTS, description: 'the catalogue’s list' } as const;

/**
 * The catalogue's changes (目录变更): the administrator edits it while the system runs; each change
 * is an event with who and why, in force for new work at once, and its history says what the
 * catalogue was on any date. `GET /api/catalogue` gives the catalogue in force.
 */
@ApiTags('catalogue 目录')
@ApiBearerAuth()
@Controller('api/catalogue')
export class CatalogueChangesHttpController {
  constructor(private readonly commands: CatalogueCommands) {}

  @Get('changes')
  @Roles('office', 'auditor', 'admin')
  @ApiOperation({ summary: 'Every change of the catalogue, the latest first, with who made it, when and why' })
  @ApiAnswer(CATALOGUE_CHANGES, { description: 'The changes' })
  changes() {
    return this.commands.changes();
  }

  @Get('as-of')
  @Roles('office', 'auditor', 'admin')
  @ApiOperation({ summary: 'The catalogue as it was in force at an instant (now when `at` is left out), with the entries removed by then and its revision' })
  @ApiAnswer(CATALOGUE_AS_OF, { description: 'The catalogue then' })
  asOf(@Query() query: CatalogueAsOfRequest) {
    return this.commands.asOf(query.at);
  }

  @Put('deadlines')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Revise the deadlines, all of them as they are to stand, with a reason; in force for new work at once' })
  @ApiCommandHeaders()
  @ApiCommandAnswer()
  @ApiErrors(409)
  reviseDeadlines(@Body() body: ReviseDeadlinesRequest, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.reviseDeadlines(body, principal, ifMatch);
  }

  @Put('policies')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Revise the joint meeting’s policy (quorum share, deferrals), with a reason' })
  @ApiCommandHeaders()
  @ApiCommandAnswer()
  @ApiErrors(409)
  revisePolicies(@Body() body: RevisePoliciesRequest, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.revisePolicies(body, principal, ifMatch);
  }

  @Put(':list/:id')
  @HttpCode(200)
  @Roles('admin')
  @ApiParam(LIST_PARAM)
  @ApiOperation({
    summary:
      'Add an entry (a new id) or revise one, whole as it is to stand, with a reason; the catalogue it leaves must hold together. A compound or community does not move while open cases are in it (409 names them)',
  })
  @ApiCommandHeaders()
  @ApiCommandAnswer()
  @ApiErrors(404, 409)
  put(@Param('list') list: string, @Param('id') id: string, @Body() body: PutCatalogueEntryRequest, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.put(list, id, body, principal, ifMatch);
  }

  @Post(':list/:id/removal')
  @HttpCode(200)
  @Roles('admin')
  @ApiParam(LIST_PARAM)
  @ApiOperation({
    summary:
      'Take an entry out of use, with a reason: refused (409) while open cases use it, naming them, or while the catalogue refers to it. Past cases keep its name',
  })
  @ApiCommandHeaders()
  @ApiCommandAnswer()
  @ApiErrors(404, 409)
  remove(@Param('list') list: string, @Param('id') id: string, @Body() body: RemoveCatalogueEntryRequest, @CurrentPrincipal() principal: Principal, @IfMatch() ifMatch?: number) {
    return this.commands.remove(list, id, body, principal, ifMatch);
  }
}
