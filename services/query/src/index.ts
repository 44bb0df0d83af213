export { QueryModule } from './query.module';
export { QUERY, type QueryDependencies } from './query.dependencies';
export { countStoredEvents, queryBatchProjection, queryProjection, rebuildReadModels } from './query.projection';
