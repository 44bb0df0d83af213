import { randomBytes, randomUUID } from 'node:crypto';
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

/** The intake files under `dir` as a copy of them holds them: the store and vault file, its WAL and its shared memory. */
function intakeFilesIn(dir: string): Buffer[] {
  return ['', '-wal', '-shm'].map((suffix) => join(dir, `intake.db${suffix}`)).filter((file) => existsSync(file)).map((file) => readFileSync(file));
}

/** How many copies of `bytes` those files hold. */
function copiesIn(files: readonly Buffer[], bytes: Buffer): number {
  let found = 0;
  for (const content of files) for (let at = content.indexOf(bytes); at >= 0; at = content.indexOf(bytes, at + 1)) found += 1;
  return found;
}

/** Runs `test` on a data directory of its own, removed afterwards. */
async function inDataDir(prefix: string, test: (dataDir: string) => Promise<void>): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  try {
    await test(dataDir);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
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
    expect(answer.body).toEqual({ reporter: null, masked: false, erased: { at: intake.clock.now(), by: { id: 'office-clerk', role: 'office' }, reason: REASON }, fullRequiresReason: false, access: null });

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
    expect((await intake.send('POST', `/api/intake/cases/${other}/reporter/disclosures`, OFFICE, { reason: 'check' })).body).toMatchObject({ reporter: { name: '李四', phone: '13900001111' }, masked: false, erased: null });

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

describe('intake: a crash between a key’s destruction and the scrub of the WAL', () => {
  let dataDir: string;
  let imageDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'intake-crash-'));
    imageDir = mkdtempSync(join(tmpdir(), 'intake-crash-image-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(imageDir, { recursive: true, force: true });
  });

  /** Leaves in imageDir what the disk holds when the process dies right after the key's destruction; gives the key. */
  const crashAfterDestroying = async (): Promise<Buffer> => {
    const first = await startWriterUnderTest(intakeWriter, { dataDir });
    const file = first.writer.runtime.file;
    try {
      const caseId = (await first.send('POST', '/api/intake/cases', STATION, { compoundId: 'compound-xinghua-1', category: 'late_night_noise', description: '夜间噪音', channel: 'branch', reporter: { name: '孙八', phone: '13899990000' } })).body.id as string;
      const key = keyInFile(file, caseId) as Buffer;
      // The erasure recorded and the key destroyed by the vault's own statement; the process gone before the scrub.
      const now = first.clock.now();
      await first.writer.runtime.run(intakeContext.aggregates.case, caseId, { type: 'EraseReporterData', requestedBy: 'office', reason: REASON, now }, { actor: { id: 'office-clerk', role: 'office' }, correlationId: 'c-crash', causationId: null, now });
      const vault = new PersonalDataVault(file);
      try {
        vault.destroy(`pd-${caseId}`, caseId);
        // What the disk holds at that moment (a clean close would checkpoint): the file and its WAL.
        for (const suffix of ['', '-wal']) copyFileSync(`${file}${suffix}`, join(imageDir, `intake.db${suffix}`));
      } finally {
        vault.close();
      }
      expect(copiesIn(intakeFilesIn(imageDir), key)).toBeGreaterThan(0);
      return key;
    } finally {
      await first.close();
    }
  };

  it('is scrubbed by the next start: no copy of the files holds the key’s bytes', async () => {
    const key = await crashAfterDestroying();
    const second = await startWriterUnderTest(intakeWriter, { dataDir: imageDir });
    try {
      expect(copiesIn(intakeFilesIn(imageDir), key)).toBe(0);
    } finally {
      await second.close();
    }
  });

  it('does not hold up the start while a reader keeps the WAL busy, and is scrubbed as soon as it lets go', async () => {
    const key = await crashAfterDestroying();
    const reader = new Database(join(imageDir, 'intake.db'), { readonly: true });
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM personal_data_keys').get();
    const second = await startWriterUnderTest(intakeWriter, { dataDir: imageDir });
    try {
      expect(copiesIn(intakeFilesIn(imageDir), key)).toBeGreaterThan(0);
      expect((await second.send('GET', '/api/intake/cases/nope/reporter', OFFICE)).status).toBe(404);
      reader.exec('COMMIT');
      reader.close();
      const until = Date.now() + 5_000;
      while (copiesIn(intakeFilesIn(imageDir), key) > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(copiesIn(intakeFilesIn(imageDir), key)).toBe(0);
    } finally {
      if (reader.open) reader.close();
      await second.close();
    }
  });
});

describe('intake: a report refused after its reporter was sealed', () => {
  const PHONE = '13766667777';
  const vaultOf = <T>(file: string, read: (vault: PersonalDataVault, db: Database.Database) => T): T => {
    const vault = new PersonalDataVault(file);
    const db = new Database(file, { readonly: true });
    try {
      return read(vault, db);
    } finally {
      db.close();
      vault.close();
    }
  };
  const rows = (db: Database.Database) => ({
    keys: (db.prepare('SELECT count(*) AS n FROM personal_data_keys').get() as { n: number }).n,
    filed: (db.prepare('SELECT count(*) AS n FROM reporter_phone_index').get() as { n: number }).n,
  });

  it('leaves no key and no phone-index entry', async () => {
    const intake = await startWriterUnderTest(intakeWriter);
    try {
      const file = intake.writer.runtime.file;
      const before = vaultOf(file, (_, db) => rows(db));
      // The catalogue has no such category: the decider refuses the report once its reporter is sealed.
      const refused = await intake.send('POST', '/api/intake/cases', OFFICE, { compoundId: 'compound-xinghua-1', category: 'no_such_category', description: '夜间噪音', channel: 'branch', reporter: { name: '周九', phone: PHONE } });
      expect({ status: refused.status, fields: (refused.body.details as { field: string }[]).map((d) => d.field) }).toEqual({ status: 400, fields: ['category'] });
      expect(vaultOf(file, (vault, db) => ({ ...rows(db), cases: vault.casesOfPhone(PHONE) }))).toEqual({ ...before, cases: [] });
    } finally {
      await intake.close();
    }
  });

  it('leaves nothing either when an earlier version or a crash left its key: the next start removes it, and keeps every recorded one', () =>
    inDataDir('intake-orphans-', async (dataDir) => {
      const first = await startWriterUnderTest(intakeWriter, { dataDir });
      const kept = (await first.send('POST', '/api/intake/cases', STATION, { compoundId: 'compound-xinghua-1', category: 'late_night_noise', description: '夜间噪音', channel: 'branch', reporter: { name: '吴十', phone: '13711112222' } })).body.id as string;
      await first.close();
      const file = join(dataDir, 'intake.db');
      vaultOf(file, (vault) => {
        vault.seal('refused-by-an-earlier-version', { name: '周九', phone: PHONE });
        vault.seal('refused-before-a-crash', { name: '郑十一', phone: '13733334444' });
      });
      // The file as the version before the mark left it: no column saying which keys are recorded.
      const db = new Database(file);
      db.exec('ALTER TABLE personal_data_keys DROP COLUMN recorded');
      db.close();

      const second = await startWriterUnderTest(intakeWriter, { dataDir });
      try {
        expect(vaultOf(file, (vault, read) => ({ ...rows(read), cases: [...vault.casesOfPhone(PHONE), ...vault.casesOfPhone('13733334444')] }))).toEqual({ keys: 1, filed: 1, cases: [] });
        expect((await second.send('POST', `/api/intake/cases/${kept}/reporter/disclosures`, OFFICE, { reason: 'check' })).body.reporter).toEqual({ name: '吴十', phone: '13711112222' });
      } finally {
        await second.close();
      }
    }));

  it('is not swept while the store holds no case at all: that store is not the one the keys were sealed for', () =>
    inDataDir('intake-elsewhere-', async (dataDir) => {
      const file = join(dataDir, 'intake.db');
      vaultOf(file, (vault) => void vault.seal('sealed-for-another-store', { name: '王十二', phone: PHONE }));
      const intake = await startWriterUnderTest(intakeWriter, { dataDir });
      await intake.close();
      expect(vaultOf(file, (vault) => vault.casesOfPhone(PHONE))).toEqual(['sealed-for-another-store']);
    }));
});

describe('intake: a vault made before its connection overwrote what it deleted', () => {
  it('is rewritten once at the next start, so each live key is in the files once and no stale copy of a cell is left', () =>
    inDataDir('intake-old-vault-', async (dataDir) => {
      const file = join(dataDir, 'intake.db');
      // As the first versions made it: no secure_delete, keys sealed as reports came, between other writes to the same file.
      const old = new Database(file);
      old.pragma('journal_mode = WAL');
      old.exec('CREATE TABLE personal_data_keys (key_id TEXT PRIMARY KEY, case_id TEXT NOT NULL, key BLOB)');
      old.exec('CREATE TABLE other_writes (id INTEGER PRIMARY KEY, body TEXT)');
      const keys: Buffer[] = [];
      old.transaction(() => {
        for (let i = 0; i < 3000; i += 1) {
          const caseId = `old-case-${String(i).padStart(4, '0')}-${randomUUID()}`;
          const key = randomBytes(32);
          keys.push(key);
          old.prepare('INSERT INTO personal_data_keys VALUES (?, ?, ?)').run(`pd-${caseId}`, caseId, key);
          old.prepare('INSERT INTO other_writes (body) VALUES (?)').run('x'.repeat(300));
        }
      })();
      old.close();
      const stale = (): number => {
        const files = intakeFilesIn(dataDir);
        return keys.filter((key) => copiesIn(files, key) !== 1).length;
      };
      expect(stale()).toBeGreaterThan(0);

      const intake = await startWriterUnderTest(intakeWriter, { dataDir });
      try {
        expect(stale()).toBe(0);
      } finally {
        await intake.close();
      }
    }));
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
