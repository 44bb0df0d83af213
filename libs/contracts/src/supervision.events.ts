import type { CatalogueEvent } from './catalogue.events';
import type { CompoundEvent } from './compound.events';
import type { OutcomeResult } from './values';

/**
 * Supervision (监督考核) judges everyone involved by how cases went, as the pilot documents ask:
 * - the two-way evaluation (双向交叉考核) of each task, stream `evaluation-<taskId>`: the station
 *   rates the unit's response, the unit rates the whistle (社区吹哨、部门报到);
 * - property firms (物业服务企业), stream `firm-<firmId>`, and their quarterly assessment
 *   (物业服务测评) per compound, stream `assessment-<quarter>.<firmId>.<compoundId>`;
 * - the office's weighting of the quarterly scores (考核权重), stream `weighting-office`;
 * - the notices (通报) of a quarter with the red and black list (红黑榜), stream `notices-<quarter>`.
 * A quarter is written `2026-Q4` and runs in Beijing time (see `quarterBounds`).
 */

// ---- the two-way evaluation of a task ----------------------------------------------------------

/** How a task came to an end, and so became open to evaluation. */
export const TASK_ENDINGS = ['outcome', 'declined', 'report_in_missed'] as const;
export type TaskEnding = (typeof TASK_ENDINGS)[number];

/** A task ended: its station may now rate the unit's response, and the unit the whistle. */
export interface EvaluationOpened {
  readonly type: 'supervision.EvaluationOpened.v1';
  readonly data: {
    readonly taskId: string;
    readonly caseId: string;
    readonly whistleId: string;
    readonly unitId: string;
    /** the station whose whistle summoned the unit: the one that rates it */
    readonly stationId: string;
    readonly ending: TaskEnding;
    /** with `outcome` */
    readonly result?: OutcomeResult;
    readonly endedAt: string;
    readonly openedAt: string;
  };
}

/** Each 1 (poor) to 5 (excellent). */
export interface ResponseMarks {
  /** how promptly the unit reported in (报到及时性) */
  readonly timeliness: number;
  /** whether its work solved the problem (处置实效) */
  readonly effectiveness: number;
  /** how it worked with the station and the other units (配合度) */
  readonly cooperation: number;
}

/** A rating replaces an earlier one only by naming it, with a reason: the earlier stays in the record. */
export interface Amendment {
  /** the ratingId this one replaces */
  readonly amends: string;
  readonly reason: string;
}

/** The station rated the unit's response (站评部门). `score` is the marks' sum over 15, as 0–100. */
export interface UnitResponseRated {
  readonly type: 'supervision.UnitResponseRated.v1';
  readonly data: ResponseMarks & {
    readonly taskId: string;
    readonly caseId: string;
    readonly unitId: string;
    readonly stationId: string;
    readonly ratingId: string;
    readonly score: number;
    readonly comment: string;
    readonly amendment?: Amendment;
    readonly ratedAt: string;
  };
}

/** The unit rated the whistle that summoned it (部门评哨). */
export interface WhistleRated {
  readonly type: 'supervision.WhistleRated.v1';
  readonly data: {
    readonly taskId: string;
    readonly caseId: string;
    readonly unitId: string;
    readonly stationId: string;
    readonly ratingId: string;
    /** whether summoning this unit was justified (吹哨是否合理) */
    readonly justified: boolean;
    /** whether the case's information was accurate (信息是否准确) */
    readonly informationAccurate: boolean;
    readonly comment: string;
    readonly amendment?: Amendment;
    readonly ratedAt: string;
  };
}

export type EvaluationEvent = EvaluationOpened | UnitResponseRated | WhistleRated;

// ---- property firms ---------------------------------------------------------------------------

export interface FirmContact {
  readonly name: string;
  readonly phone: string;
}

/** A property firm (物业服务企业) and the compounds it serves. */
export interface PropertyFirmRegistered {
  readonly type: 'supervision.PropertyFirmRegistered.v1';
  readonly data: {
    readonly firmId: string;
    readonly name: string;
    /** 统一社会信用代码: 18 characters */
    readonly creditCode: string;
    readonly contact: FirmContact;
    readonly compoundIds: readonly string[];
    readonly registeredAt: string;
  };
}

/** What changed of a firm, each member only when it changed. */
export interface PropertyFirmChanged {
  readonly type: 'supervision.PropertyFirmChanged.v1';
  readonly data: {
    readonly firmId: string;
    readonly name?: string;
    readonly contact?: FirmContact;
    readonly compoundIds?: readonly string[];
    readonly reason: string;
    readonly changedAt: string;
  };
}

export type FirmEvent = PropertyFirmRegistered | PropertyFirmChanged;

// ---- the quarterly assessment of a firm in one compound ----------------------------------------

/** The eight dimensions of the property-service assessment (物业服务测评). */
export const ASSESSMENT_DIMENSIONS = [
  'safety', // 安全管理
  'sanitation', // 环卫保洁
  'facilities', // 基础设施维护
  'civil_order', // 文明秩序
  'disclosure', // 信息公开
  'party_building', // 党建引领
  'atmosphere', // 氛围营造
  'campaign_cooperation', // 创建工作配合度
] as const;
export type AssessmentDimension = (typeof ASSESSMENT_DIMENSIONS)[number];

/** How a dimension was scored: 查阅资料, 现场督查, 日常检查. */
export const SCORING_METHODS = ['document_review', 'onsite_inspection', 'daily_inspection'] as const;
export type ScoringMethod = (typeof SCORING_METHODS)[number];

/** Where residents' satisfaction scores came from: entered by the station, or the public questionnaire. */
export const SATISFACTION_SOURCES = ['station', 'questionnaire'] as const;
export type SatisfactionSource = (typeof SATISFACTION_SOURCES)[number];

/** 优秀 ≥ 90, 良好 ≥ 75, 合格 ≥ 60, 不合格 below. */
export const ASSESSMENT_GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
export type AssessmentGrade = (typeof ASSESSMENT_GRADES)[number];

/** Names one assessment fully in each of its events. */
export interface AssessmentRef {
  readonly assessmentId: string;
  readonly quarter: string;
  readonly firmId: string;
  readonly compoundId: string;
}

export interface AssessmentOpened {
  readonly type: 'supervision.AssessmentOpened.v1';
  readonly data: AssessmentRef & { readonly communityId: string; readonly stationId: string; readonly openedAt: string };
}

/** A dimension's score, 0–100; a later score of the same dimension replaces it (both stay recorded). */
export interface DimensionScored {
  readonly type: 'supervision.DimensionScored.v1';
  readonly data: AssessmentRef & {
    readonly dimension: AssessmentDimension;
    readonly score: number;
    readonly method: ScoringMethod;
    readonly note: string;
    readonly scoredAt: string;
  };
}

/** A problem found (问题清单), to be rectified by a date and closed one by one (逐一销号). */
export interface FindingRecorded {
  readonly type: 'supervision.FindingRecorded.v1';
  readonly data: AssessmentRef & {
    readonly findingId: string;
    readonly dimension: AssessmentDimension;
    readonly description: string;
    readonly rectifyBy: string;
    readonly recordedAt: string;
  };
}

export interface FindingRectified {
  readonly type: 'supervision.FindingRectified.v1';
  readonly data: AssessmentRef & { readonly findingId: string; readonly note: string; readonly verifiedAt: string };
}

/** Residents' satisfaction scores, each 0–100 and anonymous: a station's batch, or one questionnaire answer. */
export interface SatisfactionScored {
  readonly type: 'supervision.SatisfactionScored.v1';
  readonly data: AssessmentRef & {
    readonly entryId: string;
    readonly scores: readonly number[];
    readonly source: SatisfactionSource;
    /** with `questionnaire`: the questionnaire answered, whose responses count against its maxResponses */
    readonly questionnaireId?: string;
    readonly recordedAt: string;
  };
}

/** A public questionnaire link for the residents; only the token's hash is kept. */
export interface QuestionnaireIssued {
  readonly type: 'supervision.QuestionnaireIssued.v1';
  readonly data: AssessmentRef & {
    readonly questionnaireId: string;
    readonly tokenSha256: string;
    readonly expiresAt: string;
    /** answers past it are refused */
    readonly maxResponses: number;
    readonly issuedAt: string;
  };
}

/** 物业开放日 */
export interface OpenDayLogged {
  readonly type: 'supervision.OpenDayLogged.v1';
  readonly data: AssessmentRef & { readonly logId: string; readonly heldAt: string; readonly attendance: number; readonly note: string; readonly loggedAt: string };
}

/** 入户走访 */
export interface DoorToDoorVisitLogged {
  readonly type: 'supervision.DoorToDoorVisitLogged.v1';
  readonly data: AssessmentRef & { readonly logId: string; readonly visitedAt: string; readonly households: number; readonly note: string; readonly loggedAt: string };
}

/** The assessment's result, computed under the weighting in force for its quarter. */
export interface AssessmentCompleted {
  readonly type: 'supervision.AssessmentCompleted.v1';
  readonly data: AssessmentRef & {
    readonly dimensions: Readonly<Record<AssessmentDimension, number>>;
    readonly satisfaction: { readonly responses: number; readonly average: number };
    /** 0–100, two decimals */
    readonly total: number;
    readonly grade: AssessmentGrade;
    readonly openFindings: number;
    readonly openDays: number;
    readonly visits: number;
    readonly weightingId: string;
    readonly completedAt: string;
  };
}

export type AssessmentEvent =
  | AssessmentOpened
  | DimensionScored
  | FindingRecorded
  | FindingRectified
  | SatisfactionScored
  | QuestionnaireIssued
  | OpenDayLogged
  | DoorToDoorVisitLogged
  | AssessmentCompleted;

// ---- the office's weighting --------------------------------------------------------------------

/** Weights of a unit's quarterly score: the four parts sum to 1; penalties are points per count. */
export interface UnitWeights {
  readonly responseRate: number;
  readonly resolutionRate: number;
  readonly satisfactionRate: number;
  /** the stations' ratings of its responses */
  readonly stationRating: number;
  readonly overduePenalty: number;
  readonly escalationPenalty: number;
}

/** Weights of a station's quarterly score: the four parts sum to 1. */
export interface StationWeights {
  readonly responseRate: number;
  readonly resolutionRate: number;
  readonly satisfactionRate: number;
  /** the units' ratings of its whistles (justified and accurate) */
  readonly whistleRating: number;
  readonly overduePenalty: number;
}

/** Weights of a property assessment's total: the eight dimensions and satisfaction sum to 1. */
export interface AssessmentWeights {
  readonly dimensions: Readonly<Record<AssessmentDimension, number>>;
  readonly satisfaction: number;
  /** residents' scores needed before an assessment can complete (at least 25) */
  readonly minimumResponses: number;
}

/** Who goes on the red list (红榜) and the black list (黑榜) of a quarter. */
export interface ListRules {
  /** a firm's average total at least this, with no finding past its date, is on the red list */
  readonly redMinimum: number;
  /** a firm's average total below this, or any compound graded fail, puts it on the black list */
  readonly blackBelow: number;
  /** this many findings past their date unrectified at publication also put it on the black list */
  readonly blackOverdueFindings: number;
}

export interface Weighting {
  readonly unit: UnitWeights;
  readonly station: StationWeights;
  readonly assessment: AssessmentWeights;
  readonly lists: ListRules;
}

/** The office set the weighting in force from a quarter on; earlier quarters keep theirs. */
export interface WeightingSet {
  readonly type: 'supervision.WeightingSet.v1';
  readonly data: Weighting & {
    readonly weightingId: string;
    readonly effectiveFrom: string;
    readonly reason: string;
    readonly setAt: string;
  };
}

export type WeightingEvent = WeightingSet;

// ---- publication -------------------------------------------------------------------------------

/** One assessment's result as published. */
export interface PublishedResult {
  readonly assessmentId: string;
  readonly firmId: string;
  readonly firmName: string;
  readonly compoundId: string;
  readonly total: number;
  readonly grade: AssessmentGrade;
  readonly dimensions: Readonly<Record<AssessmentDimension, number>>;
  readonly satisfaction: { readonly responses: number; readonly average: number };
  readonly openFindings: number;
}

export interface ListedFirm {
  readonly firmId: string;
  readonly firmName: string;
  readonly averageTotal: number;
  readonly reason: string;
}

/**
 * The office published a quarter's results (通报) with the red and black list. A published notice
 * never changes: a correction is a later notice naming the one it corrects. `contentSha256` is the
 * SHA-256 of the canonical JSON of the notice's content (every member but itself and `publishedAt`).
 */
export interface NoticePublished {
  readonly type: 'supervision.NoticePublished.v1';
  readonly data: {
    readonly publicationId: string;
    readonly quarter: string;
    readonly kind: 'results' | 'correction';
    /** with a correction: the notice it corrects, and why */
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
  };
}

export type NoticeEvent = NoticePublished;

export type SupervisionEvent = EvaluationEvent | FirmEvent | AssessmentEvent | WeightingEvent | NoticeEvent | CompoundEvent | CatalogueEvent;

// ---- quarters ----------------------------------------------------------------------------------

/** Years from 1970 on, four digits, so every bound is a valid ISO-8601 instant. */
const QUARTER = /^(19[7-9]\d|[2-9]\d{3})-Q([1-4])$/;

export function isQuarter(value: unknown): value is string {
  return typeof value === 'string' && QUARTER.test(value);
}

/** `[from, to)` of a quarter in Beijing time (+08:00), as ISO-8601 instants with that offset. */
export function quarterBounds(quarter: string): { readonly from: string; readonly to: string } {
  const match = QUARTER.exec(quarter);
  if (!match) throw new RangeError(`"${quarter}" is not a quarter such as 2026-Q4`);
  const year = Number(match[1]);
  const q = Number(match[2]);
  const month = (m: number, y: number) => `${String(y)}-${String(m).padStart(2, '0')}-01T00:00:00+08:00`;
  return { from: month(q * 3 - 2, year), to: q === 4 ? month(1, year + 1) : month(q * 3 + 1, year) };
}

/** The quarter an instant falls in, in Beijing time. */
export function quarterOf(instant: string): string {
  const local = new Date(Date.parse(instant) + 8 * 3_600_000);
  return `${String(local.getUTCFullYear())}-Q${String(Math.floor(local.getUTCMonth() / 3) + 1)}`;
}

/** Whether quarter `a` comes before `b` (both valid). */
export const quarterBefore = (a: string, b: string): boolean => a < b;

/** An assessment's id follows from its quarter, firm and compound: one assessment each. */
export const assessmentIdFor = (quarter: string, firmId: string, compoundId: string): string => `${quarter}.${firmId}.${compoundId}`;

/** The one weighting stream's id. */
export const WEIGHTING_ID = 'office';

/**
 * The weighting in force before the office sets one (weightingId `default`): the three rates and
 * the two-way rating count equally; each dimension of an assessment 8.75 %, satisfaction 30 %.
 */
export const DEFAULT_WEIGHTING: Weighting & { readonly weightingId: string } = {
  weightingId: 'default',
  unit: { responseRate: 0.25, resolutionRate: 0.25, satisfactionRate: 0.25, stationRating: 0.25, overduePenalty: 2, escalationPenalty: 5 },
  station: { responseRate: 0.25, resolutionRate: 0.25, satisfactionRate: 0.25, whistleRating: 0.25, overduePenalty: 2 },
  assessment: {
    dimensions: {
      safety: 0.0875,
      sanitation: 0.0875,
      facilities: 0.0875,
      civil_order: 0.0875,
      disclosure: 0.0875,
      party_building: 0.0875,
      atmosphere: 0.0875,
      campaign_cooperation: 0.0875,
    },
    satisfaction: 0.3,
    minimumResponses: 25,
  },
  lists: { redMinimum: 90, blackBelow: 60, blackOverdueFindings: 3 },
};
