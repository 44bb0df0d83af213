// The shapes of supervision's API (监督考核: evaluations, quarterly scores, property firms and their
// assessments, notices, the weekly bulletin), as /work/design/supervision.md gives them; only the
// fields the console uses. The console speaks to the system only through HTTP, so it keeps its own copy.
import type { Rate } from './types';

export type Awaiting = 'station' | 'unit';
export type TaskEnding = 'outcome' | 'declined' | 'report_in_missed';

export interface Amendment {
  readonly amends: string;
  readonly reason: string;
}

/** 站评部门: the station's marks (1–5 each) of a unit's response. */
export interface UnitRating {
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

/** 部门评哨: the unit's view of the whistle that summoned it. */
export interface WhistleRating {
  readonly ratingId: string;
  readonly eventId: string;
  readonly justified: boolean;
  readonly informationAccurate: boolean;
  readonly comment: string;
  readonly amendment?: Amendment;
  readonly ratedAt: string;
  readonly ratedBy: string;
}

/** `GET /api/query/evaluations`: one task's two-way evaluation. */
export interface EvaluationView {
  readonly id: string;
  readonly taskId: string;
  readonly caseId: string;
  readonly whistleId: string;
  readonly unitId: string;
  readonly stationId: string;
  readonly ending: TaskEnding;
  readonly result: string | null;
  readonly endedAt: string;
  readonly openedAt: string;
  readonly quarter: string;
  readonly unitRating: UnitRating | null;
  readonly unitRatings: readonly UnitRating[];
  readonly whistleRating: WhistleRating | null;
  readonly whistleRatings: readonly WhistleRating[];
  readonly awaiting: readonly Awaiting[];
}

export type ScoreGroupBy = 'unit' | 'station';

export interface ScoreGroup {
  readonly id: string;
  readonly rank: number | null;
  readonly score: number | null;
  readonly parts: {
    readonly responseRate: Rate;
    readonly resolutionRate: Rate;
    readonly satisfactionRate: Rate;
    readonly rating: { readonly value: number | null; readonly count: number; readonly evaluationIds: readonly string[] };
  };
  readonly overdue: { readonly reportInsMissed: number; readonly tasksOverdue: number; readonly activitiesOverdue?: number | null; readonly tablingsOverdue?: number | null };
  readonly declineEscalations: number;
  readonly penalty: number;
  readonly cases: number;
  readonly tasks: number;
  readonly sources: { readonly caseIds: readonly string[]; readonly taskIds: readonly string[]; readonly evaluationIds: readonly string[] };
}

/** `GET /api/query/quarterly-scores` */
export interface QuarterlyScores {
  readonly quarter: string;
  readonly from: string;
  readonly to: string;
  readonly groupBy: ScoreGroupBy;
  readonly weighting: { readonly weightingId: string; readonly effectiveFrom: string | null } & Readonly<Record<string, number | string | null>>;
  readonly groups: readonly ScoreGroup[];
}

export const ASSESSMENT_DIMENSIONS = ['safety', 'sanitation', 'facilities', 'civil_order', 'disclosure', 'party_building', 'atmosphere', 'campaign_cooperation'] as const;
export type AssessmentDimension = (typeof ASSESSMENT_DIMENSIONS)[number];
export const SCORING_METHODS = ['document_review', 'onsite_inspection', 'daily_inspection'] as const;
export type ScoringMethod = (typeof SCORING_METHODS)[number];
export type AssessmentGrade = 'excellent' | 'good' | 'pass' | 'fail';

export interface UnitWeights {
  readonly responseRate: number;
  readonly resolutionRate: number;
  readonly satisfactionRate: number;
  readonly stationRating: number;
  readonly overduePenalty: number;
  readonly escalationPenalty: number;
}

export interface StationWeights {
  readonly responseRate: number;
  readonly resolutionRate: number;
  readonly satisfactionRate: number;
  readonly whistleRating: number;
  readonly overduePenalty: number;
}

export interface Weighting {
  readonly unit: UnitWeights;
  readonly station: StationWeights;
  readonly assessment: { readonly dimensions: Readonly<Record<AssessmentDimension, number>>; readonly satisfaction: number; readonly minimumResponses: number };
  readonly lists: { readonly redMinimum: number; readonly blackBelow: number; readonly blackOverdueFindings: number };
}

export interface WeightingSetData extends Weighting {
  readonly weightingId: string;
  readonly effectiveFrom: string;
  readonly reason: string;
  readonly setAt: string;
}

/** `GET /api/query/weightings`: the weighting in force now (the default has no reason nor date) and every one set. */
export interface Weightings {
  readonly current: Weighting & { readonly weightingId: string; readonly effectiveFrom?: string | null; readonly reason?: string; readonly setAt?: string };
  readonly history: readonly WeightingSetData[];
}

export interface FirmContact {
  readonly name: string;
  readonly phone: string;
}

export interface CreditEntry {
  readonly publicationId: string;
  readonly quarter: string;
  readonly kind: 'results' | 'correction';
  readonly averageTotal: number;
  readonly list: 'red' | 'black' | null;
  readonly reason: string | null;
  readonly grades: readonly { readonly compoundId: string; readonly total: number; readonly grade: AssessmentGrade }[];
  readonly publishedAt: string;
}

/** `GET /api/query/firms/{firmId}` */
export interface FirmView {
  readonly id: string;
  readonly name: string;
  /** null only while a notice naming the firm came before its registration (the lists show registered firms) */
  readonly creditCode: string | null;
  readonly contact: FirmContact | null;
  readonly compoundIds: readonly string[];
  readonly registeredAt: string | null;
  readonly changes: readonly { readonly reason: string; readonly changedAt: string; readonly eventId: string }[];
  readonly credit: readonly CreditEntry[];
}

export interface DimensionScore {
  readonly score: number;
  readonly method: ScoringMethod;
  readonly note: string;
  readonly scoredAt: string;
  readonly eventId: string;
}

export interface Finding {
  readonly findingId: string;
  readonly dimension: AssessmentDimension;
  readonly description: string;
  readonly rectifyBy: string;
  readonly status: 'open' | 'rectified';
  readonly note: string | null;
  readonly verifiedAt: string | null;
}

export interface AssessmentResult {
  readonly dimensions: Readonly<Record<AssessmentDimension, number>>;
  readonly satisfaction: { readonly responses: number; readonly average: number };
  readonly total: number;
  readonly grade: AssessmentGrade;
  readonly openFindings: number;
  readonly openDays: number;
  readonly visits: number;
  readonly weightingId: string;
  readonly completedAt: string;
}

/** `GET /api/query/assessments/{id}` */
export interface AssessmentView {
  readonly id: string;
  readonly quarter: string;
  readonly firmId: string;
  readonly compoundId: string;
  readonly communityId: string;
  readonly stationId: string;
  readonly status: 'open' | 'completed';
  readonly dimensions: Readonly<Record<AssessmentDimension, DimensionScore | null>>;
  readonly findings: readonly Finding[];
  readonly satisfaction: { readonly responses: number; readonly average: number | null; readonly bySource: { readonly station: number; readonly questionnaire: number } };
  readonly questionnaires: readonly { readonly questionnaireId: string; readonly expiresAt: string; readonly maxResponses: number; readonly responses: number }[];
  readonly openDays: readonly { readonly logId: string; readonly heldAt: string; readonly attendance: number; readonly note: string }[];
  readonly visits: readonly { readonly logId: string; readonly visitedAt: string; readonly households: number; readonly note: string }[];
  readonly result: AssessmentResult | null;
}

export interface PublishedResult {
  readonly assessmentId: string;
  readonly firmId: string;
  readonly firmName: string;
  readonly compoundId: string;
  readonly total: number;
  readonly grade: AssessmentGrade;
  readonly satisfaction: { readonly responses: number; readonly average: number };
  readonly openFindings: number;
}

export interface ListedFirm {
  readonly firmId: string;
  readonly firmName: string;
  readonly averageTotal: number;
  readonly reason: string;
}

/** `GET /api/public/notices`: a published notice (通报), never changed; a correction is another notice. */
export interface NoticeView {
  readonly id: string;
  readonly publicationId: string;
  readonly quarter: string;
  readonly kind: 'results' | 'correction';
  readonly corrects?: string;
  readonly reason?: string;
  readonly title: string;
  readonly summary: string;
  readonly results: readonly PublishedResult[];
  readonly redList: readonly ListedFirm[];
  readonly blackList: readonly ListedFirm[];
  readonly weightingId: string;
  readonly contentSha256: string;
  readonly publishedAt: string;
  readonly correctedBy: readonly string[];
  readonly eventId: string;
  readonly hash: string;
}

/** `GET /api/public/firms/{firmId}/credit` */
export interface PublicCredit {
  readonly firmId: string;
  readonly name: string;
  readonly entries: readonly CreditEntry[];
}

/** `GET /api/public/questionnaires/{token}` */
export interface PublicQuestionnaire {
  readonly assessmentId: string;
  readonly quarter: string;
  readonly firmName: string;
  readonly compoundId: string;
  readonly open: boolean;
  readonly responses: number;
  readonly maxResponses: number;
  readonly expiresAt: string;
}

/** `GET /api/query/bulletins/weekly?format=json` */
export interface WeeklyBulletin {
  readonly week: string;
  readonly from: string;
  readonly to: string;
  readonly generatedAt: string;
  readonly cases: { readonly reported: number; readonly byLevel: Readonly<Record<string, number>>; readonly byStatus: Readonly<Record<string, number>> };
  readonly rates: { readonly responseRate: Rate; readonly resolutionRate: Rate; readonly satisfactionRate: Rate };
  readonly overdue: Readonly<Record<string, number | null>>;
  readonly escalations: { readonly raised: Readonly<Record<string, number>>; readonly declineEscalations: number };
  readonly level4: readonly { readonly caseId: string; readonly compoundId: string | null; readonly category: string | null; readonly status: string; readonly adjudicationStatus: string | null }[];
  readonly meetings: readonly {
    readonly meetingId: string;
    readonly scheduledAt: string;
    readonly status: string;
    readonly decisions: readonly { readonly caseId: string; readonly decision: 'resolution' | 'deferred'; readonly leadUnit?: string; readonly measures?: string; readonly deadline?: string; readonly reason?: string }[];
  }[];
  readonly noticesPublished: readonly { readonly publicationId: string; readonly quarter: string; readonly kind: 'results' | 'correction'; readonly title: string; readonly red: number; readonly black: number; readonly contentSha256: string }[];
}
