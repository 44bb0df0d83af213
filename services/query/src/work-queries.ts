import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@whistle/auth';
import type { Name } from '@whistle/contracts';
import { listMeetings, listTasks, type MeetingView, type Page, type TaskListItem } from '@whistle/read-models';
import { own, scopedTaskFilter } from './caller-scope';
import type { MeetingListRequest } from './meeting-list.request.dto';
import { QUERY, type QueryDependencies } from './query.dependencies';
import type { TaskListRequest } from './task-list.request.dto';

export type TaskListEntry = TaskListItem & {
  readonly unitName: Name | null;
  readonly categoryName: Name | null;
  readonly compoundName: Name | null;
};

export type MeetingListEntry = Omit<MeetingView, 'revisions' | 'version'> & { readonly unitNames: Readonly<Record<string, Name | null>> };

/** The combined views the writing services do not keep: every unit's tasks, every joint meeting. */
@Injectable()
export class WorkQueries {
  constructor(@Inject(QUERY) private readonly deps: QueryDependencies) {}

  /** A page of tasks: the console never takes a unit's whole history at once. */
  async tasks(request: TaskListRequest, principal: Principal): Promise<Page<TaskListEntry>> {
    const { catalogue } = this.deps;
    const { page = 1, pageSize = 20, ...filter } = request;
    const tasks = await listTasks(this.deps.readModels, scopedTaskFilter(principal, filter));
    return {
      total: tasks.length,
      page,
      pageSize,
      items: tasks.slice((page - 1) * pageSize, page * pageSize).map((task) => ({
        ...task,
        unitName: catalogue.nameOf('units', task.unitId) ?? null,
        categoryName: task.category === null ? null : (catalogue.nameOf('categories', task.category) ?? null),
        compoundName: task.compoundId === null ? null : (catalogue.nameOf('compounds', task.compoundId) ?? null),
      })),
    };
  }

  /** A page of meetings: a unit sees those it was invited to; the office and the auditors see every one. */
  async meetings(request: MeetingListRequest, principal: Principal): Promise<Page<MeetingListEntry>> {
    const { page = 1, pageSize = 20, status } = request;
    const filter = { ...(status === undefined ? {} : { status }), ...(principal.role === 'unit' ? { invitedUnit: own(principal, 'unitId') } : {}) };
    const found = await listMeetings(this.deps.readModels, filter, page, pageSize);
    return {
      ...found,
      items: found.items.map(({ revisions: _revisions, version: _version, ...meeting }) => ({
        ...meeting,
        unitNames: Object.fromEntries(meeting.invitedUnits.map((id) => [id, this.deps.catalogue.nameOf('units', id) ?? null])),
      })),
    };
  }
}
