import type { EventEnvelope } from '@whistle/kernel';
import { CaseScript, closeMeeting, MINGYUE, openMeeting, scheduleMeeting, XINGHUA } from './case-script.fixture';
import { EventLog, HOUR } from './event-log.fixture';

/**
 * `cases` cases through the domains (most worked and closed, every fifth left whistled, every
 * fourteenth with a missed report-in) and one joint meeting resolving two level-4 cases: several
 * hundred events in one valid global order.
 */
export function busyTown(cases: number): EventEnvelope[] {
  const log = new EventLog();
  for (let n = 0; n < cases; n += 1) {
    const script = new CaseScript(log, `b${n}`, n % 2 === 0 ? XINGHUA : MINGYUE).report().whistle();
    if (n % 14 === 0) {
      log.advance(HOUR);
      script.missReportIn('unit-xiaofang');
    } else if (n % 5 !== 0) {
      script.work().callback('satisfied');
    }
  }
  const referred = [0, 1].map((n) => new CaseScript(log, `m1-case-${n}`, { ...XINGHUA, category: 'late_night_noise' }).report().whistle(4, ['unit-gongan']));
  scheduleMeeting(log, 'm1', referred);
  openMeeting(log, 'm1', ['unit-gongan', 'unit-chengguan']);
  for (const script of referred) script.resolveAt('m1', 'unit-gongan', []);
  closeMeeting(log, 'm1');
  return log.envelopes;
}
