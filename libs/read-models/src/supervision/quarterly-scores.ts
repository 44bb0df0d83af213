import { quarterBounds, weightingFor, type StationWeights, type UnitWeights } from '@whistle/contracts';
import type { ReadModelStore } from '../read-model-store.port';
import { rate, type GroupStats, type OverdueCounts, type Rate } from '../stats';
import { tallyStats } from '../stats-tallied';
import { twoDecimals } from './supervision-events';
import { evaluationsOfQuarter, weightingHistory } from './supervision-queries';
import type { EvaluationView } from './supervision-views';

/**
 * The quarterly scores (季度考核) of the units or the stations: the three rates, overdue counts
 * and decline escalations exactly as `GET /api/query/stats` gives them for the quarter's bounds,
 * the two-way rating from the evaluations of the tasks that ended in the quarter, combined by the
 * weighting in force for the quarter. Every figure names the cases, tasks and evaluations it
 * counted, so that it opens down to them (and they to their events).
 */
export type ScoreGroupBy = 'unit' | 'station';

export interface RatingPart {
  /** 0–100, two decimals; null when nothing was rated */
  readonly value: number | null;
  readonly count: number;
  /** the evaluations (by task id) whose current rating was counted */
  readonly evaluationIds: readonly string[];
}

export interface ScoreGroup {
  readonly id: string;
  /** 1 the highest; equal scores share a rank; null with no score */
  readonly rank: number | null;
  /** 0–100, two decimals; null when no part had anything to count */
  readonly score: number | null;
  readonly parts: { readonly responseRate: Rate; readonly resolutionRate: Rate; readonly satisfactionRate: Rate; readonly rating: RatingPart };
  readonly overdue: OverdueCounts;
  readonly declineEscalations: number;
  /** points taken off the weighted parts */
  readonly penalty: number;
  readonly cases: number;
  readonly tasks: number;
  readonly sources: { readonly caseIds: readonly string[]; readonly taskIds: readonly string[]; readonly evaluationIds: readonly string[] };
}

export type ScoreWeights =
  | ({ readonly weightingId: string; readonly effectiveFrom: string | null } & UnitWeights)
  | ({ readonly weightingId: string; readonly effectiveFrom: string | null } & StationWeights);

export interface QuarterlyScores {
  readonly quarter: string;
  readonly from: string;
  readonly to: string;
  readonly groupBy: ScoreGroupBy;
  readonly weighting: ScoreWeights;
  /** by rank, the unscored last; then by id */
  readonly groups: readonly ScoreGroup[];
}

export async function quarterlyScores(store: ReadModelStore, quarter: string, groupBy: ScoreGroupBy): Promise<QuarterlyScores> {
  const { from, to } = quarterBounds(quarter);
  const [stats, evaluations, history] = await Promise.all([tallyStats(store, { groupBy, from, to }), evaluationsOfQuarter(store, quarter), weightingHistory(store)]);
  const inForce = weightingFor(history, quarter);
  const weighting: ScoreWeights = { weightingId: inForce.weightingId, effectiveFrom: inForce.effectiveFrom, ...(groupBy === 'unit' ? inForce.unit : inForce.station) };
  return { quarter, from, to, groupBy, weighting, groups: scoreGroups(groupBy, stats, evaluations, weighting) };
}

/** The scores from the quarter's figures and evaluations; pure, so a computation by hand can be held against it. */
export function scoreGroups(groupBy: ScoreGroupBy, stats: readonly GroupStats[], evaluations: readonly EvaluationView[], weighting: ScoreWeights): ScoreGroup[] {
  const statsOf = new Map(stats.map((s) => [s.id, s]));
  const evaluationsOf = new Map<string, EvaluationView[]>();
  for (const e of evaluations) {
    const id = groupBy === 'unit' ? e.unitId : e.stationId;
    evaluationsOf.set(id, [...(evaluationsOf.get(id) ?? []), e]);
  }
  const ids = [...new Set([...statsOf.keys(), ...evaluationsOf.keys()])];
  const unranked = ids.map((id) => scoreGroup(groupBy, id, statsOf.get(id), evaluationsOf.get(id) ?? [], weighting));
  return ranked(unranked);
}

function scoreGroup(groupBy: ScoreGroupBy, id: string, stats: GroupStats | undefined, evaluations: readonly EvaluationView[], w: ScoreWeights): Omit<ScoreGroup, 'rank'> {
  const none = rate(0, 0);
  const overdue: OverdueCounts = stats?.overdue ?? { reportInsMissed: 0, tasksOverdue: 0, activitiesOverdue: groupBy === 'unit' ? null : 0, tablingsOverdue: groupBy === 'unit' ? null : 0 };
  const declineEscalations = stats?.declineEscalations ?? 0;
  const rating = ratingPart(groupBy, evaluations);
  const parts = { responseRate: stats?.responseRate ?? none, resolutionRate: stats?.resolutionRate ?? none, satisfactionRate: stats?.satisfactionRate ?? none, rating };
  const ratingWeight = 'stationRating' in w ? w.stationRating : w.whistleRating;
  const weighted: [number, number | null][] = [
    [w.responseRate, percent(parts.responseRate)],
    [w.resolutionRate, percent(parts.resolutionRate)],
    [w.satisfactionRate, percent(parts.satisfactionRate)],
    [ratingWeight, rating.value],
  ];
  const lapses = overdue.reportInsMissed + overdue.tasksOverdue + (overdue.activitiesOverdue ?? 0) + (overdue.tablingsOverdue ?? 0);
  const penalty = twoDecimals(w.overduePenalty * lapses + ('escalationPenalty' in w ? w.escalationPenalty * declineEscalations : 0));
  return {
    id,
    score: combined(weighted, penalty),
    parts,
    overdue,
    declineEscalations,
    penalty,
    cases: stats?.cases ?? 0,
    tasks: stats?.tasks ?? 0,
    sources: { caseIds: stats?.sources.caseIds ?? [], taskIds: stats?.sources.taskIds ?? [], evaluationIds: evaluations.map((e) => e.taskId).sort() },
  };
}

/** A unit: the mean score of the stations' current ratings of it; a station: the units' current ratings of its whistles, 50 for justified and 50 for accurate. */
function ratingPart(groupBy: ScoreGroupBy, evaluations: readonly EvaluationView[]): RatingPart {
  const rated =
    groupBy === 'unit'
      ? evaluations.flatMap((e) => (e.unitRating ? [{ id: e.taskId, value: e.unitRating.score }] : []))
      : evaluations.flatMap((e) => (e.whistleRating ? [{ id: e.taskId, value: (e.whistleRating.justified ? 50 : 0) + (e.whistleRating.informationAccurate ? 50 : 0) }] : []));
  const value = rated.length === 0 ? null : twoDecimals(rated.reduce((sum, r) => sum + r.value, 0) / rated.length);
  return { value, count: rated.length, evaluationIds: rated.map((r) => r.id).sort() };
}

const percent = (r: Rate): number | null => (r.value === null ? null : r.value * 100);

/** The weighted mean of the parts that have a value (their weights renormalised to 1), less the penalty, not below 0. */
function combined(weighted: readonly [number, number | null][], penalty: number): number | null {
  const present = weighted.filter((p): p is [number, number] => p[1] !== null);
  const weight = present.reduce((sum, [w]) => sum + w, 0);
  if (present.length === 0 || weight === 0) return null;
  const mean = present.reduce((sum, [w, v]) => sum + w * v, 0) / weight;
  return twoDecimals(Math.max(0, mean - penalty));
}

/** Competition ranking (1, 1, 3): equal scores share a rank; groups without a score come last, unranked. */
function ranked(groups: readonly Omit<ScoreGroup, 'rank'>[]): ScoreGroup[] {
  const sorted = [...groups].sort((a, b) => {
    if (a.score !== b.score) return a.score === null ? 1 : b.score === null ? -1 : b.score - a.score;
    return a.id < b.id ? -1 : 1;
  });
  return sorted.map((g) => {
    if (g.score === null) return { ...g, rank: null };
    const first = sorted.findIndex((other) => other.score === g.score);
    return { ...g, rank: first + 1 };
  });
}
