import { assertNever, invalid, isBefore, isInstant, refuse, type Decider } from '@whistle/kernel';
import type { PublicityEvent } from '@whistle/contracts';
import { required } from '../text';
import { evolvePublicity, initialPublicityState, type PublicityState } from './publicity.state';

/** In reaction to a level-1 whistle (宣传哨): the station must hold a publicity activity by dueAt. */
export interface RequestPublicity {
  readonly type: 'RequestPublicity';
  readonly caseId: string;
  readonly whistleId: string;
  readonly stationId: string;
  readonly units: readonly string[];
  readonly dueAt: string;
  readonly now: string;
}

/** The station records the activity it held with the units in the compound. */
export interface RecordActivity {
  readonly type: 'RecordActivity';
  readonly activityId: string;
  readonly heldAt: string;
  readonly topic: string;
  readonly units: readonly string[];
  readonly attendance: number;
  /** the unit catalogue's ids, looked up by the service */
  readonly knownUnits: readonly string[];
  readonly now: string;
}

/** The case moved on from the round of this level-1 whistle before its activity was held. */
export interface CancelPublicity {
  readonly type: 'CancelPublicity';
  /** the round the case moved on from: only its pending request is cancelled */
  readonly whistleId: string;
  readonly reason: string;
  readonly now: string;
}

export type PublicityCommand = RequestPublicity | RecordActivity | CancelPublicity;

export function decidePublicity(command: PublicityCommand, state: PublicityState): PublicityEvent[] {
  switch (command.type) {
    case 'RequestPublicity':
      return request(command, state);
    case 'RecordActivity':
      return recordActivity(command, state);
    case 'CancelPublicity': {
      // Only the pending round the case moved on from: a stale cancel must not end a newer round.
      if (state.status !== 'requested' || state.whistleId !== command.whistleId) return [];
      const reason = required('reason', command.reason);
      const { caseId, whistleId } = state;
      return [{ type: 'enforcement.PublicityCancelled.v1', data: { caseId, whistleId, reason, cancelledAt: command.now } }];
    }
    default:
      return assertNever(command, 'publicity command');
  }
}

export const publicityDecider: Decider<PublicityCommand, PublicityEvent, PublicityState> = {
  initialState: initialPublicityState,
  decide: decidePublicity,
  evolve: evolvePublicity,
};

function request(command: RequestPublicity, state: PublicityState): PublicityEvent[] {
  const caseId = required('caseId', command.caseId);
  const whistleId = required('whistleId', command.whistleId);
  // A redelivered request of this round or of one already replaced must not reopen it.
  if (state.status !== 'none' && state.whistleIds.includes(whistleId)) return [];
  if (state.status !== 'none' && state.caseId !== caseId) {
    invalid('caseId', `this stream holds the publicity of case ${state.caseId}, not of case ${caseId}`);
  }
  if (!isInstant(command.dueAt)) invalid('dueAt', `dueAt "${command.dueAt}" is not an ISO-8601 instant`);
  const requested: PublicityEvent = {
    type: 'enforcement.PublicityRequested.v1',
    data: { caseId, whistleId, stationId: command.stationId, units: [...command.units], dueAt: command.dueAt, requestedAt: command.now },
  };
  if (state.status !== 'requested') return [requested];
  const replaced: PublicityEvent = {
    type: 'enforcement.PublicityCancelled.v1',
    data: {
      caseId,
      whistleId: state.whistleId,
      reason: `replaced by the level-1 whistle ${whistleId}`,
      cancelledAt: command.now,
    },
  };
  return [replaced, requested];
}

function recordActivity(command: RecordActivity, state: PublicityState): PublicityEvent[] {
  switch (state.status) {
    case 'none':
      return refuse('publicity.not_requested', 'no level-1 whistle asks for a publicity activity on this case');
    case 'held':
      if (state.activity.activityId === command.activityId) return [];
      return refuse(
        'publicity.already_held',
        `the publicity activity of case ${state.caseId} for whistle ${state.whistleId} was already held at ${state.activity.heldAt} (activity ${state.activity.activityId})`,
      );
    case 'cancelled':
      return refuse(
        'publicity.cancelled',
        `the publicity activity of case ${state.caseId} for whistle ${state.whistleId} was cancelled at ${state.cancellation.cancelledAt} ("${state.cancellation.reason}")`,
      );
    case 'requested':
      break;
    default:
      return assertNever(state, 'publicity status');
  }
  const activityId = required('activityId', command.activityId);
  const { heldAt, attendance, now } = command;
  if (!isInstant(heldAt)) invalid('heldAt', `heldAt "${heldAt}" is not an ISO-8601 instant`);
  if (isBefore(now, heldAt)) invalid('heldAt', `cannot record an activity in the future: heldAt ${heldAt} is after now (${now})`);
  if (isBefore(heldAt, state.requestedAt)) {
    invalid('heldAt', `heldAt ${heldAt} is before the level-1 whistle asked for the activity at ${state.requestedAt}`);
  }
  const topic = required('topic', command.topic);
  const units = checkedUnits(command.units, command.knownUnits);
  if (!Number.isInteger(attendance) || attendance < 0) {
    invalid('attendance', `attendance must be a whole number of people, 0 or more, not ${String(attendance)}`);
  }
  const { caseId, whistleId } = state;
  return [
    {
      type: 'enforcement.ActivityRecorded.v1',
      data: { caseId, whistleId, activityId, heldAt, topic, units, attendance, recordedAt: now },
    },
  ];
}

function checkedUnits(units: readonly string[], knownUnits: readonly string[]): string[] {
  if (!Array.isArray(units) || units.length === 0) invalid('units', 'units must name at least one unit that took part');
  const known = new Set(knownUnits);
  units.forEach((unit, i) => {
    if (!known.has(unit)) invalid(`units[${i}]`, `units[${i}] "${unit}" is not a known unit`);
    if (units.indexOf(unit) !== i) invalid(`units[${i}]`, `units[${i}] "${unit}" is listed twice`);
  });
  return [...units];
}
