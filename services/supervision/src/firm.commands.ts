import { Inject, Injectable } from '@nestjs/common';
import { ContextCommands, type CommandResponse, WRITER, type WriterDependencies } from '@whistle/application';
import type { Principal } from '@whistle/auth';
import { compoundsServed, creditCodeHolder, supervisionContext, type FirmCommand, type FirmLookups, type FirmState, type RegisteredFirm } from '@whistle/supervision-domain';
import type { ChangeFirmRequest, RegisterFirmRequest } from './firm-commands.request.dto';

const FIRMS = supervisionContext.aggregates.firm;

/** The property firms (物业服务企业) the office (or an admin) keeps, each with the compounds it serves. */
@Injectable()
export class FirmCommands extends ContextCommands {
  constructor(@Inject(WRITER) private readonly deps: WriterDependencies) {
    super(deps.runtime, deps.clock);
  }

  async register(body: RegisterFirmRequest, principal: Principal): Promise<CommandResponse> {
    // The look-ups read the index: caught up first, so a firm registered just before is seen.
    await this.caughtUp();
    const firmId = this.deps.ids.next();
    return this.execute(FIRMS, firmId, principal, undefined, (now): FirmCommand => ({
      type: 'RegisterFirm',
      firmId,
      name: body.name,
      creditCode: body.creditCode,
      contact: { name: body.contact.name, phone: body.contact.phone },
      compoundIds: body.compoundIds,
      creditCodeHolder: creditCodeHolder(this.runtime.index, body.creditCode),
      ...this.lookups(body.compoundIds),
      now,
    }));
  }

  async change(firmId: string, body: ChangeFirmRequest, principal: Principal, ifMatch?: number): Promise<CommandResponse> {
    await this.existing(FIRMS, firmId, 'property firm', (s: FirmState): s is RegisteredFirm => s.status === 'registered');
    return this.execute(FIRMS, firmId, principal, ifMatch, (now): FirmCommand => ({
      type: 'ChangeFirm',
      ...(body.name === undefined ? {} : { name: body.name }),
      ...(body.contact === undefined ? {} : { contact: { name: body.contact.name, phone: body.contact.phone } }),
      ...(body.compoundIds === undefined ? {} : { compoundIds: body.compoundIds }),
      reason: body.reason,
      ...this.lookups(body.compoundIds ?? []),
      now,
    }));
  }

  /** A compound has one firm at a time: which of these another firm serves now, by the firms-by-compound index. */
  private lookups(compoundIds: readonly string[]): FirmLookups {
    return {
      knownCompounds: this.deps.catalogue.catalogue.compounds.map((c) => c.id),
      servedElsewhere: compoundsServed(this.runtime.index, compoundIds),
    };
  }
}
