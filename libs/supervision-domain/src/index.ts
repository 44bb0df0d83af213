export {
  evaluationDecider,
  decideEvaluation,
  COMMENT_MAX,
  type EvaluationCommand,
  type OpenEvaluation,
  type RateUnitResponse,
  type RateWhistle,
} from './evaluation/evaluation.decide';
export {
  evolveEvaluation,
  initialEvaluationState,
  type EvaluationState,
  type EvaluationStatus,
  type EvaluationFacts,
  type OpenedEvaluation,
  type UnitRating,
  type WhistleRating,
} from './evaluation/evaluation.state';
export { supervisionReactions, type SupervisionReaction } from './reactions';
export * from './supervision.context';
export { weightingDecider, decideWeighting, MINIMUM_RESPONSES_FLOOR, type WeightingCommand, type SetWeighting } from './weighting/weighting.decide';
export { evolveWeighting, initialWeightingState, type WeightingState } from './weighting/weighting.state';
export { firmDecider, decideFirm, type FirmCommand, type FirmLookups, type RegisterFirm, type ChangeFirm } from './firm/firm.decide';
export { evolveFirm, initialFirmState, type FirmState, type RegisteredFirm, type FirmChange } from './firm/firm.state';
export {
  assessmentDecider,
  decideAssessment,
  gradeOf,
  QUESTIONNAIRE_DEFAULT_LIFETIME,
  QUESTIONNAIRE_MAX_LIFETIME,
  QUESTIONNAIRE_DEFAULT_RESPONSES,
  QUESTIONNAIRE_MAX_RESPONSES,
  SATISFACTION_BATCH_MAX,
  type AssessmentCommand,
  type OpenAssessment,
  type ScoreDimension,
  type RecordFinding,
  type RectifyFinding,
  type RecordSatisfaction,
  type IssueQuestionnaire,
  type AnswerQuestionnaire,
  type LogOpenDay,
  type LogVisit,
  type CompleteAssessment,
} from './assessment/assessment.decide';
export {
  evolveAssessment,
  initialAssessmentState,
  questionnaireStatus,
  type AssessmentState,
  type AssessmentStatus,
  type AssessmentFacts,
  type OpenedAssessment,
  type DimensionScore,
  type Finding,
  type Questionnaire,
  type Satisfaction,
  type OpenDay,
  type Visit,
} from './assessment/assessment.state';
export {
  noticesDecider,
  decideNotices,
  noticeContent,
  noticeHash,
  TITLE_MAX,
  SUMMARY_MAX,
  type NoticesCommand,
  type PublishNotice,
  type CompletedAssessment,
} from './notices/notices.decide';
export { evolveNotices, initialNoticesState, type NoticesState, type PublishedNotice } from './notices/notices.state';
export { listsOf, type FirmStanding } from './notices/lists';
export * from './lookups';
export {
  compoundDecider,
  decideCompound,
  beijingDate,
  GRIDS_MAX,
  GRID_WORKERS_MAX,
  type CompoundCommand,
  type RecordProfile,
  type AssignLiaison,
  type EndLiaison,
  type RecordLedgerEntry,
} from './compound/compound.decide';
export {
  evolveCompound,
  initialCompoundState,
  activeLiaisons,
  currentLedger,
  type CompoundState,
  type RecordedProfile,
  type LiaisonRecord,
  type LedgerEntry,
} from './compound/compound.state';
export { threeWithoutsOf, THREE_WITHOUTS, type ThreeWithouts, type Without } from './compound/three-withouts';
export { compoundOf, firmServing } from './compound/compound.lookups';
export { catalogueDecider, decideCatalogue, CASES_NAMED_MAX, type CatalogueCommand, type CatalogueProblemFound, type OpenCases, type PutEntry, type RemoveEntry, type ReviseDeadlines, type RevisePolicies } from './catalogue/catalogue.decide';
export { evolveCatalogue, initialCatalogueState, type CatalogueState } from './catalogue/catalogue.state';
export { catalogueChangesOf } from './catalogue/catalogue.lookups';
