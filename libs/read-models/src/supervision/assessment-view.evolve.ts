import { ASSESSMENT_DIMENSIONS, type AssessmentEvent, type SatisfactionScored } from '@whistle/contracts';
import { assertNever, type EventEnvelope } from '@whistle/kernel';
import { guarded, supervisionEvent, twoDecimals } from './supervision-events';
import type { AssessmentView, QuestionnaireView } from './supervision-views';

const ASSESSMENT_EVENTS: ReadonlySet<string> = new Set<AssessmentEvent['type']>([
  'supervision.AssessmentOpened.v1',
  'supervision.DimensionScored.v1',
  'supervision.FindingRecorded.v1',
  'supervision.FindingRectified.v1',
  'supervision.SatisfactionScored.v1',
  'supervision.QuestionnaireIssued.v1',
  'supervision.OpenDayLogged.v1',
  'supervision.DoorToDoorVisitLogged.v1',
  'supervision.AssessmentCompleted.v1',
]);

function assessmentEvent(envelope: EventEnvelope): AssessmentEvent | undefined {
  const event = supervisionEvent(envelope);
  return event && ASSESSMENT_EVENTS.has(event.type) ? (event as AssessmentEvent) : undefined;
}

/** The assessment an event belongs to: every assessment event names it. */
export function assessmentIdsOf(envelope: EventEnvelope): string[] {
  const event = assessmentEvent(envelope);
  return event ? [event.data.assessmentId] : [];
}

/** Folds one event into an assessment's view; everything after the opening comes after it in the assessment's one stream. */
export function evolveAssessmentView(view: AssessmentView | undefined, envelope: EventEnvelope): AssessmentView | undefined {
  const event = assessmentEvent(envelope);
  if (!event || (view && view.id !== event.data.assessmentId)) return undefined;
  return guarded(view, envelope, (current) => {
    if (event.type === 'supervision.AssessmentOpened.v1') return current ?? opened(event.data);
    return current && apply(current, event, envelope.eventId);
  });
}

function opened(data: Extract<AssessmentEvent, { type: 'supervision.AssessmentOpened.v1' }>['data']): AssessmentView {
  const { assessmentId, quarter, firmId, compoundId, communityId, stationId } = data;
  return {
    id: assessmentId,
    version: 0,
    revisions: [],
    quarter,
    firmId,
    compoundId,
    communityId,
    stationId,
    status: 'open',
    dimensions: Object.fromEntries(ASSESSMENT_DIMENSIONS.map((d) => [d, null])) as AssessmentView['dimensions'],
    findings: [],
    satisfaction: { responses: 0, average: null, bySource: { station: 0, questionnaire: 0 } },
    scoreSum: 0,
    questionnaires: [],
    openDays: [],
    visits: [],
    result: null,
  };
}

function apply(view: AssessmentView, event: AssessmentEvent, eventId: string): AssessmentView {
  switch (event.type) {
    case 'supervision.AssessmentOpened.v1':
      return view;
    case 'supervision.DimensionScored.v1': {
      const { dimension, score, method, note, scoredAt } = event.data;
      return { ...view, dimensions: { ...view.dimensions, [dimension]: { score, method, note, scoredAt, eventId } } };
    }
    case 'supervision.FindingRecorded.v1': {
      const { findingId, dimension, description, rectifyBy } = event.data;
      if (view.findings.some((f) => f.findingId === findingId)) return view;
      return { ...view, findings: [...view.findings, { findingId, dimension, description, rectifyBy, status: 'open', note: null, verifiedAt: null }] };
    }
    case 'supervision.FindingRectified.v1': {
      const { findingId, note, verifiedAt } = event.data;
      return { ...view, findings: view.findings.map((f) => (f.findingId === findingId ? { ...f, status: 'rectified', note, verifiedAt } : f)) };
    }
    case 'supervision.SatisfactionScored.v1':
      return scored(view, event.data);
    case 'supervision.QuestionnaireIssued.v1': {
      const { questionnaireId, expiresAt, maxResponses } = event.data;
      return { ...view, questionnaires: [...view.questionnaires, { questionnaireId, expiresAt, maxResponses, responses: 0 }] };
    }
    case 'supervision.OpenDayLogged.v1': {
      const { logId, heldAt, attendance, note } = event.data;
      return { ...view, openDays: [...view.openDays, { logId, heldAt, attendance, note }] };
    }
    case 'supervision.DoorToDoorVisitLogged.v1': {
      const { logId, visitedAt, households, note } = event.data;
      return { ...view, visits: [...view.visits, { logId, visitedAt, households, note }] };
    }
    case 'supervision.AssessmentCompleted.v1':
      return { ...view, status: 'completed', result: event.data };
    default:
      return assertNever(event, 'assessment event');
  }
}

/**
 * The residents' scores added in. A questionnaire's answer counts for the questionnaire it names;
 * one that names none (the member is optional) for the latest issued.
 */
function scored(view: AssessmentView, data: SatisfactionScored['data']): AssessmentView {
  const count = data.scores.length;
  const responses = view.satisfaction.responses + count;
  const scoreSum = view.scoreSum + data.scores.reduce((sum, s) => sum + s, 0);
  const bySource = { ...view.satisfaction.bySource, [data.source]: view.satisfaction.bySource[data.source] + count };
  const answered = data.source === 'questionnaire' ? (data.questionnaireId ?? view.questionnaires.at(-1)?.questionnaireId) : undefined;
  const questionnaires = view.questionnaires.map((q): QuestionnaireView => (q.questionnaireId === answered ? { ...q, responses: q.responses + count } : q));
  return { ...view, scoreSum, questionnaires, satisfaction: { responses, average: responses === 0 ? null : twoDecimals(scoreSum / responses), bySource } };
}
