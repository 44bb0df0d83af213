import { addDuration, assertNever, invalid, isBefore, refuse, type Decider } from '@whistle/kernel';
import {
  ASSESSMENT_DIMENSIONS,
  SCORING_METHODS,
  assessmentIdFor,
  isQuarter,
  quarterBounds,
  type AssessmentDimension,
  type AssessmentEvent,
  type AssessmentGrade,
  type AssessmentRef,
  type AssessmentWeights,
} from '@whistle/contracts';
import { instant, oneOf, optionalText, required, round2, wholeNumber } from '../checks';
import { evolveAssessment, initialAssessmentState, questionnaireStatus, type AssessmentState, type OpenedAssessment } from './assessment.state';

/** The office, or the station of the compound's community, opens a firm's assessment in one compound for a quarter. */
export interface OpenAssessment {
  readonly type: 'OpenAssessment';
  readonly quarter: string;
  readonly firmId: string;
  readonly compoundId: string;
  /** the compound's community and its station in the catalogue, or null for an unknown compound */
  readonly compound: { readonly communityId: string; readonly stationId: string } | null;
  /** the compounds the firm serves now, or null when no such firm is registered */
  readonly firmCompounds: readonly string[] | null;
  readonly now: string;
}

export interface ScoreDimension {
  readonly type: 'ScoreDimension';
  readonly dimension: AssessmentDimension;
  readonly score: number;
  readonly method: (typeof SCORING_METHODS)[number];
  readonly note: string;
  readonly now: string;
}

export interface RecordFinding {
  readonly type: 'RecordFinding';
  readonly findingId: string;
  readonly dimension: AssessmentDimension;
  readonly description: string;
  readonly rectifyBy: string;
  readonly now: string;
}

/** A finding rectified and checked (销号). */
export interface RectifyFinding {
  readonly type: 'RectifyFinding';
  readonly findingId: string;
  readonly note: string;
  readonly now: string;
}

/** A station's batch of residents' scores, collected on paper or at the door. */
export interface RecordSatisfaction {
  readonly type: 'RecordSatisfaction';
  readonly entryId: string;
  readonly scores: readonly number[];
  readonly now: string;
}

/** A public questionnaire link; the service keeps the token and passes only its SHA-256. */
export interface IssueQuestionnaire {
  readonly type: 'IssueQuestionnaire';
  readonly questionnaireId: string;
  readonly tokenSha256: string;
  readonly expiresAt?: string;
  readonly maxResponses?: number;
  readonly now: string;
}

/** One resident's answer through a questionnaire link, found by the SHA-256 of its token. */
export interface AnswerQuestionnaire {
  readonly type: 'AnswerQuestionnaire';
  readonly entryId: string;
  readonly tokenSha256: string;
  readonly score: number;
  readonly now: string;
}

/** 物业开放日 */
export interface LogOpenDay {
  readonly type: 'LogOpenDay';
  readonly logId: string;
  readonly heldAt: string;
  readonly attendance: number;
  readonly note: string;
  readonly now: string;
}

/** 入户走访 */
export interface LogVisit {
  readonly type: 'LogVisit';
  readonly logId: string;
  readonly visitedAt: string;
  readonly households: number;
  readonly note: string;
  readonly now: string;
}

/** Computes the result under the weighting in force for the assessment's quarter, which the service looks up. */
export interface CompleteAssessment {
  readonly type: 'CompleteAssessment';
  readonly weighting: { readonly weightingId: string; readonly assessment: AssessmentWeights };
  readonly now: string;
}

export type AssessmentCommand =
  | OpenAssessment
  | ScoreDimension
  | RecordFinding
  | RectifyFinding
  | RecordSatisfaction
  | IssueQuestionnaire
  | AnswerQuestionnaire
  | LogOpenDay
  | LogVisit
  | CompleteAssessment;

export const QUESTIONNAIRE_DEFAULT_LIFETIME = 'P30D';
export const QUESTIONNAIRE_MAX_LIFETIME = 'P90D';
export const QUESTIONNAIRE_DEFAULT_RESPONSES = 200;
export const QUESTIONNAIRE_MAX_RESPONSES = 1000;
export const SATISFACTION_BATCH_MAX = 100;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** 优秀 ≥ 90, 良好 ≥ 75, 合格 ≥ 60, 不合格 below. */
export function gradeOf(total: number): AssessmentGrade {
  if (total >= 90) return 'excellent';
  if (total >= 75) return 'good';
  if (total >= 60) return 'pass';
  return 'fail';
}

export function decideAssessment(command: AssessmentCommand, state: AssessmentState): AssessmentEvent[] {
  switch (command.type) {
    case 'OpenAssessment':
      return open(command, state);
    case 'ScoreDimension': {
      const assessment = stillOpen(state, 'be scored');
      const dimension = oneOf('dimension', command.dimension, ASSESSMENT_DIMENSIONS);
      const score = wholeNumber('score', command.score, 0, 100);
      const method = oneOf('method', command.method, SCORING_METHODS);
      const note = optionalText('note', command.note);
      return [{ type: 'supervision.DimensionScored.v1', data: { ...ref(assessment), dimension, score, method, note, scoredAt: command.now } }];
    }
    case 'RecordFinding': {
      const findingId = required('findingId', command.findingId, 200);
      if (state.status !== 'none' && state.findings.some((f) => f.findingId === findingId)) return [];
      const assessment = stillOpen(state, 'get a new finding');
      const dimension = oneOf('dimension', command.dimension, ASSESSMENT_DIMENSIONS);
      const description = required('description', command.description);
      const rectifyBy = instant('rectifyBy', command.rectifyBy);
      if (!isBefore(command.now, rectifyBy)) invalid('rectifyBy', `rectifyBy ${rectifyBy} must be later than now (${command.now})`);
      return [
        { type: 'supervision.FindingRecorded.v1', data: { ...ref(assessment), findingId, dimension, description, rectifyBy, recordedAt: command.now } },
      ];
    }
    case 'RectifyFinding':
      return rectify(command, state);
    case 'RecordSatisfaction': {
      const entryId = required('entryId', command.entryId, 200);
      if (state.status !== 'none' && state.satisfaction.entryIds.includes(entryId)) return [];
      const assessment = stillOpen(state, 'take satisfaction scores');
      if (!Array.isArray(command.scores) || command.scores.length < 1 || command.scores.length > SATISFACTION_BATCH_MAX) {
        invalid('scores', `scores must hold 1 to ${SATISFACTION_BATCH_MAX} residents' scores`);
      }
      const scores = command.scores.map((score, i) => wholeNumber(`scores[${i}]`, score, 0, 100));
      return [{ type: 'supervision.SatisfactionScored.v1', data: { ...ref(assessment), entryId, scores, source: 'station', recordedAt: command.now } }];
    }
    case 'IssueQuestionnaire':
      return issue(command, state);
    case 'AnswerQuestionnaire':
      return answer(command, state);
    case 'LogOpenDay': {
      const logId = required('logId', command.logId, 200);
      if (state.status !== 'none' && state.openDays.some((d) => d.logId === logId)) return [];
      const assessment = stillOpen(state, 'log an open day');
      const heldAt = inQuarter('heldAt', command.heldAt, assessment, command.now);
      const attendance = wholeNumber('attendance', command.attendance, 0);
      const note = optionalText('note', command.note);
      return [{ type: 'supervision.OpenDayLogged.v1', data: { ...ref(assessment), logId, heldAt, attendance, note, loggedAt: command.now } }];
    }
    case 'LogVisit': {
      const logId = required('logId', command.logId, 200);
      if (state.status !== 'none' && state.visits.some((v) => v.logId === logId)) return [];
      const assessment = stillOpen(state, 'log a visit');
      const visitedAt = inQuarter('visitedAt', command.visitedAt, assessment, command.now);
      const households = wholeNumber('households', command.households, 1);
      const note = optionalText('note', command.note);
      return [{ type: 'supervision.DoorToDoorVisitLogged.v1', data: { ...ref(assessment), logId, visitedAt, households, note, loggedAt: command.now } }];
    }
    case 'CompleteAssessment':
      return complete(command, state);
    default:
      return assertNever(command, 'assessment command');
  }
}

export const assessmentDecider: Decider<AssessmentCommand, AssessmentEvent, AssessmentState> = {
  initialState: initialAssessmentState,
  decide: decideAssessment,
  evolve: evolveAssessment,
};

function open(command: OpenAssessment, state: AssessmentState): AssessmentEvent[] {
  const { quarter, now } = command;
  if (!isQuarter(quarter)) invalid('quarter', `quarter "${String(quarter)}" is not a quarter such as 2026-Q4`);
  const firmId = required('firmId', command.firmId, 200);
  const compoundId = required('compoundId', command.compoundId, 200);
  const assessmentId = assessmentIdFor(quarter, firmId, compoundId);
  // One assessment per quarter, firm and compound: its stream is named by them, so opening it again is a retry.
  if (state.status !== 'none' && state.assessmentId === assessmentId) return [];
  if (state.status !== 'none') invalid('quarter', `this stream holds assessment ${state.assessmentId}, not ${assessmentId}`);
  const { from } = quarterBounds(quarter);
  if (isBefore(now, from)) invalid('quarter', `quarter ${quarter} has not begun (it begins ${from}), so it cannot be assessed yet`);
  if (command.compound === null) invalid('compoundId', `compoundId "${compoundId}" is not a known compound`);
  // A well-formed id the register does not hold: a conflict with what is recorded, not bad input.
  if (command.firmCompounds === null) refuse('assessment.firm_not_registered', `no property firm ${firmId} is registered`);
  if (!command.firmCompounds.includes(compoundId)) {
    refuse('assessment.compound_not_served', `firm ${firmId} does not serve compound ${compoundId}, so it is not assessed there`);
  }
  const { communityId, stationId } = command.compound;
  return [{ type: 'supervision.AssessmentOpened.v1', data: { assessmentId, quarter, firmId, compoundId, communityId, stationId, openedAt: now } }];
}

function rectify(command: RectifyFinding, state: AssessmentState): AssessmentEvent[] {
  // Rectification goes on after the results: a completed assessment still closes its findings.
  const assessment = opened(state);
  const finding = assessment.findings.find((f) => f.findingId === command.findingId);
  if (!finding) return refuse('assessment.unknown_finding', `assessment ${assessment.assessmentId} has no finding ${String(command.findingId)}`);
  if (finding.rectified) {
    return refuse('assessment.finding_rectified', `finding ${finding.findingId} was already rectified, verified at ${finding.rectified.verifiedAt}`);
  }
  const note = required('note', command.note);
  return [{ type: 'supervision.FindingRectified.v1', data: { ...ref(assessment), findingId: finding.findingId, note, verifiedAt: command.now } }];
}

function issue(command: IssueQuestionnaire, state: AssessmentState): AssessmentEvent[] {
  const questionnaireId = required('questionnaireId', command.questionnaireId, 200);
  if (state.status !== 'none' && state.questionnaires.some((q) => q.questionnaireId === questionnaireId)) return [];
  const assessment = stillOpen(state, 'issue a questionnaire');
  const { now } = command;
  if (typeof command.tokenSha256 !== 'string' || !SHA256_HEX.test(command.tokenSha256)) {
    invalid('tokenSha256', 'tokenSha256 must be the SHA-256 of the token, as 64 lower-case hex digits');
  }
  const latest = addDuration(now, QUESTIONNAIRE_MAX_LIFETIME);
  const expiresAt = command.expiresAt === undefined ? addDuration(now, QUESTIONNAIRE_DEFAULT_LIFETIME) : instant('expiresAt', command.expiresAt);
  if (!isBefore(now, expiresAt)) invalid('expiresAt', `expiresAt ${expiresAt} must be later than now (${now})`);
  if (isBefore(latest, expiresAt)) invalid('expiresAt', `expiresAt ${expiresAt} is more than 90 days from now (at the latest ${latest})`);
  const maxResponses =
    command.maxResponses === undefined ? QUESTIONNAIRE_DEFAULT_RESPONSES : wholeNumber('maxResponses', command.maxResponses, 1, QUESTIONNAIRE_MAX_RESPONSES);
  return [
    {
      type: 'supervision.QuestionnaireIssued.v1',
      data: { ...ref(assessment), questionnaireId, tokenSha256: command.tokenSha256, expiresAt, maxResponses, issuedAt: now },
    },
  ];
}

function answer(command: AnswerQuestionnaire, state: AssessmentState): AssessmentEvent[] {
  const assessment = opened(state);
  const questionnaire = assessment.questionnaires.find((q) => q.tokenSha256 === command.tokenSha256);
  if (!questionnaire) return refuse('questionnaire.unknown', 'no questionnaire of this assessment has that link');
  const entryId = required('entryId', command.entryId, 200);
  if (assessment.satisfaction.entryIds.includes(entryId)) return [];
  const status = questionnaireStatus(assessment, questionnaire, command.now);
  switch (status) {
    case 'completed':
      return refuse('assessment.completed', `assessment ${assessment.assessmentId} is completed: the questionnaire takes no more answers`);
    case 'expired':
      return refuse('questionnaire.expired', `the questionnaire expired at ${questionnaire.expiresAt}`);
    case 'full':
      return refuse('questionnaire.full', `the questionnaire has all the ${questionnaire.maxResponses} answers it takes`);
    case 'open':
      break;
    default:
      return assertNever(status, 'questionnaire status');
  }
  const score = wholeNumber('score', command.score, 0, 100);
  return [
    {
      type: 'supervision.SatisfactionScored.v1',
      data: { ...ref(assessment), entryId, scores: [score], source: 'questionnaire', questionnaireId: questionnaire.questionnaireId, recordedAt: command.now },
    },
  ];
}

function complete(command: CompleteAssessment, state: AssessmentState): AssessmentEvent[] {
  const assessment = stillOpen(state, 'be completed again');
  const weights = command.weighting.assessment;
  const missing = ASSESSMENT_DIMENSIONS.filter((d) => assessment.dimensions[d] === undefined);
  if (missing.length > 0) refuse('assessment.incomplete', `assessment ${assessment.assessmentId} has no score yet for ${missing.join(', ')}`);
  const { responses, sum } = assessment.satisfaction;
  if (responses < weights.minimumResponses) {
    refuse('assessment.too_few_responses', `assessment ${assessment.assessmentId} has ${responses} residents' scores; it needs at least ${weights.minimumResponses}`);
  }
  const dimensions = Object.fromEntries(ASSESSMENT_DIMENSIONS.map((d) => [d, assessment.dimensions[d]?.score ?? 0])) as Record<AssessmentDimension, number>;
  const average = round2(sum / responses);
  // From the rounded average, so that anyone can recompute the published total from the published figures.
  const total = round2(ASSESSMENT_DIMENSIONS.reduce((acc, d) => acc + weights.dimensions[d] * dimensions[d], 0) + weights.satisfaction * average);
  return [
    {
      type: 'supervision.AssessmentCompleted.v1',
      data: {
        ...ref(assessment),
        dimensions,
        satisfaction: { responses, average },
        total,
        grade: gradeOf(total),
        openFindings: assessment.findings.filter((f) => !f.rectified).length,
        openDays: assessment.openDays.length,
        visits: assessment.visits.length,
        weightingId: command.weighting.weightingId,
        completedAt: command.now,
      },
    },
  ];
}

function opened(state: AssessmentState): OpenedAssessment {
  if (state.status === 'none') return refuse('assessment.not_open', 'no assessment has been opened on this stream');
  return state;
}

/** An assessment still taking scores, answers, findings and logs: once completed its figures are the published ones. */
function stillOpen(state: AssessmentState, doing: string): Extract<OpenedAssessment, { status: 'open' }> {
  const assessment = opened(state);
  if (assessment.status === 'completed') {
    return refuse('assessment.completed', `assessment ${assessment.assessmentId} was completed at ${assessment.result.completedAt}, so it cannot ${doing}`);
  }
  return assessment;
}

/** What an open day or a visit counts for: an instant of the assessment's quarter, not in the future. */
function inQuarter(field: string, value: string, assessment: OpenedAssessment, now: string): string {
  const at = instant(field, value);
  if (isBefore(now, at)) invalid(field, `${field} ${at} is in the future (now is ${now})`);
  const { from, to } = quarterBounds(assessment.quarter);
  if (isBefore(at, from) || !isBefore(at, to)) invalid(field, `${field} ${at} is not in the quarter ${assessment.quarter} (${from} to ${to})`);
  return at;
}

function ref(assessment: OpenedAssessment): AssessmentRef {
  const { assessmentId, quarter, firmId, compoundId } = assessment;
  return { assessmentId, quarter, firmId, compoundId };
}
