import type { EventEnvelope } from '@whistle/kernel';
import { caseViewProjector } from '../case-view/case-view.projector';
import { DocumentCache } from '../document-cache';
import { InMemoryReadModelStore } from '../memory/in-memory-read-model-store';
import { meetingViewProjector } from '../meeting-view/meeting-view.projector';
import type { ReadModelStore } from '../read-model-store.port';
import { attend, CaseScript, closeMeeting, MINGYUE, openMeeting, scheduleMeeting } from '../testing/case-script.fixture';
import { EventLog, HOUR, MINUTE } from '../testing/event-log.fixture';
import { SupervisionLog } from './supervision-log.fixture';
import { supervisionProjector } from './supervision.projector';

/** The ISO week of the event log's T0 (Saturday 21 November 2026). */
export const WEEK = '2026-W47';

/**
 * A week of the bulletin: c1 (mingyue, level 4) tabled at joint meeting m1, which resolves it;
 * c2 (xinghua, level 2) whose units report in on time, resolve it and satisfy the reporter; a
 * notice of 2026-Q4 with one firm on the red list and one on the black; and, the week after, a
 * case that is not the week's.
 */
export function bulletinWeek(): EventEnvelope[] {
  const log = new EventLog();
  const s = new SupervisionLog();
  const c1 = new CaseScript(log, 'c1', MINGYUE).report().whistle(4);
  const c2 = new CaseScript(log, 'c2').report().whistle();
  log.advance(10 * MINUTE);
  for (const unit of ['unit-jiaojing', 'unit-xiaofang']) c2.reportIn(unit).accept(unit).act(unit).outcome(unit);
  c2.callback('satisfied');
  scheduleMeeting(log, 'm1', [c1]);
  log.advance(HOUR);
  openMeeting(log, 'm1', ['unit-gongan']);
  attend(log, 'm1', 'unit-chengguan');
  c1.resolveAt('m1', 'unit-chengguan', ['unit-gongan']);
  closeMeeting(log, 'm1');
  const listed = (firmId: string, averageTotal: number) => ({ firmId, firmName: firmId, averageTotal, reason: 'rule' });
  s.publish({ publicationId: 'P1', quarter: '2026-Q4', kind: 'results', title: '第四季度通报', summary: '', results: [], redList: [listed('firm-a', 92)], blackList: [listed('firm-b', 55)], weightingId: 'default' }, log.now);
  log.advance(7 * 24 * HOUR);
  new CaseScript(log, 'later').report().whistle();
  return [...log.envelopes, ...s.envelopes];
}

export async function bulletinStore<S extends ReadModelStore = InMemoryReadModelStore>(store: S = new InMemoryReadModelStore() as unknown as S): Promise<S> {
  const events = bulletinWeek();
  const cache = new DocumentCache();
  for (const projector of [caseViewProjector, meetingViewProjector, supervisionProjector]) await projector.projectBatch(store, events, cache);
  return store;
}
