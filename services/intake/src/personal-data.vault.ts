import type Database from 'better-sqlite3';
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { SealedPersonalData } from '@whistle/contracts';
import { openSqlite } from '@whistle/event-store';

export interface ReporterDetails {
  readonly name: string;
  readonly phone: string;
}

/** How long an erasure waits for readers of the file to let its WAL be emptied. */
const SCRUB_WITHIN_MS = 30_000;

/**
 * Reporters' personal data, sealed per case with a key kept apart from the events (crypto
 * shredding): the event holds only ciphertext, so erasing the key erases the data while the
 * hash chain over the ciphertext stays verifiable.
 *
 * Beside the keys, an index from a keyed hash of each reporter's phone number (HMAC-SHA-256 under
 * a secret made once and kept here) to the cases it reported, so that every case of one number can
 * be erased without the number being kept in clear. An erasure removes the case from the index
 * too, and the connection overwrites what it deletes (secure_delete): once the WAL is checkpointed
 * and truncated, neither the file nor its WAL holds the key's bytes, so backups made afterwards
 * hold nothing that unseals the data.
 */
export class PersonalDataVault {
  private readonly db: Database.Database;
  private readonly secret: Buffer;

  constructor(file: string) {
    this.db = openSqlite(file);
    // Before anything is written or deleted on this connection: freed cells and pages are zeroed.
    this.db.pragma('secure_delete = ON');
    this.db.exec(`CREATE TABLE IF NOT EXISTS personal_data_keys (
      key_id TEXT PRIMARY KEY,
      case_id TEXT NOT NULL,
      key BLOB
    )`);
    this.db.exec(`CREATE TABLE IF NOT EXISTS personal_data_secret (id INTEGER PRIMARY KEY CHECK (id = 1), secret BLOB NOT NULL)`);
    this.db.exec(`CREATE TABLE IF NOT EXISTS reporter_phone_index (
      phone_hash TEXT NOT NULL,
      case_id TEXT NOT NULL,
      PRIMARY KEY (phone_hash, case_id)
    ) WITHOUT ROWID`);
    this.db.exec('CREATE INDEX IF NOT EXISTS reporter_phone_index_case ON reporter_phone_index (case_id)');
    this.db.exec(`CREATE TABLE IF NOT EXISTS personal_data_upgrades (name TEXT PRIMARY KEY)`);
    this.db.prepare('INSERT OR IGNORE INTO personal_data_secret (id, secret) VALUES (1, ?)').run(randomBytes(32));
    this.secret = (this.db.prepare('SELECT secret FROM personal_data_secret WHERE id = 1').get() as { secret: Buffer }).secret;
  }

  /** Seals the details under the case's key (made now, or the one a retried report made) and files the case under the phone's hash. */
  seal(caseId: string, details: ReporterDetails): SealedPersonalData {
    const keyId = `pd-${caseId}`;
    const stored = this.db.transaction(() => {
      this.db.prepare('INSERT OR IGNORE INTO personal_data_keys (key_id, case_id, key) VALUES (?, ?, ?)').run(keyId, caseId, randomBytes(32));
      this.fileUnderPhone(caseId, details.phone);
      return this.keyOf(keyId);
    })();
    if (!stored) throw new Error(`the personal-data key ${keyId} of case ${caseId} was erased: the case cannot be sealed again`);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', stored, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(details), 'utf8'), cipher.final()]);
    return { keyId, ciphertext: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64') };
  }

  /** The details, or null once the key was erased. */
  unseal(sealed: SealedPersonalData): ReporterDetails | null {
    const key = this.keyOf(sealed.keyId);
    if (!key) return null;
    const raw = Buffer.from(sealed.ciphertext, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as ReporterDetails;
  }

  /** Whether the key still exists: an erasure recorded but not yet carried out leaves it. */
  holdsKey(keyId: string): boolean {
    return this.keyOf(keyId) !== undefined;
  }

  /** The cases filed under this phone number, however it was written (spaces, dashes, +86). */
  casesOfPhone(phone: string): string[] {
    const rows = this.db.prepare('SELECT case_id FROM reporter_phone_index WHERE phone_hash = ? ORDER BY case_id').all(this.phoneHash(phone)) as { case_id: string }[];
    return rows.map((row) => row.case_id);
  }

  /**
   * Destroys the case's key and its entries in the phone index, then checkpoints the WAL into the
   * file and truncates it, so the key's bytes are in neither. Idempotent: erasing again (a retry
   * after a crash) destroys whatever is left and scrubs again.
   */
  async erase(keyId: string, caseId: string): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('UPDATE personal_data_keys SET key = NULL WHERE key_id = ?').run(keyId);
      this.db.prepare('DELETE FROM reporter_phone_index WHERE case_id = ?').run(caseId);
    })();
    await this.scrub();
  }

  /**
   * Copies the WAL into the file and truncates it. A reader of the file (the audit, another
   * connection's long read) can hold it up; each try waits for it (busy_timeout), and the erasure
   * fails, to be carried out again, if the WAL could not be emptied within SCRUB_WITHIN_MS.
   */
  async scrub(): Promise<void> {
    const until = Date.now() + SCRUB_WITHIN_MS;
    for (;;) {
      const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
      if (result && result.busy === 0) return;
      if (Date.now() >= until) throw new Error(`the personal-data vault could not empty its WAL within ${SCRUB_WITHIN_MS} ms: a reader kept it busy; the erased key stays in the WAL until the next try`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /**
   * Once, at the first start after the phone index came: files the cases sealed before it under
   * their phones, unsealing each with `sealedOf` (the data its report recorded). A key whose report
   * was refused, so that no event holds its ciphertext, has nothing to file.
   */
  async indexPhonesOnce(sealedOf: (caseId: string) => Promise<SealedPersonalData | undefined>): Promise<number> {
    const upgrade = 'reporter_phone_index';
    if (this.db.prepare('SELECT 1 FROM personal_data_upgrades WHERE name = ?').get(upgrade)) return 0;
    const unfiled = this.db
      .prepare('SELECT key_id, case_id FROM personal_data_keys k WHERE key IS NOT NULL AND NOT EXISTS (SELECT 1 FROM reporter_phone_index i WHERE i.case_id = k.case_id)')
      .all() as { key_id: string; case_id: string }[];
    let filed = 0;
    for (const { key_id: keyId, case_id: caseId } of unfiled) {
      const sealed = await sealedOf(caseId);
      const details = sealed?.keyId === keyId ? this.unseal(sealed) : null;
      if (!details) continue;
      this.fileUnderPhone(caseId, details.phone);
      filed += 1;
    }
    this.db.prepare('INSERT INTO personal_data_upgrades (name) VALUES (?)').run(upgrade);
    return filed;
  }

  close(): void {
    this.db.close();
  }

  private fileUnderPhone(caseId: string, phone: string): void {
    this.db.prepare('INSERT OR IGNORE INTO reporter_phone_index (phone_hash, case_id) VALUES (?, ?)').run(this.phoneHash(phone), caseId);
  }

  private phoneHash(phone: string): string {
    return createHmac('sha256', this.secret).update(normalisePhone(phone), 'utf8').digest('hex');
  }

  private keyOf(keyId: string): Buffer | undefined {
    const row = this.db.prepare('SELECT key FROM personal_data_keys WHERE key_id = ?').get(keyId) as { key: Buffer | null } | undefined;
    return row?.key ?? undefined;
  }
}

/**
 * One spelling per number: spaces and dashes dropped, and China's country code (+86, 0086) dropped
 * before a mobile number, so "+86 138-1234-5678" and "13812345678" are the same reporter. Other
 * numbers keep their leading +.
 */
export function normalisePhone(phone: string): string {
  const compact = phone.replace(/[\s-]/g, '');
  const national = /^(?:\+86|0086)(1\d{10})$/.exec(compact);
  return national?.[1] ?? compact;
}

/** 张三 → 张*, 13812345678 → 138****5678: enough to recognise, not to contact. */
export function maskReporter(details: ReporterDetails): ReporterDetails {
  const name = [...details.name];
  return {
    name: name.length <= 1 ? '*' : `${name[0]}${'*'.repeat(name.length - 1)}`,
    phone: details.phone.length >= 7 ? `${details.phone.slice(0, 3)}${'*'.repeat(details.phone.length - 7)}${details.phone.slice(-4)}` : '****',
  };
}
