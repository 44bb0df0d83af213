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
export * from './lookups';
