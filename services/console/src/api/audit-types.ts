// The shapes of the audit's API; only the fields the console uses.
import type { CaseDetail } from './types';
import type { Minutes } from './office-types';

export type Service = 'intake' | 'escalation' | 'enforcement' | 'adjudication' | 'supervision';

/** One event of `GET /api/audit/cases/{caseId}/history`. */
export interface HistoryEntry {
  readonly service: Service;
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly actor: { readonly id: string; readonly role: string; readonly unitId?: string; readonly stationId?: string };
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly prevHash: string;
  readonly hash: string;
  readonly data: unknown;
}

/** `GET /api/audit/cases/{caseId}/state?at=` */
export type CaseStateAt = CaseDetail & {
  readonly asOf: { readonly at: string; readonly eventsApplied: number; readonly lastEventId: string | null };
  readonly aggregates: {
    readonly intake: { readonly status: string };
    readonly escalation: { readonly status: string; readonly level?: number };
    readonly tasks: readonly { readonly taskId: string; readonly state: { readonly status: string } }[];
    readonly adjudication: { readonly status: string };
  };
};

export interface StreamCheck {
  readonly streamId: string;
  readonly service: Service | null;
  readonly events: number;
  readonly last: { readonly revision: number; readonly hash: string } | null;
  readonly ledgerHead: { readonly revision: number; readonly hash: string } | null;
  readonly ok: boolean;
  readonly breaks: number;
}

export interface Verification {
  readonly checkedStreams: number;
  readonly checkedEvents: number;
  readonly ok: boolean;
  readonly breaks: readonly { readonly streamId: string; readonly revision: number; readonly eventId: string; readonly kind: string; readonly message: string }[];
  readonly streams: readonly StreamCheck[];
}

/** `POST /api/audit/verify` with a case */
export type CaseVerification = Verification & { readonly caseId: string; readonly verifiedAt: string };

/** `GET /api/audit/cases/{caseId}/dossier` */
export interface Dossier {
  readonly caseId: string;
  readonly generatedAt: string;
  readonly case: CaseDetail | null;
  readonly history: readonly HistoryEntry[];
  readonly verification: Verification;
  readonly minutes: readonly Minutes[];
  readonly digest: { readonly algorithm: string; readonly canonicalization: string; readonly value: string };
}
