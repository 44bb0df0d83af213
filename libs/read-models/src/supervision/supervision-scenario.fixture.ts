import { ASSESSMENT_DIMENSIONS, DEFAULT_WEIGHTING, streams, type AssessmentDimension } from '@whistle/contracts';
import type { Actor, EventEnvelope } from '@whistle/kernel';
import { caseViewProjector } from '../case-view/case-view.projector';
import { DocumentCache } from '../document-cache';
import { InMemoryReadModelStore } from '../memory/in-memory-read-model-store';
import type { ReadModelStore } from '../read-model-store.port';
import { CaseScript, MINGYUE } from '../testing/case-script.fixture';
import { EventLog, HOUR, MINUTE } from '../testing/event-log.fixture';
import { SupervisionLog, type EvaluationPlace } from './supervision-log.fixture';
import { supervisionProjector } from './supervision.projector';

export const QUARTER = '2026-Q4';
export const FIRM = 'firm-lvyuan';
export const COMPOUND = 'compound-mingyue-2';
export const ASSESSMENT = `${QUARTER}.${FIRM}.${COMPOUND}`;
/** The station weights the office set for 2026-Q4 (a later setting for 2027-Q1 is not in force for it). */
export const STATION_WEIGHTS = { responseRate: 0.4, resolutionRate: 0.2, satisfactionRate: 0.2, whistleRating: 0.2, overduePenalty: 3 };

export interface SupervisionScenario {
  /** the cases' events then supervision's, each stream in its order */
  readonly envelopes: EventEnvelope[];
  readonly cases: EventEnvelope[];
  readonly supervision: SupervisionLog;
  readonly taskIds: { readonly jiaojing: string; readonly xiaofang: string; readonly gongan: string; readonly chengguan: string };
}

/**
 * A quarter small enough to compute by hand (supervision.unit.spec.ts does):
 * - n1 (station-north, level 2) at T0: jiaojing reports in after 10 min, xiaofang misses its
 *   report-in and comes after 40; both resolve; the reporter is satisfied.
 * - s1 (station-south, level 3) an hour later: gongan and chengguan report in on time and both
 *   decline, which raises the case to level 4.
 * - the evaluations, which the town opens as each task ends: the station rates jiaojing 5/5/5,
 *   then amends it to 4/4/4 (80); xiaofang 3/3/3 (60); gongan 1/2/2 (33); chengguan not at all.
 *   jiaojing rates the whistle justified and accurate (100), xiaofang justified but not accurate
 *   (50). An evaluation of jiaojing that ended in 2026-Q3 (20, sealed by hand) is not the quarter's.
 * - firm-lvyuan serves compound-mingyue-2; its 2026-Q4 assessment is filled in and completed
 *   (91.5, excellent); notice P1 publishes it on the red list; P2 corrects P1.
 */
export function supervisionScenario(): SupervisionScenario {
  const log = new EventLog();
  const s = new SupervisionLog();
  const n1 = new CaseScript(log, 'n1').report().whistle();
  log.advance(10 * MINUTE);
  n1.reportIn('unit-jiaojing');
  log.advance(21 * MINUTE);
  n1.missReportIn('unit-xiaofang');
  log.advance(9 * MINUTE);
  n1.reportIn('unit-xiaofang');
  const jiaojing = n1.taskId('unit-jiaojing');
  const xiaofang = n1.taskId('unit-xiaofang');
  for (const unit of ['unit-jiaojing', 'unit-xiaofang']) n1.accept(unit).act(unit).outcome(unit);
  n1.callback('satisfied');

  log.advance(20 * MINUTE);
  const s1 = new CaseScript(log, 's1', MINGYUE).report().whistle();
  log.advance(5 * MINUTE);
  const gongan = s1.taskId('unit-gongan');
  const chengguan = s1.taskId('unit-chengguan');
  s1.reportIn('unit-gongan').reportIn('unit-chengguan').decline('unit-gongan').decline('unit-chengguan');

  const at = (ms: number) => new Date(Date.parse(log.now) + ms).toISOString();
  // The town opened each task's evaluation when it ended; the ratings are commands on those streams.
  const station = (stationId: string): Actor => ({ id: `${stationId}-clerk`, role: 'station', stationId });
  const unit = (unitId: string): Actor => ({ id: `${unitId}-officer`, role: 'unit', unitId });
  const rateUnit = (taskId: string, stationId: string, [timeliness, effectiveness, cooperation]: [number, number, number], ratingId: string, amends?: string) =>
    log.world.run(
      streams.evaluation(taskId),
      { type: 'RateUnitResponse', ratingId, timeliness, effectiveness, cooperation, comment: amends ? '复核后修改' : '报到及时', ...(amends ? { amendment: { amends, reason: '复核' } } : {}), now: log.now },
      station(stationId),
    );
  const rateWhistle = (taskId: string, unitId: string, justified: boolean, informationAccurate: boolean, ratingId: string) =>
    log.world.run(streams.evaluation(taskId), { type: 'RateWhistle', ratingId, justified, informationAccurate, comment: '吹哨合理', now: log.now }, unit(unitId));
  log.advance(2 * HOUR);
  rateUnit(jiaojing, 'station-north', [5, 5, 5], 'r1');
  rateUnit(xiaofang, 'station-north', [3, 3, 3], 'r3');
  rateUnit(gongan, 'station-south', [1, 2, 2], 'r4');
  rateWhistle(jiaojing, 'unit-jiaojing', true, true, 'r5');
  rateWhistle(xiaofang, 'unit-xiaofang', true, false, 'r6');
  log.advance(HOUR);
  rateUnit(jiaojing, 'station-north', [4, 4, 4], 'r2', 'r1');

  const old: EvaluationPlace = { caseId: 'old', unitId: 'unit-jiaojing', stationId: 'station-north', endedAt: '2026-09-30T15:00:00.000Z' };
  s.open('old.unit-jiaojing', old);
  s.rateUnit('old.unit-jiaojing', old, [1, 1, 1], '2026-10-02T00:00:00.000Z', 'r0');
  s.setWeighting('w-2026q4', QUARTER, at(HOUR), { ...DEFAULT_WEIGHTING, station: STATION_WEIGHTS });
  s.setWeighting('w-2027q1', '2027-Q1', at(HOUR + MINUTE), { ...DEFAULT_WEIGHTING, station: { ...STATION_WEIGHTS, responseRate: 0.1, whistleRating: 0.5 } });

  s.registerFirm(FIRM, '绿苑物业', [COMPOUND], '2026-10-08T02:00:00.000Z');
  s.changeFirm(FIRM, { name: '绿苑物业服务有限公司' }, '2026-10-09T02:00:00.000Z');
  const day = (d: number) => `2026-12-${String(d).padStart(2, '0')}T02:00:00.000Z`;
  s.assessment(QUARTER, FIRM, COMPOUND, { type: 'supervision.AssessmentOpened.v1', data: { communityId: 'community-mingyue', stationId: 'station-south', openedAt: day(1) } }, day(1));
  s.scoreAll(QUARTER, FIRM, COMPOUND, 90, day(2));
  s.assessment(QUARTER, FIRM, COMPOUND, { type: 'supervision.FindingRecorded.v1', data: { findingId: 'f1', dimension: 'safety', description: '消防通道堆物', rectifyBy: day(10), recordedAt: day(2) } }, day(2));
  s.assessment(QUARTER, FIRM, COMPOUND, { type: 'supervision.FindingRecorded.v1', data: { findingId: 'f2', dimension: 'sanitation', description: '垃圾清运不及时', rectifyBy: day(20), recordedAt: day(2) } }, day(2));
  s.assessment(QUARTER, FIRM, COMPOUND, { type: 'supervision.FindingRectified.v1', data: { findingId: 'f1', note: '已清理', verifiedAt: day(3) } }, day(3));
  s.assessment(QUARTER, FIRM, COMPOUND, { type: 'supervision.SatisfactionScored.v1', data: { entryId: 'e1', scores: Array.from({ length: 24 }, () => 95), source: 'station', recordedAt: day(3) } }, day(3));
  s.assessment(QUARTER, FIRM, COMPOUND, { type: 'supervision.QuestionnaireIssued.v1', data: { questionnaireId: 'q1', tokenSha256: 'b'.repeat(64), expiresAt: day(30), maxResponses: 200, issuedAt: day(3) } }, day(3));
  s.assessment(QUARTER, FIRM, COMPOUND, { type: 'supervision.SatisfactionScored.v1', data: { entryId: 'e2', scores: [80], source: 'questionnaire', recordedAt: day(4) } }, day(4));
  s.assessment(QUARTER, FIRM, COMPOUND, { type: 'supervision.OpenDayLogged.v1', data: { logId: 'l1', heldAt: day(4), attendance: 40, note: '物业开放日', loggedAt: day(4) } }, day(4));
  s.assessment(QUARTER, FIRM, COMPOUND, { type: 'supervision.DoorToDoorVisitLogged.v1', data: { logId: 'l2', visitedAt: day(4), households: 12, note: '入户走访', loggedAt: day(4) } }, day(4));
  s.complete(QUARTER, FIRM, COMPOUND, 90, 94.4, 91.32, 'excellent', day(5));
  const result = { assessmentId: ASSESSMENT, firmId: FIRM, firmName: '绿苑物业服务有限公司', compoundId: COMPOUND, total: 91.32, grade: 'excellent' as const, dimensions: Object.fromEntries(ASSESSMENT_DIMENSIONS.map((d) => [d, 90])) as Record<AssessmentDimension, number>, satisfaction: { responses: 25, average: 94.4 }, openFindings: 1 };
  const red = { firmId: FIRM, firmName: '绿苑物业服务有限公司', averageTotal: 91.32, reason: '平均得分不低于90且无逾期未整改问题' };
  s.publish({ publicationId: 'P1', quarter: QUARTER, kind: 'results', title: '2026年第四季度物业服务测评通报', summary: '测评结果', results: [result], redList: [red], blackList: [], weightingId: 'w-2026q4' }, day(6));
  s.publish({ publicationId: 'P2', quarter: QUARTER, kind: 'correction', corrects: 'P1', reason: '更正标题', title: '2026年第四季度物业服务测评通报（更正）', summary: '测评结果', results: [result], redList: [red], blackList: [], weightingId: 'w-2026q4' }, day(7));

  const cases = log.envelopes;
  return { envelopes: [...cases, ...s.envelopes], cases, supervision: s, taskIds: { jiaojing, xiaofang, gongan, chengguan } };
}

/** The scenario's case views and supervision views in one store, as the query service keeps them. */
export async function scenarioStore<S extends ReadModelStore = InMemoryReadModelStore>(store: S = new InMemoryReadModelStore() as unknown as S): Promise<S> {
  const { envelopes } = supervisionScenario();
  const cache = new DocumentCache();
  await caseViewProjector.projectBatch(store, envelopes, cache);
  await supervisionProjector.projectBatch(store, envelopes, cache);
  return store;
}
