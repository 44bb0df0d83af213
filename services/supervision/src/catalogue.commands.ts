import { Inject, Injectable } from '@nestjs/common';
import { ContextCommands, NotFound, WRITER, type CommandResponse, type WriterDependencies } from '@whistle/application';
import type { Principal } from '@whistle/auth';
import { validateCatalogue } from '@whistle/catalogue';
import { CATALOGUE_ENTRY_NOUNS, CATALOGUE_LISTS, NO_REMOVED_ENTRIES, catalogueAfter, isCatalogueEvent, streams, type Catalogue, type CatalogueInForce, type CatalogueListName, type RemovedEntries } from '@whistle/contracts';
import type { Actor } from '@whistle/kernel';
import { catalogueChangesOf, supervisionContext, type CatalogueCommand, type CatalogueProblemFound, type OpenCases } from '@whistle/supervision-domain';
import type { PutCatalogueEntryRequest, RemoveCatalogueEntryRequest, ReviseDeadlinesRequest, RevisePoliciesRequest } from './catalogue.request.dto';

const CATALOGUE = supervisionContext.aggregates.catalogue;

export interface CatalogueChangeView {
  readonly revision: number;
  readonly type: string;
  readonly data: unknown;
  readonly recordedAt: string;
  readonly actor: Actor;
}

export interface CatalogueAsOfView {
  readonly at: string;
  readonly revision: number;
  readonly catalogue: Catalogue;
  readonly removed: RemovedEntries;
}

const NO_OPEN_CASES: OpenCases = { caseIds: [], total: 0 };

/**
 * Changes to the catalogue (目录变更) while the system runs: the administrator adds, revises or
 * removes an entry, or revises the deadlines or the meeting's policy, each with a reason. A change
 * is recorded on the town's catalogue stream and put in force here at once; the other services
 * follow the stream. The read side names the open cases a change would break.
 */
@Injectable()
export class CatalogueCommands extends ContextCommands {
  constructor(@Inject(WRITER) private readonly deps: WriterDependencies) {
    super(deps.runtime, deps.clock);
  }

  async put(list: string, id: string, body: PutCatalogueEntryRequest, principal: Principal, ifMatch?: number): Promise<CommandResponse> {
    const name = listOf(list);
    const exists = (this.deps.catalogue.catalogue[name] as readonly { id: string }[]).some((e) => e.id === id);
    const moved = exists && (name === 'compounds' || name === 'communities') ? await this.openCases(name, id) : NO_OPEN_CASES;
    return this.change(principal, ifMatch, (inputs) => ({ type: 'PutEntry', list: name, id, entry: body.entry, openCasesMoved: moved, reason: body.reason, ...inputs }));
  }

  async remove(list: string, id: string, body: RemoveCatalogueEntryRequest, principal: Principal, ifMatch?: number): Promise<CommandResponse> {
    const name = listOf(list);
    if (!(this.deps.catalogue.catalogue[name] as readonly { id: string }[]).some((e) => e.id === id)) throw new NotFound(CATALOGUE_ENTRY_NOUNS[name], id);
    const using = await this.openCases(name, id);
    return this.change(principal, ifMatch, (inputs) => ({ type: 'RemoveEntry', list: name, id, openCasesUsing: using, reason: body.reason, ...inputs }));
  }

  reviseDeadlines(body: ReviseDeadlinesRequest, principal: Principal, ifMatch?: number): Promise<CommandResponse> {
    return this.change(principal, ifMatch, (inputs) => ({ type: 'ReviseDeadlines', deadlines: body.deadlines, reason: body.reason, ...inputs }));
  }

  revisePolicies(body: RevisePoliciesRequest, principal: Principal, ifMatch?: number): Promise<CommandResponse> {
    return this.change(principal, ifMatch, (inputs) => ({ type: 'RevisePolicies', policies: body.policies, reason: body.reason, ...inputs }));
  }

  /** Every change recorded, the latest first. */
  async changes(): Promise<{ revision: number; changes: CatalogueChangeView[] }> {
    const events = await this.runtime.store.readStream(this.streamId);
    const changes = events.map((e) => ({ revision: e.revision, type: e.type, data: e.data, recordedAt: e.recordedAt, actor: e.actor })).reverse();
    return { revision: events.length - 1, changes };
  }

  /**
   * The catalogue in force at `at` (now when left out): the fold of the changes recorded by then;
   * before the first, the catalogue the first change adopted. Read from the stream of changes
   * itself, so the revision it gives is the one its catalogue is: what an editor sends as If-Match.
   */
  async asOf(at: string | undefined): Promise<CatalogueAsOfView> {
    const instant = at === undefined ? this.clock.now() : new Date(at).toISOString();
    const events = await this.runtime.store.readStream(this.streamId);
    let inForce: CatalogueInForce = { catalogue: this.startingCatalogue(events), removed: NO_REMOVED_ENTRIES };
    let revision = -1;
    for (const envelope of events) {
      if (envelope.recordedAt > instant) break;
      const event = { type: envelope.type, data: envelope.data };
      if (!isCatalogueEvent(event)) continue;
      inForce = catalogueAfter(inForce, event);
      revision = envelope.revision;
    }
    return { at: instant, revision, ...inForce };
  }

  /**
   * Runs a change (the first adopts the catalogue this process started with) and puts what it left
   * in force here before answering; the other processes follow the stream.
   */
  private async change(principal: Principal, ifMatch: number | undefined, build: (inputs: { starting: Catalogue; check: (c: Catalogue) => readonly CatalogueProblemFound[]; now: string }) => CatalogueCommand): Promise<CommandResponse> {
    const starting = this.deps.catalogue.starting;
    const response = await this.execute(CATALOGUE, this.townId, principal, ifMatch, (now) => build({ starting, check: problemsOf, now }));
    await this.runtime.index.settled();
    const { inForce } = catalogueChangesOf(this.runtime.index, this.townId);
    if (inForce !== null) this.deps.catalogue.replace(inForce, response.revision);
    return response;
  }

  private startingCatalogue(events: readonly { type: string; data: unknown }[]): Catalogue {
    const adopted = events.find((e) => e.type === 'supervision.CatalogueAdopted.v1');
    return adopted ? (adopted.data as { catalogue: Catalogue }).catalogue : this.deps.catalogue.catalogue;
  }

  private async openCases(list: CatalogueListName, id: string): Promise<OpenCases> {
    const readSide = this.deps.readSide;
    if (!readSide) throw new Error('this host gives the supervision service no read side: a catalogue change cannot tell which open cases it concerns');
    return readSide.openCasesUsing(list, id);
  }

  private get townId(): string {
    return this.deps.catalogue.town.id;
  }

  private get streamId(): string {
    return streams.catalogue(this.townId);
  }
}

function problemsOf(catalogue: Catalogue): readonly CatalogueProblemFound[] {
  const result = validateCatalogue(catalogue);
  return result.ok ? [] : result.problems;
}

/** A list the path names, or 404: the catalogue has no other lists. */
function listOf(list: string): CatalogueListName {
  if (!(CATALOGUE_LISTS as readonly string[]).includes(list)) throw new NotFound('catalogue list', list);
  return list as CatalogueListName;
}
