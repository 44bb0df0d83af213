import { assertNever } from '@whistle/kernel';
import type { PublicityEvent } from '@whistle/contracts';

/** The round asked for by one level-1 whistle (宣传哨). */
export interface PublicityRound {
  /** the station that holds the activity */
  readonly stationId: string;
  readonly caseId: string;
  readonly whistleId: string;
  readonly units: readonly string[];
  /** the activity should be held by then */
  readonly dueAt: string;
  readonly requestedAt: string;
  /** every level-1 whistle that asked for an activity on this case, this one last */
  readonly whistleIds: readonly string[];
}

export interface PublicityActivity {
  readonly activityId: string;
  readonly heldAt: string;
  readonly topic: string;
  readonly units: readonly string[];
  readonly attendance: number;
  readonly recordedAt: string;
}

export interface PublicityCancellation {
  readonly reason: string;
  readonly cancelledAt: string;
}

export type PublicityState =
  | { readonly status: 'none' }
  | ({ readonly status: 'requested' } & PublicityRound)
  | ({ readonly status: 'held'; readonly activity: PublicityActivity } & PublicityRound)
  | ({ readonly status: 'cancelled'; readonly cancellation: PublicityCancellation } & PublicityRound);

export type PublicityStatus = PublicityState['status'];

export const initialPublicityState: PublicityState = { status: 'none' };

/** Events are facts already decided, so a transition the state cannot take is left out, not thrown. */
export function evolvePublicity(state: PublicityState, event: PublicityEvent): PublicityState {
  switch (event.type) {
    case 'enforcement.PublicityRequested.v1': {
      const { caseId, whistleId, stationId, units, dueAt, requestedAt } = event.data;
      const earlier = state.status === 'none' ? [] : state.whistleIds;
      return { status: 'requested', caseId, whistleId, stationId, units, dueAt, requestedAt, whistleIds: [...earlier, whistleId] };
    }
    case 'enforcement.ActivityRecorded.v1': {
      if (state.status !== 'requested' || state.whistleId !== event.data.whistleId) return state;
      const { activityId, heldAt, topic, units, attendance, recordedAt } = event.data;
      return { ...state, status: 'held', activity: { activityId, heldAt, topic, units, attendance, recordedAt } };
    }
    case 'enforcement.PublicityCancelled.v1': {
      if (state.status !== 'requested' || state.whistleId !== event.data.whistleId) return state;
      const { reason, cancelledAt } = event.data;
      return { ...state, status: 'cancelled', cancellation: { reason, cancelledAt } };
    }
    default:
      return assertNever(event, 'publicity event');
  }
}
