import type { CaseView } from '../case-view/case-view';
import { CaseScript, MINGYUE, XINGHUA } from './case-script.fixture';
import { clockDayCatalogue, EventLog, HOUR, MINUTE, T0 } from './event-log.fixture';
import { foldCaseViews } from './fold.fixture';

const DAY = 24 * HOUR;
const B = Date.parse(T0) + HOUR;
export const FROM = new Date(B).toISOString();
export const TO = new Date(B + 10 * DAY).toISOString();
const QINGHE = { ...XINGHUA, compoundId: 'compound-qinghe-1', communityId: 'community-qinghe' };

/**
 * The hand-computed data set, period [B, B + 10 days), with the deadlines in days on the clock
 * (`clockDayCatalogue`): s2's tabling, seven working days, would lapse after the period.
 * - m2 (south) before the period, m3 (south) at its end: neither counted.
 * - s1 (north, xinghua): level 2 at B; jiaojing reports in after 10 min, xiaofang misses its
 *   30 min and reports in after 40; both resolve. A dissatisfied callback reopens it; a second
 *   round at B+2h, both in after 5 min; jiaojing orders a rectification (限期整改) in 30 min,
 *   checks it then and records rectified, xiaofang resolved; basically satisfied; closed at B+3h.
 * - s2 (north, xinghua): level 3 at B+1d; both report in after 1h and decline: raised to 4 by
 *   all_declined; its tabling is overdue.
 * - m1 (south, mingyue): level 3 at B+1d; both in after 30 min; gongan resolved, chengguan
 *   unresolved; the reporter unreachable; closed at B+1d+30m.
 * - s3 (north, qinghe): level 1 at B+2d; the activity is overdue; withdrawn.
 */
export function statsDataSet(): CaseView[] {
  const log = new EventLog(clockDayCatalogue());
  const m2 = new CaseScript(log, 'm2', MINGYUE).report().whistle();
  log.advance(3 * HOUR);
  m2.missReportIn('unit-gongan').reportIn('unit-gongan');
  log.advance(-2 * HOUR);

  const s1 = new CaseScript(log, 's1').report().whistle();
  log.advance(10 * MINUTE);
  s1.reportIn('unit-jiaojing');
  log.advance(21 * MINUTE);
  s1.missReportIn('unit-xiaofang');
  log.advance(9 * MINUTE);
  s1.reportIn('unit-xiaofang');
  for (const unit of ['unit-jiaojing', 'unit-xiaofang']) s1.accept(unit).act(unit).outcome(unit);
  log.advance(HOUR + 20 * MINUTE);
  s1.callback('dissatisfied').whistle();
  log.advance(5 * MINUTE);
  const rectifyBy = new Date(Date.parse(log.now) + 30 * MINUTE).toISOString();
  s1.reportIn('unit-jiaojing').accept('unit-jiaojing').act('unit-jiaojing', 'rectification_order', { actionId: 'order-s1', deadline: rectifyBy });
  s1.reportIn('unit-xiaofang').accept('unit-xiaofang').act('unit-xiaofang').outcome('unit-xiaofang');
  log.advance(30 * MINUTE);
  s1.act('unit-jiaojing', 'inspection').outcome('unit-jiaojing', 'rectified');
  log.advance(25 * MINUTE);
  s1.callback('basically_satisfied');

  log.advance(DAY - 3 * HOUR);
  const s2 = new CaseScript(log, 's2').report().whistle(3);
  const m1 = new CaseScript(log, 'm1', MINGYUE).report().whistle();
  log.advance(30 * MINUTE);
  m1.reportIn('unit-gongan').accept('unit-gongan').act('unit-gongan').outcome('unit-gongan', 'resolved');
  m1.reportIn('unit-chengguan').accept('unit-chengguan').act('unit-chengguan').outcome('unit-chengguan', 'unresolved');
  m1.callback('unreachable');
  log.advance(30 * MINUTE);
  for (const unit of ['unit-jiaojing', 'unit-xiaofang']) s2.reportIn(unit).decline(unit);

  log.advance(DAY - HOUR);
  const s3 = new CaseScript(log, 's3', QINGHE).report().whistle(1, ['unit-xiaofang']);
  log.advance(5 * DAY);
  s3.activityOverdue().withdraw();
  log.advance(2 * DAY);
  s2.tablingOverdue();
  log.advance(DAY);
  if (log.now !== TO) throw new Error(`the data set ends at ${log.now}, not ${TO}`);
  new CaseScript(log, 'm3', MINGYUE).report().whistle();
  return [...foldCaseViews(log.envelopes).values()];
}
