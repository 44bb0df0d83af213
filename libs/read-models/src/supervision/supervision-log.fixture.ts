import { createHash } from 'node:crypto';
import {
  ASSESSMENT_DIMENSIONS,
  DEFAULT_WEIGHTING,
  WEIGHTING_ID,
  assessmentIdFor,
  streams,
  type AssessmentDimension,
  type AssessmentEvent,
  type AssessmentGrade,
  type NoticePublished,
  type SupervisionEvent,
  type TaskEnding,
  type Weighting,
} from '@whistle/contracts';
import { canonicalJson, sealBatch, type Actor, type EventEnvelope } from '@whistle/kernel';

export const Q4_START = '2026-10-01T00:00:00+08:00';
const OFFICE: Actor = { id: 'office-clerk', role: 'office' };
const stationActor = (stationId: string): Actor => ({ id: `${stationId}-clerk`, role: 'station', stationId });
const unitActor = (unitId: string): Actor => ({ id: `${unitId}-officer`, role: 'unit', unitId });

export interface EvaluationPlace {
  readonly caseId: string;
  readonly unitId: string;
  readonly stationId: string;
  readonly ending?: TaskEnding;
  readonly endedAt: string;
}

/**
 * Supervision's events sealed into their streams as its event store would (the hash chain and
 * revisions of `sealBatch`), built by hand to the contracts: the read side is tested on envelopes
 * exactly like those the service records, without waiting for the service.
 */
export class SupervisionLog {
  private readonly sealed: EventEnvelope[] = [];
  private readonly heads = new Map<string, { revision: number; hash: string }>();
  private ids = 0;

  get envelopes(): EventEnvelope[] {
    return [...this.sealed];
  }

  record(streamId: string, event: SupervisionEvent, actor: Actor, at: string, caseId = streamId): EventEnvelope {
    this.ids += 1;
    const [envelope] = sealBatch(
      streamId,
      [{ eventId: `sev-${this.ids}`, type: event.type, data: event.data, caseId, occurredAt: at, actor, correlationId: `corr-${this.ids}`, causationId: null }],
      this.heads.get(streamId) ?? null,
      at,
    );
    if (!envelope) throw new Error('sealBatch sealed nothing');
    this.heads.set(streamId, { revision: envelope.revision, hash: envelope.hash });
    this.sealed.push(envelope);
    return envelope;
  }

  open(taskId: string, place: EvaluationPlace): EventEnvelope {
    const { caseId, unitId, stationId, ending = 'outcome', endedAt } = place;
    const data = { taskId, caseId, whistleId: `${caseId}-w1`, unitId, stationId, ending, ...(ending === 'outcome' ? { result: 'resolved' as const } : {}), endedAt, openedAt: endedAt };
    return this.record(streams.evaluation(taskId), { type: 'supervision.EvaluationOpened.v1', data }, { id: 'supervision', role: 'system' }, endedAt, caseId);
  }

  /** The station's rating; `amends` the rating it replaces. */
  rateUnit(taskId: string, on: EvaluationPlace, marks: [number, number, number], at: string, ratingId: string, amends?: string): EventEnvelope {
    const [timeliness, effectiveness, cooperation] = marks;
    const score = Math.round(((timeliness + effectiveness + cooperation) / 15) * 100);
    const data = {
      taskId,
      caseId: on.caseId,
      unitId: on.unitId,
      stationId: on.stationId,
      ratingId,
      timeliness,
      effectiveness,
      cooperation,
      score,
      comment: amends ? '复核后修改' : '报到及时',
      ...(amends ? { amendment: { amends, reason: '复核' } } : {}),
      ratedAt: at,
    };
    return this.record(streams.evaluation(taskId), { type: 'supervision.UnitResponseRated.v1', data }, stationActor(on.stationId), at, on.caseId);
  }

  rateWhistle(taskId: string, on: EvaluationPlace, justified: boolean, informationAccurate: boolean, at: string, ratingId: string): EventEnvelope {
    const data = { taskId, caseId: on.caseId, unitId: on.unitId, stationId: on.stationId, ratingId, justified, informationAccurate, comment: '吹哨合理', ratedAt: at };
    return this.record(streams.evaluation(taskId), { type: 'supervision.WhistleRated.v1', data }, unitActor(on.unitId), at, on.caseId);
  }

  registerFirm(firmId: string, name: string, compoundIds: readonly string[], at: string): EventEnvelope {
    const data = { firmId, name, creditCode: '91110105MA01ABCD1X', contact: { name: '王经理', phone: '13800000000' }, compoundIds, registeredAt: at };
    return this.record(streams.firm(firmId), { type: 'supervision.PropertyFirmRegistered.v1', data }, OFFICE, at);
  }

  changeFirm(firmId: string, change: { name?: string; compoundIds?: readonly string[] }, at: string): EventEnvelope {
    return this.record(streams.firm(firmId), { type: 'supervision.PropertyFirmChanged.v1', data: { firmId, ...change, reason: '变更', changedAt: at } }, OFFICE, at);
  }

  setWeighting(weightingId: string, effectiveFrom: string, at: string, weighting: Weighting = DEFAULT_WEIGHTING): EventEnvelope {
    const { unit, station, assessment, lists } = weighting;
    const data = { weightingId, effectiveFrom, unit, station, assessment, lists, reason: '年度调整', setAt: at };
    return this.record(streams.weighting(WEIGHTING_ID), { type: 'supervision.WeightingSet.v1', data }, OFFICE, at);
  }

  /** An assessment event of `quarter.firmId.compoundId`: its reference is filled in. */
  assessment(quarter: string, firmId: string, compoundId: string, event: DistributiveOmitRef<AssessmentEvent>, at: string, actor: Actor = OFFICE): EventEnvelope {
    const assessmentId = assessmentIdFor(quarter, firmId, compoundId);
    const ref = { assessmentId, quarter, firmId, compoundId };
    return this.record(streams.assessment(assessmentId), { type: event.type, data: { ...ref, ...event.data } } as SupervisionEvent, actor, at);
  }

  /** Every dimension scored `score` and the assessment completed with the given total and grade. */
  scoreAll(quarter: string, firmId: string, compoundId: string, score: number, at: string): void {
    for (const dimension of ASSESSMENT_DIMENSIONS) {
      this.assessment(quarter, firmId, compoundId, { type: 'supervision.DimensionScored.v1', data: { dimension, score, method: 'onsite_inspection', note: '现场督查', scoredAt: at } }, at);
    }
  }

  complete(quarter: string, firmId: string, compoundId: string, score: number, average: number, total: number, grade: AssessmentGrade, at: string): EventEnvelope {
    const dimensions = Object.fromEntries(ASSESSMENT_DIMENSIONS.map((d) => [d, score])) as Record<AssessmentDimension, number>;
    const data = { dimensions, satisfaction: { responses: 25, average }, total, grade, openFindings: 0, openDays: 0, visits: 0, weightingId: 'default', completedAt: at };
    return this.assessment(quarter, firmId, compoundId, { type: 'supervision.AssessmentCompleted.v1', data }, at);
  }

  publish(content: Omit<NoticePublished['data'], 'contentSha256' | 'publishedAt'>, at: string): EventEnvelope {
    const contentSha256 = createHash('sha256').update(canonicalJson(content)).digest('hex');
    return this.record(streams.notices(content.quarter), { type: 'supervision.NoticePublished.v1', data: { ...content, contentSha256, publishedAt: at } }, OFFICE, at);
  }
}

type DistributiveOmitRef<E> = E extends { readonly type: infer T; readonly data: infer D } ? { readonly type: T; readonly data: Omit<D, 'assessmentId' | 'quarter' | 'firmId' | 'compoundId'> } : never;
