import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@whistle/auth';
import type { Name } from '@whistle/contracts';
import { InvalidRequest, assertScope } from '@whistle/http';
import { NotFound } from '@whistle/application';
import { getCase, listCases, tallyStats, type GroupStats, type Page, type StatsGroupBy } from '@whistle/read-models';
import type { CaseListRequest } from './case-list.request.dto';
import { caseDetail, caseSummary, type CaseDetail, type CaseSummary } from '@whistle/read-models';
import { scopedCaseFilter } from './caller-scope';
import { QUERY, type QueryDependencies } from './query.dependencies';
import type { StatsRequest } from './stats.request.dto';

export interface StatsResponse {
  readonly groupBy: StatsGroupBy;
  readonly from: string | null;
  readonly to: string | null;
  /** when the figures were read: the read models may still be catching up with the latest events */
  readonly asOf: string;
  readonly groups: (GroupStats & { readonly name: Name | null })[];
}

/** The case list, one case, and the office's figures, each read from the case views. */
@Injectable()
export class CaseQueries {
  constructor(@Inject(QUERY) private readonly deps: QueryDependencies) {}

  async list(request: CaseListRequest, principal: Principal): Promise<Page<CaseSummary>> {
    const { page = 1, pageSize = 20, ...filter } = request;
    const found = await listCases(this.deps.readModels, scopedCaseFilter(principal, filter), page, pageSize);
    return { ...found, items: found.items.map((view) => caseSummary(view, this.deps.catalogue)) };
  }

  async one(caseId: string, principal: Principal): Promise<CaseDetail> {
    const view = await getCase(this.deps.readModels, caseId);
    if (!view) throw new NotFound('case', caseId);
    assertScope(principal, {
      compoundId: view.compoundId ?? [],
      stationId: view.stationId ?? (view.compoundId === null ? undefined : this.deps.catalogue.compound(view.compoundId)?.station.id) ?? [],
      unitId: view.involvedUnits,
    });
    return caseDetail(view, this.deps.catalogue);
  }

  async stats(request: StatsRequest): Promise<StatsResponse> {
    const { groupBy, from, to } = request;
    if (from !== undefined && to !== undefined && Date.parse(from) >= Date.parse(to)) {
      throw new InvalidRequest([{ field: 'to', message: `to (${to}) must be after from (${from})` }]);
    }
    // Added up where the views are, as the trends are: no view is read, whatever the number of cases.
    const groups = await tallyStats(this.deps.readModels, { groupBy, ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) });
    return {
      groupBy,
      from: from ?? null,
      to: to ?? null,
      asOf: this.deps.clock.now(),
      groups: groups.map((group) => ({ ...group, name: this.nameOf(groupBy, group.id) })),
    };
  }

  private nameOf(groupBy: StatsGroupBy, id: string): Name | null {
    const { catalogue } = this.deps;
    return catalogue.nameOf(groupBy === 'unit' ? 'units' : groupBy === 'station' ? 'stations' : 'communities', id) ?? null;
  }
}
