import { assertNever, invalid, refuse, type Decider } from '@whistle/kernel';
import { OUTCOME_RESULTS, TASK_ENDINGS, type Amendment, type EvaluationEvent, type OutcomeResult, type TaskEnding } from '@whistle/contracts';
import { instant, oneOf, required, wholeNumber } from '../checks';
import { evolveEvaluation, initialEvaluationState, type EvaluationState, type OpenedEvaluation } from './evaluation.state';

/** In reaction to escalation noting that a summoned unit's task ended: rating may begin. */
export interface OpenEvaluation {
  readonly type: 'OpenEvaluation';
  readonly taskId: string;
  readonly caseId: string;
  readonly whistleId: string;
  readonly unitId: string;
  readonly stationId: string;
  readonly ending: TaskEnding;
  readonly result?: OutcomeResult;
  readonly endedAt: string;
  readonly now: string;
}

/** The station rates the unit's response (站评部门), marks 1–5 each. */
export interface RateUnitResponse {
  readonly type: 'RateUnitResponse';
  /** from the service's id generator */
  readonly ratingId: string;
  readonly timeliness: number;
  readonly effectiveness: number;
  readonly cooperation: number;
  readonly comment: string;
  /** to rate a second time: the current rating it replaces, and why */
  readonly amendment?: Amendment;
  readonly now: string;
}

/** The unit rates the whistle that summoned it (部门评哨). */
export interface RateWhistle {
  readonly type: 'RateWhistle';
  readonly ratingId: string;
  readonly justified: boolean;
  readonly informationAccurate: boolean;
  readonly comment: string;
  readonly amendment?: Amendment;
  readonly now: string;
}

export type EvaluationCommand = OpenEvaluation | RateUnitResponse | RateWhistle;

export const COMMENT_MAX = 2000;

export function decideEvaluation(command: EvaluationCommand, state: EvaluationState): EvaluationEvent[] {
  switch (command.type) {
    case 'OpenEvaluation':
      return open(command, state);
    case 'RateUnitResponse': {
      const evaluation = opened(state);
      const ratingId = required('ratingId', command.ratingId, 200);
      // The same rating again is a retry of one already recorded.
      if (evaluation.unitRatingIds.includes(ratingId)) return [];
      const marks = {
        timeliness: wholeNumber('timeliness', command.timeliness, 1, 5),
        effectiveness: wholeNumber('effectiveness', command.effectiveness, 1, 5),
        cooperation: wholeNumber('cooperation', command.cooperation, 1, 5),
      };
      const comment = required('comment', command.comment, COMMENT_MAX);
      const amendment = amendmentOf(command.amendment, evaluation.unitRating?.ratingId, 'the unit’s response', evaluation);
      const score = Math.round(((marks.timeliness + marks.effectiveness + marks.cooperation) / 15) * 100);
      return [
        {
          type: 'supervision.UnitResponseRated.v1',
          data: { ...ids(evaluation), ratingId, ...marks, score, comment, ...amendment, ratedAt: command.now },
        },
      ];
    }
    case 'RateWhistle': {
      const evaluation = opened(state);
      const ratingId = required('ratingId', command.ratingId, 200);
      if (evaluation.whistleRatingIds.includes(ratingId)) return [];
      if (typeof command.justified !== 'boolean') invalid('justified', 'justified must be true or false');
      if (typeof command.informationAccurate !== 'boolean') invalid('informationAccurate', 'informationAccurate must be true or false');
      const comment = required('comment', command.comment, COMMENT_MAX);
      const amendment = amendmentOf(command.amendment, evaluation.whistleRating?.ratingId, 'the whistle', evaluation);
      return [
        {
          type: 'supervision.WhistleRated.v1',
          data: {
            ...ids(evaluation),
            ratingId,
            justified: command.justified,
            informationAccurate: command.informationAccurate,
            comment,
            ...amendment,
            ratedAt: command.now,
          },
        },
      ];
    }
    default:
      return assertNever(command, 'evaluation command');
  }
}

export const evaluationDecider: Decider<EvaluationCommand, EvaluationEvent, EvaluationState> = {
  initialState: initialEvaluationState,
  decide: decideEvaluation,
  evolve: evolveEvaluation,
};

function open(command: OpenEvaluation, state: EvaluationState): EvaluationEvent[] {
  // The first ending opens it; a later or redelivered one leaves it as it is.
  if (state.status !== 'none') return [];
  const ending = oneOf('ending', command.ending, TASK_ENDINGS);
  if (ending === 'outcome' && command.result === undefined) invalid('result', 'a task that ended with an outcome needs its result');
  if (ending !== 'outcome' && command.result !== undefined) invalid('result', `only a task that ended with an outcome has a result, not one ${ending}`);
  const result = command.result === undefined ? {} : { result: oneOf('result', command.result, OUTCOME_RESULTS) };
  return [
    {
      type: 'supervision.EvaluationOpened.v1',
      data: {
        taskId: required('taskId', command.taskId),
        caseId: required('caseId', command.caseId),
        whistleId: required('whistleId', command.whistleId),
        unitId: required('unitId', command.unitId),
        stationId: required('stationId', command.stationId),
        ending,
        ...result,
        endedAt: instant('endedAt', command.endedAt),
        openedAt: command.now,
      },
    },
  ];
}

function opened(state: EvaluationState): OpenedEvaluation {
  if (state.status === 'none') {
    return refuse('evaluation.not_open', 'this task has not ended, so it is not open to evaluation yet: rate it once its outcome, decline or missed report-in is recorded');
  }
  return state;
}

/**
 * A second rating of one direction replaces the current one only by naming it with a reason, so
 * the earlier rating stays in the record and two raters cannot overwrite each other unseen.
 */
function amendmentOf(
  amendment: Amendment | undefined,
  current: string | undefined,
  what: string,
  evaluation: OpenedEvaluation,
): { amendment?: Amendment } {
  if (amendment === undefined) {
    if (current !== undefined) {
      refuse('evaluation.already_rated', `${what} on task ${evaluation.taskId} is already rated (${current}): amend that rating, naming it, with a reason`);
    }
    return {};
  }
  const amends = required('amends', amendment.amends, 200);
  const reason = required('reason', amendment.reason, COMMENT_MAX);
  if (amends !== current) {
    refuse(
      'evaluation.stale_amendment',
      current === undefined
        ? `${what} on task ${evaluation.taskId} has no rating yet, so there is nothing to amend`
        : `the current rating of ${what} on task ${evaluation.taskId} is ${current}, not ${amends}: amend the current rating`,
    );
  }
  return { amendment: { amends, reason } };
}

function ids(evaluation: OpenedEvaluation) {
  const { taskId, caseId, unitId, stationId } = evaluation;
  return { taskId, caseId, unitId, stationId };
}
