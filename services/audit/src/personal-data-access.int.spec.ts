import type { Principal } from '@whistle/auth';
import { streams, type PersonalDataAccessed } from '@whistle/contracts';
import type { Actor, EventEnvelope } from '@whistle/kernel';
import { auditLedgerConsumer, bootstrapLedger } from './audit-ledger';
import { startAuditApp, type AuditApp } from './testing/audit-app.fixture';
import { auditStores, type AuditStores } from './testing/audit-scenario.fixture';

const AUDITOR: Principal = { sub: 'auditor-1', role: 'auditor' };
const OFFICE: Principal = { sub: 'office-1', role: 'office' };
const STATION: Principal = { sub: 'north-1', role: 'station', stationId: 'station-north' };
const NORTH: Actor = { id: 'north-1', role: 'station', stationId: 'station-north' };
const CLERK: Actor = { id: 'office-1', role: 'office' };

/** Who read a reporter in full, as the auditors list it: filled at the ledger's bootstrap and by its consumer alike. */
describe('GET /api/audit/personal-data-access (个人信息查阅记录)', () => {
  let stores: AuditStores;
  let app: AuditApp;

  const access = async (caseId: string, actor: Actor, reason: string, at: string): Promise<EventEnvelope> => {
    const streamId = streams.personalDataAccess(caseId);
    const revision = (await stores.deps.stores.intake.readStream(streamId)).length;
    const data: PersonalDataAccessed['data'] = { caseId, reason, accessedAt: at };
    const { events } = await stores.deps.stores.intake.append(
      streamId,
      [{ eventId: `${caseId}-access-${revision}`, type: 'intake.PersonalDataAccessed.v1', data, caseId, occurredAt: at, actor, correlationId: 'c', causationId: null }],
      revision === 0 ? 'no_stream' : revision - 1,
    );
    return events[0] as EventEnvelope;
  };

  beforeAll(async () => {
    stores = auditStores();
    // Two before the ledger's first start (its bootstrap files them), two heard afterwards by its consumer, one of them twice.
    await access('c1', NORTH, '回访核实', '2026-12-01T01:00:00.000Z');
    await access('c2', CLERK, '复核投诉', '2026-12-02T01:00:00.000Z');
    await bootstrapLedger(stores.deps);
    const consumer = auditLedgerConsumer(stores.deps);
    const later = await access('c1', CLERK, '核对删除申请', '2026-12-03T01:00:00.000Z');
    await consumer.handle(later);
    await consumer.handle(later);
    await consumer.handleBatch([await access('c3', NORTH, '电话回访', '2026-12-04T01:00:00.000Z')]);
    consumer.close();
    app = await startAuditApp(stores.deps);
  });
  afterAll(async () => {
    await app.close();
    await stores.cleanup();
  });

  const reasons = async (query: string, as: Principal = AUDITOR): Promise<string[]> => {
    const { status, body } = await app.get(`/api/audit/personal-data-access${query}`, as);
    expect(status).toBe(200);
    return (body.items as { reason: string }[]).map((item) => item.reason);
  };

  it('lists every access newest first, each with who, when, why and its sealed record', async () => {
    const { body } = await app.get('/api/audit/personal-data-access', AUDITOR);
    expect(body).toMatchObject({ total: 4, page: 1, pageSize: 20 });
    expect(body.items.map((i: { reason: string }) => i.reason)).toEqual(['电话回访', '核对删除申请', '复核投诉', '回访核实']);
    const [stored] = await stores.deps.stores.intake.readStream(streams.personalDataAccess('c1'));
    expect(body.items[3]).toEqual({ eventId: stored?.eventId, caseId: 'c1', accessedAt: '2026-12-01T01:00:00.000Z', actor: NORTH, reason: '回访核实', streamId: 'personal-data-access-c1', revision: 0, hash: stored?.hash });
  });

  it('by case, by accessor, in a period [from, to) given with any offset, and by page', async () => {
    expect(await reasons('?caseId=c1')).toEqual(['核对删除申请', '回访核实']);
    expect(await reasons('?actor=north-1')).toEqual(['电话回访', '回访核实']);
    expect(await reasons('?from=2026-12-02T09:00:00%2B08:00&to=2026-12-04T01:00:00Z')).toEqual(['核对删除申请', '复核投诉']);
    expect(await reasons('?caseId=c1&actor=office-1&from=2026-12-03T01:00:00Z')).toEqual(['核对删除申请']);
    expect(await reasons('?pageSize=1&page=2', OFFICE)).toEqual(['核对删除申请']);
    expect(await reasons('?caseId=nope')).toEqual([]);
  });

  it('is the auditor’s and the office’s only, and names a bad parameter', async () => {
    expect((await app.get('/api/audit/personal-data-access', STATION)).status).toBe(403);
    for (const [query, field] of [
      ['?from=yesterday', 'from'],
      ['?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z', 'to'],
      ['?pageSize=201', 'pageSize'],
      ['?caseId=%20x', 'caseId'],
    ] as const) {
      const { status, body } = await app.get(`/api/audit/personal-data-access${query}`, AUDITOR);
      expect({ query, status, field: body.details?.[0]?.field }).toEqual({ query, status: 400, field });
    }
  });
});
