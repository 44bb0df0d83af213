export { QueryModule } from './query.module';
export { QUERY, type QueryDependencies } from './query.dependencies';
export { countStoredEvents, queryBatchProjection, queryProjection, rebuildReadModels } from './query.projection';
export { ReadSideProgress, type CaseChange, type CaseChangeListener, type MeetingChange } from './read-side-progress';
export { ReadSideConsistencyInterceptor } from './read-side-consistency.interceptor';
export type { CaseChangeEvent } from './case-events.http.controller';
