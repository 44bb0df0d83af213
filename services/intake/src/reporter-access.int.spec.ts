import { startWriterUnderTest, type WriterUnderTest } from '@whistle/deployment/testing';
import { streams } from '@whistle/contracts';
import { verifyStream } from '@whistle/kernel';
import { intakeWriter } from './intake.writer';

const STATION = { sub: 'north-clerk', role: 'station', stationId: 'station-north' } as const;
const NEIGHBOUR = { sub: 'neighbour-li', role: 'reporter', compoundId: 'compound-xinghua-1' } as const;
const UNIT = { sub: 'jiaojing-1', role: 'unit', unitId: 'unit-jiaojing' } as const;
const REPORTER = { name: '张三', phone: '13812345678' };

describe('intake: a read of the reporter in full (个人信息查阅) is recorded before the data is given', () => {
  let intake: WriterUnderTest;
  beforeEach(async () => {
    intake = await startWriterUnderTest(intakeWriter);
  });
  afterEach(() => intake.close());

  const report = async (): Promise<string> => {
    const answer = await intake.send('POST', '/api/intake/cases', STATION, { compoundId: 'compound-xinghua-1', category: 'late_night_noise', description: '夜间噪音', channel: 'hotline_12345', reporter: REPORTER });
    expect(answer.status).toBe(201);
    return answer.body.id as string;
  };

  it('records who, when and why in the case’s own access stream, leaving the case’s revision where it was', async () => {
    const caseId = await report();
    const read = await intake.send('POST', `/api/intake/cases/${caseId}/reporter/disclosures`, STATION, { reason: ' 回访核实 ' });
    expect(read).toMatchObject({ status: 200, body: { reporter: REPORTER, masked: false, access: { at: intake.clock.now() } } });
    const [published] = await intake.publishedOf('intake.PersonalDataAccessed.v1');
    expect(published).toMatchObject({ streamId: streams.personalDataAccess(caseId), caseId, data: { caseId, reason: '回访核实', accessedAt: intake.clock.now() }, actor: { id: 'north-clerk', role: 'station', stationId: 'station-north' } });
    expect(JSON.stringify(published)).not.toMatch(/张三|13812345678/);
    const accesses = await intake.writer.runtime.store.readStream(streams.personalDataAccess(caseId));
    expect(verifyStream(streams.personalDataAccess(caseId), accesses)).toMatchObject({ ok: true, checked: 1 });
    // The case's own stream did not move: a station's If-Match on it stays good.
    expect((await intake.writer.runtime.store.readStream(streams.case(caseId))).at(-1)?.type).toBe('intake.CaseRouted.v1');
  });

  it('records every one of many reads at once, each once, in one chain', async () => {
    const caseId = await report();
    const reads = await Promise.all(Array.from({ length: 12 }, (_, i) => intake.send('POST', `/api/intake/cases/${caseId}/reporter/disclosures`, STATION, { reason: `核实 ${i}` })));
    expect(reads.map((r) => r.status)).toEqual(Array(12).fill(200));
    const accesses = await intake.writer.runtime.store.readStream(streams.personalDataAccess(caseId));
    expect(accesses.map((e) => (e.data as { reason: string }).reason).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `核实 ${i}`).sort());
    expect(verifyStream(streams.personalDataAccess(caseId), accesses)).toMatchObject({ ok: true, checked: 12 });
  });

  it('gives no data when the access cannot be recorded, and records nothing for a masked read', async () => {
    const caseId = await report();
    const { store } = intake.writer.runtime;
    const append = store.append.bind(store);
    store.append = async (streamId, events, expected) => {
      if (streams.personalDataAccess.owns(streamId)) throw new Error('the store refuses this write');
      return append(streamId, events, expected);
    };
    const failed = await intake.send('POST', `/api/intake/cases/${caseId}/reporter/disclosures`, STATION, { reason: '回访核实' });
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(JSON.stringify(failed.body)).not.toMatch(/张三|13812345678/);

    const masked = await intake.send('GET', `/api/intake/cases/${caseId}/reporter`, STATION);
    expect(masked.body).toEqual({ reporter: { name: '张*', phone: '138****5678' }, masked: true, erased: null, fullRequiresReason: true, access: null });
    expect(await store.readStream(streams.personalDataAccess(caseId))).toEqual([]);
  });

  it('refuses a reason that repeats the reporter’s name or phone, which the record would keep after an erasure, and records nothing', async () => {
    const caseId = await report();
    for (const reason of ['回访张三', '核实 13812345678']) {
      const read = await intake.send('POST', `/api/intake/cases/${caseId}/reporter/disclosures`, STATION, { reason: reason });
      expect(read.status).toBe(400);
      expect(read.body.details).toEqual([{ field: 'reason', message: 'reason must not contain the reporter’s name or phone number: it stays in the record after the data is erased' }]);
      expect(JSON.stringify(read.body)).not.toMatch(/138\*{0,4}5678|"name"/);
    }
    expect(await intake.writer.runtime.store.readStream(streams.personalDataAccess(caseId))).toEqual([]);
  });

  it('reads in full only by the POST: the masked GET, sent again and again, records nothing, and a GET with a reason is refused naming the POST', async () => {
    const caseId = await report();
    for (let i = 0; i < 3; i += 1) {
      const masked = await intake.send('GET', `/api/intake/cases/${caseId}/reporter`, STATION);
      expect(masked).toMatchObject({ status: 200, body: { reporter: { name: '张*', phone: '138****5678' }, masked: true, fullRequiresReason: true, access: null } });
      expect(masked.headers.get('cache-control')).toBe('no-store');
    }
    const old = await intake.send('GET', `/api/intake/cases/${caseId}/reporter?reason=${encodeURIComponent('回访核实')}`, STATION);
    expect(old.status).toBe(400);
    expect(old.body.details).toEqual([{ field: 'reason', message: expect.stringContaining('POST /api/intake/cases/{caseId}/reporter/disclosures') }]);
    expect(await intake.writer.runtime.store.readStream(streams.personalDataAccess(caseId))).toEqual([]);

    const full = await intake.send('POST', `/api/intake/cases/${caseId}/reporter/disclosures`, STATION, { reason: '回访核实' });
    expect(full).toMatchObject({ status: 200, body: { reporter: REPORTER, masked: false } });
    expect(full.headers.get('cache-control')).toBe('no-store');
    expect(await intake.writer.runtime.store.readStream(streams.personalDataAccess(caseId))).toHaveLength(1);
  });

  it('refuses the read in full without a reason (400 naming it), to another reporter of the compound and to a summoned role that sees it masked (403), recording nothing', async () => {
    const caseId = await report();
    for (const body of [{}, { reason: '' }, { reason: '   ' }, { reason: '查'.repeat(501) }]) {
      const answer = await intake.send('POST', `/api/intake/cases/${caseId}/reporter/disclosures`, STATION, body);
      expect(answer.status).toBe(400);
      expect(answer.body.details.map((d: { field: string }) => d.field)).toContain('reason');
    }
    const neighbour = await intake.send('POST', `/api/intake/cases/${caseId}/reporter/disclosures`, NEIGHBOUR, { reason: '核实' });
    expect(neighbour.status).toBe(403);
    expect(JSON.stringify(neighbour.body)).not.toMatch(/张|13812345678|5678/);
    expect((await intake.send('POST', `/api/intake/cases/${caseId}/reporter/disclosures`, UNIT, { reason: '核实' })).status).toBe(403);
    // A replay would keep the answer, name and phone in plain text, in the idempotency store: the key is refused.
    const replayable = await intake.send('POST', `/api/intake/cases/${caseId}/reporter/disclosures`, STATION, { reason: '核实' }, { 'idempotency-key': 'disclose-1' });
    expect(replayable).toMatchObject({ status: 400, body: { details: [{ field: 'Idempotency-Key' }] } });
    expect(await intake.writer.runtime.store.readStream(streams.personalDataAccess(caseId))).toEqual([]);
  });
});
