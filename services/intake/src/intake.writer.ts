import { defineWriter, writerModule } from '@whistle/deployment';
import { OPEN311_CLIENTS, Open311Clients, open311HttpModule } from '@whistle/open311';
import { intakeContext } from '@whistle/intake-domain';
import { IntakeCommands } from './intake.commands';
import { IntakeHttpController } from './intake.http.controller';
import { PersonalDataVault } from './personal-data.vault';
import { ReporterDataCommands } from './reporter-data.commands';
import { ReporterDataHttpController } from './reporter-data.http.controller';
import { Open311IntakeHttpController } from './open311/open311-intake.http.controller';
import { SummonedUnits } from './summoned-units';

/** The intake service (受理): its context, the personal-data vault and the units summoned to each case beside its store, its HTTP API. */
export const intakeWriter = defineWriter({
  context: intakeContext,
  resources: (runtime, host) => {
    // Read first: a bad OPEN311_CLIENTS_FILE stops the start before anything is opened.
    const open311 = Open311Clients.load(host.settings?.OPEN311_CLIENTS_FILE, { requestsPerMinute: host.settings?.RATE_LIMIT_PER_MINUTE ?? 0 });
    const summoned = new SummonedUnits(runtime.file);
    runtime.noteConsumed((event) => summoned.note(event));
    return { vault: new PersonalDataVault(runtime.file), summoned, open311 };
  },
  http: (deps, resources) => {
    const module = writerModule(
      { ...deps, ...resources },
      { controllers: [IntakeHttpController, ReporterDataHttpController, Open311IntakeHttpController], providers: [IntakeCommands, ReporterDataCommands] },
    );
    // Open311's POST requests: the clients its api_keys name, and its form bodies read (open311HttpModule).
    return { ...module, imports: [open311HttpModule(Open311IntakeHttpController)], providers: [...(module.providers ?? []), { provide: OPEN311_CLIENTS, useValue: resources.open311 }] };
  },
});
