import { defineWriter, writerModule } from '@whistle/deployment';
import { enforcementContext } from '@whistle/enforcement-domain';
import { EnforcementCommands } from './enforcement.commands';
import { EnforcementHttpController } from './enforcement.http.controller';

/** The enforcement service (执法): its context and its HTTP API. */
export const enforcementWriter = defineWriter({
  context: enforcementContext,
  http: (deps) => writerModule(deps, { controllers: [EnforcementHttpController], providers: [EnforcementCommands] }),
});
