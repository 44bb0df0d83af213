import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, ApiErrors, ApiReadHeaders, Public, schema } from '@whistle/http';
import { PageRequest } from '../page.request.dto';
import { ReadSideConsistencyInterceptor } from '../read-side-consistency.interceptor';
import { SupervisionQueries } from './supervision-queries';
import { FIRM_CREDIT, NOTICE } from './supervision.answers';

/** The document's bearer requirement lifted: these need no token. */
const NO_TOKEN: [] = [];

/**
 * What the office published, for anyone without signing in (公开): the notices (通报) with their
 * red and black lists and content hash, and each firm's credit record without its contact.
 */
@ApiTags('public 公开')
@Public()
@Controller('api/public')
@UseInterceptors(ReadSideConsistencyInterceptor)
@ApiReadHeaders()
export class PublicNoticesHttpController {
  constructor(private readonly queries: SupervisionQueries) {}

  @Get('notices')
  @ApiOperation({ security: NO_TOKEN, summary: 'The published notices (通报), the latest first, each with the notices that correct it; no sign-in' })
  @ApiAnswer(schema.page(NOTICE), { description: 'A page of notices' })
  notices(@Query() query: PageRequest) {
    return this.queries.notices(query);
  }

  @Get('notices/:publicationId')
  @ApiOperation({ security: NO_TOKEN, summary: 'One published notice with its results, red and black lists, content hash and the event’s hash; no sign-in' })
  @ApiAnswer(NOTICE, { description: 'The notice' })
  @ApiErrors(404)
  notice(@Param('publicationId') publicationId: string) {
    return this.queries.notice(publicationId);
  }

  @Get('firms/:firmId/credit')
  @ApiOperation({ security: NO_TOKEN, summary: 'A property firm’s credit record (信用记录): an entry per notice that published its results; no sign-in' })
  @ApiAnswer(FIRM_CREDIT, { description: 'The firm’s credit record' })
  @ApiErrors(404)
  credit(@Param('firmId') firmId: string) {
    return this.queries.credit(firmId);
  }
}
