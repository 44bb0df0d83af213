import type { CatalogueIndex } from '@whistle/catalogue';
import { InvalidRequest } from '@whistle/http';
import { CASE_VIEWS, getCase, type CaseView, type Condition, type ReadModelStore } from '@whistle/read-models';
import { caseStatusesOf, serviceRequestOf, type Open311ServiceRequest } from './requests';
import type { Open311RequestListRequest } from './requests.dto';

/** The specification's window: requests of at most 90 days, the last 90 when no date is given. */
export const WINDOW_MS = 90 * 24 * 60 * 60 * 1000;
/** And the first 1000 of them. */
export const DEFAULT_PAGE_SIZE = 1000;

/** [start, end] as the filters give them, the missing end 90 days from the other; refused (naming the date) when longer or reversed. */
export function windowOf(request: Pick<Open311RequestListRequest, 'start_date' | 'end_date'>, now: string): { start: string; end: string } {
  const iso = (ms: number) => new Date(ms).toISOString();
  const { start_date: start, end_date: end } = request;
  if (start === undefined && end === undefined) return { start: iso(Date.parse(now) - WINDOW_MS), end: iso(Date.parse(now)) };
  if (start === undefined) return { start: iso(Date.parse(end as string) - WINDOW_MS), end: iso(Date.parse(end as string)) };
  if (end === undefined) return { start: iso(Date.parse(start)), end: iso(Date.parse(start) + WINDOW_MS) };
  const span = Date.parse(end) - Date.parse(start);
  if (span < 0) throw new InvalidRequest([{ field: 'end_date', message: `end_date (${end}) must not be before start_date (${start})` }]);
  if (span > WINDOW_MS) throw new InvalidRequest([{ field: 'end_date', message: `start_date and end_date may span at most 90 days; ${start} to ${end} is longer` }]);
  return { start: iso(Date.parse(start)), end: iso(Date.parse(end)) };
}

/**
 * GET requests over the case views: by id (each found, in the order asked, the unknown left out,
 * as the specification has ids override the other filters), or by service codes, statuses and
 * the window of report times, the newest first, a page at a time.
 */
export async function findServiceRequests(store: ReadModelStore, catalogue: CatalogueIndex, request: Open311RequestListRequest, now: string): Promise<Open311ServiceRequest[]> {
  if (request.service_request_id !== undefined) {
    const views = await Promise.all([...new Set(request.service_request_id)].map((id) => getCase(store, id)));
    return views.filter((view): view is CaseView => view !== undefined && view.reportedAt !== null).map((view) => serviceRequestOf(view, catalogue));
  }
  const { start, end } = windowOf(request, now);
  const where: Record<string, Condition> = { reportedAt: { $gte: start, $lte: end } };
  if (request.service_code !== undefined) where['category'] = { $in: [...new Set(request.service_code)] };
  const statuses = new Set(request.status ?? []);
  // Both statuses are every case: no condition.
  if (statuses.size === 1) where['status'] = { $in: caseStatusesOf([...statuses][0] as 'open' | 'closed') };
  const pageSize = request.page_size ?? DEFAULT_PAGE_SIZE;
  const { items } = await store.collection<CaseView>(CASE_VIEWS).find({
    where,
    sort: [{ field: 'reportedAt', order: 'desc' }],
    skip: ((request.page ?? 1) - 1) * pageSize,
    limit: pageSize,
  });
  return items.map((view) => serviceRequestOf(view, catalogue));
}
