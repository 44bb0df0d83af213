import { LEVEL_CHANGE_TRIGGERS, LEVELS, type LevelChangeTrigger } from '@whistle/contracts';
import { CASE_STATUSES, CASE_VIEWS, type CaseStatus, type CaseView } from '../case-view/case-view';
import { MEETING_VIEWS, type MeetingStatus, type MeetingView } from '../meeting-view/meeting-view';
import type { Condition, ReadModelStore } from '../read-model-store.port';
import { rate, type OverdueCounts, type Rate } from '../stats';
import { computeTrends, type FigureTotals } from '../stats-trends';
import { weekBounds } from './iso-week';
import { noticesPublished } from './supervision-queries';
import type { NoticeView } from './supervision-views';

export interface BulletinDecision {
  readonly caseId: string;
  readonly decision: 'resolution' | 'deferred';
  readonly leadUnit?: string;
  readonly supportingUnits?: readonly string[];
  readonly measures?: string;
  readonly deadline?: string;
  readonly reason?: string;
}

/** The weekly bulletin (每周工作信息) of one ISO week, Monday 00:00 Beijing time, seven days. */
export interface WeeklyBulletin {
  readonly week: string;
  readonly from: string;
  readonly to: string;
  readonly generatedAt: string;
  /** the cases reported in the week */
  readonly cases: { readonly reported: number; readonly byLevel: Readonly<Record<string, number>>; readonly byStatus: Readonly<Record<CaseStatus, number>> };
  /** the stations' figures for the cases reported in the week (the dashboard's), added up over the town */
  readonly rates: { readonly responseRate: Rate; readonly resolutionRate: Rate; readonly satisfactionRate: Rate };
  readonly overdue: OverdueCounts;
  readonly escalations: { readonly raised: Readonly<Record<LevelChangeTrigger, number>>; readonly declineEscalations: number };
  /** the cases at level 4 during the week: reported before its end, at level 4 now, not closed before it began */
  readonly level4: readonly { readonly caseId: string; readonly compoundId: string | null; readonly category: string | null; readonly status: CaseStatus; readonly adjudicationStatus: string | null }[];
  /** the joint meetings (联席会议) scheduled in the week, with what they decided */
  readonly meetings: readonly { readonly meetingId: string; readonly scheduledAt: string; readonly status: MeetingStatus; readonly decisions: readonly BulletinDecision[] }[];
  readonly noticesPublished: readonly {
    readonly publicationId: string;
    readonly quarter: string;
    readonly kind: NoticeView['kind'];
    readonly title: string;
    readonly red: number;
    readonly black: number;
    readonly contentSha256: string;
  }[];
}

export async function weeklyBulletin(store: ReadModelStore, week: string, generatedAt: string): Promise<WeeklyBulletin> {
  const { from, to } = weekBounds(week);
  const utc = (instant: string) => new Date(instant).toISOString();
  const period: Condition = { $gte: utc(from), $lt: utc(to) };
  const views = store.collection<CaseView>(CASE_VIEWS);
  const [byLevelAndStatus, trends, level4, meetings, notices] = await Promise.all([
    views.tally({ where: { reportedAt: period }, by: ['level', 'status'] }),
    computeTrends(store, { groupBy: 'station', bounds: [utc(from), utc(to)] }),
    views.find({ where: { level: 4, reportedAt: { $lt: utc(to) } }, sort: [{ field: 'reportedAt', order: 'asc' }] }),
    store.collection<MeetingView>(MEETING_VIEWS).find({ where: { scheduledAt: period }, sort: [{ field: 'scheduledAt', order: 'asc' }] }),
    noticesPublished(store, period),
  ]);
  const byLevel: Record<string, number> = Object.fromEntries(LEVELS.map((l) => [String(l), 0]));
  const byStatus = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
  let reported = 0;
  for (const row of byLevelAndStatus) {
    reported += row.count;
    if (typeof row.key[0] === 'number') byLevel[String(row.key[0])] = (byLevel[String(row.key[0])] ?? 0) + row.count;
    const status = row.key[1] as CaseStatus;
    if (status in byStatus) byStatus[status] += row.count;
  }
  const totals = summed(trends.groups.map((g) => g.totals));
  return {
    week,
    from,
    to,
    generatedAt,
    cases: { reported, byLevel, byStatus },
    rates: { responseRate: totals.responseRate, resolutionRate: totals.resolutionRate, satisfactionRate: totals.satisfactionRate },
    overdue: totals.overdue,
    escalations: { raised: totals.raised, declineEscalations: totals.declineEscalations },
    level4: level4.items
      .filter((c) => c.closedAt === null || Date.parse(c.closedAt) >= Date.parse(from))
      .map((c) => ({ caseId: c.id, compoundId: c.compoundId, category: c.category, status: c.status, adjudicationStatus: c.adjudication?.status ?? null })),
    meetings: meetings.items.map((m) => ({ meetingId: m.id, scheduledAt: m.scheduledAt, status: m.status, decisions: m.agenda.flatMap((item) => decisionOf(item.caseId, item.decision)) })),
    noticesPublished: notices.map((n) => ({
      publicationId: n.id,
      quarter: n.quarter,
      kind: n.kind,
      title: n.title,
      red: n.redList.length,
      black: n.blackList.length,
      contentSha256: n.contentSha256,
    })),
  };
}

/** The stations' figures added up over the town: each rate's numerators and denominators, each count. */
function summed(stations: readonly FigureTotals[]) {
  const add = (pick: (t: FigureTotals) => number | null) => stations.reduce((sum, t) => sum + (pick(t) ?? 0), 0);
  const rateOf = (pick: (t: FigureTotals) => Rate) => rate(add((t) => pick(t).numerator), add((t) => pick(t).denominator));
  return {
    responseRate: rateOf((t) => t.responseRate),
    resolutionRate: rateOf((t) => t.resolutionRate),
    satisfactionRate: rateOf((t) => t.satisfactionRate),
    overdue: {
      reportInsMissed: add((t) => t.overdue.reportInsMissed),
      tasksOverdue: add((t) => t.overdue.tasksOverdue),
      activitiesOverdue: add((t) => t.overdue.activitiesOverdue),
      tablingsOverdue: add((t) => t.overdue.tablingsOverdue),
    },
    declineEscalations: add((t) => t.declineEscalations),
    raised: Object.fromEntries(LEVEL_CHANGE_TRIGGERS.map((trigger) => [trigger, add((t) => t.raised?.[trigger] ?? 0)])) as Record<LevelChangeTrigger, number>,
  };
}

function decisionOf(caseId: string, decision: MeetingView['agenda'][number]['decision']): BulletinDecision[] {
  if (decision?.kind === 'resolution') {
    const { leadUnit, supportingUnits, measures, deadline } = decision;
    return [{ caseId, decision: 'resolution', leadUnit, supportingUnits, measures, deadline }];
  }
  if (decision?.kind === 'deferral') return [{ caseId, decision: 'deferred', reason: decision.reason }];
  return [];
}
