import type { ResolutionAdopted } from '@whistle/contracts';
import type { ReadModelDocument } from '../read-model-store.port';
import type { StreamRevision } from '../stream-revisions';

export const MEETING_VIEWS = 'meeting_views';

export type MeetingStatus = 'scheduled' | 'open' | 'closed';

export type AgendaDecision =
  | ({ readonly kind: 'resolution' } & Omit<ResolutionAdopted['data'], 'meetingId' | 'caseId'>)
  | { readonly kind: 'deferral'; readonly reason: string; readonly deferredAt: string }
  | { readonly kind: 'withdrawn'; readonly reason: string; readonly withdrawnAt: string };

export interface AgendaItemView {
  readonly caseId: string;
  readonly opinions: readonly { readonly unitId: string; readonly opinion: string; readonly recordedAt: string }[];
  readonly decision: AgendaDecision | null;
}

/** The document behind the office's list of joint meetings (联席会议). */
export interface MeetingView extends ReadModelDocument {
  readonly revisions: readonly StreamRevision[];
  readonly status: MeetingStatus;
  readonly scheduledAt: string;
  readonly place: string;
  readonly invitedUnits: readonly string[];
  readonly quorumShare: number;
  readonly agenda: readonly AgendaItemView[];
  /** the latest attendance recorded per unit; a unit never recorded counts as absent */
  readonly attendance: readonly { readonly unitId: string; readonly present: boolean; readonly recordedAt: string }[];
  readonly openedAt: string | null;
  readonly closedAt: string | null;
  readonly updatedAt: string;
}
