import { Controller, Get, Inject, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PRINCIPAL_ROLES, type Principal } from '@whistle/auth';
import type { Catalogue } from '@whistle/contracts';
import { ApiAnswer, ApiReadHeaders, CurrentPrincipal, Roles } from '@whistle/http';
import { QUERY, type QueryDependencies } from './query.dependencies';
import { ReadSideConsistencyInterceptor } from './read-side-consistency.interceptor';
import { CATALOGUE } from './query.answers';

@ApiTags('catalogue 目录')
@ApiBearerAuth()
@Controller('api/catalogue')
@UseInterceptors(ReadSideConsistencyInterceptor)
@ApiReadHeaders()
export class CatalogueHttpController {
  constructor(@Inject(QUERY) private readonly deps: QueryDependencies) {}

  /**
   * Exactly the shape a CATALOGUE_FILE must have, so a running system's catalogue can be saved and
   * edited. A reporter (a resident) is not given the units' contacts (the staff's names and
   * phones) nor where notifications go: the staff's business, not the public's.
   */
  @Get()
  @Roles(...PRINCIPAL_ROLES)
  @ApiOperation({ summary: 'Communities, compounds, stations, units, categories, deadlines and policies; to a reporter without the units’ contacts and the webhooks' })
  @ApiAnswer(CATALOGUE, { description: 'The catalogue' })
  catalogue(@CurrentPrincipal() principal: Principal): Catalogue {
    const catalogue = this.deps.catalogue.catalogue;
    if (principal.role !== 'reporter') return catalogue;
    return {
      ...catalogue,
      units: catalogue.units.map(({ contacts: _contacts, webhook: _webhook, ...unit }) => unit),
      stations: catalogue.stations.map(({ webhook: _webhook, ...station }) => station),
    };
  }
}
