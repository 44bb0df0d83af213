import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startWriterUnderTest, type WriterUnderTest } from '@whistle/deployment/testing';
import { streams, type SealedPersonalData } from '@whistle/contracts';
import { intakeContext } from '@whistle/intake-domain';
import { verifyStream } from '@whistle/kernel';
import { intakeWriter } from './intake.writer';
import { PersonalDataVault, normalisePhone } from './personal-data.vault';

const OFFICE = { sub: 'office-clerk', role: 'office' } as const;
const ADMIN = { sub: 'admin-wang', role: 'admin' } as const;
const STATION = { sub: 'north-clerk', role: 'station', stationId: 'station-north' } as const;
const AUDITOR = { sub: 'auditor-li', role: 'auditor' } as const;
const REASON = '报告人来电申请删除个人信息';

/** Reads a case's key straight from the file, as someone holding a copy of it would. */
function keyInFile(file: string, caseId: string): Buffer | null {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT key FROM personal_data_keys WHERE case_id = ?').get(caseId) as { key: Buffer | null } | undefined)?.key ?? null;
  } finally {
    db.close();
  }
}

/** The intake files a backup takes: the store and vault file and its -wal and -shm, where they exist. */
function backUp(file: string, to: string): string[] {
  return ['', '-wal', '-shm'].filter((suffix) => existsSync(`${file}${suffix}`)).map((suffix) => {
    const copy = join(to, `intake.db${suffix}`);
    copyFileSync(`${file}${suffix}`, copy);
    return copy;
  });
}

describe('intake: erasing reporters’ personal data (个人信息删除)', () => {
  let intake: WriterUnderTest;
  beforeEach(async () => {
    intake = await startWriterUnderTest(intakeWriter);
  });
  afterEach(() => intake.close());

  const report = async (phone: string | null, name = '张三', compoundId = 'compound-xinghua-1'): Promise<string> => {
    const answer = await intake.send('POST', '/api/intake/cases', STATION, {
      compoundId,
      category: 'late_night_noise',
      description: `夜间噪音 ${Math.random()}`,
      channel: 'hotline_12345',
      ...(phone === null ? {} : { reporter: { name, phone } }),
    });
    expect(answer.status).toBe(201);
    return answer.body.id as string;
  };
  const sealedOf = async (caseId: string): Promise<SealedPersonalData> => {
    const [reported] = await intake.writer.runtime.store.readStream(streams.case(caseId), { maxCount: 1 });
    return (reported?.data as { reporter: SealedPersonalData }).reporter;
  };

  it('records the erasure through the decider, destroys the key, and tells who erased it when and why; the chain still verifies', async () => {
    const caseId = await report('13812345678');
    const path = `/api/intake/cases/${caseId}/reporter/erasure`;
    const erased = await intake.send('POST', path, OFFICE, { reason: `  ${REASON}  ` });
    expect(erased).toMatchObject({ status: 200, body: { id: caseId, revision: 2, events: ['intake.ReporterDataErased.v1'] } });
    const [published] = await intake.publishedOf('intake.ReporterDataErased.v1');
    expect(published).toMatchObject({ data: { caseId, keyId: `pd-${caseId}`, reason: REASON, erasedAt: intake.clock.now() }, actor: { id: 'office-clerk', role: 'office' } });
    expect(JSON.stringify(published)).not.toMatch(/13812345678|张三/);

    expect(keyInFile(intake.writer.runtime.file, caseId)).toBeNull();
    const answer = await intake.send('GET', `/api/intake/cases/${caseId}/reporter`, STATION);
    expect(answer.body).toEqual({ reporter: null, masked: false, erased: { at: intake.clock.now(), by: { id: 'office-clerk', role: 'office' }, reason: REASON } });

    const stream = await intake.writer.runtime.store.readStream(streams.case(caseId));
    expect(verifyStream(streams.case(caseId), stream)).toMatchObject({ ok: true, checked: 3 });

    const again = await intake.send('POST', path, ADMIN, { reason: REASON });
    expect(again).toMatchObject({ status: 409, body: { details: [{ code: 'case.reporter_data_erased' }] } });
    expect(again.body.message).toContain(`already erased at ${intake.clock.now()}`);
  });

  it('refuses what it must, naming the field or the reason', async () => {
    const caseId = await report('13812345678');
    const path = `/api/intake/cases/${caseId}/reporter/erasure`;
    const field = async (body: unknown) => {
      const answer = await intake.send('POST', path, OFFICE, body);
      return { status: answer.status, fields: [...new Set((answer.body.details as { field?: string }[]).map((d) => d.field))] };
    };
    expect(await field({})).toEqual({ status: 400, fields: ['reason'] });
    expect(await field({ reason: ' \n ' })).toEqual({ status: 400, fields: ['reason'] });
    expect(await field({ reason: 'x'.repeat(501) })).toEqual({ status: 400, fields: ['reason'] });
    expect(await field({ reason: '张三本人要求删除' })).toEqual({ status: 400, fields: ['reason'] });
    expect(await field({ reason: '138 1234 5678 来电要求删除' })).toEqual({ status: 400, fields: ['reason'] });
    for (const who of [STATION, AUDITOR]) expect((await intake.send('POST', path, who, { reason: REASON })).status).toBe(403);
    expect((await intake.send('POST', '/api/intake/cases/nope/reporter/erasure', OFFICE, { reason: REASON })).status).toBe(404);
    const anonymous = await report(null);
    const none = await intake.send('POST', `/api/intake/cases/${anonymous}/reporter/erasure`, OFFICE, { reason: REASON });
    expect(none).toMatchObject({ status: 409, body: { details: [{ code: 'case.no_reporter_data' }] } });
    // Nothing of the refused ones was recorded, nothing destroyed.
    expect(keyInFile(intake.writer.runtime.file, caseId)).not.toBeNull();
    expect((await intake.writer.runtime.store.readStream(streams.case(caseId))).map((e) => e.type)).toEqual(['intake.CaseReported.v1', 'intake.CaseRouted.v1']);
  });

  it('erases every case of one phone number, however it was written, and only those; a number with none answers count 0', async () => {
    const same = [await report('13812345678'), await report('+86 138-1234-5678', '张三丰'), await report('0086 13812345678')];
    const other = await report('13900001111', '李四');
    const answer = await intake.send('POST', '/api/intake/reporters/erasure', ADMIN, { phone: '138 1234 5678', reason: REASON });
    expect(answer.status).toBe(200);
    expect(answer.body.count).toBe(3);
    expect((answer.body.cases as { id: string; events: string[] }[]).map((c) => [c.id, c.events])).toEqual(
      [...same].sort().map((id) => [id, ['intake.ReporterDataErased.v1']]),
    );
    for (const id of same) expect((await intake.send('GET', `/api/intake/cases/${id}/reporter`, OFFICE)).body.erased).toMatchObject({ by: { id: 'admin-wang', role: 'admin' }, reason: REASON });
    expect((await intake.send('GET', `/api/intake/cases/${other}/reporter`, OFFICE)).body).toEqual({ reporter: { name: '李四', phone: '13900001111' }, masked: false, erased: null });

    expect((await intake.send('POST', '/api/intake/reporters/erasure', OFFICE, { phone: '13812345678', reason: REASON })).body).toEqual({ count: 0, cases: [] });
    expect((await intake.send('POST', '/api/intake/reporters/erasure', OFFICE, { phone: '13700000000', reason: REASON })).body).toEqual({ count: 0, cases: [] });
    const bad = await intake.send('POST', '/api/intake/reporters/erasure', OFFICE, { phone: 'call me', reason: '' });
    expect(bad.status).toBe(400);
    expect(new Set((bad.body.details as { field: string }[]).map((d) => d.field))).toEqual(new Set(['phone', 'reason']));
    const repeating = await intake.send('POST', '/api/intake/reporters/erasure', OFFICE, { phone: '13900001111', reason: '李四来电要求删除' });
    expect(repeating.status).toBe(400);
    expect((await intake.send('POST', '/api/intake/reporters/erasure', STATION, { phone: '13900001111', reason: REASON })).status).toBe(403);
  });

  it('backups made after an erasure hold no byte of the erased keys, and the other cases still unseal from them', async () => {
    // Enough cases that the keys' table spans many pages, which split as it grows.
    const cases: string[] = [];
    for (let i = 0; i < 400; i += 1) cases.push(await report(`1380000${String(i).padStart(4, '0')}`, `报告人${i}`));
    const erasedIds = [cases[7], cases[200], cases[399]] as string[];
    const file = intake.writer.runtime.file;
    const keys = new Map(erasedIds.map((id) => [id, keyInFile(file, id)]));
    const dir = mkdtempSync(join(tmpdir(), 'intake-backup-'));
    try {
      // The scan itself: before the erasure a copy does hold the keys.
      const before = backUp(file, mkdtempSync(join(dir, 'before-')));
      for (const key of keys.values()) expect(before.some((copy) => readFileSync(copy).includes(key as Buffer))).toBe(true);

      for (const id of erasedIds.slice(0, 2)) expect((await intake.send('POST', `/api/intake/cases/${id}/reporter/erasure`, OFFICE, { reason: REASON })).status).toBe(200);
      expect((await intake.send('POST', '/api/intake/reporters/erasure', OFFICE, { phone: '13800000399', reason: REASON })).body.count).toBe(1);

      const after = backUp(file, mkdtempSync(join(dir, 'after-')));
      for (const [id, key] of keys) {
        for (const copy of after) expect({ id, copy, holdsKey: readFileSync(copy).includes(key as Buffer) }).toEqual({ id, copy, holdsKey: false });
      }
      const restored = new PersonalDataVault(after[0] as string);
      try {
        expect(restored.unseal(await sealedOf(cases[8] as string))).toEqual({ name: '报告人8', phone: '13800000008' });
        expect(restored.unseal(await sealedOf(cases[398] as string))).toEqual({ name: '报告人398', phone: '13800000398' });
        expect(restored.unseal(await sealedOf(cases[200] as string))).toBeNull();
      } finally {
        restored.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('intake: an erasure interrupted between its record and the key’s destruction', () => {
  const erasedWithoutDestroying = async (intake: WriterUnderTest, caseId: string) => {
    const now = intake.clock.now();
    // What a crash after the append leaves: the record, and the key.
    await intake.writer.runtime.run(intakeContext.aggregates.case, caseId, { type: 'EraseReporterData', requestedBy: 'office', reason: REASON, now }, {
      actor: { id: 'office-clerk', role: 'office' },
      correlationId: 'c-crash',
      causationId: null,
      now,
    });
    expect(keyInFile(intake.writer.runtime.file, caseId)).not.toBeNull();
  };
  const reportWith = async (intake: WriterUnderTest, phone: string) =>
    (
      await intake.send('POST', '/api/intake/cases', STATION, {
        compoundId: 'compound-xinghua-1',
        category: 'late_night_noise',
        description: '夜间噪音',
        channel: 'hotline_12345',
        reporter: { name: '王五', phone },
      })
    ).body.id as string;

  it('is carried out by the next try, which answers that it was already erased', async () => {
    const intake = await startWriterUnderTest(intakeWriter);
    try {
      const caseId = await reportWith(intake, '13811112222');
      await erasedWithoutDestroying(intake, caseId);
      // Never shown while the key waits: the record says erased.
      expect((await intake.send('GET', `/api/intake/cases/${caseId}/reporter`, OFFICE)).body).toMatchObject({ reporter: null, erased: { reason: REASON } });
      const retry = await intake.send('POST', `/api/intake/cases/${caseId}/reporter/erasure`, OFFICE, { reason: REASON });
      expect(retry).toMatchObject({ status: 409, body: { details: [{ code: 'case.reporter_data_erased' }] } });
      expect(keyInFile(intake.writer.runtime.file, caseId)).toBeNull();
      expect((await intake.writer.runtime.store.readStream(streams.case(caseId))).filter((e) => e.type === 'intake.ReporterDataErased.v1')).toHaveLength(1);
    } finally {
      await intake.close();
    }
  });

  it('is carried out by the next start, before the service answers anything', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'intake-restart-'));
    try {
      const first = await startWriterUnderTest(intakeWriter, { dataDir });
      const caseId = await reportWith(first, '13833334444');
      await erasedWithoutDestroying(first, caseId);
      await first.close();
      const second = await startWriterUnderTest(intakeWriter, { dataDir });
      try {
        expect(keyInFile(second.writer.runtime.file, caseId)).toBeNull();
        expect((await second.send('POST', '/api/intake/reporters/erasure', OFFICE, { phone: '13833334444', reason: REASON })).body).toEqual({ count: 0, cases: [] });
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('intake: the phone index of cases sealed before it existed', () => {
  it('is filled at the first start after the upgrade, from the reports’ sealed data', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'intake-upgrade-'));
    try {
      const first = await startWriterUnderTest(intakeWriter, { dataDir });
      const caseId = (
        await first.send('POST', '/api/intake/cases', STATION, { compoundId: 'compound-xinghua-1', category: 'late_night_noise', description: '夜间噪音', channel: 'branch', reporter: { name: '赵六', phone: '13855556666' } })
      ).body.id as string;
      await first.close();
      // The file as the version before the index left it: keys, and no index.
      const db = new Database(join(dataDir, 'intake.db'));
      db.exec('DROP TABLE reporter_phone_index; DROP TABLE personal_data_upgrades');
      db.close();
      const second = await startWriterUnderTest(intakeWriter, { dataDir });
      try {
        const erased = await second.send('POST', '/api/intake/reporters/erasure', OFFICE, { phone: '+8613855556666', reason: REASON });
        expect(erased.body).toMatchObject({ count: 1, cases: [{ id: caseId }] });
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('spells a number one way', () => {
    expect(['+86 138-1234-5678', '0086 138 1234 5678', '13812345678'].map(normalisePhone)).toEqual(['13812345678', '13812345678', '13812345678']);
    expect(normalisePhone('+44 20 7946 0958')).toBe('+442079460958');
    expect(normalisePhone('010-12345678')).toBe('01012345678');
  });
});
