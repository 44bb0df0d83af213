import { defineWriter, writerModule } from '@whistle/deployment';
import { intakeContext } from '@whistle/intake-domain';
import { IntakeCommands } from './intake.commands';
import { IntakeHttpController } from './intake.http.controller';
import { PersonalDataVault } from './personal-data.vault';
import { ReporterDataCommands } from './reporter-data.commands';
import { ReporterDataHttpController } from './reporter-data.http.controller';
import { SummonedUnits } from './summoned-units';

/** The intake service (受理): its context, the personal-data vault and the units summoned to each case beside its store, its HTTP API. */
export const intakeWriter = defineWriter({
  context: intakeContext,
  resources: (runtime) => {
    const summoned = new SummonedUnits(runtime.file);
    runtime.noteConsumed((event) => summoned.note(event));
    return { vault: new PersonalDataVault(runtime.file), summoned };
  },
  http: (deps, resources) =>
    writerModule({ ...deps, ...resources }, { controllers: [IntakeHttpController, ReporterDataHttpController], providers: [IntakeCommands, ReporterDataCommands] }),
});
