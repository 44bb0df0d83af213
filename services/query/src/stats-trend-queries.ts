import { Inject, Injectable } from '@nestjs/common';
import type { Name } from '@whistle/contracts';
import { InvalidRequest } from '@whistle/http';
import {
  AREA_ONLY_FIGURES,
  calendarBounds,
  calendarIntervals,
  caseSummary,
  casesBehind,
  computeTrends,
  type CalendarUnit,
  type CaseSummary,
  type FigureSeries,
  type Page,
  type StatsGroupBy,
  type Trends,
} from '@whistle/read-models';
import { QUERY, type QueryDependencies } from './query.dependencies';
import type { StatsCasesRequest } from './stats-cases.request.dto';
import type { StatsTrendsRequest } from './stats-trends.request.dto';

/** More intervals than a chart can show, and than the store should be asked for. */
export const MAX_INTERVALS = 400;
const DAY = 86_400_000;

export interface TrendsResponse extends Omit<Trends, 'groups'> {
  readonly groupBy: StatsGroupBy;
  readonly from: string;
  readonly to: string;
  readonly bucket: CalendarUnit;
  /** when the figures were read: the read models may still be catching up with the latest events */
  readonly asOf: string;
  readonly intervals: readonly { readonly from: string; readonly to: string }[];
  readonly groups: (FigureSeries & { readonly id: string; readonly name: Name | null })[];
}

/** The dashboard's figures and the cases behind each, added up by the read-model store. */
@Injectable()
export class StatsTrendQueries {
  constructor(@Inject(QUERY) private readonly deps: QueryDependencies) {}

  async trends(request: StatsTrendsRequest): Promise<TrendsResponse> {
    const { groupBy, from, to } = request;
    requireOrder(from, to);
    const span = Date.parse(to) - Date.parse(from);
    const bucket = request.bucket ?? (span <= 62 * DAY ? 'day' : span <= 26 * 7 * DAY ? 'week' : 'month');
    if (calendarIntervals(from, to, bucket) > MAX_INTERVALS) {
      throw new InvalidRequest([{ field: 'bucket', message: `bucket ${bucket} cuts ${from} to ${to} into more than ${MAX_INTERVALS} intervals; choose a longer bucket or a shorter period` }]);
    }
    const bounds = calendarBounds(from, to, bucket);
    const trends = await computeTrends(this.deps.readModels, { groupBy, bounds });
    return {
      groupBy,
      from,
      to,
      bucket,
      asOf: this.deps.clock.now(),
      intervals: bounds.slice(1).map((end, i) => ({ from: bounds[i] as string, to: end })),
      overall: trends.overall,
      groups: trends.groups.map((group) => ({ ...group, name: this.nameOf(groupBy, group.id) })),
      atLevel4: trends.atLevel4,
    };
  }

  async cases(request: StatsCasesRequest): Promise<Page<CaseSummary> & { figure: string }> {
    const { figure, groupBy, groupId, from, to, cause, adjudication, page = 1, pageSize = 20 } = request;
    if (from !== undefined && to !== undefined) requireOrder(from, to);
    if (groupId !== undefined && groupBy === undefined) throw new InvalidRequest([{ field: 'groupId', message: 'groupId needs groupBy: station, community or unit' }]);
    if (groupBy === 'unit' && AREA_ONLY_FIGURES.includes(figure)) {
      throw new InvalidRequest([{ field: 'figure', message: `figure ${figure} is a station's or community's, not a unit's` }]);
    }
    if ((figure === 'raised') !== (cause !== undefined)) {
      throw new InvalidRequest([{ field: 'cause', message: figure === 'raised' ? 'figure raised needs its cause' : 'cause goes with figure raised only' }]);
    }
    if (adjudication !== undefined && figure !== 'atLevel4') throw new InvalidRequest([{ field: 'adjudication', message: 'adjudication goes with figure atLevel4 only' }]);
    const drill = {
      figure,
      ...(groupBy === undefined ? {} : { groupBy }),
      ...(groupId === undefined ? {} : { groupId }),
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
      ...(cause === undefined ? {} : { cause }),
      ...(adjudication === undefined ? {} : { adjudication }),
    };
    const found = await casesBehind(this.deps.readModels, drill, page, pageSize);
    return { figure, ...found, items: found.items.map((view) => caseSummary(view, this.deps.catalogue)) };
  }

  private nameOf(groupBy: StatsGroupBy, id: string): Name | null {
    const { catalogue } = this.deps;
    return catalogue.nameOf(groupBy === 'unit' ? 'units' : groupBy === 'station' ? 'stations' : 'communities', id) ?? null;
  }
}

function requireOrder(from: string, to: string): void {
  if (Date.parse(from) >= Date.parse(to)) throw new InvalidRequest([{ field: 'to', message: `to (${to}) must be after from (${from})` }]);
}
