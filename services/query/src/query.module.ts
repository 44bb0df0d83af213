import { type DynamicModule, Module } from '@nestjs/common';
import { CaseEventsHttpController } from './case-events.http.controller';
import { CaseQueries } from './case-queries';
import { CatalogueHttpController } from './catalogue.http.controller';
import { CaseQueryHttpController } from './case-query.http.controller';
import { MeetingListHttpController } from './meeting-list.http.controller';
import { QUERY, type QueryDependencies } from './query.dependencies';
import { ReadSideConsistencyInterceptor } from './read-side-consistency.interceptor';
import { ReadSideProgress } from './read-side-progress';
import { StatsTrendQueries } from './stats-trend-queries';
import { PublicNoticesHttpController } from './supervision/public-notices.http.controller';
import { SupervisionQueries } from './supervision/supervision-queries';
import { SupervisionQueryHttpController } from './supervision/supervision-query.http.controller';
import { WeeklyBulletinHttpController } from './supervision/weekly-bulletin.http.controller';
import { StatsTrendsHttpController } from './stats-trends.http.controller';
import { TaskListHttpController } from './task-list.http.controller';
import { WorkQueries } from './work-queries';
import { open311HttpModule } from '@whistle/open311';
import { Open311QueryHttpController } from './open311/open311-query.http.controller';

/** The read side's HTTP side; the host feeds its read models with `queryProjection` and rebuilds them with `rebuildReadModels`. */
@Module({})
export class QueryModule {
  static register(deps: QueryDependencies): DynamicModule {
    return {
      module: QueryModule,
      // Open311's answers get their type from the path, before the platform's interceptors (open311HttpModule).
      imports: [open311HttpModule(Open311QueryHttpController)],
      // The live stream first: its cases/events must be matched before cases/{caseId}.
      controllers: [
        CaseEventsHttpController,
        CaseQueryHttpController,
        TaskListHttpController,
        MeetingListHttpController,
        CatalogueHttpController,
        StatsTrendsHttpController,
        SupervisionQueryHttpController,
        WeeklyBulletinHttpController,
        PublicNoticesHttpController,
        Open311QueryHttpController,
      ],
      providers: [
        { provide: QUERY, useValue: deps },
        { provide: ReadSideProgress, useValue: deps.progress ?? new ReadSideProgress(deps.readModels, deps.catalogue) },
        ReadSideConsistencyInterceptor,
        CaseQueries,
        WorkQueries,
        StatsTrendQueries,
        SupervisionQueries,
      ],
    };
  }
}
