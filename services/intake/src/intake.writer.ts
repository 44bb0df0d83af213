import { defineWriter, writerModule } from '@whistle/deployment';
import { intakeContext } from '@whistle/intake-domain';
import { IntakeCommands } from './intake.commands';
import { IntakeHttpController } from './intake.http.controller';
import { PersonalDataVault } from './personal-data.vault';

/** The intake service (受理): its context, the personal-data vault beside its store, its HTTP API. */
export const intakeWriter = defineWriter({
  context: intakeContext,
  resources: (runtime) => ({ vault: new PersonalDataVault(runtime.file) }),
  http: (deps, { vault }) => writerModule({ ...deps, vault }, { controllers: [IntakeHttpController], providers: [IntakeCommands] }),
});
