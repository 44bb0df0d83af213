import { DEFAULT_WEIGHTING, WEIGHTING_ID, quarterOf, weightingFor, type WeightingSet } from '@whistle/contracts';
import { pageWindow, type Page } from '../queries';
import type { Condition, ReadModelStore, Where } from '../read-model-store.port';
import { shown, type AssessmentAnswer, type EvaluationAnswer, type FirmAnswer, type NoticeAnswer } from './supervision-presenter';
import {
  ASSESSMENT_VIEWS,
  EVALUATION_VIEWS,
  FIRM_VIEWS,
  NOTICE_VIEWS,
  WEIGHTING_VIEWS,
  type AssessmentView,
  type CreditEntry,
  type EvaluationSide,
  type EvaluationView,
  type FirmView,
  type NoticeView,
  type WeightingEntry,
  type WeightingView,
} from './supervision-views';

export interface EvaluationFilter {
  readonly caseId?: string;
  readonly taskId?: string;
  readonly unitId?: string;
  readonly stationId?: string;
  readonly quarter?: string;
  readonly awaiting?: EvaluationSide;
}

const defined = (entries: Record<string, Condition | undefined>): Where =>
  Object.fromEntries(Object.entries(entries).filter((e): e is [string, Condition] => e[1] !== undefined));

/** Evaluations, the latest ended first. */
export async function listEvaluations(store: ReadModelStore, filter: EvaluationFilter, page = 1, pageSize = 20): Promise<Page<EvaluationAnswer>> {
  const { awaiting, ...fields } = filter;
  const where = defined({ ...fields, awaiting: awaiting === undefined ? undefined : { $contains: awaiting } });
  const found = await store.collection<EvaluationView>(EVALUATION_VIEWS).find({ where, sort: [{ field: 'endedAt', order: 'desc' }], ...pageWindow(page, pageSize) });
  return { items: found.items.map(shown), total: found.total, page, pageSize };
}

/** Every evaluation of the tasks that ended in a quarter: what its scores' rating parts average. */
export async function evaluationsOfQuarter(store: ReadModelStore, quarter: string): Promise<EvaluationView[]> {
  return (await store.collection<EvaluationView>(EVALUATION_VIEWS).find({ where: { quarter } })).items;
}

/** Registered firms by name. */
export async function listFirms(store: ReadModelStore, page = 1, pageSize = 20): Promise<Page<FirmAnswer>> {
  const found = await store.collection<FirmView>(FIRM_VIEWS).find({ where: { registeredAt: { $gte: '' } }, sort: [{ field: 'name', order: 'asc' }], ...pageWindow(page, pageSize) });
  return { items: found.items.map(shown), total: found.total, page, pageSize };
}

/** A registered firm, or undefined. */
export async function getFirm(store: ReadModelStore, firmId: string): Promise<FirmAnswer | undefined> {
  const firm = await store.collection<FirmView>(FIRM_VIEWS).get(firmId);
  return firm && firm.registeredAt !== null ? shown(firm) : undefined;
}

export interface FirmCredit {
  readonly firmId: string;
  readonly name: string;
  readonly entries: readonly CreditEntry[];
}

/** A firm's credit record as the public sees it (no contact): any firm a notice named, registered or not yet known here. */
export async function firmCredit(store: ReadModelStore, firmId: string): Promise<FirmCredit | undefined> {
  const firm = await store.collection<FirmView>(FIRM_VIEWS).get(firmId);
  if (!firm || (firm.registeredAt === null && firm.credit.length === 0)) return undefined;
  return { firmId: firm.id, name: firm.name, entries: firm.credit };
}

export interface AssessmentFilter {
  readonly quarter?: string;
  readonly firmId?: string;
  readonly compoundId?: string;
  readonly stationId?: string;
  readonly status?: AssessmentView['status'];
}

/** Assessments, the latest quarter first, then by id. */
export async function listAssessments(store: ReadModelStore, filter: AssessmentFilter, page = 1, pageSize = 20): Promise<Page<AssessmentAnswer>> {
  const found = await store.collection<AssessmentView>(ASSESSMENT_VIEWS).find({ where: defined({ ...filter }), sort: [{ field: 'quarter', order: 'desc' }], ...pageWindow(page, pageSize) });
  return { items: found.items.map(shown), total: found.total, page, pageSize };
}

export async function getAssessment(store: ReadModelStore, assessmentId: string): Promise<AssessmentAnswer | undefined> {
  const view = await store.collection<AssessmentView>(ASSESSMENT_VIEWS).get(assessmentId);
  return view && shown(view);
}

/** Notices, the latest published first. */
export async function listNotices(store: ReadModelStore, page = 1, pageSize = 20): Promise<Page<NoticeAnswer>> {
  const found = await store.collection<NoticeView>(NOTICE_VIEWS).find({ sort: [{ field: 'publishedAt', order: 'desc' }], ...pageWindow(page, pageSize) });
  return { items: found.items.map(shown), total: found.total, page, pageSize };
}

export async function getNotice(store: ReadModelStore, publicationId: string): Promise<NoticeAnswer | undefined> {
  const view = await store.collection<NoticeView>(NOTICE_VIEWS).get(publicationId);
  return view && shown(view);
}

/** The notices published in `[from, to)`, the earliest first. */
export async function noticesPublished(store: ReadModelStore, period: Condition): Promise<NoticeView[]> {
  return (await store.collection<NoticeView>(NOTICE_VIEWS).find({ where: { publishedAt: period }, sort: [{ field: 'publishedAt', order: 'asc' }] })).items;
}

/** Every weighting the office set, in the order set. */
export async function weightingHistory(store: ReadModelStore): Promise<WeightingEntry[]> {
  return [...((await store.collection<WeightingView>(WEIGHTING_VIEWS).get(WEIGHTING_ID))?.history ?? [])];
}

export interface Weightings {
  /** the weighting in force for the current quarter: one the office set, or the default (weightingId `default`) */
  readonly current: (WeightingSet['data'] & { readonly eventId: string }) | (typeof DEFAULT_WEIGHTING & { readonly effectiveFrom: null });
  readonly history: readonly WeightingEntry[];
}

export async function weightings(store: ReadModelStore, now: string): Promise<Weightings> {
  const history = await weightingHistory(store);
  const inForce = weightingFor(history, quarterOf(now));
  const set = history.find((w) => w.weightingId === inForce.weightingId);
  return { current: set ?? { ...DEFAULT_WEIGHTING, effectiveFrom: null }, history };
}
