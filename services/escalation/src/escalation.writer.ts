import { defineWriter, writerModule } from '@whistle/deployment';
import { escalationContext } from '@whistle/escalation-domain';
import { EscalationCommands } from './escalation.commands';
import { EscalationHttpController } from './escalation.http.controller';

/** The escalation service (吹哨/升级): its context and its HTTP API. */
export const escalationWriter = defineWriter({
  context: escalationContext,
  http: (deps) => writerModule(deps, { controllers: [EscalationHttpController], providers: [EscalationCommands] }),
});
