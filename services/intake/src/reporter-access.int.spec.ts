import { startWriterUnderTest, type WriterUnderTest } from '@whistle/deployment/testing';
import { streams } from '@whistle/contracts';
import { verifyStream } from '@whistle/kernel';
import { intakeWriter } from './intake.writer';

const STATION = { sub: 'north-clerk', role: 'station', stationId: 'station-north' } as const;
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
    const read = await intake.send('GET', `/api/intake/cases/${caseId}/reporter?reason=${encodeURIComponent(' 回访核实 ')}`, STATION);
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
    const reads = await Promise.all(Array.from({ length: 12 }, (_, i) => intake.send('GET', `/api/intake/cases/${caseId}/reporter?reason=${encodeURIComponent(`核实 ${i}`)}`, STATION)));
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
    const failed = await intake.send('GET', `/api/intake/cases/${caseId}/reporter?reason=${encodeURIComponent('回访核实')}`, STATION);
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(JSON.stringify(failed.body)).not.toMatch(/张三|13812345678/);

    const masked = await intake.send('GET', `/api/intake/cases/${caseId}/reporter`, STATION);
    expect(masked.body).toEqual({ reporter: { name: '张*', phone: '138****5678' }, masked: true, erased: null, fullRequiresReason: true, access: null });
    expect(await store.readStream(streams.personalDataAccess(caseId))).toEqual([]);
  });

  it('refuses a reason that repeats the reporter’s name or phone, which the record would keep after an erasure, and records nothing', async () => {
    const caseId = await report();
    for (const reason of ['回访张三', '核实 13812345678']) {
      const read = await intake.send('GET', `/api/intake/cases/${caseId}/reporter?reason=${encodeURIComponent(reason)}`, STATION);
      expect(read.status).toBe(400);
      expect(read.body.details).toEqual([{ field: 'reason', message: 'reason must not contain the reporter’s name or phone number: it stays in the record after the data is erased' }]);
      expect(JSON.stringify(read.body)).not.toMatch(/138\*{0,4}5678|"name"/);
    }
    expect(await intake.writer.runtime.store.readStream(streams.personalDataAccess(caseId))).toEqual([]);
  });
});
