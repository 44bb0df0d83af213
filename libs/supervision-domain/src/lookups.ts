import { stateIndex, streams, weightingFor, WEIGHTING_ID, type StateView, type WeightingInForce, type WeightingSet } from '@whistle/contracts';
import type { AssessmentState, OpenedAssessment } from './assessment/assessment.state';
import type { FirmState, RegisteredFirm } from './firm/firm.state';
import type { CompletedAssessment } from './notices/notices.decide';
import type { WeightingState } from './weighting/weighting.state';

/** The registered firms by the compounds they serve now. */
export const firmsByCompound = stateIndex(streams.firm, (state: FirmState) => (state.status === 'registered' ? state.compoundIds : []));

/** The registered firms by their credit code. */
export const firmsByCreditCode = stateIndex(streams.firm, (state: FirmState) => (state.status === 'registered' ? [state.creditCode] : []));

/** A registered firm, or undefined. */
export function firmOf(view: StateView, firmId: string): RegisteredFirm | undefined {
  const state = view.get<FirmState>(streams.firm(firmId));
  return state?.status === 'registered' ? state : undefined;
}

export function firmNameOf(view: StateView, firmId: string): string | undefined {
  return firmOf(view, firmId)?.name;
}

/** Of these compounds, each one a registered firm serves now, with that firm's id (a RegisterFirm's or ChangeFirm's `servedElsewhere`). */
export function compoundsServed(view: StateView, compoundIds: readonly string[]): Record<string, string> {
  const served: Record<string, string> = {};
  for (const compoundId of compoundIds) {
    for (const [, state] of view.indexed(firmsByCompound, compoundId)) {
      if (state.status === 'registered' && state.compoundIds.includes(compoundId)) {
        served[compoundId] = state.firmId;
        break;
      }
    }
  }
  return served;
}

/** The firm registered under a credit code (any case), or null: a RegisterFirm's `creditCodeHolder`. */
export function creditCodeHolder(view: StateView, creditCode: string): string | null {
  const code = typeof creditCode === 'string' ? creditCode.trim().toUpperCase() : '';
  for (const [, state] of view.indexed(firmsByCreditCode, code)) {
    if (state.status === 'registered' && state.creditCode === code) return state.firmId;
  }
  return null;
}

/** Every weighting the office set, in the order it set them. */
export function weightingHistoryOf(view: StateView): readonly WeightingSet['data'][] {
  return view.get<WeightingState>(streams.weighting(WEIGHTING_ID))?.history ?? [];
}

/** The weighting in force for a quarter (the default until the office sets one). */
export function weightingInForceOf(view: StateView, quarter: string): WeightingInForce {
  return weightingFor(weightingHistoryOf(view), quarter);
}

/** The assessments by their quarter. */
export const assessmentsByQuarter = stateIndex(streams.assessment, (state: AssessmentState) => (state.status === 'none' ? [] : [state.quarter]));

/** The assessments by the SHA-256 of each questionnaire token they issued: a public link finds its assessment. */
export const assessmentsByToken = stateIndex(streams.assessment, (state: AssessmentState) =>
  state.status === 'none' ? [] : state.questionnaires.map((q) => q.tokenSha256),
);

/** An opened assessment, or undefined. */
export function assessmentOf(view: StateView, assessmentId: string): OpenedAssessment | undefined {
  const state = view.get<AssessmentState>(streams.assessment(assessmentId));
  return state === undefined || state.status === 'none' ? undefined : state;
}

/** The assessment that issued the questionnaire with this token hash, or undefined (an unknown link). */
export function assessmentByToken(view: StateView, tokenSha256: string): OpenedAssessment | undefined {
  for (const [, state] of view.indexed(assessmentsByToken, tokenSha256)) {
    if (state.status !== 'none' && state.questionnaires.some((q) => q.tokenSha256 === tokenSha256)) return state;
  }
  return undefined;
}

/** A quarter's assessments, open or completed, in the order of their ids. */
export function assessmentsOf(view: StateView, quarter: string): OpenedAssessment[] {
  const found: OpenedAssessment[] = [];
  for (const [, state] of view.indexed(assessmentsByQuarter, quarter)) if (state.status !== 'none' && state.quarter === quarter) found.push(state);
  return found.sort((a, b) => (a.assessmentId < b.assessmentId ? -1 : a.assessmentId > b.assessmentId ? 1 : 0));
}

/** A quarter's completed assessments with their findings as they stand now: a PublishNotice's `assessments`. */
export function completedAssessmentsOf(view: StateView, quarter: string): CompletedAssessment[] {
  return assessmentsOf(view, quarter).flatMap((state) => (state.status === 'completed' ? [{ result: state.result, findings: state.findings }] : []));
}

/** The names of these firms, for a PublishNotice's `firmNames`; a firm not registered is left out. */
export function firmNamesOf(view: StateView, firmIds: readonly string[]): Record<string, string> {
  const names: Record<string, string> = {};
  for (const firmId of firmIds) {
    const name = firmNameOf(view, firmId);
    if (name !== undefined) names[firmId] = name;
  }
  return names;
}
