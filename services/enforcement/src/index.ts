export { EnforcementModule } from './enforcement.module';
export { ENFORCEMENT, type EnforcementDependencies } from './enforcement.dependencies';
export { enforcementConsumes, enforcementConsumer, enforcementDeadlines } from './enforcement.reactions';
export { enforcementAggregates, enforcementDeadlineSources } from './enforcement.aggregates';
