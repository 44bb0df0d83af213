import type { LevelChangeTrigger } from '@whistle/contracts';
import { CASE_VIEWS, OPEN_STATUSES, type CaseView } from './case-view/case-view';
import { COUNTED_FIGURES, type CountedFigures } from './case-view/case-figures';
import type { Page } from './queries';
import type { Condition, ReadModelStore, Where } from './read-model-store.port';
import type { StatsGroupBy } from './stats';
import { periodCondition } from './stats-trends';

/**
 * Every figure of the dashboard leads to the cases it counts. `counted` figures are of both kinds
 * of group; the others are a station's or community's (`raised` needs its cause); `atLevel4` is
 * the open level-4 cases now, whatever the period and group.
 */
export const DRILL_FIGURES = [...COUNTED_FIGURES, 'activitiesOverdue', 'tablingsOverdue', 'raised', 'atLevel4'] as const;
export type DrillFigure = (typeof DRILL_FIGURES)[number];
export const AREA_ONLY_FIGURES: readonly DrillFigure[] = ['activitiesOverdue', 'tablingsOverdue', 'raised'];

export interface DrillDown {
  readonly figure: DrillFigure;
  /** none: every case, by the stations' and communities' definitions */
  readonly groupBy?: StatsGroupBy;
  /** the station, community or unit; every one of the kind when left out */
  readonly groupId?: string;
  /** `[from, to)`: report time for cases, assignment time for a unit's tasks */
  readonly from?: string;
  readonly to?: string;
  /** with `raised` */
  readonly cause?: LevelChangeTrigger;
  /** with `atLevel4`: the adjudication's status, `none` while adjudication has not heard of the case */
  readonly adjudication?: string;
}

/** The cases behind a figure, the newest report first, a page at a time. `page` counts from 1. */
export async function casesBehind(store: ReadModelStore, drill: DrillDown, page: number, pageSize: number): Promise<Page<CaseView>> {
  const views = store.collection<CaseView>(CASE_VIEWS);
  if (drill.groupBy === 'unit' && drill.figure !== 'atLevel4') {
    if (AREA_ONLY_FIGURES.includes(drill.figure)) throw new RangeError(`${drill.figure} is a station's or community's figure, not a unit's`);
    const rowWhere: Record<string, Condition> = {};
    if (drill.groupId !== undefined) rowWhere['unitFigures.unitId'] = drill.groupId;
    const period = periodCondition(drill.from, drill.to);
    if (period !== undefined) rowWhere['unitFigures.assignedAt'] = period;
    if (drill.figure !== 'cases' && drill.figure !== 'tasks') rowWhere[`unitFigures.${drill.figure}`] = { $gte: 1 };
    // One row per case with a counted task: the page is cut here, then only its cases are read.
    const rows = await views.tally({ unwind: 'unitFigures', rowWhere, by: ['id', 'unitFigures.reportedAt'] });
    const ordered = rows
      .map((row) => ({ id: String(row.key[0]), reportedAt: typeof row.key[1] === 'string' ? row.key[1] : '' }))
      .sort((a, b) => (a.reportedAt === b.reportedAt ? (a.id < b.id ? -1 : 1) : a.reportedAt < b.reportedAt ? 1 : -1));
    const ids = ordered.slice((page - 1) * pageSize, page * pageSize).map((row) => row.id);
    const found = new Map((await views.getMany(ids)).map((view) => [view.id, view]));
    return { items: ids.flatMap((id) => found.get(id) ?? []), total: ordered.length, page, pageSize };
  }
  const { items, total } = await views.find({ where: areaWhere(drill), sort: [{ field: 'reportedAt', order: 'desc' }], skip: (page - 1) * pageSize, limit: pageSize });
  return { items, total, page, pageSize };
}

function areaWhere(drill: DrillDown): Where {
  if (drill.figure === 'atLevel4') {
    const where: Record<string, Condition> = { level: 4, status: { $in: [...OPEN_STATUSES] } };
    if (drill.adjudication !== undefined) where['adjudication.status'] = drill.adjudication === 'none' ? null : drill.adjudication;
    return where;
  }
  const where: Record<string, Condition> = {};
  if (drill.groupBy !== undefined && drill.groupId !== undefined) where[drill.groupBy === 'station' ? 'stationId' : 'communityId'] = drill.groupId;
  const period = periodCondition(drill.from, drill.to);
  if (period !== undefined) where['reportedAt'] = period;
  else where['reportedAt'] = { $gte: '' };
  if (drill.figure === 'raised') {
    if (drill.cause === undefined) throw new RangeError('the raised figure needs its cause');
    where[`figures.raised.${drill.cause}`] = { $gte: 1 };
  } else if (drill.figure !== 'cases') {
    where[`figures.${drill.figure satisfies keyof CountedFigures | 'activitiesOverdue' | 'tablingsOverdue'}`] = { $gte: 1 };
  }
  return where;
}
