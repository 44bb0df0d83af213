import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { ContextCommands, NotFound, WRITER, type CommandResponse, type WriterDependencies } from '@whistle/application';
import type { Principal } from '@whistle/auth';
import type { CatalogueIndex, CompoundPlacement } from '@whistle/catalogue';
import type { CompoundProfile, Liaison, Name } from '@whistle/contracts';
import { assertScope } from '@whistle/http';
import {
  activeLiaisons,
  compoundOf,
  currentLedger,
  firmNameOf,
  firmServing,
  supervisionContext,
  threeWithoutsOf,
  type CompoundCommand,
  type CompoundState,
  type LedgerEntry,
  type LiaisonRecord,
  type RecordedProfile,
  type ThreeWithouts,
} from '@whistle/supervision-domain';
import type { AssignLiaisonRequest, EndLiaisonRequest, RecordLedgerEntryRequest, RecordProfileRequest } from './compound.request.dto';

const COMPOUNDS = supervisionContext.aggregates.compound;

/** A liaison as the reader sees it: a department with its unit's name. */
export type LiaisonView = Omit<LiaisonRecord, 'liaison'> & { readonly liaison: Liaison & { readonly unitName?: Name } };

/** One compound in the list: where it is, its firm, whether a profile was recorded, what of the three it lacks. */
export interface CompoundSummary {
  readonly compoundId: string;
  readonly name: Name;
  readonly community: { readonly id: string; readonly name: Name };
  readonly station: { readonly id: string; readonly name: Name };
  readonly firm: { readonly firmId: string; readonly name: string } | null;
  readonly profileRecorded: boolean;
  readonly threeWithouts: ThreeWithouts;
  readonly liaisons: readonly LiaisonView[];
}

/** A compound's profile page (and the case page's summary of it). */
export interface CompoundProfileView extends CompoundSummary {
  /** the compound stream's revision, -1 before anything was recorded; send it as If-Match once it is 0 or more (HTTP has no If-Match form for “nothing recorded yet”) */
  readonly revision: number;
  readonly profile: RecordedProfile | null;
  readonly profileChanges: CompoundState['profileChanges'];
  /** ended assignments, kept for the record */
  readonly endedLiaisons: readonly LiaisonView[];
}

export interface CompoundLedgerView {
  readonly compoundId: string;
  /** the ledger as it stands, the latest visit first */
  readonly entries: readonly LedgerEntry[];
  /** the entries later ones corrected, kept for the record */
  readonly corrected: readonly LedgerEntry[];
}

/**
 * Compound profiles (小区档案) and liaison (联系小区): the office and admins record them; a station
 * reads its own communities' compounds; a unit reads them all (it is summoned to any) and keeps
 * the ledger (台账) of the compounds it is assigned to as a department. Leaders sign in with no
 * role of their own, so the office records their ledger on their behalf, naming the liaison.
 */
@Injectable()
export class CompoundCommands extends ContextCommands {
  constructor(@Inject(WRITER) private readonly deps: WriterDependencies) {
    super(deps.runtime, deps.clock);
  }

  async list(principal: Principal, threeWithout: boolean | undefined): Promise<CompoundSummary[]> {
    await this.caughtUp();
    const compounds = principal.role === 'station' ? this.catalogue.compoundsOf(principal.stationId ?? '') : this.catalogue.catalogue.compounds;
    return compounds
      .map((compound) => this.summary(this.placed(compound.id)))
      .filter((summary) => threeWithout === undefined || summary.threeWithouts.all === threeWithout);
  }

  async profile(compoundId: string, principal: Principal): Promise<CompoundProfileView> {
    const placement = this.readable(compoundId, principal);
    await this.caughtUp();
    const { revision } = await this.runtime.load(COMPOUNDS, compoundId);
    const state = compoundOf(this.runtime.index, compoundId);
    return {
      ...this.summary(placement),
      revision,
      profile: state.profile,
      profileChanges: state.profileChanges,
      endedLiaisons: state.liaisons.filter((l) => l.ended !== null).map((l) => this.liaisonView(l)),
    };
  }

  async ledger(compoundId: string, principal: Principal): Promise<CompoundLedgerView> {
    this.readable(compoundId, principal);
    await this.caughtUp();
    const state = compoundOf(this.runtime.index, compoundId);
    return { compoundId, entries: currentLedger(state), corrected: state.ledger.filter((e) => e.supersededBy !== null) };
  }

  async recordProfile(compoundId: string, body: RecordProfileRequest, principal: Principal, ifMatch?: number): Promise<CommandResponse> {
    this.placed(compoundId);
    const { reason, ...profile } = body;
    return this.execute(COMPOUNDS, compoundId, principal, ifMatch, (now): CompoundCommand => ({ type: 'RecordProfile', compoundId, profile: profile as CompoundProfile, reason, now }));
  }

  async assign(compoundId: string, body: AssignLiaisonRequest, principal: Principal): Promise<CommandResponse> {
    this.placed(compoundId);
    const liaisonId = this.deps.ids.next();
    const response = await this.execute(COMPOUNDS, compoundId, principal, undefined, (now): CompoundCommand => ({
      type: 'AssignLiaison',
      compoundId,
      liaisonId,
      liaison: body.liaison as Liaison,
      reason: body.reason,
      knownUnits: this.catalogue.catalogue.units.map((u) => u.id),
      now,
    }));
    return { ...response, id: this.minted(response, 'liaisonId', liaisonId) };
  }

  async end(compoundId: string, liaisonId: string, body: EndLiaisonRequest, principal: Principal, ifMatch?: number): Promise<CommandResponse> {
    this.placed(compoundId);
    // The liaison is named by the path: an id never assigned here is 404, not a bad field. Liaisons are never removed, so the check holds when the command runs.
    await this.caughtUp();
    if (!compoundOf(this.runtime.index, compoundId).liaisons.some((l) => l.liaisonId === liaisonId)) throw new NotFound('liaison', liaisonId);
    const response = await this.execute(COMPOUNDS, compoundId, principal, ifMatch, (now): CompoundCommand => ({ type: 'EndLiaison', compoundId, liaisonId, reason: body.reason, now }));
    return { ...response, id: liaisonId };
  }

  async recordEntry(compoundId: string, body: RecordLedgerEntryRequest, principal: Principal): Promise<CommandResponse> {
    this.placed(compoundId);
    if (principal.role === 'unit') {
      await this.caughtUp();
      const state = compoundOf(this.runtime.index, compoundId);
      // An id never assigned here is a bad field (400 from the decider); a liaison that is not the unit's own is out of its scope.
      const assigned = state.liaisons.some((l) => l.liaisonId === body.liaisonId);
      const own = activeLiaisons(state).some((l) => l.liaisonId === body.liaisonId && l.liaison.kind === 'department' && l.liaison.unitId === principal.unitId);
      if (assigned && !own) throw new ForbiddenException(`unit ${principal.unitId ?? '(none)'} records in the ledger of compound ${compoundId} only as its own department liaison assigned now, and liaison ${body.liaisonId} is not one`);
    }
    const entryId = this.deps.ids.next();
    const response = await this.execute(COMPOUNDS, compoundId, principal, undefined, (now): CompoundCommand => ({
      type: 'RecordLedgerEntry',
      compoundId,
      entryId,
      liaisonId: body.liaisonId,
      kind: body.kind,
      date: body.date,
      found: body.found,
      done: body.done,
      ...(body.followUp === undefined ? {} : { followUp: body.followUp }),
      ...(body.corrects === undefined ? {} : { corrects: { entryId: body.corrects.entryId, reason: body.corrects.reason } }),
      now,
    }));
    return { ...response, id: this.minted(response, 'entryId', entryId) };
  }

  private get catalogue(): CatalogueIndex {
    return this.deps.catalogue;
  }

  /** The compound in the catalogue, or 404 naming it. */
  private placed(compoundId: string): CompoundPlacement {
    const placement = this.catalogue.compound(compoundId);
    if (placement === undefined) throw new NotFound('compound', compoundId);
    return placement;
  }

  /** Known first (404 names it), then a station reads only its own communities' compounds. */
  private readable(compoundId: string, principal: Principal): CompoundPlacement {
    const placement = this.placed(compoundId);
    if (principal.role === 'station') assertScope(principal, { stationId: placement.station.id });
    return placement;
  }

  private summary(placement: CompoundPlacement): CompoundSummary {
    const compoundId = placement.compound.id;
    const state = compoundOf(this.runtime.index, compoundId);
    const firmId = firmServing(this.runtime.index, compoundId);
    return {
      compoundId,
      name: placement.compound.name,
      community: { id: placement.community.id, name: placement.community.name },
      station: { id: placement.station.id, name: placement.station.name },
      firm: firmId === null ? null : { firmId, name: firmNameOf(this.runtime.index, firmId) ?? firmId },
      profileRecorded: state.profile !== null,
      threeWithouts: threeWithoutsOf(state.profile, firmId),
      liaisons: activeLiaisons(state).map((l) => this.liaisonView(l)),
    };
  }

  private liaisonView(record: LiaisonRecord): LiaisonView {
    const { liaison } = record;
    if (liaison.kind === 'leader') return record;
    const unitName = this.catalogue.nameOf('units', liaison.unitId);
    return { ...record, liaison: { ...liaison, ...(unitName === undefined ? {} : { unitName }) } };
  }
}
