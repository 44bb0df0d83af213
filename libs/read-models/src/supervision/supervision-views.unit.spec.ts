import type { EventEnvelope } from '@whistle/kernel';
import { caseViewProjector } from '../case-view/case-view.projector';
import { evolveCaseView } from '../case-view/case-view.evolve';
import { CASE_VIEWS, type CaseView } from '../case-view/case-view';
import { DocumentCache } from '../document-cache';
import { InMemoryReadModelStore } from '../memory/in-memory-read-model-store';
import type { ReadModelDocument, ReadModelStore } from '../read-model-store.port';
import { byStream, interleave } from '../testing/event-log.fixture';
import { evolveEvaluationView } from './evaluation-view.evolve';
import { ASSESSMENT, COMPOUND, FIRM, QUARTER, supervisionScenario } from './supervision-scenario.fixture';
import { SupervisionLog } from './supervision-log.fixture';
import { supervisionProjector } from './supervision.projector';
import { ASSESSMENT_VIEWS, EVALUATION_VIEWS, FIRM_VIEWS, NOTICE_VIEWS, SUPERVISION_COLLECTIONS, WEIGHTING_VIEWS, type EvaluationView } from './supervision-views';

async function everything(store: ReadModelStore): Promise<Record<string, ReadModelDocument[]>> {
  const out: Record<string, ReadModelDocument[]> = {};
  for (const name of SUPERVISION_COLLECTIONS) out[name] = (await store.collection(name).find({ sort: [{ field: 'id', order: 'asc' }] })).items;
  return out;
}

async function projected(events: readonly EventEnvelope[]): Promise<InMemoryReadModelStore> {
  const store = new InMemoryReadModelStore();
  for (const e of events) await supervisionProjector.project(store, e);
  return store;
}

describe('supervision’s read side (监督考核)', () => {
  const scenario = supervisionScenario();
  const { jiaojing, gongan } = scenario.taskIds;

  it('keeps a task’s evaluation with each direction’s current rating and its history', async () => {
    const store = await projected(scenario.envelopes);
    const view = await store.collection<EvaluationView>(EVALUATION_VIEWS).get(jiaojing);
    const stream = scenario.envelopes.filter((e) => e.streamId === `evaluation-${jiaojing}`);
    const [opened, first, whistle, amended] = stream;
    expect(stream.map((e) => e.type)).toEqual(['supervision.EvaluationOpened.v1', 'supervision.UnitResponseRated.v1', 'supervision.WhistleRated.v1', 'supervision.UnitResponseRated.v1']);
    const { whistleId, endedAt, openedAt } = opened!.data as { whistleId: string; endedAt: string; openedAt: string };
    const station = { ratedBy: 'station-north-clerk', timeliness: 4, effectiveness: 4, cooperation: 4, score: 80, comment: '复核后修改' };
    expect(view).toEqual<EvaluationView>({
      id: jiaojing,
      version: 4,
      revisions: [{ streamId: `evaluation-${jiaojing}`, revision: 3 }],
      taskId: jiaojing,
      caseId: 'n1',
      whistleId,
      unitId: 'unit-jiaojing',
      stationId: 'station-north',
      ending: 'outcome',
      result: 'resolved',
      endedAt,
      openedAt,
      quarter: QUARTER,
      unitRating: { ratingId: 'r2', eventId: amended!.eventId, ...station, amendment: { amends: 'r1', reason: '复核' }, ratedAt: amended!.occurredAt },
      unitRatings: [
        { ratingId: 'r1', eventId: first!.eventId, ratedBy: 'station-north-clerk', timeliness: 5, effectiveness: 5, cooperation: 5, score: 100, comment: '报到及时', ratedAt: first!.occurredAt },
        { ratingId: 'r2', eventId: amended!.eventId, ...station, amendment: { amends: 'r1', reason: '复核' }, ratedAt: amended!.occurredAt },
      ],
      whistleRating: { ratingId: 'r5', eventId: whistle!.eventId, justified: true, informationAccurate: true, comment: '吹哨合理', ratedAt: whistle!.occurredAt, ratedBy: 'unit-jiaojing-officer' },
      whistleRatings: [{ ratingId: 'r5', eventId: whistle!.eventId, justified: true, informationAccurate: true, comment: '吹哨合理', ratedAt: whistle!.occurredAt, ratedBy: 'unit-jiaojing-officer' }],
      awaiting: [],
    });
    expect(await store.collection<EvaluationView>(EVALUATION_VIEWS).get(gongan)).toMatchObject({ ending: 'declined', result: null, awaiting: ['unit'], unitRating: { score: 33 } });
    // xiaofang's evaluation opened when it missed its report-in, and stays as it was opened
    expect(await store.collection<EvaluationView>(EVALUATION_VIEWS).get(scenario.taskIds.xiaofang)).toMatchObject({ ending: 'report_in_missed', result: null, unitRating: { score: 60 } });
    expect(await store.collection<EvaluationView>(EVALUATION_VIEWS).get('old.unit-jiaojing')).toMatchObject({ quarter: '2026-Q3' });
  });

  it('keeps a firm with its changes and its credit record from every notice that published it', async () => {
    const store = await projected(scenario.envelopes);
    const changed = scenario.supervision.envelopes.find((e) => e.type === 'supervision.PropertyFirmChanged.v1')!;
    expect(await store.collection(FIRM_VIEWS).get(FIRM)).toMatchObject({
      name: '绿苑物业服务有限公司',
      creditCode: '91110105MA01ABCD1X',
      contact: { name: '王经理', phone: '13800000000' },
      compoundIds: [COMPOUND],
      registeredAt: '2026-10-08T02:00:00.000Z',
      changes: [{ reason: '变更', changedAt: '2026-10-09T02:00:00.000Z', eventId: changed.eventId }],
      credit: [
        { publicationId: 'P1', quarter: QUARTER, kind: 'results', averageTotal: 91.32, list: 'red', reason: '平均得分不低于90且无逾期未整改问题', grades: [{ compoundId: COMPOUND, total: 91.32, grade: 'excellent' }], publishedAt: '2026-12-06T02:00:00.000Z' },
        { publicationId: 'P2', kind: 'correction', list: 'red', publishedAt: '2026-12-07T02:00:00.000Z' },
      ],
    });
  });

  it('keeps an assessment’s dimensions, findings, residents’ satisfaction, questionnaires, logs and result', async () => {
    const store = await projected(scenario.envelopes);
    const view = await store.collection(ASSESSMENT_VIEWS).get(ASSESSMENT);
    expect(view).toMatchObject({
      quarter: QUARTER,
      firmId: FIRM,
      compoundId: COMPOUND,
      communityId: 'community-mingyue',
      stationId: 'station-south',
      status: 'completed',
      dimensions: { safety: { score: 90, method: 'onsite_inspection', note: '现场督查', scoredAt: '2026-12-02T02:00:00.000Z' } },
      findings: [
        { findingId: 'f1', dimension: 'safety', status: 'rectified', note: '已清理', verifiedAt: '2026-12-03T02:00:00.000Z' },
        { findingId: 'f2', dimension: 'sanitation', status: 'open', note: null, verifiedAt: null },
      ],
      // (24 × 95 + 80) / 25
      satisfaction: { responses: 25, average: 94.4, bySource: { station: 24, questionnaire: 1 } },
      scoreSum: 2360,
      questionnaires: [{ questionnaireId: 'q1', expiresAt: '2026-12-30T02:00:00.000Z', maxResponses: 200, responses: 1 }],
      openDays: [{ logId: 'l1', attendance: 40 }],
      visits: [{ logId: 'l2', households: 12 }],
      result: { total: 91.32, grade: 'excellent' },
    });
  });

  it('counts a questionnaire’s answers for the questionnaire they name, else for the latest issued', async () => {
    const log = new SupervisionLog();
    const at = '2026-12-01T02:00:00.000Z';
    const on = (event: Parameters<SupervisionLog['assessment']>[3]) => log.assessment(QUARTER, FIRM, COMPOUND, event, at);
    on({ type: 'supervision.AssessmentOpened.v1', data: { communityId: 'community-mingyue', stationId: 'station-south', openedAt: at } });
    for (const questionnaireId of ['q1', 'q2']) on({ type: 'supervision.QuestionnaireIssued.v1', data: { questionnaireId, tokenSha256: questionnaireId.repeat(32), expiresAt: '2026-12-30T00:00:00.000Z', maxResponses: 200, issuedAt: at } });
    on({ type: 'supervision.SatisfactionScored.v1', data: { entryId: 'e1', scores: [60], source: 'questionnaire', questionnaireId: 'q1', recordedAt: at } });
    on({ type: 'supervision.SatisfactionScored.v1', data: { entryId: 'e2', scores: [100], source: 'questionnaire', recordedAt: at } });
    on({ type: 'supervision.SatisfactionScored.v1', data: { entryId: 'e3', scores: [70, 80], source: 'station', recordedAt: at } });
    const view = await (await projected(log.envelopes)).collection(ASSESSMENT_VIEWS).get(ASSESSMENT);
    expect(view).toMatchObject({
      questionnaires: [{ questionnaireId: 'q1', responses: 1 }, { questionnaireId: 'q2', responses: 1 }],
      satisfaction: { responses: 4, average: 77.5, bySource: { station: 2, questionnaire: 2 } },
    });
  });

  it('keeps the weightings in the order set, and each notice with the later ones that correct it', async () => {
    const store = await projected(scenario.envelopes);
    const weighting = await store.collection<ReadModelDocument & { history: { weightingId: string }[] }>(WEIGHTING_VIEWS).get('office');
    expect(weighting?.history.map((w) => w.weightingId)).toEqual(['w-2026q4', 'w-2027q1']);
    const p1 = scenario.supervision.envelopes.find((e) => e.type === 'supervision.NoticePublished.v1')!;
    expect(await store.collection(NOTICE_VIEWS).get('P1')).toMatchObject({ kind: 'results', correctedBy: ['P2'], eventId: p1.eventId, hash: p1.hash, contentSha256: (p1.data as { contentSha256: string }).contentSha256 });
    expect(await store.collection(NOTICE_VIEWS).get('P2')).toMatchObject({ kind: 'correction', corrects: 'P1', correctedBy: [] });
  });

  it('changes nothing on a redelivery, one event at a time or in batches, in any order of the streams', async () => {
    const once = await everything(await projected(scenario.envelopes));
    expect(await everything(await projected(scenario.envelopes.flatMap((e) => [e, e])))).toEqual(once);
    const batched = new InMemoryReadModelStore();
    const cache = new DocumentCache();
    await supervisionProjector.projectBatch(batched, scenario.envelopes, cache);
    await supervisionProjector.projectBatch(batched, scenario.envelopes.slice(10), new DocumentCache());
    expect(await everything(batched)).toEqual(once);
    for (const seed of [1, 7, 42]) {
      expect(await everything(await projected(interleave(byStream(scenario.envelopes.filter((e) => e.type.startsWith('supervision.'))), seed)))).toEqual(once);
    }
  });

  it('leaves the case views as they are but for noting the evaluations in their record, and takes nothing from the cases’ events', async () => {
    const without = new InMemoryReadModelStore();
    const withEvaluations = new InMemoryReadModelStore();
    for (const e of scenario.envelopes) {
      if (!e.streamId.startsWith('evaluation-')) await caseViewProjector.project(without, e);
      await caseViewProjector.project(withEvaluations, e);
    }
    const content = async (store: InMemoryReadModelStore) =>
      (await store.collection<CaseView>(CASE_VIEWS).getMany(['n1', 's1'])).map(({ version: _v, revisions: _r, updatedAt: _u, ...view }) => view);
    expect(await content(withEvaluations)).toEqual(await content(without));
    const n1 = await withEvaluations.collection<CaseView>(CASE_VIEWS).get('n1');
    expect(n1?.revisions.map((r) => r.streamId)).toEqual(expect.arrayContaining([`evaluation-${jiaojing}`]));
    const rated = scenario.envelopes.find((e) => e.type === 'supervision.UnitResponseRated.v1')!;
    expect(evolveCaseView(n1, rated)).toBe(n1);
    const published = scenario.envelopes.find((e) => e.type === 'supervision.NoticePublished.v1')!;
    expect(evolveCaseView(undefined, published)).toBeUndefined();
    expect(evolveEvaluationView(undefined, scenario.cases[0]!)).toBeUndefined();
    const caseEvents = scenario.envelopes.filter((e) => !e.type.startsWith('supervision.'));
    expect(await everything(await projected(caseEvents))).toEqual(Object.fromEntries(SUPERVISION_COLLECTIONS.map((c) => [c, []])));
  });
});
