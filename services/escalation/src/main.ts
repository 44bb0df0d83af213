import 'reflect-metadata';
import { runServiceProcess, runtimeReadiness } from '@whistle/deployment';
import { EscalationModule } from './escalation.module';
import { escalationAggregates, escalationDeadlineSources } from './escalation.aggregates';
import { escalationConsumer, escalationConsumes, escalationDeadlines } from './escalation.reactions';

/** The escalation service (吹哨/升级) alone, in the distributed mode: `npm run start:escalation`. */
runServiceProcess('escalation', async (ctx) => {
  const runtime = await ctx.writingRuntime('escalation', { aggregates: escalationAggregates, deadlineSources: escalationDeadlineSources });
  const deps = { runtime, catalogue: ctx.catalogue, clock: ctx.clock, ids: ctx.ids };
  await runtime.open();
  await runtime.consume(escalationConsumes, escalationConsumer(deps));
  runtime.relay(escalationDeadlines(deps));
  return { modules: [EscalationModule.register(deps)], readiness: runtimeReadiness(runtime), close: () => runtime.close() };
});
