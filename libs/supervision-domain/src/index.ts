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
