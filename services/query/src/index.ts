export { QueryModule } from './query.module';
export { QUERY, type QueryDependencies } from './query.dependencies';
export { countStoredEvents, queryProjection, rebuildReadModels } from './query.projection';
