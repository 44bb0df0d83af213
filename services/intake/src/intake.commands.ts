import { Inject, Injectable } from '@nestjs/common';
import { ContextCommands, NotFound, commandResponse, httpContext, type CommandResponse, type Handled, WRITER, type WriterDependencies } from '@whistle/application';
import type { Principal } from '@whistle/auth';
import { streams } from '@whistle/contracts';
import { assertScope, withinScope, type ResourceScope } from '@whistle/http';
import type { CatalogueIndex } from '@whistle/catalogue';
import { duplicatesOf, initialCaseState, intakeContext, openCasesOf, type CaseCommand, type CaseState, type CatalogueRouting } from '@whistle/intake-domain';
import type { CallbackRequest, LinkDuplicateRequest, MergeCaseRequest, RejectCaseRequest, ReportCaseRequest } from './case-commands.request.dto';
import { LinkGate } from './link-gate';
import type { PersonalDataVault } from './personal-data.vault';

type ReportResponse = CommandResponse & { duplicateOf?: string };
type IntakeDependencies = WriterDependencies & { readonly vault: PersonalDataVault };
export type KnownCase = Exclude<CaseState, { status: 'none' }>;

export const CASES = intakeContext.aggregates.case;

export const isKnownCase = (state: CaseState): state is KnownCase => state.status !== 'none';

/** Where a case belongs: its compound, and its station (the compound's, while it is not routed). */
export function caseScope(state: KnownCase, catalogue: CatalogueIndex): ResourceScope {
  return { compoundId: state.compoundId, stationId: 'stationId' in state ? state.stationId : (catalogue.compound(state.compoundId)?.station.id ?? []) };
}

/** Intake's commands: each checks the caller's scope, builds the domain command with its look-ups, runs it. */
@Injectable()
export class IntakeCommands extends ContextCommands {
  /** Links and merges by hand one at a time, and reports together between them: see LinkGate. */
  private readonly links = new LinkGate();

  constructor(@Inject(WRITER) private readonly deps: IntakeDependencies) {
    super(deps.runtime, deps.clock);
  }

  /**
   * Every report waits for the links and merges by hand asked for before it, and they for it
   * (`LinkGate`); reports do not wait for each other. Otherwise a case linked by hand at the same
   * moment could gain the report as a duplicate unseen, and become a second link of a chain. Which
   * reports may be linked cannot be told before they decide: a case may come into handling
   * meanwhile (another report routed, a duplicate overruled, a case reopened).
   */
  async report(body: ReportCaseRequest, principal: Principal): Promise<ReportResponse> {
    const routing = this.routing(body.compoundId, body.category);
    if (principal.role === 'reporter') assertScope(principal, { compoundId: body.compoundId });
    if (principal.role === 'station' && routing.compound) assertScope(principal, { stationId: routing.compound.stationId });
    return this.links.runTogether(() => this.recordReport(body, principal, routing));
  }

  private async recordReport(body: ReportCaseRequest, principal: Principal, routing: CatalogueRouting): Promise<ReportResponse> {
    const { catalogue, runtime, clock, ids, vault } = this.deps;
    await this.caughtUp();
    const caseId = ids.next();
    const now = clock.now();
    const command: CaseCommand = {
      type: 'ReportCase',
      caseId,
      compoundId: body.compoundId,
      category: body.category,
      description: body.description,
      ...(body.location === undefined ? {} : { location: body.location }),
      channel: body.channel,
      ...(body.reporter ? { reporter: vault.seal(caseId, { name: body.reporter.name, phone: body.reporter.phone }) } : {}),
      evidence: body.evidence ?? [],
      ...routing,
      openCases: openCasesOf(runtime.index, body.compoundId, body.category),
      duplicateWindow: catalogue.deadlines.duplicateWindow,
      now,
    };
    const handled = await this.recordingSealed(caseId, command.reporter !== undefined, () => runtime.run(CASES, caseId, command, httpContext(principal, now)));
    // A retry under an Idempotency-Key whose first attempt was recorded answers with that attempt's case.
    const reported = handled.streamId === streams.case(caseId) ? caseId : (handled.events[0]?.caseId ?? caseId);
    const linked = handled.events.find((e) => e.type === 'intake.CaseLinkedAsDuplicate.v1')?.data as { duplicateOf: string } | undefined;
    return { ...commandResponse(reported, handled), ...(linked ? { duplicateOf: linked.duplicateOf } : {}) };
  }

  async withdraw(caseId: string, reason: string, principal: Principal, ifMatch?: number): Promise<CommandResponse> {
    return this.run(caseId, principal, ifMatch, (now) => ({ type: 'WithdrawCase', reason, now }));
  }

  async reject(caseId: string, body: RejectCaseRequest, principal: Principal, ifMatch?: number): Promise<CommandResponse> {
    return this.run(caseId, principal, ifMatch, (now) => ({ type: 'RejectCase', code: body.code, reason: body.reason, now }));
  }

  /** The station judges that a report linked as a probable duplicate is a problem of its own: it is routed like a new one. */
  async overruleDuplicate(caseId: string, reason: string, principal: Principal, ifMatch?: number): Promise<CommandResponse> {
    return this.run(caseId, principal, ifMatch, (now, state) => ({ type: 'OverruleDuplicate', reason, ...this.routing(state.compoundId, state.category), now }));
  }

  /** 人工关联重复: the case repeats another of its compound; the look-ups are that case and the cases linked to this one. */
  async linkDuplicate(caseId: string, body: LinkDuplicateRequest, principal: Principal, ifMatch?: number): Promise<CommandResponse> {
    return this.links.runAlone(() =>
      this.run(caseId, principal, ifMatch, (now) => ({
        type: 'LinkAsDuplicate',
        duplicateOf: body.duplicateOf,
        primary: this.visibleOther(body.duplicateOf, principal),
        duplicates: duplicatesOf(this.deps.runtime.index, caseId),
        reason: body.reason,
        now,
      })),
    );
  }

  /** 合并: the case is merged into another of its compound, which survives. */
  async merge(caseId: string, body: MergeCaseRequest, principal: Principal, ifMatch?: number): Promise<CommandResponse> {
    return this.links.runAlone(() =>
      this.run(caseId, principal, ifMatch, (now) => ({
        type: 'MergeInto',
        into: body.into,
        survivor: this.visibleOther(body.into, principal),
        duplicates: duplicatesOf(this.deps.runtime.index, caseId),
        reason: body.reason,
        now,
      })),
    );
  }

  async callback(caseId: string, body: CallbackRequest, principal: Principal, ifMatch?: number): Promise<CommandResponse> {
    const reopenWindow = this.deps.catalogue.deadlines.reopenWindow;
    return this.run(caseId, principal, ifMatch, (now) => ({
      type: 'RecordCallback',
      result: body.result,
      ...(body.note === undefined ? {} : { note: body.note }),
      reopenWindow,
      calendar: this.deps.calendar,
      now,
    }));
  }

  async reopen(caseId: string, reason: string, principal: Principal, ifMatch?: number): Promise<CommandResponse> {
    return this.run(caseId, principal, ifMatch, (now) => ({ type: 'ReopenCase', reason, now }));
  }

  private async run(caseId: string, principal: Principal, ifMatch: number | undefined, build: (now: string, state: KnownCase) => CaseCommand): Promise<CommandResponse> {
    const state = await this.caseOf(caseId, principal);
    return this.execute(CASES, caseId, principal, ifMatch, (now) => build(now, state));
  }

  /**
   * Runs a report whose reporter was sealed before the decision: once it is recorded, its key is
   * marked so; refused (or failed without its stream in the store), its key and phone-index entry
   * are removed, as no event holds their ciphertext. A failure that leaves the store unreadable
   * leaves them to the next start, which removes them if the case is not there.
   */
  private async recordingSealed(caseId: string, sealed: boolean, report: () => Promise<Handled>): Promise<Handled> {
    const { runtime, vault } = this.deps;
    if (!sealed) return report();
    try {
      const handled = await report();
      // Sealed for nothing when an earlier attempt under the same Idempotency-Key recorded the case: its own seal stands.
      if (handled.streamId === streams.case(caseId)) vault.noteRecorded(caseId);
      else vault.discard(caseId);
      return handled;
    } catch (error) {
      const recorded = await runtime.store.readStream(streams.case(caseId), { maxCount: 1 }).then(
        (events) => events.length > 0,
        () => true,
      );
      if (!recorded) vault.discard(caseId);
      throw error;
    }
  }

  /** What the catalogue says now of a compound and a category, as a report and an overruled duplicate are routed by it. */
  private routing(compoundId: string, categoryId: string): CatalogueRouting {
    const placement = this.deps.catalogue.compound(compoundId);
    const category = this.deps.catalogue.category(categoryId);
    return {
      compound: placement && { communityId: placement.community.id, stationId: placement.station.id },
      categoryEntry: category && { defaultLevel: category.defaultLevel, unitIds: category.unitIds },
    };
  }

  /**
   * The other case of a link or a merge, checked against the caller's scope before the rules
   * look at it: one outside it answers 404 as a case that does not exist does, so a station naming
   * another station's case ids learns nothing of them (not that they exist, nor their primary or
   * compound, which the rules' refusals would name).
   */
  private visibleOther(caseId: string, principal: Principal): CaseState {
    const id = caseId.trim();
    const state = this.deps.runtime.index.get<CaseState>(CASES.stream(id)) ?? initialCaseState;
    if (!isKnownCase(state) || !withinScope(principal, caseScope(state, this.deps.catalogue))) throw new NotFound('case', id);
    return state;
  }

  /** The case as intake knows it, after checking that the caller may act on it. */
  private async caseOf(caseId: string, principal: Principal): Promise<KnownCase> {
    const state = await this.existing(CASES, caseId, 'case', isKnownCase);
    assertScope(principal, caseScope(state, this.deps.catalogue));
    return state;
  }
}
