export { AdjudicationModule } from './adjudication.module';
export { ADJUDICATION, type AdjudicationDependencies } from './adjudication.dependencies';
export { adjudicationConsumes, adjudicationConsumer, adjudicationDeadlines } from './adjudication.reactions';
export { adjudicationAggregates, adjudicationDeadlineSources } from './adjudication.aggregates';
