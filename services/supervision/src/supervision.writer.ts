import { defineWriter, writerModule } from '@whistle/deployment';
import { supervisionContext } from '@whistle/supervision-domain';
import { EvaluationCommands } from './evaluation.commands';
import { EvaluationHttpController } from './evaluation.http.controller';
import { FirmCommands } from './firm.commands';
import { FirmHttpController } from './firm.http.controller';

/** The supervision service (监督考核): its context and its HTTP API. */
export const supervisionWriter = defineWriter({
  context: supervisionContext,
  http: (deps) => writerModule(deps, { controllers: [EvaluationHttpController, FirmHttpController], providers: [EvaluationCommands, FirmCommands] }),
});
