import { Body, Controller, Inject, Param, Post, UseFilters, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { WRITER, type WriterDependencies } from '@whistle/application';
import { ApiCommandHeaders, InvalidRequest, Public, type FieldError } from '@whistle/http';
import {
  ApiOpen311Answer,
  ApiOpen311Errors,
  COMPOUND_ATTRIBUTE,
  CurrentOpen311Client,
  FILED_ANSWER,
  Open311ClientGuard,
  Open311ErrorFilter,
  Open311ServiceRequestForm,
  formatOf,
  open311Principal,
  render,
  type Open311Client,
} from '@whistle/open311';
import { IntakeCommands } from '../intake.commands';
import type { ReportCaseRequest } from '../case-commands.request.dto';

/**
 * GeoReport v2's POST requests (Open311): a client system (the 12345 hotline) files a case with
 * its api_key. The service code is the category, attribute[compound] the compound; the client is
 * the actor the case records (open311Principal), and its reporter's name and phone are sealed as
 * every report's are.
 */
@ApiTags('open311 GeoReport v2')
@Controller('open311/v2')
@UseFilters(Open311ErrorFilter)
export class Open311IntakeHttpController {
  constructor(
    private readonly commands: IntakeCommands,
    @Inject(WRITER) private readonly deps: WriterDependencies,
  ) {}

  @Post('requests.:format')
  // The client's api_key in the body, not a bearer token, says who calls (Open311ClientGuard).
  @Public()
  @UseGuards(Open311ClientGuard)
  @ApiOperation({ summary: 'Open311: file a service request (a form, or JSON) with a client’s api_key; it becomes a case (受理) of the category and compound' })
  @ApiOpen311Answer(FILED_ANSWER, 'service_requests')
  // Above ApiCommandHeaders, which declares its errors in the API's error shape: applied after it, these replace them.
  @ApiOpen311Errors(400, 403, 409, 413, 415, 422, 429, 503)
  @ApiCommandHeaders({ ifMatch: false })
  async file(@Param('format') extension: string, @Body() body: Open311ServiceRequestForm, @CurrentOpen311Client() client: Open311Client): Promise<string> {
    const format = formatOf(extension);
    const report = this.reportOf(body, client);
    const filed = await this.commands.report(report, open311Principal(client));
    const station = this.deps.catalogue.compound(report.compoundId)?.station.name;
    const notice = filed.duplicateOf
      ? `已受理，疑似与案件 ${filed.duplicateOf} 重复，已关联 (received; linked to ${filed.duplicateOf} as a probable duplicate)`
      : `已受理，转${station?.zh ?? '工作站'}办理 (received; routed to ${station?.en ?? 'the station'})`;
    return render(format, 'service_requests', [{ service_request_id: filed.id, service_notice: notice, account_id: null }]).body;
  }

  /** The report as intake's own API takes it; a service or compound the catalogue lacks is named by its Open311 field. */
  private reportOf(body: Open311ServiceRequestForm, client: Open311Client): ReportCaseRequest {
    const { catalogue } = this.deps;
    const problems: FieldError[] = [];
    if (catalogue.category(body.service_code) === undefined) {
      problems.push({ field: 'service_code', message: `service_code ${body.service_code} is no service here (GET services lists them)` });
    }
    const compoundId = body.attribute.compound;
    if (catalogue.compound(compoundId) === undefined) {
      problems.push({ field: `attribute[${COMPOUND_ATTRIBUTE}]`, message: `attribute[${COMPOUND_ATTRIBUTE}] ${compoundId} is no compound here (GET services/{service_code} lists them)` });
    }
    const name = `${body.last_name ?? ''}${body.first_name ?? ''}`;
    if (name !== '' && body.phone === undefined) {
      problems.push({ field: 'phone', message: 'phone is required with a name: intake keeps a reporter as a name and a phone number' });
    }
    if (problems.length > 0) throw new InvalidRequest(problems);
    const location = body.address_string ?? body.address_id ?? (body.lat !== undefined && body.long !== undefined ? `${body.lat},${body.long}` : undefined);
    return {
      compoundId,
      category: body.service_code,
      // The case keeps no media of its own: a picture's address stays with what was reported.
      description: body.media_url === undefined ? body.description : `${body.description}\n附图 (media_url): ${body.media_url}`,
      ...(location === undefined ? {} : { location }),
      channel: client.channel,
      ...(body.phone === undefined ? {} : { reporter: { name: name === '' ? '未留姓名' : name, phone: body.phone } }),
    };
  }
}
