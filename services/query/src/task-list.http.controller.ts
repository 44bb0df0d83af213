import { Controller, Get, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@whistle/auth';
import { ApiAnswer, ApiReadHeaders, CurrentPrincipal, Roles, schema } from '@whistle/http';
import { TaskListRequest } from './task-list.request.dto';
import { ReadSideConsistencyInterceptor } from './read-side-consistency.interceptor';
import { WorkQueries } from './work-queries';
import { TASK_ENTRY } from './query.answers';

/** Under enforcement's prefix because the tasks are enforcement's; the list is a combined view, so the read side serves it. */
@ApiTags('enforcement 执法')
@ApiBearerAuth()
@Controller('api/enforcement/tasks')
@UseInterceptors(ReadSideConsistencyInterceptor)
@ApiReadHeaders()
export class TaskListHttpController {
  constructor(private readonly queries: WorkQueries) {}

  @Get()
  @Roles('unit', 'station', 'office')
  @ApiOperation({ summary: 'Tasks, the latest assigned first: a unit sees its own, a station those of its cases' })
  @ApiAnswer(schema.page(TASK_ENTRY), { description: 'A page of tasks' })
  list(@Query() query: TaskListRequest, @CurrentPrincipal() principal: Principal) {
    return this.queries.tasks(query, principal);
  }
}
