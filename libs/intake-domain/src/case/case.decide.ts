import { addDeadline, assertNever, invalid, isBefore, refuse, type Decider, type WorkingCalendar } from '@whistle/kernel';
import {
  CALLBACK_RESULTS,
  CHANNELS,
  REJECTION_CODES,
  type CallbackResult,
  type Channel,
  type Evidence,
  type IntakeEvent,
  type Level,
  type RejectionCode,
  type SealedPersonalData,
} from '@whistle/contracts';
import { evolveCase, initialCaseState, type CaseState } from './case.state';
import { findProbableDuplicate, type OpenCaseSummary } from './duplicates';
import { ended, mustExist, required } from './case.guards';
import { linkAsDuplicate, mergeInto, type LinkAsDuplicate, type MergeInto } from './manual-links';

/** The catalogue's look-ups that route a report to its station with a proposed level and units. */
export interface CatalogueRouting {
  /** the compound's community and station, or undefined when the catalogue has no such compound */
  readonly compound: { readonly communityId: string; readonly stationId: string } | undefined;
  /** the category's default level and responsible units, or undefined when it is not catalogued */
  readonly categoryEntry: { readonly defaultLevel: Level; readonly unitIds: readonly string[] } | undefined;
}

/** 受理: a report arrives. The catalogue look-ups and the open cases of the compound come with it. */
export interface ReportCase extends CatalogueRouting {
  readonly type: 'ReportCase';
  readonly caseId: string;
  readonly compoundId: string;
  readonly category: string;
  readonly description: string;
  readonly location?: string;
  readonly channel: Channel;
  readonly reporter?: SealedPersonalData;
  readonly evidence: readonly Evidence[];
  readonly openCases: readonly OpenCaseSummary[];
  readonly duplicateWindow: string;
  readonly now: string;
}

/** The station turns the report away at triage, with a reason. */
export interface RejectCase {
  readonly type: 'RejectCase';
  readonly code: RejectionCode;
  readonly reason: string;
  readonly now: string;
}

/**
 * The station (or the office) undoes a duplicate link, intake's or one made by hand: the case is a
 * problem of its own and is routed like a new one. The catalogue's look-ups of its compound and
 * category come with it. A merge is not undone this way: it is for good.
 */
export interface OverruleDuplicate extends CatalogueRouting {
  readonly type: 'OverruleDuplicate';
  readonly reason: string;
  readonly now: string;
}

export interface WithdrawCase {
  readonly type: 'WithdrawCase';
  readonly reason: string;
  readonly now: string;
}

/** Escalation said every task of the current level has its outcome. */
export interface NoteWorkCompleted {
  readonly type: 'NoteWorkCompleted';
  readonly level: Level;
  /** when escalation recorded the completion: one from before a reopening is stale */
  readonly completedAt: string;
  readonly now: string;
}

/** Adjudication referred the case upward (上报区级). */
export interface NoteReferredUpward {
  readonly type: 'NoteReferredUpward';
  readonly reason: string;
  readonly now: string;
}

/** 回访: the reporter was called back. */
export interface RecordCallback {
  readonly type: 'RecordCallback';
  readonly result: CallbackResult;
  readonly note?: string;
  /** Catalogue: how long a closed case may be reopened (P15WD, fifteen working days, by default). */
  readonly reopenWindow: string;
  /** counts a reopening window in working days */
  readonly calendar: WorkingCalendar;
  readonly now: string;
}

export interface ReopenCase {
  readonly type: 'ReopenCase';
  readonly reason: string;
  readonly now: string;
}

/** Who may erase a reporter's personal data: the coordination office and the administrator. */
export const REPORTER_DATA_ERASERS = ['office', 'admin'] as const;
/** An erasure's reason stays in the record for good: long enough to cite a request, no longer. */
export const ERASURE_REASON_MAX_LENGTH = 500;

/**
 * 个人信息删除: the reporter's personal data is erased on request, with a reason, by whoever is
 * asking (their role comes with the command). The service destroys the key once the erasure is
 * recorded.
 */
export interface EraseReporterData {
  readonly type: 'EraseReporterData';
  readonly requestedBy: string;
  readonly reason: string;
  readonly now: string;
}

export type CaseCommand =
  | ReportCase
  | RejectCase
  | OverruleDuplicate
  | LinkAsDuplicate
  | MergeInto
  | WithdrawCase
  | NoteWorkCompleted
  | NoteReferredUpward
  | RecordCallback
  | ReopenCase
  | EraseReporterData;

const SHA256 = /^[0-9a-f]{64}$/i;

function report(command: ReportCase, state: CaseState): IntakeEvent[] {
  if (state.status !== 'none') refuse('case.already_reported', `case ${command.caseId} was already reported`);
  const description = required('description', command.description);
  if (!(CHANNELS as readonly string[]).includes(command.channel)) {
    invalid('channel', `channel must be one of ${CHANNELS.join(', ')}`);
  }
  command.evidence.forEach((item, i) => {
    required(`evidence[${i}].name`, item.name);
    if (!SHA256.test(item.sha256)) invalid(`evidence[${i}].sha256`, `evidence[${i}].sha256 must be 64 hexadecimal characters`);
  });
  if (!command.compound) invalid('compoundId', `compound "${command.compoundId}" is not a compound of the pilot communities`);
  if (!command.categoryEntry) invalid('category', `category "${command.category}" is not in the catalogue`);

  const { caseId, compoundId, category, now } = command;
  const reported: IntakeEvent = {
    type: 'intake.CaseReported.v1',
    data: {
      caseId,
      compoundId,
      category,
      description,
      ...(command.location?.trim() ? { location: command.location.trim() } : {}),
      channel: command.channel,
      ...(command.reporter ? { reporter: command.reporter } : {}),
      evidence: command.evidence.map(({ name, sha256 }) => ({ name: name.trim(), sha256: sha256.toLowerCase() })),
      reportedAt: now,
    },
  };
  const duplicateOf = findProbableDuplicate(command, command.openCases, command.duplicateWindow, now);
  if (duplicateOf !== undefined) {
    const { stationId, communityId } = command.compound;
    return [reported, { type: 'intake.CaseLinkedAsDuplicate.v1', data: { caseId, duplicateOf, stationId, communityId, linkedAt: now } }];
  }
  return [reported, routed({ caseId, compoundId, category }, command.compound, command.categoryEntry, now)];
}

function routed(
  facts: { readonly caseId: string; readonly compoundId: string; readonly category: string },
  compound: NonNullable<CatalogueRouting['compound']>,
  categoryEntry: NonNullable<CatalogueRouting['categoryEntry']>,
  now: string,
): IntakeEvent {
  return {
    type: 'intake.CaseRouted.v1',
    data: {
      ...facts,
      stationId: compound.stationId,
      communityId: compound.communityId,
      proposedLevel: categoryEntry.defaultLevel,
      proposedUnits: [...categoryEntry.unitIds],
      routedAt: now,
    },
  };
}

function overruleDuplicate(command: OverruleDuplicate, state: CaseState): IntakeEvent[] {
  mustExist(state);
  if (state.status !== 'duplicate') ended(state, 'overrule a duplicate link (only a case linked as a duplicate has one)');
  const reason = required('reason', command.reason);
  const { caseId, compoundId, category } = state;
  // The catalogue may have changed since the report: a case it can no longer place cannot be routed.
  if (!command.compound) refuse('case.not_routable', `compound "${compoundId}" is no longer a compound of the pilot communities, so the case cannot be routed`);
  if (!command.categoryEntry) refuse('case.not_routable', `category "${category}" is no longer in the catalogue, so the case cannot be routed`);
  return [
    { type: 'intake.DuplicateLinkOverruled.v1', data: { caseId, duplicateOf: state.duplicateOf, reason, overruledAt: command.now } },
    routed({ caseId, compoundId, category }, command.compound, command.categoryEntry, command.now),
  ];
}

function eraseReporterData(command: EraseReporterData, state: CaseState): IntakeEvent[] {
  mustExist(state);
  if (!(REPORTER_DATA_ERASERS as readonly string[]).includes(command.requestedBy)) {
    refuse('erasure.not_permitted', `only ${REPORTER_DATA_ERASERS.join(' or ')} may erase a reporter's personal data, not ${command.requestedBy}`);
  }
  const reason = required('reason', command.reason);
  if (reason.length > ERASURE_REASON_MAX_LENGTH) invalid('reason', `reason must be at most ${ERASURE_REASON_MAX_LENGTH} characters`);
  const { reporter } = state;
  if (reporter.status === 'none') refuse('case.no_reporter_data', `case ${state.caseId} holds no personal data of a reporter`);
  if (reporter.status === 'erased') refuse('case.reporter_data_erased', `the reporter's personal data of case ${state.caseId} was already erased at ${reporter.erasedAt}`);
  return [{ type: 'intake.ReporterDataErased.v1', data: { caseId: state.caseId, keyId: reporter.keyId, reason, erasedAt: command.now } }];
}

export function decideCase(command: CaseCommand, state: CaseState): IntakeEvent[] {
  switch (command.type) {
    case 'ReportCase':
      return report(command, state);

    case 'RejectCase': {
      mustExist(state);
      if (state.status !== 'open') ended(state, 'reject it');
      if (!(REJECTION_CODES as readonly string[]).includes(command.code)) {
        invalid('code', `code must be one of ${REJECTION_CODES.join(', ')}`);
      }
      const reason = required('reason', command.reason);
      return [{ type: 'intake.CaseRejected.v1', data: { caseId: state.caseId, code: command.code, reason, rejectedAt: command.now } }];
    }

    case 'OverruleDuplicate':
      return overruleDuplicate(command, state);

    case 'LinkAsDuplicate':
      return linkAsDuplicate(command, state);

    case 'MergeInto':
      return mergeInto(command, state);

    case 'WithdrawCase': {
      mustExist(state);
      if (state.status !== 'open' && state.status !== 'resolved') ended(state, 'withdraw it');
      const reason = required('reason', command.reason);
      return [{ type: 'intake.CaseWithdrawn.v1', data: { caseId: state.caseId, reason, withdrawnAt: command.now } }];
    }

    case 'NoteWorkCompleted':
      // A completion for a case no longer open, or from before its reopening, is redelivered or overtaken.
      if (state.status !== 'open') return [];
      if (state.reopenedAt !== null && isBefore(command.completedAt, state.reopenedAt)) return [];
      return [{ type: 'intake.WorkCompletionNoted.v1', data: { caseId: state.caseId, level: command.level, completedAt: command.now } }];

    case 'NoteReferredUpward':
      if (state.status !== 'open' && state.status !== 'resolved') return [];
      return [{ type: 'intake.ReferralUpwardNoted.v1', data: { caseId: state.caseId, reason: command.reason, referredAt: command.now } }];

    case 'RecordCallback': {
      mustExist(state);
      if (state.status !== 'resolved') ended(state, 'record a callback (回访) before every task has its outcome');
      if (!(CALLBACK_RESULTS as readonly string[]).includes(command.result)) {
        invalid('result', `result must be one of ${CALLBACK_RESULTS.join(', ')}`);
      }
      const note = command.note?.trim();
      const { caseId } = state;
      const callback: IntakeEvent = {
        type: 'intake.CallbackRecorded.v1',
        data: { caseId, result: command.result, ...(note ? { note } : {}), calledAt: command.now },
      };
      if (command.result === 'dissatisfied') {
        return [
          callback,
          {
            type: 'intake.CaseReopened.v1',
            data: { caseId, reason: note || 'the reporter was dissatisfied at the callback', trigger: 'dissatisfied_callback', reopenedAt: command.now },
          },
        ];
      }
      return [
        callback,
        {
          type: 'intake.CaseClosed.v1',
          data: { caseId, callbackResult: command.result, closedAt: command.now, reopenableUntil: addDeadline(command.now, command.reopenWindow, command.calendar) },
        },
      ];
    }

    case 'ReopenCase': {
      mustExist(state);
      if (state.status !== 'closed') ended(state, 'reopen it (only a closed case can be reopened)');
      const reason = required('reason', command.reason);
      if (isBefore(state.reopenableUntil, command.now)) {
        refuse('case.reopen_window_passed', `the case could be reopened until ${state.reopenableUntil}; that window has passed`);
      }
      return [{ type: 'intake.CaseReopened.v1', data: { caseId: state.caseId, reason, trigger: 'request', reopenedAt: command.now } }];
    }

    case 'EraseReporterData':
      return eraseReporterData(command, state);

    default:
      return assertNever(command, 'case command');
  }
}

export const caseDecider: Decider<CaseCommand, IntakeEvent, CaseState> = {
  initialState: initialCaseState,
  decide: decideCase,
  evolve: evolveCase,
};
