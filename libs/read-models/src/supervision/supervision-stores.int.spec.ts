import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireInfra } from '@whistle/testing';
import { DocumentCache } from '../document-cache';
import { InMemoryReadModelStore } from '../memory/in-memory-read-model-store';
import { MongoReadModelStore } from '../mongo/mongo-read-model-store';
import type { ReadModelStore } from '../read-model-store.port';
import { rebuild } from '../rebuild';
import { SqliteReadModelStore } from '../sqlite/sqlite-read-model-store';
import { caseViewProjector } from '../case-view/case-view.projector';
import { meetingViewProjector } from '../meeting-view/meeting-view.projector';
import { quarterlyScores } from './quarterly-scores';
import { ASSESSMENT, FIRM, QUARTER, supervisionScenario } from './supervision-scenario.fixture';
import { firmCredit, getAssessment, getFirm, listAssessments, listEvaluations, listFirms, listNotices, weightings } from './supervision-queries';
import { SUPERVISION_COLLECTIONS } from './supervision-views';
import { supervisionProjector } from './supervision.projector';
import { bulletinWeek, WEEK } from './weekly-bulletin.fixture';
import { weeklyBulletin } from './weekly-bulletin';

/** Supervision's projection and queries on the embedded mode's SQLite and on FerretDB answer exactly as on the in-memory store. */
jest.setTimeout(120_000);

const { envelopes, taskIds } = supervisionScenario();
const PROJECTORS = [caseViewProjector, meetingViewProjector, supervisionProjector];

async function documents(store: ReadModelStore) {
  return Promise.all(SUPERVISION_COLLECTIONS.map(async (name) => (await store.collection(name).find({ sort: [{ field: 'id', order: 'asc' }] })).items));
}

/** Everything the read side answers of the scenario, through the queries. */
async function answers(store: ReadModelStore) {
  return {
    awaitingStation: await listEvaluations(store, { awaiting: 'station' }),
    awaitingUnit: await listEvaluations(store, { awaiting: 'unit', stationId: 'station-south' }, 1, 1),
    unitQuarter: await listEvaluations(store, { unitId: 'unit-jiaojing', quarter: QUARTER }),
    firms: await listFirms(store),
    firm: await getFirm(store, FIRM),
    credit: await firmCredit(store, FIRM),
    assessments: await listAssessments(store, { quarter: QUARTER, stationId: 'station-south', status: 'completed' }),
    noneOpen: await listAssessments(store, { status: 'open' }),
    assessment: await getAssessment(store, ASSESSMENT),
    notices: await listNotices(store),
    weightings: await weightings(store, '2026-12-10T00:00:00.000Z'),
    units: await quarterlyScores(store, QUARTER, 'unit'),
    stations: await quarterlyScores(store, QUARTER, 'station'),
  };
}

let expected: { docs: unknown; answers: Awaited<ReturnType<typeof answers>>; bulletin: unknown };
beforeAll(async () => {
  const memory = new InMemoryReadModelStore();
  for (const projector of PROJECTORS) await projector.projectBatch(memory, envelopes, new DocumentCache());
  const week = new InMemoryReadModelStore();
  await rebuild(week, bulletinWeek(), PROJECTORS);
  expected = { docs: await documents(memory), answers: await answers(memory), bulletin: await weeklyBulletin(week, WEEK, '2026-11-23T00:00:00.000Z') };
});

it('the in-memory answers are the scenario’s', () => {
  const { answers: a } = expected;
  expect(a.awaitingStation.items.map((e) => e.taskId)).toEqual([taskIds.chengguan]);
  expect(a.awaitingUnit).toMatchObject({ total: 2, page: 1, pageSize: 1 });
  expect(a.unitQuarter.items.map((e) => e.taskId)).toEqual([taskIds.jiaojing]);
  expect(a.firms.items.map((f) => f.id)).toEqual([FIRM]);
  expect(a.assessments.total).toBe(1);
  expect(a.noneOpen.total).toBe(0);
  expect(a.notices.items.map((n) => n.id)).toEqual(['P2', 'P1']);
  expect(a.weightings.current.weightingId).toBe('w-2026q4');
  expect(a.assessment).not.toHaveProperty('scoreSum');
  expect(a.firm).not.toHaveProperty('revisions');
});

describe.each([
  [
    'SQLite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'supervision-read-'));
      const store = SqliteReadModelStore.open(join(dir, 'read-models.db'));
      return { store, close: async () => (store.close(), rmSync(dir, { recursive: true, force: true })) };
    },
  ],
  [
    'FerretDB',
    async () => {
      const store = await MongoReadModelStore.connect(requireInfra().mongoUrl(`supervision-read-${randomUUID().slice(0, 8)}`));
      await store.ensureIndexes();
      return { store, close: () => store.close() };
    },
  ],
])('on %s', (_name, open: () => Promise<{ store: ReadModelStore; close: () => Promise<unknown> }>) => {
  it('projects event by event, every event twice, into the same documents, which the queries answer alike', async () => {
    const { store, close } = await open();
    try {
      for (const event of envelopes) for (const projector of PROJECTORS) await projector.project(store, event);
      for (const event of envelopes) await supervisionProjector.project(store, event);
      expect(await documents(store)).toEqual(expected.docs);
      expect(await answers(store)).toEqual(expected.answers);
    } finally {
      await close();
    }
  });

  it('rebuilds in batches, redelivered in a second batch, to the same documents; the bulletin answers alike', async () => {
    const { store, close } = await open();
    try {
      await rebuild(store, envelopes, PROJECTORS);
      for (const projector of PROJECTORS) await projector.projectBatch(store, envelopes.slice(5), new DocumentCache());
      expect(await documents(store)).toEqual(expected.docs);
      expect(await answers(store)).toEqual(expected.answers);
      await rebuild(store, bulletinWeek(), PROJECTORS);
      expect(await weeklyBulletin(store, WEEK, '2026-11-23T00:00:00.000Z')).toEqual(expected.bulletin);
    } finally {
      await close();
    }
  });
});
