import { assertNever } from '@whistle/kernel';
import type { CallbackResult, IntakeEvent, RejectionCode } from '@whistle/contracts';

/**
 * The reporter's personal data as the case holds it: none was given, it is sealed under the
 * case's key, or it was erased (个人信息删除) by destroying that key.
 */
export type ReporterData =
  | { readonly status: 'none' }
  | { readonly status: 'sealed'; readonly keyId: string }
  | { readonly status: 'erased'; readonly keyId: string; readonly erasedAt: string };

/** What intake knows of every reported case, whatever its status. */
export interface CaseFacts {
  readonly caseId: string;
  readonly compoundId: string;
  readonly category: string;
  readonly reportedAt: string;
  readonly reporter: ReporterData;
}

/** Where a routed case is handled. */
export interface Routing {
  readonly stationId: string;
  readonly communityId: string;
}

export type CaseState =
  | { readonly status: 'none' }
  /** Reported and not yet routed: only ever seen between the two events of one report, or of an overruled duplicate link. */
  | ({ readonly status: 'reported' } & CaseFacts)
  | ({ readonly status: 'open'; readonly reopenCount: number; readonly reopenedAt: string | null } & CaseFacts & Routing)
  /** Every task of the current level has its outcome; waiting for the callback (回访). */
  | ({ readonly status: 'resolved'; readonly reopenCount: number; readonly completedAt: string } & CaseFacts & Routing)
  | ({
      readonly status: 'closed';
      readonly reopenCount: number;
      readonly callbackResult: CallbackResult;
      readonly closedAt: string;
      readonly reopenableUntil: string;
    } & CaseFacts &
      Routing)
  | ({ readonly status: 'rejected'; readonly code: RejectionCode; readonly reason: string } & CaseFacts)
  | ({ readonly status: 'duplicate'; readonly duplicateOf: string } & CaseFacts)
  /** 合并: merged into the surviving case `mergedInto`, for good. */
  | ({ readonly status: 'merged'; readonly mergedInto: string } & CaseFacts)
  | ({ readonly status: 'withdrawn'; readonly reason: string } & CaseFacts)
  /** 上报区级: adjudication referred it to the district; it stays visible as such. */
  | ({ readonly status: 'referred_upward'; readonly reason: string; readonly referredAt: string } & CaseFacts & Routing);

export type CaseStatus = CaseState['status'];

export const initialCaseState: CaseState = { status: 'none' };

export function evolveCase(state: CaseState, event: IntakeEvent): CaseState {
  switch (event.type) {
    case 'intake.CaseReported.v1': {
      const { caseId, compoundId, category, reportedAt, reporter } = event.data;
      return { status: 'reported', caseId, compoundId, category, reportedAt, reporter: reporter ? { status: 'sealed', keyId: reporter.keyId } : { status: 'none' } };
    }
    case 'intake.CaseRouted.v1':
      if (state.status !== 'reported') return state;
      return { ...facts(state), status: 'open', reopenCount: 0, reopenedAt: null, stationId: event.data.stationId, communityId: event.data.communityId };
    case 'intake.CaseLinkedAsDuplicate.v1':
      return state.status === 'none' ? state : { ...facts(state), status: 'duplicate', duplicateOf: event.data.duplicateOf };
    case 'intake.CaseMerged.v1':
      return state.status === 'none' ? state : { ...facts(state), status: 'merged', mergedInto: event.data.mergedInto };
    case 'intake.DuplicateLinkOverruled.v1':
      return state.status === 'duplicate' ? { ...facts(state), status: 'reported' } : state;
    case 'intake.CaseRejected.v1':
      return state.status === 'none' ? state : { ...facts(state), status: 'rejected', code: event.data.code, reason: event.data.reason };
    case 'intake.CaseWithdrawn.v1':
      return state.status === 'none' ? state : { ...facts(state), status: 'withdrawn', reason: event.data.reason };
    case 'intake.WorkCompletionNoted.v1':
      if (state.status !== 'open') return state;
      return { ...facts(state), ...routing(state), status: 'resolved', reopenCount: state.reopenCount, completedAt: event.data.completedAt };
    case 'intake.CallbackRecorded.v1':
      return state;
    case 'intake.CaseClosed.v1':
      if (state.status !== 'resolved') return state;
      return {
        ...facts(state),
        ...routing(state),
        status: 'closed',
        reopenCount: state.reopenCount,
        callbackResult: event.data.callbackResult,
        closedAt: event.data.closedAt,
        reopenableUntil: event.data.reopenableUntil,
      };
    case 'intake.CaseReopened.v1':
      if (state.status !== 'closed' && state.status !== 'resolved') return state;
      return { ...facts(state), ...routing(state), status: 'open', reopenCount: state.reopenCount + 1, reopenedAt: event.data.reopenedAt };
    case 'intake.ReferralUpwardNoted.v1':
      if (state.status !== 'open' && state.status !== 'resolved') return state;
      return { ...facts(state), ...routing(state), status: 'referred_upward', reason: event.data.reason, referredAt: event.data.referredAt };
    case 'intake.ReporterDataErased.v1':
      // Whatever the case's status: only the personal data changes.
      if (state.status === 'none') return state;
      return { ...state, reporter: { status: 'erased', keyId: event.data.keyId, erasedAt: event.data.erasedAt } };
    default:
      return assertNever(event, 'intake event');
  }
}

function facts(state: CaseFacts): CaseFacts {
  return { caseId: state.caseId, compoundId: state.compoundId, category: state.category, reportedAt: state.reportedAt, reporter: state.reporter };
}

function routing(state: Routing): Routing {
  return { stationId: state.stationId, communityId: state.communityId };
}
