import { ForbiddenException, Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ContextCommands, WRITER, type CommandResponse, type WriterDependencies } from '@whistle/application';
import type { Principal } from '@whistle/auth';
import { streams, type CaseReported, type ReporterDataErased, type SealedPersonalData } from '@whistle/contracts';
import { InvalidRequest, assertScope } from '@whistle/http';
import { intakeContext, type CaseState } from '@whistle/intake-domain';
import type { Actor, EventEnvelope } from '@whistle/kernel';
import { CASES, caseScope, isKnownCase, type KnownCase } from './intake.commands';
import { maskReporter, normalisePhone, type PersonalDataVault, type ReporterDetails } from './personal-data.vault';
import type { SummonedUnits } from './summoned-units';

/** 个人信息查阅记录: one stream per case, in intake's store. */
const ACCESSES = intakeContext.aggregates.personalDataAccess;

export type ReporterDataDependencies = WriterDependencies & { readonly vault: PersonalDataVault; readonly summoned: SummonedUnits };

/** 个人信息删除 as the reporter endpoint tells it: when, by whom, why; no personal data. */
export interface ReporterErasure {
  readonly at: string;
  readonly by: { readonly id: string; readonly role: string };
  readonly reason: string;
}

/** A read in full as it was recorded (个人信息查阅记录): when, and the position of its record. */
export interface RecordedAccess {
  readonly at: string;
  readonly position: string | null;
}

/** `GET /api/intake/cases/{caseId}/reporter` (masked) and `POST …/reporter/disclosures` (in full) */
export interface ReporterAnswer {
  /** null when the report left none, or once it was erased */
  readonly reporter: ReporterDetails | null;
  readonly masked: boolean;
  readonly erased: ReporterErasure | null;
  /** masked only because this is the masked read: the caller may read it in full with a reason (POST …/reporter/disclosures) */
  readonly fullRequiresReason: boolean;
  /** the record of this read in full; null when nothing was read in full */
  readonly access: RecordedAccess | null;
}

/** What a read gives when nothing is read in full: no data (none left, or erased) and no access recorded. */
const NOTHING_READ = { reporter: null, masked: false, fullRequiresReason: false, access: null } as const;

/** `POST /api/intake/reporters/erasure`: each case erased now, as any command answers. */
export interface PhoneErasureAnswer {
  readonly count: number;
  readonly cases: CommandResponse[];
}

/**
 * Who sees a reporter's details in full: the office, the case's station (the scope check lets no
 * other station through) and the reporter who reported the case. Everyone else the scope check
 * lets through (another reporter of the compound, a summoned unit, the auditor, the administrator)
 * sees them masked.
 */
export function seesInFull(principal: Principal, reportedBy: Actor): boolean {
  switch (principal.role) {
    case 'office':
    case 'station':
      return true;
    case 'reporter':
      return reportedBy.role === 'reporter' && reportedBy.id === principal.sub;
    default:
      return false;
  }
}

/** Whether a reason repeats the personal data it erases: it stays in the record for good. */
function repeats(reason: string, details: Partial<ReporterDetails>): boolean {
  const compact = reason.replace(/[\s-]/g, '');
  const phone = details.phone === undefined ? '' : normalisePhone(details.phone);
  const name = details.name?.trim() ?? '';
  return (phone.length > 0 && compact.includes(phone)) || ([...name].length >= 2 && reason.includes(name));
}

/**
 * The reporter's personal data: who may read it and how (in full, masked, or told it was erased),
 * and its erasure, for one case or every case of one phone number. The erasure is recorded first
 * (ReporterDataErased, through the decider), and only then is the key destroyed: a crash between
 * the two leaves a recorded erasure whose key still exists, which the next start (or the next try
 * of the same erasure, answered 409) destroys. The other order could leave a key destroyed with
 * no record of who did it or why. A crash after the destruction and before the WAL was emptied is
 * scrubbed by the next start (the vault's pending scrub).
 */
@Injectable()
export class ReporterDataCommands extends ContextCommands implements OnModuleInit {
  constructor(@Inject(WRITER) private readonly deps: ReporterDataDependencies) {
    super(deps.runtime, deps.clock);
  }

  /**
   * At start, before the service answers anything: removes the keys and index entries of reports
   * that were never recorded, carries out erasures recorded but interrupted, files the cases sealed
   * before the phone index, and then empties the WAL if any of that, or a crash of an earlier run
   * between a key's destruction and its scrub, left it holding what was destroyed (at once, or as
   * soon as the readers of the file let it).
   */
  async onModuleInit(): Promise<void> {
    const { index } = this.runtime;
    const { vault } = this.deps;
    await index.settled();
    const cases = [...index.entries<CaseState>(streams.case)].map(([, state]) => state).filter(isKnownCase);
    vault.settleUnrecorded((caseId) => this.knownCase(caseId) !== undefined, cases.length > 0);
    for (const state of cases) {
      if (state.reporter.status === 'erased' && vault.holdsKey(state.reporter.keyId)) vault.destroy(state.reporter.keyId, state.caseId);
    }
    await vault.indexPhonesOnce(async (caseId) => (await this.reportOf(caseId))?.data.reporter);
    vault.scrubPendingSoon();
  }

  /**
   * The masked read (`GET …/reporter`): it records nothing and reads nothing in full, so a client
   * may send it again (a token refresh, a reload) at no cost to the record.
   */
  async reporterOf(caseId: string, principal: Principal): Promise<ReporterAnswer> {
    const read = await this.sealedReporterOf(caseId, principal);
    if ('answer' in read) return read.answer;
    const entitled = seesInFull(principal, read.reportedBy);
    return { reporter: maskReporter(this.unsealed(caseId, read.sealed)), masked: true, erased: null, fullRequiresReason: entitled, access: null };
  }

  /**
   * The read in full (`POST …/reporter/disclosures`), only with a reason, and only once the access is
   * recorded: the record is written first (a failure to write it answers the failure, not the data),
   * then the key is read, so an erasure recorded in between answers as erased, with its access on
   * record all the same. A caller the scope lets through who may see it only masked is refused (403).
   */
  async disclose(caseId: string, principal: Principal, reason: string): Promise<ReporterAnswer> {
    const read = await this.sealedReporterOf(caseId, principal);
    if ('answer' in read) return read.answer;
    if (!seesInFull(principal, read.reportedBy)) {
      throw new ForbiddenException('only the office, the case’s station and the reporter who reported it read the reporter’s personal data in full');
    }
    // The record outlives an erasure of the data: a reason naming the reporter would keep them in it.
    this.refuseRepeating(reason, [this.deps.vault.unseal(read.sealed)]);
    let at = '';
    const recorded = await this.execute(ACCESSES, caseId, principal, undefined, (now) => {
      at = now;
      return { type: 'RecordPersonalDataAccess' as const, caseId, reason, entitled: true, reporterData: 'sealed' as const, now };
    });
    const access: RecordedAccess = { at, position: recorded.position };
    const details = this.deps.vault.unseal(read.sealed);
    if (!details) return { ...NOTHING_READ, erased: await this.erasureOf(caseId), access };
    return { reporter: details, masked: false, erased: null, fullRequiresReason: false, access };
  }

  /** The case's sealed reporter once the caller is in the case's scope, or the answer when it holds none (never left, or erased). */
  private async sealedReporterOf(caseId: string, principal: Principal): Promise<{ readonly answer: ReporterAnswer } | { readonly sealed: SealedPersonalData; readonly reportedBy: Actor }> {
    const state = await this.existing(CASES, caseId, 'case', isKnownCase);
    assertScope(principal, { ...caseScope(state, this.deps.catalogue), unitId: this.deps.summoned.of(caseId) });
    if (state.reporter.status === 'none') return { answer: { ...NOTHING_READ, erased: null } };
    if (state.reporter.status === 'erased') return { answer: { ...NOTHING_READ, erased: await this.erasureOf(caseId) } };
    const reported = await this.reportOf(caseId);
    const sealed = reported?.data.reporter;
    if (!reported || !sealed) throw new Error(`case ${caseId} is marked as holding a reporter, yet its report holds none`);
    return { sealed, reportedBy: reported.actor };
  }

  async erase(caseId: string, reason: string, principal: Principal, ifMatch?: number): Promise<CommandResponse> {
    const state = await this.existing(CASES, caseId, 'case', isKnownCase);
    assertScope(principal, caseScope(state, this.deps.catalogue));
    this.refuseRepeating(reason, [await this.detailsOf(state)]);
    return this.recordThenDestroy(caseId, reason, principal, ifMatch);
  }

  /** Every case of the phone number still holding the data; none is an answer, not an error: nothing of that number is kept. */
  async eraseOfPhone(phone: string, reason: string, principal: Principal): Promise<PhoneErasureAnswer> {
    await this.caughtUp();
    const states = this.deps.vault
      .casesOfPhone(phone)
      .map((caseId) => this.knownCase(caseId))
      // A report refused after its details were sealed, whose entry is removed at the next start at the latest.
      .filter((state) => state !== undefined);
    this.refuseRepeating(reason, [{ phone }, ...(await Promise.all(states.map((state) => this.detailsOf(state))))]);
    const cases: CommandResponse[] = [];
    for (const state of states) {
      // Recorded before, its key left by a crash: destroyed now, recorded no second time.
      if (state.reporter.status === 'erased') await this.destroyKeyIfErased(state.caseId);
      else cases.push(await this.recordThenDestroy(state.caseId, reason, principal));
    }
    return { count: cases.length, cases };
  }

  private async recordThenDestroy(caseId: string, reason: string, principal: Principal, ifMatch?: number): Promise<CommandResponse> {
    try {
      return await this.execute(CASES, caseId, principal, ifMatch, (now) => ({ type: 'EraseReporterData' as const, requestedBy: principal.role, reason, now }));
    } finally {
      // Also when the decider refused it as already erased: that retry carries out what a crash interrupted.
      await this.destroyKeyIfErased(caseId);
    }
  }

  private async destroyKeyIfErased(caseId: string): Promise<void> {
    await this.runtime.index.settled();
    const state = this.runtime.index.get<CaseState>(streams.case(caseId));
    if (state && state.status !== 'none' && state.reporter.status === 'erased') await this.deps.vault.erase(state.reporter.keyId, caseId);
  }

  private knownCase(caseId: string): KnownCase | undefined {
    const state = this.runtime.index.get<CaseState>(streams.case(caseId));
    return state && isKnownCase(state) ? state : undefined;
  }

  private refuseRepeating(reason: string, details: readonly (Partial<ReporterDetails> | null)[]): void {
    if (!details.some((d) => d !== null && repeats(reason, d))) return;
    const message = 'reason must not contain the reporter’s name or phone number: it stays in the record after the data is erased';
    throw new InvalidRequest([{ field: 'reason', message }]);
  }

  private async detailsOf(state: KnownCase): Promise<ReporterDetails | null> {
    if (state.reporter.status !== 'sealed') return null;
    const sealed = (await this.reportOf(state.caseId))?.data.reporter;
    return sealed ? this.deps.vault.unseal(sealed) : null;
  }

  private async reportOf(caseId: string): Promise<(EventEnvelope & { data: CaseReported['data'] }) | undefined> {
    const [first] = await this.runtime.store.readStream(streams.case(caseId), { maxCount: 1 });
    return first?.type === 'intake.CaseReported.v1' ? (first as EventEnvelope & { data: CaseReported['data'] }) : undefined;
  }

  private unsealed(caseId: string, sealed: SealedPersonalData): ReporterDetails {
    const details = this.deps.vault.unseal(sealed);
    if (!details) throw new Error(`the personal data of case ${caseId} cannot be unsealed, yet no erasure of it was recorded`);
    return details;
  }

  private async erasureOf(caseId: string): Promise<ReporterErasure> {
    const events = await this.runtime.store.readStream(streams.case(caseId));
    const erased = events.filter((e) => e.type === 'intake.ReporterDataErased.v1').at(-1) as (EventEnvelope & { data: ReporterDataErased['data'] }) | undefined;
    if (!erased) throw new Error(`case ${caseId} is marked erased but its stream holds no ReporterDataErased`);
    return { at: erased.data.erasedAt, by: { id: erased.actor.id, role: erased.actor.role }, reason: erased.data.reason };
  }
}
