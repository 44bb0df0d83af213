import { ManualClock } from '@whistle/kernel';
import { InMemoryEventStore } from '@whistle/event-store';
import { HOUR, MINUTE, T0, Town } from '@whistle/testing';

/**
 * Four cases and two meetings across the town, all through the real deciders and reactions:
 * - c1 fire lane, 杏花苑 (station-north): whistled at level 2, 交警 reported in, 消防 missed its report-in (overdue);
 * - c2 uncivil dog keeping, 幸福家园一期 (station-south): level 3, worked, called back satisfied: closed;
 * - c3 late-night noise, 望湖城 (station-central): reported and triaged only;
 * - c4 existing illegal building, 锦绣华府 (station-north): level 4, resolved at meeting m1 (城管 lead, 住建 supporting);
 * - m2 scheduled later, inviting 公安 and 交警.
 */
export async function queryScenario(): Promise<Town> {
  const clock = new ManualClock(T0);
  const store = () => new InMemoryEventStore({ clock });
  const town = new Town({ intake: store(), escalation: store(), adjudication: store(), enforcement: store(), supervision: store() }, clock);

  await town.report('c1', 'compound-xinghua-1', 'fire_lane_blocked');
  await town.whistle('c1');
  await town.reportIn('c1', 'unit-jiaojing');
  town.advance(31 * MINUTE);
  await town.fireDueDeadlines('c1');

  town.advance(HOUR);
  await town.report('c2', 'compound-anju-1', 'uncivil_dog_keeping');
  await town.whistle('c2');
  await town.work('c2');
  await town.callback('c2', 'satisfied');

  town.advance(HOUR);
  await town.report('c3', 'compound-wanghu-1', 'late_night_noise');

  town.advance(HOUR);
  await town.report('c4', 'compound-xinghua-2', 'existing_illegal_building');
  await town.whistle('c4');
  await town.scheduleMeeting('m1', ['unit-chengguan', 'unit-zhujian', 'unit-ziran-ziyuan']);
  town.advance(HOUR);
  await town.openMeeting('m1', ['unit-chengguan', 'unit-zhujian']);
  await town.resolve('m1', 'c4', 'unit-chengguan', ['unit-zhujian']);
  await town.closeMeeting('m1');

  town.advance(HOUR);
  await town.scheduleMeeting('m2', ['unit-gongan', 'unit-jiaojing']);
  return town;
}
