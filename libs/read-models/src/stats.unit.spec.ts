import { computeStats, type GroupStats } from './stats';
import { CaseScript } from './testing/case-script.fixture';
import { EventLog, HOUR, MINUTE } from './testing/event-log.fixture';
import { foldCaseViews } from './testing/fold.fixture';
import { FROM, TO, statsDataSet } from './testing/stats-data-set.fixture';

const rate = (numerator: number, denominator: number) => ({ value: denominator === 0 ? null : numerator / denominator, numerator, denominator });
const noOverdue = { reportInsMissed: 0, tasksOverdue: 0 };

describe('the three rates (三率) and the counts behind them', () => {
  const views = statsDataSet();

  it('per station: cases reported in the period, the tasks on them', () => {
    expect(computeStats(views, { groupBy: 'station', from: FROM, to: TO })).toEqual<GroupStats[]>([
      {
        groupBy: 'station',
        id: 'station-north',
        cases: 3,
        tasks: 6,
        responseRate: rate(5, 6),
        resolutionRate: rate(1, 2),
        satisfactionRate: rate(1, 2),
        overdue: { reportInsMissed: 1, tasksOverdue: 0, activitiesOverdue: 1, tablingsOverdue: 1 },
        declineEscalations: 1,
        averageTimeToReportInMs: 30 * MINUTE,
        averageTimeToCloseMs: 3 * HOUR,
        sources: {
          caseIds: ['s1', 's2', 's3'],
          taskIds: ['w-s1-1.unit-jiaojing', 'w-s1-1.unit-xiaofang', 'w-s1-2.unit-jiaojing', 'w-s1-2.unit-xiaofang', 'w-s2-1.unit-jiaojing', 'w-s2-1.unit-xiaofang'],
        },
      },
      {
        groupBy: 'station',
        id: 'station-south',
        cases: 1,
        tasks: 2,
        responseRate: rate(2, 2),
        resolutionRate: rate(1, 1),
        satisfactionRate: rate(0, 0),
        overdue: { ...noOverdue, activitiesOverdue: 0, tablingsOverdue: 0 },
        declineEscalations: 0,
        averageTimeToReportInMs: 30 * MINUTE,
        averageTimeToCloseMs: 30 * MINUTE,
        sources: { caseIds: ['m1'], taskIds: ['w-m1-1.unit-chengguan', 'w-m1-1.unit-gongan'] },
      },
    ]);
  });

  it('per community: the station’s cases split by where they were reported', () => {
    const stats = computeStats(views, { groupBy: 'community', from: FROM, to: TO });
    expect(stats.map((g) => [g.id, g.sources.caseIds, g.resolutionRate, g.overdue])).toEqual([
      ['community-mingyue', ['m1'], rate(1, 1), { ...noOverdue, activitiesOverdue: 0, tablingsOverdue: 0 }],
      ['community-qinghe', ['s3'], rate(0, 0), { ...noOverdue, activitiesOverdue: 1, tablingsOverdue: 0 }],
      ['community-xinghua', ['s1', 's2'], rate(1, 2), { reportInsMissed: 1, tasksOverdue: 0, activitiesOverdue: 0, tablingsOverdue: 1 }],
    ]);
    expect(stats[1]).toMatchObject({ cases: 1, tasks: 0, responseRate: rate(0, 0), averageTimeToReportInMs: null, averageTimeToCloseMs: null });
  });

  it('per unit: tasks assigned in the period, and the cases they belong to', () => {
    const stats = computeStats(views, { groupBy: 'unit', from: FROM, to: TO });
    expect(stats.map((g) => g.id)).toEqual(['unit-chengguan', 'unit-gongan', 'unit-jiaojing', 'unit-xiaofang']);
    const [chengguan, gongan, jiaojing, xiaofang] = stats;
    expect(jiaojing).toEqual<GroupStats>({
      groupBy: 'unit',
      id: 'unit-jiaojing',
      cases: 2,
      tasks: 3,
      responseRate: rate(3, 3),
      resolutionRate: rate(2, 2),
      satisfactionRate: rate(1, 2),
      overdue: { ...noOverdue, activitiesOverdue: null, tablingsOverdue: null },
      declineEscalations: 1,
      averageTimeToReportInMs: 25 * MINUTE,
      averageTimeToCloseMs: 3 * HOUR,
      sources: { caseIds: ['s1', 's2'], taskIds: ['w-s1-1.unit-jiaojing', 'w-s1-2.unit-jiaojing', 'w-s2-1.unit-jiaojing'] },
    });
    expect(xiaofang).toMatchObject({
      cases: 2,
      tasks: 3,
      responseRate: rate(2, 3),
      overdue: { reportInsMissed: 1, tasksOverdue: 0, activitiesOverdue: null, tablingsOverdue: null },
      declineEscalations: 1,
      averageTimeToReportInMs: 35 * MINUTE,
      sources: { caseIds: ['s1', 's2'], taskIds: ['w-s1-1.unit-xiaofang', 'w-s1-2.unit-xiaofang', 'w-s2-1.unit-xiaofang'] },
    });
    expect(gongan).toMatchObject({
      tasks: 1,
      responseRate: rate(1, 1),
      resolutionRate: rate(1, 1),
      satisfactionRate: rate(0, 0),
      averageTimeToCloseMs: 30 * MINUTE,
      sources: { caseIds: ['m1'], taskIds: ['w-m1-1.unit-gongan'] },
    });
    expect(chengguan).toMatchObject({ resolutionRate: rate(0, 1), declineEscalations: 0 });
    // jiaojing's resolution rate counts a rectified outcome as resolved
    expect(views.flatMap((v) => v.tasks).filter((t) => t.outcome?.result === 'rectified').map((t) => t.taskId)).toEqual(['w-s1-2.unit-jiaojing']);
  });

  it('without a period counts everything; a group with nothing in the period does not appear', () => {
    expect(computeStats(views, { groupBy: 'station' }).map((g) => [g.id, g.cases])).toEqual([
      ['station-north', 3],
      ['station-south', 3],
    ]);
    const gongan = computeStats(views, { groupBy: 'unit' }).find((g) => g.id === 'unit-gongan');
    expect(gongan?.responseRate).toEqual(rate(1, 2));
    expect(gongan?.overdue.reportInsMissed).toBe(1);
    expect(computeStats(views, { groupBy: 'unit', from: TO })).toEqual([
      expect.objectContaining({ id: 'unit-chengguan', tasks: 1 }),
      expect.objectContaining({ id: 'unit-gongan', tasks: 1 }),
    ]);
    expect(computeStats(views, { groupBy: 'community', from: FROM, to: FROM })).toEqual([]);
  });

  it('has null rates and averages, never NaN, when nothing was there to count', () => {
    const log = new EventLog();
    new CaseScript(log, 'c1').report().whistle();
    const [unit] = computeStats([...foldCaseViews(log.envelopes).values()], { groupBy: 'unit' });
    expect(unit).toMatchObject({
      tasks: 1,
      responseRate: { value: null, numerator: 0, denominator: 0 },
      resolutionRate: { value: null, numerator: 0, denominator: 0 },
      satisfactionRate: { value: null, numerator: 0, denominator: 0 },
      averageTimeToReportInMs: null,
      averageTimeToCloseMs: null,
    });
  });
});
