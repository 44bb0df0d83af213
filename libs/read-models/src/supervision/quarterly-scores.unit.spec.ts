import { quarterBounds } from '@whistle/contracts';
import { CASE_VIEWS, type CaseView } from '../case-view/case-view';
import { computeStats, rate } from '../stats';
import { quarterlyScores, type ScoreGroup } from './quarterly-scores';
import { QUARTER, STATION_WEIGHTS, scenarioStore, supervisionScenario } from './supervision-scenario.fixture';

const none = rate(0, 0);

describe('the quarterly scores (季度考核)', () => {
  const { taskIds } = supervisionScenario();

  it('of the units, computed by hand: the three rates, the stations’ current ratings, the default weighting and the penalties', async () => {
    const store = await scenarioStore();
    const scores = await quarterlyScores(store, QUARTER, 'unit');
    expect(scores).toMatchObject({ quarter: QUARTER, ...quarterBounds(QUARTER), groupBy: 'unit' });
    // No unit weights were set apart from the default's: 0.25 each, 2 points per lapse, 5 per decline escalation.
    expect(scores.weighting).toEqual({ weightingId: 'w-2026q4', effectiveFrom: QUARTER, responseRate: 0.25, resolutionRate: 0.25, satisfactionRate: 0.25, stationRating: 0.25, overduePenalty: 2, escalationPenalty: 5 });
    const byId = Object.fromEntries(scores.groups.map((g) => [g.id, g]));
    // jiaojing: (100 + 100 + 100 + 80 (the amended rating, not the first 100 nor the 2026-Q3 one)) / 4 = 95
    expect(byId['unit-jiaojing']).toMatchObject<Partial<ScoreGroup>>({
      rank: 1,
      score: 95,
      parts: { responseRate: rate(1, 1), resolutionRate: rate(1, 1), satisfactionRate: rate(1, 1), rating: { value: 80, count: 1, evaluationIds: [taskIds.jiaojing] } },
      penalty: 0,
      sources: { caseIds: ['n1'], taskIds: [taskIds.jiaojing], evaluationIds: [taskIds.jiaojing] },
    });
    // chengguan: only its response rate (100) has a value; less 5 for the escalation its decline caused = 95, equal to jiaojing
    expect(byId['unit-chengguan']).toMatchObject({ rank: 1, score: 95, parts: { responseRate: rate(1, 1), resolutionRate: none, satisfactionRate: none, rating: { value: null, count: 0 } }, declineEscalations: 1, penalty: 5 });
    // xiaofang: (0 + 100 + 100 + 60) / 4 = 65, less 2 for its missed report-in = 63
    expect(byId['unit-xiaofang']).toMatchObject({ rank: 3, score: 63, parts: { responseRate: rate(0, 1), rating: { value: 60 } }, overdue: { reportInsMissed: 1 }, penalty: 2 });
    // gongan: (100 + 33) / 2 over the two parts that have a value = 66.5, less 5 = 61.5
    expect(byId['unit-gongan']).toMatchObject({ rank: 4, score: 61.5, parts: { rating: { value: 33, count: 1 } }, penalty: 5 });
    expect(scores.groups.map((g) => g.id)).toEqual(['unit-chengguan', 'unit-jiaojing', 'unit-xiaofang', 'unit-gongan']);
  });

  it('of the stations, under the weighting set for the quarter: the units’ ratings of the whistles, 50 for justified and 50 for accurate', async () => {
    const store = await scenarioStore();
    const scores = await quarterlyScores(store, QUARTER, 'station');
    expect(scores.weighting).toEqual({ weightingId: 'w-2026q4', effectiveFrom: QUARTER, ...STATION_WEIGHTS });
    const [first, second] = scores.groups;
    // north: 0.4 × 50 + 0.2 × 100 + 0.2 × 100 + 0.2 × 75 = 75, less 3 for the missed report-in = 72
    expect(first).toMatchObject({
      id: 'station-north',
      rank: 1,
      score: 72,
      parts: { responseRate: rate(1, 2), resolutionRate: rate(1, 1), satisfactionRate: rate(1, 1), rating: { value: 75, count: 2 } },
      penalty: 3,
      cases: 1,
      tasks: 2,
    });
    expect(first?.sources.evaluationIds).toEqual([taskIds.jiaojing, taskIds.xiaofang].sort());
    // south: (0.4 × 100 + 0.2 × 0) / 0.6 = 66.67; nobody rated its whistle and nobody was called back
    expect(second).toMatchObject({ id: 'station-south', rank: 2, score: 66.67, parts: { responseRate: rate(2, 2), resolutionRate: rate(0, 1), satisfactionRate: none, rating: { value: null, count: 0 } }, penalty: 0 });
  });

  it('takes its rates, overdue counts and escalations exactly from the stats of the quarter', async () => {
    const store = await scenarioStore();
    const views = (await store.collection<CaseView>(CASE_VIEWS).find()).items;
    for (const groupBy of ['unit', 'station'] as const) {
      const stats = computeStats(views, { groupBy, ...quarterBounds(QUARTER) });
      const scores = await quarterlyScores(store, QUARTER, groupBy);
      for (const s of stats) {
        const group = scores.groups.find((g) => g.id === s.id);
        expect(group).toMatchObject({ parts: { responseRate: s.responseRate, resolutionRate: s.resolutionRate, satisfactionRate: s.satisfactionRate }, overdue: s.overdue, declineEscalations: s.declineEscalations, cases: s.cases, tasks: s.tasks, sources: s.sources });
      }
    }
  });

  it('counts only the quarter’s evaluations: in 2026-Q3 jiaojing has its one old rating and no rates', async () => {
    const store = await scenarioStore();
    const scores = await quarterlyScores(store, '2026-Q3', 'unit');
    expect(scores.weighting.weightingId).toBe('default');
    expect(scores.groups).toEqual([expect.objectContaining({ id: 'unit-jiaojing', rank: 1, score: 20, parts: expect.objectContaining({ rating: { value: 20, count: 1, evaluationIds: ['old.unit-jiaojing'] } }) })]);
    expect((await quarterlyScores(store, '2027-Q1', 'station')).groups).toEqual([]);
  });
});
