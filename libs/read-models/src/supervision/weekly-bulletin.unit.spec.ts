import { CASE_VIEWS, type CaseView } from '../case-view/case-view';
import { rate } from '../stats';
import { isIsoWeek, weekBounds } from './iso-week';
import { scenarioStore } from './supervision-scenario.fixture';
import { bulletinStore, WEEK } from './weekly-bulletin.fixture';
import { weeklyBulletin } from './weekly-bulletin';

describe('ISO weeks in Beijing time', () => {
  it('runs Monday 00:00 +08:00 for seven days; week 1 holds 4 January', () => {
    expect(weekBounds('2026-W47')).toEqual({ from: '2026-11-16T00:00:00+08:00', to: '2026-11-23T00:00:00+08:00' });
    expect(weekBounds('2026-W01')).toEqual({ from: '2025-12-29T00:00:00+08:00', to: '2026-01-05T00:00:00+08:00' });
    expect(weekBounds('2026-W53')).toEqual({ from: '2026-12-28T00:00:00+08:00', to: '2027-01-04T00:00:00+08:00' });
  });

  it('knows which weeks a year has', () => {
    expect(['2026-W53', '2020-W53', '2026-W01', '2027-W52'].every(isIsoWeek)).toBe(true);
    expect(['2027-W53', '2026-W00', '2026-W54', '2026-W7', '2026W47', 'week', 202647, null].some(isIsoWeek)).toBe(false);
    expect(() => weekBounds('2027-W53')).toThrow(RangeError);
  });
});

describe('the weekly bulletin (每周工作信息)', () => {
  it('gives the week’s cases, rates, overdue counts, escalations, level-4 cases, meetings and notices', async () => {
    const store = await bulletinStore();
    const bulletin = await weeklyBulletin(store, WEEK, '2026-11-23T01:00:00.000Z');
    const views = new Map((await store.collection<CaseView>(CASE_VIEWS).find()).items.map((v) => [v.id, v]));
    const c1 = views.get('c1');
    const c2 = views.get('c2');
    const resolution = c1?.adjudication?.resolution;
    expect(bulletin).toEqual({
      week: WEEK,
      from: '2026-11-16T00:00:00+08:00',
      to: '2026-11-23T00:00:00+08:00',
      generatedAt: '2026-11-23T01:00:00.000Z',
      cases: {
        reported: 2,
        byLevel: { '1': 0, '2': 1, '3': 0, '4': 1 },
        byStatus: expect.objectContaining({ [c1!.status]: 1, [c2!.status]: 1, reported: 0, withdrawn: 0 }),
      },
      // c2's two units on time (c1's level-4 whistle summons nobody to report in); c2 closed of the two handled; one satisfied callback
      rates: { responseRate: rate(2, 2), resolutionRate: rate(1, 2), satisfactionRate: rate(1, 1) },
      overdue: { reportInsMissed: 0, tasksOverdue: 0, activitiesOverdue: 0, tablingsOverdue: 0 },
      // the station blew c1's whistle at level 4, above its category's 3
      escalations: { raised: { station: 1, office: 0, persuasion_failed: 0, all_declined: 0, joint_action_needed: 0, deadline_missed: 0 }, declineEscalations: 0 },
      level4: [{ caseId: 'c1', compoundId: 'compound-mingyue-2', category: 'uncivil_dog_keeping', status: c1!.status, adjudicationStatus: 'resolved' }],
      meetings: [
        {
          meetingId: 'm1',
          scheduledAt: expect.any(String),
          status: 'closed',
          decisions: [{ caseId: 'c1', decision: 'resolution', leadUnit: 'unit-chengguan', supportingUnits: ['unit-gongan'], measures: 'joint enforcement', deadline: resolution?.deadline }],
        },
      ],
      noticesPublished: [{ publicationId: 'P1', quarter: '2026-Q4', kind: 'results', title: '第四季度通报', red: 1, black: 1, contentSha256: expect.stringMatching(/^[0-9a-f]{64}$/) }],
    });
    expect(Object.values(bulletin.cases.byStatus).reduce((a, b) => a + b, 0)).toBe(2);
  });

  it('adds up the stations’ figures over the town: the missed report-in, the declines and the level they raised', async () => {
    const bulletin = await weeklyBulletin(await scenarioStore(), WEEK, '2026-11-23T01:00:00.000Z');
    // n1 (north): one of two units on time, resolved, satisfied, one report-in missed; s1 (south): both on time, declined into level 4, not yet resolved
    expect(bulletin).toMatchObject({
      cases: { reported: 2, byLevel: { '2': 1, '4': 1 } },
      rates: { responseRate: rate(3, 4), resolutionRate: rate(1, 2), satisfactionRate: rate(1, 1) },
      overdue: { reportInsMissed: 1, tasksOverdue: 0, activitiesOverdue: 0, tablingsOverdue: 0 },
      escalations: { raised: { all_declined: 1, station: 0 }, declineEscalations: 1 },
      level4: [{ caseId: 's1' }],
    });
  });

  it('is empty for a week with nothing in it, with every level and status counted as 0', async () => {
    const bulletin = await weeklyBulletin(await bulletinStore(), '2026-W40', '2026-11-23T01:00:00.000Z');
    expect(bulletin.cases.reported).toBe(0);
    expect(Object.values(bulletin.cases.byLevel)).toEqual([0, 0, 0, 0]);
    expect(bulletin.rates.responseRate).toEqual(rate(0, 0));
    expect([bulletin.level4, bulletin.meetings, bulletin.noticesPublished]).toEqual([[], [], []]);
  });
});
