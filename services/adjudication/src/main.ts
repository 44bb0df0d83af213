import 'reflect-metadata';
import { runServiceProcess, runtimeReadiness } from '@whistle/deployment';
import { AdjudicationModule } from './adjudication.module';
import { adjudicationAggregates, adjudicationDeadlineSources } from './adjudication.aggregates';
import { adjudicationConsumer, adjudicationConsumes, adjudicationDeadlines } from './adjudication.reactions';

/** The adjudication service (联席会议) alone, in the distributed mode: `npm run start:adjudication`. */
runServiceProcess('adjudication', async (ctx) => {
  const runtime = await ctx.writingRuntime('adjudication', { aggregates: adjudicationAggregates, deadlineSources: adjudicationDeadlineSources });
  const deps = { runtime, catalogue: ctx.catalogue, clock: ctx.clock, ids: ctx.ids };
  await runtime.open();
  await runtime.consume(adjudicationConsumes, adjudicationConsumer(deps));
  runtime.relay(adjudicationDeadlines(deps));
  return { modules: [AdjudicationModule.register(deps)], readiness: runtimeReadiness(runtime), close: () => runtime.close() };
});
