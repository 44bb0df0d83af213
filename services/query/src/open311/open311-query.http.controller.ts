import { Controller, Get, Inject, Param, Query, UseFilters, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotFound } from '@whistle/application';
import { ApiReadHeaders, Public } from '@whistle/http';
import { getCase } from '@whistle/read-models';
import {
  ApiOpen311Answer,
  ApiOpen311Errors,
  ApiOpen311Id,
  Open311ErrorFilter,
  Open311JurisdictionRequest,
  Open311RequestListRequest,
  REQUESTS_ANSWER,
  SERVICES_ANSWER,
  SERVICE_DEFINITION_ANSWER,
  findServiceRequests,
  formatOf,
  render,
  serviceDefinitionOf,
  serviceRequestOf,
  servicesOf,
} from '@whistle/open311';
import { QUERY, type QueryDependencies } from '../query.dependencies';
import { ReadSideConsistencyInterceptor } from '../read-side-consistency.interceptor';

/**
 * GeoReport v2's reads (Open311): the catalogue's categories as services and the cases as service
 * requests. Public, as the specification has them and as client libraries call them (without a
 * key): they answer only the specification's fields, which carry nothing of a reporter.
 */
@ApiTags('open311 GeoReport v2')
@Controller('open311/v2')
@UseFilters(Open311ErrorFilter)
export class Open311QueryHttpController {
  constructor(@Inject(QUERY) private readonly deps: QueryDependencies) {}

  @Get('services.:format')
  @Public()
  @ApiOperation({ summary: 'Open311: the services, one per category of the catalogue' })
  @ApiOpen311Answer(SERVICES_ANSWER, 'services')
  @ApiOpen311Errors(400, 429)
  services(@Param('format') extension: string, @Query() _query: Open311JurisdictionRequest): string {
    return render(formatOf(extension), 'services', servicesOf(this.deps.catalogue)).body;
  }

  @Get('services/:serviceCode.:format')
  @Public()
  @ApiOperation({ summary: 'Open311: a service’s definition: the compound (小区) it asks for, one of the catalogue’s' })
  @ApiOpen311Id('serviceCode', 'a category of the catalogue (GET services)')
  @ApiOpen311Answer(SERVICE_DEFINITION_ANSWER, 'service_definition')
  @ApiOpen311Errors(400, 404, 429)
  service(@Param('serviceCode') serviceCode: string, @Param('format') extension: string, @Query() _query: Open311JurisdictionRequest): string {
    const format = formatOf(extension);
    const definition = serviceDefinitionOf(this.deps.catalogue, serviceCode);
    if (definition === undefined) throw new NotFound('service_code', serviceCode);
    return render(format, 'service_definition', definition).body;
  }

  @Get('requests.:format')
  @Public()
  @UseInterceptors(ReadSideConsistencyInterceptor)
  @ApiOperation({ summary: 'Open311: service requests (cases) by id, or by service, status and report time (90 days at most, the last 90 by default), the newest first' })
  @ApiOpen311Answer(REQUESTS_ANSWER, 'service_requests')
  // Above ApiReadHeaders, which declares its 503 in the API's error shape: applied after it, these replace it.
  @ApiOpen311Errors(400, 429, 503)
  @ApiReadHeaders()
  async requests(@Param('format') extension: string, @Query() query: Open311RequestListRequest): Promise<string> {
    const format = formatOf(extension);
    const found = await findServiceRequests(this.deps.readModels, this.deps.catalogue, query, this.deps.clock.now());
    return render(format, 'service_requests', found).body;
  }

  @Get('requests/:id.:format')
  @Public()
  @UseInterceptors(ReadSideConsistencyInterceptor)
  @ApiOperation({ summary: 'Open311: one service request (case): its status open or closed, notes, the agency handling it, its deadline' })
  @ApiOpen311Id('id', 'the case’s id (service_request_id)')
  @ApiOpen311Answer(REQUESTS_ANSWER, 'service_requests')
  @ApiOpen311Errors(400, 404, 429, 503)
  @ApiReadHeaders()
  async request(@Param('id') id: string, @Param('format') extension: string, @Query() _query: Open311JurisdictionRequest): Promise<string> {
    const format = formatOf(extension);
    const view = await getCase(this.deps.readModels, id);
    // A view only another service has heard of yet is no request until intake's report reaches it.
    if (view === undefined || view.reportedAt === null) throw new NotFound('service_request_id', id);
    return render(format, 'service_requests', [serviceRequestOf(view, this.deps.catalogue)]).body;
  }
}
