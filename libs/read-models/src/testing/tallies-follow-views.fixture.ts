import type { EventEnvelope } from '@whistle/kernel';
import { CASE_VIEWS, type CaseView } from '../case-view/case-view';
import { caseViewProjector } from '../case-view/case-view.projector';
import { DocumentCache } from '../document-cache';
import { InMemoryReadModelStore } from '../memory/in-memory-read-model-store';
import { ReadModelConflict, type ReadModelStore } from '../read-model-store.port';
import { rebuild } from '../rebuild';
import type { StatsGroupBy } from '../stats';
import { calendarBounds } from '../stats-calendar';
import { computeTrends } from '../stats-trends';
import { busyTown } from './busy-town.fixture';

/** Beijing's days around the busy town, the dashboard's way of asking: every bound begins an hour. */
const DAYS = calendarBounds('2026-11-20T00:00:00+08:00', '2026-11-27T00:00:00+08:00', 'day');
const GROUP_BYS: readonly StatsGroupBy[] = ['station', 'community', 'unit'];

/**
 * The dashboard's figures on `store` after every kind of change to the case views, each against
 * the same changes made to an in-memory store, whose tally counts over the views themselves: a
 * roll-up kept beside the views (the SQLite adapter's) that drifted from them fails here, and an
 * adapter that counts over the views (MongoDB's `$group`) must agree too. The changes: batches
 * delivered twice and events again one by one (a redelivery changes nothing), a case moved to
 * another station, community and hour, one losing its report time, figures changed, a
 * conditional write refused alone and within a batch, and everything cleared and rebuilt.
 */
export async function expectTalliesToFollowTheViews(store: ReadModelStore): Promise<void> {
  const reference = new InMemoryReadModelStore();
  const both = async (change: (s: ReadModelStore) => Promise<void>) => {
    await change(store);
    await change(reference);
  };
  const expectSame = async (step: string) => {
    for (const groupBy of GROUP_BYS) {
      const [tallied, counted] = await Promise.all([computeTrends(store, { groupBy, bounds: DAYS }), computeTrends(reference, { groupBy, bounds: DAYS })]);
      expect({ step, groupBy, trends: tallied }).toEqual({ step, groupBy, trends: counted });
    }
  };

  const events = busyTown(40);
  await both(async (s) => {
    const cache = new DocumentCache();
    for (let from = 0; from < events.length; from += 25) {
      const batch = events.slice(from, from + 25);
      await caseViewProjector.projectBatch(s, batch, cache);
      await caseViewProjector.projectBatch(s, batch, new DocumentCache());
    }
    for (const event of events.slice(0, 60)) await caseViewProjector.project(s, event);
  });
  const cases = (await reference.collection<CaseView>(CASE_VIEWS).find({ sort: [{ field: 'id', order: 'asc' }] })).items;
  expect(cases.length).toBeGreaterThan(40);
  expect(cases.some((c) => c.unitFigures.length > 0)).toBe(true);
  await expectSame('projected, every batch twice and the first events again');

  const [moved, unreported, refigured, refused] = cases.filter((c) => c.reportedAt !== null && c.unitFigures.length > 0) as [CaseView, CaseView, CaseView, CaseView];
  const later = (instant: string, hours: number) => new Date(Date.parse(instant) + hours * 3_600_000).toISOString();
  await both(async (s) => {
    const views = s.collection<CaseView>(CASE_VIEWS);
    await views.put(
      {
        ...moved,
        version: moved.version + 1,
        stationId: 'station-elsewhere',
        communityId: null,
        reportedAt: later(moved.reportedAt as string, 30),
        unitFigures: moved.unitFigures.map((row) => ({ ...row, unitId: 'unit-elsewhere', assignedAt: later(row.assignedAt, 30) })),
      },
      { expectedVersion: moved.version },
    );
    await views.put({ ...unreported, version: unreported.version + 1, reportedAt: null, unitFigures: [] }, { expectedVersion: unreported.version });
  });
  await expectSame('a case moved to another station, community, unit and hour; one without its report time');

  await both(async (s) => {
    const views = s.collection<CaseView>(CASE_VIEWS);
    const changed = { ...refigured, version: refigured.version + 1, figures: { ...refigured.figures, resolved: 7, calledBack: 3 }, unitFigures: refigured.unitFigures.map((row) => ({ ...row, handled: 5 })) };
    await expect(views.put({ ...refused, version: refused.version + 5, stationId: 'station-refused' }, { expectedVersion: refused.version + 4 })).rejects.toBeInstanceOf(ReadModelConflict);
    const failed = await views.putMany([
      { doc: changed, expectedVersion: refigured.version },
      { doc: { ...refused, version: refused.version + 1, reportedAt: later(refused.reportedAt as string, 2) }, expectedVersion: refused.version + 9 },
    ]);
    // An adapter may leave a written one unconfirmed too (FerretDB reports a chunk's replaces in sum).
    expect(failed.has(refused.id)).toBe(true);
  });
  await expectSame('figures changed; a refused write, alone and in a batch, changing nothing');

  await both(async (s) => {
    await rebuild(s, events as Iterable<EventEnvelope>, [caseViewProjector]);
  });
  await expectSame('cleared and rebuilt');
}
