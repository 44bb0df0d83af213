import 'reflect-metadata';
import { runServiceProcess, runtimeReadiness } from '@whistle/deployment';
import { EnforcementModule } from './enforcement.module';
import { enforcementAggregates, enforcementDeadlineSources } from './enforcement.aggregates';
import { enforcementConsumer, enforcementConsumes, enforcementDeadlines } from './enforcement.reactions';

/** The enforcement service (执法) alone, in the distributed mode: `npm run start:enforcement`. */
runServiceProcess('enforcement', async (ctx) => {
  const runtime = await ctx.writingRuntime('enforcement', { aggregates: enforcementAggregates, deadlineSources: enforcementDeadlineSources });
  const deps = { runtime, catalogue: ctx.catalogue, clock: ctx.clock, ids: ctx.ids };
  await runtime.open();
  await runtime.consume(enforcementConsumes, enforcementConsumer(deps));
  runtime.relay(enforcementDeadlines(deps));
  return { modules: [EnforcementModule.register(deps)], readiness: runtimeReadiness(runtime), close: () => runtime.close() };
});
