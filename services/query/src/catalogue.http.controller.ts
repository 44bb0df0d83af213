import { Controller, Get, Inject, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PRINCIPAL_ROLES } from '@whistle/auth';
import type { Catalogue } from '@whistle/contracts';
import { ApiAnswer, ApiReadHeaders, Roles } from '@whistle/http';
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

  /** Exactly the shape a CATALOGUE_FILE must have, so a running system's catalogue can be saved and edited. */
  @Get()
  @Roles(...PRINCIPAL_ROLES)
  @ApiOperation({ summary: 'Communities, compounds, stations, units, categories, deadlines and policies' })
  @ApiAnswer(CATALOGUE, { description: 'The catalogue' })
  catalogue(): Catalogue {
    return this.deps.catalogue.catalogue;
  }
}
