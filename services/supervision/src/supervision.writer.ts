import { defineWriter, writerModule } from '@whistle/deployment';
import { supervisionContext } from '@whistle/supervision-domain';
import { AssessmentCommands } from './assessment.commands';
import { AssessmentHttpController } from './assessment.http.controller';
import { CatalogueCommands } from './catalogue.commands';
import { CatalogueChangesHttpController } from './catalogue.http.controller';
import { CompoundCommands } from './compound.commands';
import { CompoundHttpController } from './compound.http.controller';
import { EvaluationCommands } from './evaluation.commands';
import { EvaluationHttpController } from './evaluation.http.controller';
import { FirmCommands } from './firm.commands';
import { FirmHttpController } from './firm.http.controller';
import { NoticeCommands } from './notice.commands';
import { NoticeHttpController } from './notice.http.controller';
import { QuestionnaireCommands } from './questionnaire.commands';
import { QuestionnaireHttpController } from './questionnaire.http.controller';
import { WeightingCommands } from './weighting.commands';
import { WeightingHttpController } from './weighting.http.controller';

/** The supervision service (监督考核): its context and its HTTP API. */
export const supervisionWriter = defineWriter({
  context: supervisionContext,
  http: (deps) =>
    writerModule(deps, {
      controllers: [EvaluationHttpController, FirmHttpController, WeightingHttpController, AssessmentHttpController, NoticeHttpController, QuestionnaireHttpController, CompoundHttpController, CatalogueChangesHttpController],
      providers: [EvaluationCommands, FirmCommands, WeightingCommands, AssessmentCommands, NoticeCommands, QuestionnaireCommands, CompoundCommands, CatalogueCommands],
    }),
});
