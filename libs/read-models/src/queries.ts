import type { Level } from '@whistle/contracts';
import { CASE_VIEWS, OPEN_STATUSES, type CaseStatus, type CaseView, type TaskStatus, type TaskView } from './case-view/case-view';
import { MEETING_VIEWS, type MeetingStatus, type MeetingView } from './meeting-view/meeting-view';
import type { Condition, ReadModelStore, Where } from './read-model-store.port';
import { compareText } from './case-view/view-lists';

export const MAX_PAGE_SIZE = 100;

export interface CaseListFilter {
  /** one status, or any of several (a station's cases to triage: triaged, or reopened and awaiting a whistle) */
  readonly status?: CaseStatus | readonly CaseStatus[];
  readonly level?: Level;
  readonly stationId?: string;
  /** the stations a caller may see; with stationId too, both must hold */
  readonly stationIds?: readonly string[];
  readonly communityId?: string;
  readonly compoundId?: string;
  /** any unit ever summoned to or tasked on the case */
  readonly unitId?: string;
  readonly overdue?: boolean;
  readonly category?: string;
  /** the reports intake linked to this case as probable duplicates */
  readonly duplicateOf?: string;
}

export interface Page<T> {
  readonly items: T[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** The filter as the store's language; each maps to one MongoDB condition (README.md). */
export function caseListWhere(filter: CaseListFilter): Where {
  const where: Record<string, Condition> = {};
  const { status, level, stationId, stationIds, communityId, compoundId, unitId, overdue, category, duplicateOf } = filter;
  if (status !== undefined) where['status'] = typeof status === 'string' ? status : { $in: [...status] };
  if (level !== undefined) where['level'] = level;
  if (stationIds !== undefined) where['stationId'] = { $in: stationId === undefined ? [...stationIds] : stationIds.filter((s) => s === stationId) };
  else if (stationId !== undefined) where['stationId'] = stationId;
  if (communityId !== undefined) where['communityId'] = communityId;
  if (compoundId !== undefined) where['compoundId'] = compoundId;
  if (unitId !== undefined) where['involvedUnits'] = { $contains: unitId };
  if (overdue !== undefined) where['overdue'] = overdue;
  if (category !== undefined) where['category'] = category;
  if (duplicateOf !== undefined) where['duplicateOf'] = duplicateOf;
  return where;
}

/** The store's skip and limit for a page; `page` counts from 1. */
export function pageWindow(page: number, pageSize: number): { skip: number; limit: number } {
  if (!Number.isInteger(page) || page < 1) throw new RangeError(`page must be a whole number of at least 1; got ${page}`);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new RangeError(`pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}; got ${pageSize}`);
  }
  return { skip: (page - 1) * pageSize, limit: pageSize };
}

/** A page of cases, the newest report first. `page` counts from 1. */
export async function listCases(store: ReadModelStore, filter: CaseListFilter, page = 1, pageSize = 20): Promise<Page<CaseView>> {
  const { items, total } = await store.collection<CaseView>(CASE_VIEWS).find({
    where: caseListWhere(filter),
    sort: [{ field: 'reportedAt', order: 'desc' }],
    ...pageWindow(page, pageSize),
  });
  return { items, total, page, pageSize };
}

export async function getCase(store: ReadModelStore, caseId: string): Promise<CaseView | undefined> {
  return store.collection<CaseView>(CASE_VIEWS).get(caseId);
}

export interface TaskListFilter {
  readonly unitId?: string;
  readonly status?: TaskStatus;
  /** only tasks still to be worked: assigned, reported in or accepted */
  readonly open?: boolean;
  readonly caseId?: string;
  readonly stationIds?: readonly string[];
}

/** A task with the case it belongs to; `level` is the task's, `caseLevel` the case's now. */
export interface TaskListItem extends TaskView {
  readonly caseId: string;
  readonly compoundId: string | null;
  readonly stationId: string | null;
  readonly category: string | null;
  readonly caseLevel: Level | null;
}

const OPEN_TASK_STATUSES: readonly TaskStatus[] = ['assigned', 'reported_in', 'accepted'];

/** Tasks from the case views, the latest assigned first. */
export async function listTasks(store: ReadModelStore, filter: TaskListFilter): Promise<TaskListItem[]> {
  const { unitId, status, open, caseId, stationIds } = filter;
  const where: Record<string, Condition> = {};
  if (caseId !== undefined) where['id'] = caseId;
  if (unitId !== undefined) where['involvedUnits'] = { $contains: unitId };
  if (stationIds !== undefined) where['stationId'] = { $in: [...stationIds] };
  const { items } = await store.collection<CaseView>(CASE_VIEWS).find({ where });
  return items
    .flatMap((view) =>
      view.tasks.map((task) => ({
        ...task,
        caseId: view.id,
        compoundId: view.compoundId,
        stationId: view.stationId,
        category: view.category,
        caseLevel: view.level,
      })),
    )
    .filter((task) => (unitId === undefined || task.unitId === unitId) && (status === undefined || task.status === status))
    .filter((task) => open === undefined || OPEN_TASK_STATUSES.includes(task.status) === open)
    .sort((a, b) => Date.parse(b.assignedAt) - Date.parse(a.assignedAt) || compareText(a.taskId, b.taskId));
}

/** A still-open case, as intake's duplicate check takes it. */
export interface OpenCaseSummary {
  readonly caseId: string;
  readonly compoundId: string;
  readonly category: string;
  readonly reportedAt: string;
}

/** The compound's cases that are not closed, withdrawn, rejected, duplicate or referred upward; the earliest first. */
export async function openCasesOfCompound(store: ReadModelStore, compoundId: string): Promise<OpenCaseSummary[]> {
  const { items } = await store.collection<CaseView>(CASE_VIEWS).find({
    where: { compoundId, status: { $in: [...OPEN_STATUSES] } },
    sort: [{ field: 'reportedAt', order: 'asc' }],
  });
  // A view whose CaseReported has not arrived yet cannot be compared by category and time.
  return items.flatMap(({ id, category, reportedAt }) => (category !== null && reportedAt !== null ? [{ caseId: id, compoundId, category, reportedAt }] : []));
}

export interface MeetingListFilter {
  readonly status?: MeetingStatus;
  /** only the meetings this unit was invited to */
  readonly invitedUnit?: string;
}

/** A page of joint meetings, the latest scheduled first. `page` counts from 1. */
export async function listMeetings(store: ReadModelStore, filter: MeetingListFilter = {}, page = 1, pageSize = 20): Promise<Page<MeetingView>> {
  const where: Record<string, Condition> = {};
  if (filter.status !== undefined) where['status'] = filter.status;
  if (filter.invitedUnit !== undefined) where['invitedUnits'] = { $contains: filter.invitedUnit };
  const { items, total } = await store.collection<MeetingView>(MEETING_VIEWS).find({ where, sort: [{ field: 'scheduledAt', order: 'desc' }], ...pageWindow(page, pageSize) });
  return { items, total, page, pageSize };
}

/** The open cases that name one entry of the catalogue, the newest first, as many as a page holds, with how many there are. */
export interface OpenCasesUsing {
  readonly caseIds: readonly string[];
  readonly total: number;
}

/**
 * The open cases a catalogue change would break (目录变更): a category, compound, community or
 * station they were reported in, or a unit summoned to them.
 */
export async function openCasesUsing(store: ReadModelStore, list: 'categories' | 'units' | 'compounds' | 'communities' | 'stations', id: string): Promise<OpenCasesUsing> {
  const by: Readonly<Record<typeof list, CaseListFilter>> = {
    categories: { category: id },
    units: { unitId: id },
    compounds: { compoundId: id },
    communities: { communityId: id },
    stations: { stationId: id },
  };
  const page = await listCases(store, { ...by[list], status: OPEN_STATUSES }, 1, MAX_PAGE_SIZE);
  return { caseIds: page.items.map((c) => c.id), total: page.total };
}
