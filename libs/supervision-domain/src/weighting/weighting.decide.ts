import { assertNever, invalid, type Decider } from '@whistle/kernel';
import {
  ASSESSMENT_DIMENSIONS,
  isQuarter,
  quarterBefore,
  quarterOf,
  type AssessmentWeights,
  type ListRules,
  type StationWeights,
  type UnitWeights,
  type WeightingEvent,
} from '@whistle/contracts';
import { required, wholeNumber } from '../checks';
import { evolveWeighting, initialWeightingState, type WeightingState } from './weighting.state';

/** The office sets the weighting in force from a quarter on (the stream `weighting-office`). */
export interface SetWeighting {
  readonly type: 'SetWeighting';
  readonly weightingId: string;
  readonly effectiveFrom: string;
  readonly unit: UnitWeights;
  readonly station: StationWeights;
  readonly assessment: AssessmentWeights;
  readonly lists: ListRules;
  readonly reason: string;
  readonly now: string;
}

export type WeightingCommand = SetWeighting;

/** How far a sum of weights may stray from 1 by floating-point rounding alone. */
const TOLERANCE = 1e-9;
/** The pilot documents ask for at least 25 residents' answers per compound. */
export const MINIMUM_RESPONSES_FLOOR = 25;

export function decideWeighting(command: WeightingCommand, state: WeightingState): WeightingEvent[] {
  switch (command.type) {
    case 'SetWeighting':
      return set(command, state);
    default:
      return assertNever(command.type, 'weighting command');
  }
}

export const weightingDecider: Decider<WeightingCommand, WeightingEvent, WeightingState> = {
  initialState: initialWeightingState,
  decide: decideWeighting,
  evolve: evolveWeighting,
};

function set(command: SetWeighting, state: WeightingState): WeightingEvent[] {
  const weightingId = required('weightingId', command.weightingId, 200);
  if (state.history.some((w) => w.weightingId === weightingId)) return [];
  const { effectiveFrom, now } = command;
  if (!isQuarter(effectiveFrom)) invalid('effectiveFrom', `effectiveFrom "${String(effectiveFrom)}" is not a quarter such as 2026-Q4`);
  const current = quarterOf(now);
  // A past quarter's scores were computed and may be published: its weighting stays as it was.
  if (quarterBefore(effectiveFrom, current)) invalid('effectiveFrom', `effectiveFrom ${effectiveFrom} is before the current quarter ${current}`);
  const unit = object('unit', command.unit);
  const station = object('station', command.station);
  const assessment = object('assessment', command.assessment);
  const lists = object('lists', command.lists);
  const unitWeights: UnitWeights = {
    responseRate: weight('unit.responseRate', unit.responseRate),
    resolutionRate: weight('unit.resolutionRate', unit.resolutionRate),
    satisfactionRate: weight('unit.satisfactionRate', unit.satisfactionRate),
    stationRating: weight('unit.stationRating', unit.stationRating),
    overduePenalty: weight('unit.overduePenalty', unit.overduePenalty),
    escalationPenalty: weight('unit.escalationPenalty', unit.escalationPenalty),
  };
  sumsToOne('unit', [unitWeights.responseRate, unitWeights.resolutionRate, unitWeights.satisfactionRate, unitWeights.stationRating], 'responseRate + resolutionRate + satisfactionRate + stationRating');
  const stationWeights: StationWeights = {
    responseRate: weight('station.responseRate', station.responseRate),
    resolutionRate: weight('station.resolutionRate', station.resolutionRate),
    satisfactionRate: weight('station.satisfactionRate', station.satisfactionRate),
    whistleRating: weight('station.whistleRating', station.whistleRating),
    overduePenalty: weight('station.overduePenalty', station.overduePenalty),
  };
  sumsToOne(
    'station',
    [stationWeights.responseRate, stationWeights.resolutionRate, stationWeights.satisfactionRate, stationWeights.whistleRating],
    'responseRate + resolutionRate + satisfactionRate + whistleRating',
  );
  const dimensions = object('assessment.dimensions', command.assessment.dimensions);
  const assessmentWeights: AssessmentWeights = {
    dimensions: Object.fromEntries(ASSESSMENT_DIMENSIONS.map((d) => [d, weight(`assessment.dimensions.${d}`, dimensions[d])])) as AssessmentWeights['dimensions'],
    satisfaction: weight('assessment.satisfaction', assessment.satisfaction),
    minimumResponses: wholeNumber('assessment.minimumResponses', assessment.minimumResponses, MINIMUM_RESPONSES_FLOOR),
  };
  sumsToOne('assessment', [...Object.values(assessmentWeights.dimensions), assessmentWeights.satisfaction], 'the eight dimensions + satisfaction');
  const listRules: ListRules = {
    redMinimum: mark('lists.redMinimum', lists.redMinimum),
    blackBelow: mark('lists.blackBelow', lists.blackBelow),
    blackOverdueFindings: wholeNumber('lists.blackOverdueFindings', lists.blackOverdueFindings, 1),
  };
  if (listRules.blackBelow >= listRules.redMinimum) {
    invalid('lists.blackBelow', `lists.blackBelow (${listRules.blackBelow}) must be below lists.redMinimum (${listRules.redMinimum})`);
  }
  const reason = required('reason', command.reason);
  return [
    {
      type: 'supervision.WeightingSet.v1',
      data: { weightingId, effectiveFrom, unit: unitWeights, station: stationWeights, assessment: assessmentWeights, lists: listRules, reason, setAt: now },
    },
  ];
}

/** The members of a part as they came, each to be checked. */
function object<T extends object>(field: string, value: T): { readonly [K in keyof T]?: unknown } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid(field, `${field} must be an object`);
  return value;
}

/** A weight or a penalty: a finite number, 0 or more. */
function weight(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) invalid(field, `${field} must be a number, 0 or more, not ${String(value)}`);
  return value;
}

/** A mark on the 0–100 scale of an assessment's total. */
function mark(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) invalid(field, `${field} must be a number from 0 to 100, not ${String(value)}`);
  return value;
}

function sumsToOne(field: string, weights: readonly number[], what: string): void {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > TOLERANCE) invalid(field, `${field}: ${what} must sum to 1, not ${sum}`);
}
