import 'reflect-metadata';
import { runServiceProcess, runtimeReadiness } from '@whistle/deployment';
import { IntakeModule } from './intake.module';
import { intakeAggregates } from './intake.aggregates';
import { intakeConsumer, intakeConsumes } from './intake.reactions';
import { PersonalDataVault } from './personal-data.vault';

/** The intake service (受理) alone, in the distributed mode: `npm run start:intake`. */
runServiceProcess('intake', async (ctx) => {
  const runtime = await ctx.writingRuntime('intake', { aggregates: intakeAggregates });
  const vault = new PersonalDataVault(runtime.file);
  const deps = { runtime, catalogue: ctx.catalogue, vault, clock: ctx.clock, ids: ctx.ids };
  await runtime.open();
  await runtime.consume(intakeConsumes, intakeConsumer(deps));
  runtime.relay();
  return {
    modules: [IntakeModule.register(deps)],
    readiness: runtimeReadiness(runtime),
    close: async () => {
      await runtime.close();
      vault.close();
    },
  };
});
