import { startWriterUnderTest, type WriterUnderTest } from '@whistle/deployment/testing';
import { DEFAULT_WEIGHTING, streams, WEIGHTING_ID } from '@whistle/contracts';
import { supervisionWriter } from './supervision.writer';

const OFFICE = { sub: 'office-zhang', role: 'office' } as const;
const ADMIN = { sub: 'admin-wang', role: 'admin' } as const;
const NORTH = { sub: 'station-north-li', role: 'station', stationId: 'station-north' } as const;
const AUDITOR = { sub: 'auditor-li', role: 'auditor' } as const;

const firm = (creditCode: string, compoundIds: string[]) => ({ name: '杏花物业服务有限公司', creditCode, contact: { name: '李经理', phone: '13812345678' }, compoundIds });
const { weightingId: _default, ...weights } = DEFAULT_WEIGHTING;
const weighting = { ...weights, effectiveFrom: '2027-Q1', reason: '加大群众满意度权重' };

describe('the office’s property firms and weighting over HTTP', () => {
  let supervision: WriterUnderTest;
  beforeAll(async () => {
    supervision = await startWriterUnderTest(supervisionWriter);
  });
  afterAll(() => supervision.close());

  const register = (as: Parameters<WriterUnderTest['send']>[2], body: unknown) => supervision.send('POST', '/api/supervision/firms', as, body);

  it('registers a firm for the office or an admin, and no one else', async () => {
    expect((await register(undefined, firm('91310115MA1K4ABCD1', ['compound-anju-1']))).status).toBe(401);
    expect((await register(NORTH, firm('91310115MA1K4ABCD1', ['compound-anju-1']))).status).toBe(403);
    expect((await register(AUDITOR, firm('91310115MA1K4ABCD1', ['compound-anju-1']))).status).toBe(403);
    const registered = await register(OFFICE, firm('91310115MA1K4ABCD1', ['compound-anju-1']));
    expect(registered).toMatchObject({ status: 201, body: { id: expect.any(String), revision: 0, events: ['supervision.PropertyFirmRegistered.v1'] } });
    const [event] = await supervision.publishedOf('supervision.PropertyFirmRegistered.v1');
    expect(event).toMatchObject({ streamId: streams.firm(registered.body.id), actor: { id: OFFICE.sub }, data: { firmId: registered.body.id, compoundIds: ['compound-anju-1'] } });
    expect((await register(ADMIN, firm('91310115MA1K4ABCD2', ['compound-anju-2']))).status).toBe(201);
  });

  it('names the bad field of a registration', async () => {
    const cases: [unknown, string][] = [
      [firm('91310115MA1K4ABCDI', ['compound-anju-3']), 'creditCode'],
      [{ ...firm('91310115MA1K4ABCD3', ['compound-anju-3']), contact: undefined }, 'contact'],
      [{ ...firm('91310115MA1K4ABCD3', ['compound-anju-3']), contact: { name: '李经理', phone: 'call me' } }, 'contact.phone'],
      [firm('91310115MA1K4ABCD3', ['compound-nowhere']), 'compoundIds[0]'],
      [firm('91310115MA1K4ABCD3', []), 'compoundIds'],
      [{ ...firm('91310115MA1K4ABCD3', ['compound-anju-3']), name: '' }, 'name'],
    ];
    for (const [body, field] of cases) {
      const refused = await register(OFFICE, body);
      expect({ field, status: refused.status }).toEqual({ field, status: 400 });
      expect(refused.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
  });

  it('refuses a compound another firm serves, and a credit code already registered (409)', async () => {
    const taken = await register(OFFICE, firm('91310115MA1K4ABCD4', ['compound-anju-4', 'compound-anju-1']));
    expect(taken).toMatchObject({ status: 409, body: { details: [{ code: 'firm.compound_served' }] } });
    expect(taken.body.message).toContain('compound-anju-1');
    const twice = await register(OFFICE, firm('91310115MA1K4ABCD1', ['compound-anju-4']));
    expect(twice).toMatchObject({ status: 409, body: { details: [{ code: 'firm.credit_code_registered' }] } });
  });

  it('changes a firm with a reason, and hands a compound over once its firm gave it up', async () => {
    const first = await register(OFFICE, firm('91310115MA1K4ABCD5', ['compound-wutong-1']));
    const second = await register(OFFICE, firm('91310115MA1K4ABCD6', ['compound-wutong-2']));
    const change = (firmId: string, body: unknown, as: Parameters<WriterUnderTest['send']>[2] = OFFICE) => supervision.send('POST', `/api/supervision/firms/${firmId}/changes`, as, body);

    expect((await change(first.body.id, { compoundIds: [] }, NORTH)).status).toBe(403);
    expect((await change('no-such-firm', { name: '新名称', reason: '更名' })).status).toBe(404);
    const noReason = await change(first.body.id, { name: '新名称' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details.map((d: { field: string }) => d.field)).toContain('reason');
    expect((await change(second.body.id, { compoundIds: ['compound-wutong-2', 'compound-wutong-1'], reason: '接管' })).body.details).toEqual([{ code: 'firm.compound_served' }]);

    const gaveUp = await change(first.body.id, { compoundIds: [], reason: '合同到期退出' });
    expect(gaveUp).toMatchObject({ status: 200, body: { id: first.body.id, revision: 1, events: ['supervision.PropertyFirmChanged.v1'] } });
    const tookOver = await change(second.body.id, { compoundIds: ['compound-wutong-2', 'compound-wutong-1'], reason: '接管' }, ADMIN);
    expect(tookOver).toMatchObject({ status: 200, body: { events: ['supervision.PropertyFirmChanged.v1'] } });
  });

  it('sets the weighting for the office only, with its id, and names what does not add up', async () => {
    const set = (body: unknown, as: Parameters<WriterUnderTest['send']>[2] = OFFICE) => supervision.send('POST', '/api/supervision/weighting', as, body);
    expect((await set(weighting, NORTH)).status).toBe(403);
    expect((await set(weighting, ADMIN)).status).toBe(403);

    const refusals: [unknown, string][] = [
      [{ ...weighting, unit: { ...weighting.unit, stationRating: 0.5 } }, 'unit'],
      [{ ...weighting, assessment: { ...weighting.assessment, satisfaction: 0.5 } }, 'assessment'],
      [{ ...weighting, assessment: { ...weighting.assessment, minimumResponses: 10 } }, 'assessment.minimumResponses'],
      [{ ...weighting, lists: { ...weighting.lists, blackBelow: 95 } }, 'lists.blackBelow'],
      [{ ...weighting, station: { ...weighting.station, whistleRating: -0.1 } }, 'station.whistleRating'],
      [{ ...weighting, lists: undefined }, 'lists'],
      [{ ...weighting, effectiveFrom: '2026-Q3' }, 'effectiveFrom'],
      [{ ...weighting, effectiveFrom: 'next quarter' }, 'effectiveFrom'],
    ];
    for (const [body, field] of refusals) {
      const refused = await set(body);
      expect({ field, status: refused.status }).toEqual({ field, status: 400 });
      expect(refused.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }

    const accepted = await set(weighting);
    expect(accepted).toMatchObject({ status: 201, body: { id: WEIGHTING_ID, revision: 0, events: ['supervision.WeightingSet.v1'], weightingId: expect.any(String) } });
    const [event] = await supervision.publishedOf('supervision.WeightingSet.v1');
    expect(event?.data).toMatchObject({ weightingId: accepted.body.weightingId, effectiveFrom: '2027-Q1', reason: weighting.reason });
  });
});
