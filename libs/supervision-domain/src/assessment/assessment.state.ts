import { assertNever } from '@whistle/kernel';
import type { AssessmentCompleted, AssessmentDimension, AssessmentEvent, AssessmentOpened, SatisfactionSource, ScoringMethod } from '@whistle/contracts';

export type AssessmentFacts = AssessmentOpened['data'];

/** A dimension's latest score. */
export interface DimensionScore {
  readonly score: number;
  readonly method: ScoringMethod;
  readonly note: string;
  readonly scoredAt: string;
}

/** A problem found (问题清单), open until rectified (销号). */
export interface Finding {
  readonly findingId: string;
  readonly dimension: AssessmentDimension;
  readonly description: string;
  readonly rectifyBy: string;
  readonly recordedAt: string;
  readonly rectified: { readonly note: string; readonly verifiedAt: string } | null;
}

export interface Questionnaire {
  readonly questionnaireId: string;
  readonly tokenSha256: string;
  readonly expiresAt: string;
  readonly maxResponses: number;
  readonly issuedAt: string;
  readonly responses: number;
}

/** The residents' scores so far: enough to average them and to know each entry once. */
export interface Satisfaction {
  readonly responses: number;
  readonly sum: number;
  readonly bySource: Readonly<Record<SatisfactionSource, number>>;
  readonly entryIds: readonly string[];
}

export interface OpenDay {
  readonly logId: string;
  readonly heldAt: string;
  readonly attendance: number;
  readonly note: string;
}

export interface Visit {
  readonly logId: string;
  readonly visitedAt: string;
  readonly households: number;
  readonly note: string;
}

interface Recorded extends AssessmentFacts {
  readonly dimensions: Readonly<Partial<Record<AssessmentDimension, DimensionScore>>>;
  readonly findings: readonly Finding[];
  readonly satisfaction: Satisfaction;
  readonly questionnaires: readonly Questionnaire[];
  readonly openDays: readonly OpenDay[];
  readonly visits: readonly Visit[];
}

export type AssessmentState =
  | { readonly status: 'none' }
  | (Recorded & { readonly status: 'open' })
  | (Recorded & { readonly status: 'completed'; readonly result: AssessmentCompleted['data'] });

export type AssessmentStatus = AssessmentState['status'];
export type OpenedAssessment = Exclude<AssessmentState, { status: 'none' }>;

export const initialAssessmentState: AssessmentState = { status: 'none' };

/** Events are facts already decided, so a transition the state cannot take is left out, not thrown. */
export function evolveAssessment(state: AssessmentState, event: AssessmentEvent): AssessmentState {
  if (event.type === 'supervision.AssessmentOpened.v1') {
    if (state.status !== 'none') return state;
    return {
      ...event.data,
      status: 'open',
      dimensions: {},
      findings: [],
      satisfaction: { responses: 0, sum: 0, bySource: { station: 0, questionnaire: 0 }, entryIds: [] },
      questionnaires: [],
      openDays: [],
      visits: [],
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'supervision.DimensionScored.v1': {
      const { dimension, score, method, note, scoredAt } = event.data;
      return { ...state, dimensions: { ...state.dimensions, [dimension]: { score, method, note, scoredAt } } };
    }
    case 'supervision.FindingRecorded.v1': {
      const { findingId, dimension, description, rectifyBy, recordedAt } = event.data;
      return { ...state, findings: [...state.findings, { findingId, dimension, description, rectifyBy, recordedAt, rectified: null }] };
    }
    case 'supervision.FindingRectified.v1': {
      const { findingId, note, verifiedAt } = event.data;
      return { ...state, findings: state.findings.map((f) => (f.findingId === findingId && !f.rectified ? { ...f, rectified: { note, verifiedAt } } : f)) };
    }
    case 'supervision.SatisfactionScored.v1': {
      const { entryId, scores, source, questionnaireId } = event.data;
      const { responses, sum, bySource, entryIds } = state.satisfaction;
      return {
        ...state,
        satisfaction: {
          responses: responses + scores.length,
          sum: sum + scores.reduce((a, b) => a + b, 0),
          bySource: { ...bySource, [source]: bySource[source] + scores.length },
          entryIds: [...entryIds, entryId],
        },
        questionnaires: state.questionnaires.map((q) => (q.questionnaireId === questionnaireId ? { ...q, responses: q.responses + scores.length } : q)),
      };
    }
    case 'supervision.QuestionnaireIssued.v1': {
      const { questionnaireId, tokenSha256, expiresAt, maxResponses, issuedAt } = event.data;
      return { ...state, questionnaires: [...state.questionnaires, { questionnaireId, tokenSha256, expiresAt, maxResponses, issuedAt, responses: 0 }] };
    }
    case 'supervision.OpenDayLogged.v1': {
      const { logId, heldAt, attendance, note } = event.data;
      return { ...state, openDays: [...state.openDays, { logId, heldAt, attendance, note }] };
    }
    case 'supervision.DoorToDoorVisitLogged.v1': {
      const { logId, visitedAt, households, note } = event.data;
      return { ...state, visits: [...state.visits, { logId, visitedAt, households, note }] };
    }
    case 'supervision.AssessmentCompleted.v1':
      if (state.status !== 'open') return state;
      return { ...state, status: 'completed', result: event.data };
    default:
      return assertNever(event, 'assessment event');
  }
}

/** Whether residents may still answer a questionnaire now, and if not, why. */
export function questionnaireStatus(state: OpenedAssessment, questionnaire: Questionnaire, now: string): 'open' | 'completed' | 'expired' | 'full' {
  if (state.status === 'completed') return 'completed';
  if (Date.parse(now) >= Date.parse(questionnaire.expiresAt)) return 'expired';
  if (questionnaire.responses >= questionnaire.maxResponses) return 'full';
  return 'open';
}
