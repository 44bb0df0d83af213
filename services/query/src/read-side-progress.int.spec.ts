import { DEVELOPMENT_JWT_SECRET, signToken, type Principal } from '@whistle/auth';
import { encodePosition, positionOf, type Position } from '@whistle/application';
import { CatalogueIndex, loadCatalogue } from '@whistle/catalogue';
import { ManualClock, type EventEnvelope } from '@whistle/kernel';
import { openEventStream } from '@whistle/http/testing';
import { InMemoryReadModelStore } from '@whistle/read-models';
import { queryBatchProjection } from './query.projection';
import { ReadSideProgress } from './read-side-progress';
import { startQueryApp, type QueryApp } from './testing/query-app.fixture';
import { queryScenario } from './testing/query-scenario.fixture';

const OFFICE: Principal = { sub: 'office-1', role: 'office' };
const NORTH: Principal = { sub: 'north-1', role: 'station', stationId: 'station-north' };
const CENTRAL: Principal = { sub: 'central-1', role: 'station', stationId: 'station-central' };
const JIAOJING: Principal = { sub: 'jiaojing-1', role: 'unit', unitId: 'unit-jiaojing' };

const token = (position: Position) => encodePosition(position);
const positionOfLast = (events: readonly EventEnvelope[]) => token(positionOf(events.at(-1)!)!);

/** The live stream as `as` reads it, once it said it is ready. */
async function openStream(url: string, as: Principal) {
  const reader = await openEventStream(`${url}/api/query/cases/events`, signToken(as, { secret: DEVELOPMENT_JWT_SECRET, expiresIn: '5m' }));
  await reader.until(() => reader.named('ready').length > 0);
  return { ...reader, cases: () => reader.named('case') };
}

describe('the read side’s progress over HTTP: After-Position and the live stream of cases', () => {
  let app: QueryApp;
  let project: (events: readonly EventEnvelope[]) => Promise<void>;
  /** c3 (望湖城, station-central) and c1's last event arrive only when a test lets them. */
  let heldC3: EventEnvelope[];
  let heldC1: EventEnvelope;

  beforeAll(async () => {
    const town = await queryScenario();
    const readModels = new InMemoryReadModelStore();
    const progress = new ReadSideProgress(readModels);
    project = queryBatchProjection({ readModels, progress });
    heldC3 = town.recorded.filter((e) => e.caseId === 'c3');
    heldC1 = town.recorded.filter((e) => e.caseId === 'c1').at(-1)!;
    await project(town.recorded.filter((e) => e.caseId !== 'c3' && e !== heldC1));
    app = await startQueryApp({ readModels, catalogue: new CatalogueIndex(loadCatalogue()), stores: [], clock: new ManualClock('2026-11-22T00:00:00.000Z'), progress, liveHeartbeatMs: 150 });
  });
  afterAll(() => app.close());

  it('a read with an After-Position the views already reflect answers at once', async () => {
    const reflected = token({ service: 'intake', streamId: 'case-c2', revision: 0, eventId: 'any', caseId: 'c2' });
    const started = Date.now();
    const answer = await app.get('/api/query/cases/c2', OFFICE, { 'after-position': reflected });
    expect(answer.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(500);
    // Every read-side GET takes it: the lists, the tasks, the meetings, the catalogue.
    for (const path of ['/api/query/cases', '/api/enforcement/tasks', '/api/adjudication/meetings', '/api/catalogue']) {
      expect({ path, status: (await app.get(path, OFFICE, { 'after-position': reflected })).status }).toEqual({ path, status: 200 });
    }
  });

  it('a read with the After-Position of events not applied yet waits for them and answers with the new state; the stream shows it only to those who may see it', async () => {
    const [office, north, central, unit] = await Promise.all([openStream(app.url, OFFICE), openStream(app.url, NORTH), openStream(app.url, CENTRAL), openStream(app.url, JIAOJING)]);
    try {
      expect(office.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      expect(office.response.headers.get('x-accel-buffering')).toBe('no');
      expect(office.response.headers.get('cache-control')).toBe('no-cache, no-transform');
      const after = positionOfLast(heldC3);
      const started = Date.now();
      const [one, list] = [
        app.get('/api/query/cases/c3', OFFICE, { 'after-position': after }),
        app.get('/api/query/cases?stationId=station-central', OFFICE, { 'after-position': after }),
      ];
      await new Promise((resolve) => setTimeout(resolve, 300));
      await project(heldC3);
      await project([heldC1]);
      const [viewed, listed] = await Promise.all([one, list]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      expect(viewed.status).toBe(200);
      expect(viewed.body).toMatchObject({ id: 'c3', status: 'triaged' });
      expect(listed.body.items.map((i: { id: string }) => i.id)).toEqual(['c3']);

      await office.until(() => office.cases().length >= 2);
      await central.until(() => central.cases().length >= 1);
      await north.until(() => north.cases().length >= 1);
      await unit.until(() => unit.cases().length >= 1);
      // Each change: the case, its status and level, the view's revision, and the position of the event that made it.
      const c3 = office.cases().find((e) => e.data['id'] === 'c3')!;
      expect(c3.data).toEqual({ id: 'c3', status: 'triaged', level: 2, revision: heldC3.length, position: after, updatedAt: expect.any(String) });
      expect(c3.id).toBe(after);
      expect(office.cases().map((e) => e.data['id'])).toEqual(['c3', 'c1']);
      // Scoped as the case list: a station sees its own cases only, a unit those it is involved in.
      expect(central.cases().map((e) => e.data['id'])).toEqual(['c3']);
      expect(north.cases().map((e) => e.data['id'])).toEqual(['c1']);
      expect(unit.cases().map((e) => e.data['id'])).toEqual(['c1']);
      expect(north.cases()[0]!.data['position']).toBe(token(positionOf(heldC1)!));
      // Heartbeats keep an idle stream from being cut by a proxy.
      await north.until(() => north.comments.some((c) => c.startsWith('heartbeat')));
    } finally {
      await Promise.all([office.close(), north.close(), central.close(), unit.close()]);
    }
  });

  it('a read whose After-Position is not reflected within its wait is a 503 position_not_reached, not a stale answer', async () => {
    const ahead = token({ service: 'escalation', streamId: 'whistle-c3', revision: 40, eventId: 'not-yet', caseId: 'c3' });
    const started = Date.now();
    const answer = await app.get('/api/query/cases/c3', OFFICE, { 'after-position': ahead, prefer: 'wait=1' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('1');
    expect(answer.body).toMatchObject({ statusCode: 503, details: [{ code: 'position_not_reached', header: 'After-Position' }] });
    const unknownMeeting = await app.get('/api/adjudication/meetings', OFFICE, { 'after-position': token({ service: 'adjudication', streamId: 'meeting-m9', revision: 0, eventId: 'e', caseId: 'm9' }), prefer: 'wait=0' });
    expect(unknownMeeting.status).toBe(503);
  });

  it('a malformed After-Position or wait is a 400 naming the header, on every read', async () => {
    for (const path of ['/api/query/cases', '/api/query/cases/c1', '/api/enforcement/tasks', '/api/query/stats?groupBy=unit']) {
      const answer = await app.get(path, OFFICE, { 'after-position': 'latest' });
      expect({ path, status: answer.status, field: answer.body.details[0]?.field }).toEqual({ path, status: 400, field: 'After-Position' });
    }
    const badWait = await app.get('/api/query/cases', OFFICE, { prefer: 'wait=a while' });
    expect({ status: badWait.status, field: badWait.body.details[0]?.field }).toEqual({ status: 400, field: 'Prefer' });
  });

  it('the stream needs a token like every read', async () => {
    const response = await fetch(`${app.url}/api/query/cases/events`);
    expect(response.status).toBe(401);
  });

  it('open streams end when the service stops, so they never hold its shutdown', async () => {
    const readModels = new InMemoryReadModelStore();
    const own = await startQueryApp({ readModels, catalogue: new CatalogueIndex(loadCatalogue()), stores: [], clock: new ManualClock('2026-11-22T00:00:00.000Z'), progress: new ReadSideProgress(readModels) });
    const stream = await openStream(own.url, OFFICE);
    const started = Date.now();
    await own.close();
    expect(Date.now() - started).toBeLessThan(3_000);
    await stream.close();
  });
});
