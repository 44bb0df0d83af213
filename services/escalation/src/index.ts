export { EscalationModule } from './escalation.module';
export { ESCALATION, type EscalationDependencies } from './escalation.dependencies';
export { escalationConsumes, escalationConsumer, escalationDeadlines } from './escalation.reactions';
export { escalationAggregates, escalationDeadlineSources } from './escalation.aggregates';
