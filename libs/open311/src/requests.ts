import type { CatalogueIndex } from '@whistle/catalogue';
import { CASE_STATUS_NAMES, FINAL_STATUSES, type CaseStatus, type CaseView } from '@whistle/read-models';

export type Open311Status = 'open' | 'closed';

/**
 * Closed once the units' work is done (resolved, awaiting only the callback) or the case left the
 * system's hands (closed, withdrawn, rejected, a duplicate or merged into another, referred to
 * the district); open otherwise, a reopened case again.
 */
export const CLOSED_STATUSES: readonly CaseStatus[] = [...FINAL_STATUSES, 'resolved'];

export function open311StatusOf(status: CaseStatus): Open311Status {
  return CLOSED_STATUSES.includes(status) ? 'closed' : 'open';
}

/** The case statuses an Open311 status stands for, as the read models filter them. */
export function caseStatusesOf(status: Open311Status): CaseStatus[] {
  const closed = new Set(CLOSED_STATUSES);
  return (Object.keys(CASE_STATUS_NAMES) as CaseStatus[]).filter((s) => closed.has(s) === (status === 'closed'));
}

/**
 * GET requests: what GeoReport v2 says of a request, and nothing of its reporter. The reads are
 * public (keyless), so the optional `description` (the reporter's own words, which stay after an
 * erasure) and `address` (the case's location text) are left out too: people write names and
 * phone numbers into both, and GeoReport clients take a request without them.
 */
export interface Open311ServiceRequest {
  readonly service_request_id: string;
  readonly status: Open311Status;
  readonly status_notes: string;
  readonly service_name: string | null;
  readonly service_code: string | null;
  readonly agency_responsible: string | null;
  readonly service_notice: string | null;
  readonly requested_datetime: string | null;
  readonly updated_datetime: string;
  readonly expected_datetime: string | null;
}

/**
 * A case as a service request. The agency responsible is who handles it now: the units summoned
 * (成员单位) while a round is under way, else the station (工作站). Expected is the latest deadline
 * still pending (report-in, action, tabling, a resolution's tasks). The case view carries no
 * coordinates, zip code or media, so those fields are left out; nor does it carry the reporter.
 * Its description and location are left out as the interface above says.
 */
export function serviceRequestOf(view: CaseView, catalogue: CatalogueIndex): Open311ServiceRequest {
  const category = view.category === null ? undefined : catalogue.category(view.category);
  const units = view.units.map((id) => catalogue.nameOf('units', id)?.zh ?? id);
  const station = view.stationId === null ? undefined : catalogue.nameOf('stations', view.stationId)?.zh;
  const pending = view.deadlines.map((deadline) => deadline.dueAt).sort();
  return {
    service_request_id: view.id,
    status: open311StatusOf(view.status),
    status_notes: statusNotesOf(view),
    service_name: category?.name.zh ?? null,
    service_code: view.category,
    agency_responsible: units.length > 0 ? units.join('、') : (station ?? null),
    service_notice: view.level === null ? null : `第${view.level}级吹哨`,
    requested_datetime: view.reportedAt,
    updated_datetime: view.updatedAt,
    expected_datetime: pending.at(-1) ?? null,
  };
}

/**
 * The case's status in Chinese with the English, and for a duplicate the case it repeats, for a
 * merged case (合并, by hand) the case it went into, for a rejection its code. Free-text reasons
 * (a withdrawal's, a rejection's) are left out: the reads are public, and people write names and
 * numbers into reasons.
 */
function statusNotesOf(view: CaseView): string {
  const name = CASE_STATUS_NAMES[view.status];
  const why =
    view.status === 'duplicate' && view.duplicateOf !== null
      ? `：与案件 ${view.duplicateOf} 重复`
      : view.status === 'merged' && view.duplicateOf !== null
        ? `：并入案件 ${view.duplicateOf}`
        : view.status === 'rejected' && view.rejection !== null
          ? `：${view.rejection.code}`
          : '';
  return `${name.zh} (${name.en})${why}`;
}
