import type {
  Amendment,
  AssessmentCompleted,
  AssessmentDimension,
  AssessmentGrade,
  FirmContact,
  NoticePublished,
  OutcomeResult,
  ScoringMethod,
  TaskEnding,
  WeightingSet,
} from '@whistle/contracts';
import type { ReadModelDocument } from '../read-model-store.port';
import type { StreamRevision } from '../stream-revisions';

/**
 * The read side of supervision (监督考核): one collection per thing the office and the public look
 * up, each document guarded by the stream revisions it applied, like the case views. What the API
 * answers is the document without `version` and `revisions` (supervision-presenter.ts).
 */
export const EVALUATION_VIEWS = 'evaluation_views';
export const FIRM_VIEWS = 'firm_views';
export const ASSESSMENT_VIEWS = 'assessment_views';
export const WEIGHTING_VIEWS = 'weighting_views';
export const NOTICE_VIEWS = 'notice_views';
export const SUPERVISION_COLLECTIONS = [EVALUATION_VIEWS, FIRM_VIEWS, ASSESSMENT_VIEWS, WEIGHTING_VIEWS, NOTICE_VIEWS] as const;

interface Guarded extends ReadModelDocument {
  readonly revisions: readonly StreamRevision[];
}

export interface UnitRatingView {
  readonly ratingId: string;
  readonly eventId: string;
  readonly timeliness: number;
  readonly effectiveness: number;
  readonly cooperation: number;
  readonly score: number;
  readonly comment: string;
  readonly amendment?: Amendment;
  readonly ratedAt: string;
  readonly ratedBy: string;
}

export interface WhistleRatingView {
  readonly ratingId: string;
  readonly eventId: string;
  readonly justified: boolean;
  readonly informationAccurate: boolean;
  readonly comment: string;
  readonly amendment?: Amendment;
  readonly ratedAt: string;
  readonly ratedBy: string;
}

export type EvaluationSide = 'station' | 'unit';

/** One task's two-way evaluation (双向交叉考核): the current rating of each direction and every one before it. */
export interface EvaluationView extends Guarded {
  readonly taskId: string;
  readonly caseId: string;
  readonly whistleId: string;
  readonly unitId: string;
  readonly stationId: string;
  readonly ending: TaskEnding;
  readonly result: OutcomeResult | null;
  readonly endedAt: string;
  readonly openedAt: string;
  /** the quarter the task ended in (Beijing time): the one whose scores count it */
  readonly quarter: string;
  readonly unitRating: UnitRatingView | null;
  readonly unitRatings: readonly UnitRatingView[];
  readonly whistleRating: WhistleRatingView | null;
  readonly whistleRatings: readonly WhistleRatingView[];
  /** who still has to rate: the station (the unit's response) and/or the unit (the whistle) */
  readonly awaiting: readonly EvaluationSide[];
}

export interface CreditEntry {
  readonly publicationId: string;
  readonly quarter: string;
  readonly kind: NoticePublished['data']['kind'];
  readonly averageTotal: number;
  readonly list: 'red' | 'black' | null;
  readonly reason: string | null;
  readonly grades: readonly { readonly compoundId: string; readonly total: number; readonly grade: AssessmentGrade }[];
  readonly publishedAt: string;
}

/**
 * A property firm (物业服务企业) with its credit record (信用记录): an entry per notice that
 * published its results. A notice may arrive before the registration (another stream), so the
 * registration's members are null until it does; the lists show registered firms only.
 */
export interface FirmView extends Guarded {
  readonly name: string;
  readonly creditCode: string | null;
  readonly contact: FirmContact | null;
  readonly compoundIds: readonly string[];
  readonly registeredAt: string | null;
  readonly changes: readonly { readonly reason: string; readonly changedAt: string; readonly eventId: string }[];
  readonly credit: readonly CreditEntry[];
}

export interface DimensionView {
  readonly score: number;
  readonly method: ScoringMethod;
  readonly note: string;
  readonly scoredAt: string;
  readonly eventId: string;
}

export interface FindingView {
  readonly findingId: string;
  readonly dimension: AssessmentDimension;
  readonly description: string;
  readonly rectifyBy: string;
  readonly status: 'open' | 'rectified';
  readonly note: string | null;
  readonly verifiedAt: string | null;
}

export interface QuestionnaireView {
  readonly questionnaireId: string;
  readonly expiresAt: string;
  readonly maxResponses: number;
  readonly responses: number;
}

/** A firm's quarterly assessment in one compound (物业服务测评). */
export interface AssessmentView extends Guarded {
  readonly quarter: string;
  readonly firmId: string;
  readonly compoundId: string;
  readonly communityId: string;
  readonly stationId: string;
  readonly status: 'open' | 'completed';
  readonly dimensions: Readonly<Record<AssessmentDimension, DimensionView | null>>;
  readonly findings: readonly FindingView[];
  readonly satisfaction: {
    readonly responses: number;
    /** two decimals */
    readonly average: number | null;
    readonly bySource: { readonly station: number; readonly questionnaire: number };
  };
  /** every residents' score added up, so the average stays exact as scores arrive; not answered */
  readonly scoreSum: number;
  readonly questionnaires: readonly QuestionnaireView[];
  readonly openDays: readonly { readonly logId: string; readonly heldAt: string; readonly attendance: number; readonly note: string }[];
  readonly visits: readonly { readonly logId: string; readonly visitedAt: string; readonly households: number; readonly note: string }[];
  readonly result: AssessmentCompleted['data'] | null;
}

export type WeightingEntry = WeightingSet['data'] & { readonly eventId: string };

/** The office's weightings (考核权重), in the order they were set; one document, id `office`. */
export interface WeightingView extends Guarded {
  readonly history: readonly WeightingEntry[];
}

/** A published notice (通报), never changed but for the later notices that correct it. */
export type NoticeView = Guarded &
  NoticePublished['data'] & {
    readonly correctedBy: readonly string[];
    readonly eventId: string;
    /** the event's hash in its stream's chain */
    readonly hash: string;
  };
