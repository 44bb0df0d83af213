import { defineWriter, writerModule } from '@whistle/deployment';
import { adjudicationContext } from '@whistle/adjudication-domain';
import { AdjudicationCommands } from './adjudication.commands';
import { AdjudicationHttpController } from './adjudication.http.controller';
import { PendingCasesHttpController } from './pending-cases.http.controller';

/** The adjudication service (联席会议): its context and its HTTP API. */
export const adjudicationWriter = defineWriter({
  context: adjudicationContext,
  http: (deps) => writerModule(deps, { controllers: [AdjudicationHttpController, PendingCasesHttpController], providers: [AdjudicationCommands] }),
});
