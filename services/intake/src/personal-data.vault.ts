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
/** How often a scrub no one waits for is tried again while a reader holds the WAL. */
const SCRUB_RETRY_MS = 1000;
/** openSqlite's: restored after each scrub's try, which waits for no one. */
const BUSY_TIMEOUT_MS = 5000;

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
 *
 * A key is sealed before its report is decided: it is marked recorded once the report is, and a
 * key whose report was refused is discarded with its index entries (`discard`, and at start
 * `settleUnrecorded` for what a crash or an earlier version left). Whatever destroys or discards
 * a key marks a scrub (清除) pending in the same transaction; the mark is cleared only once the WAL
 * was emptied, so a crash in between is scrubbed at the next start (`scrubPendingSoon`).
 */
export class PersonalDataVault {
  private readonly db: Database.Database;
  private readonly secret: Buffer;
  private retrying: NodeJS.Timeout | null = null;

  constructor(file: string) {
    this.db = openSqlite(file);
    // Before anything is written or deleted on this connection: freed cells and pages are zeroed.
    this.db.pragma('secure_delete = ON');
    // Pending from the start: an earlier version may have been stopped between a key's destruction and the scrub.
    this.db.exec(`CREATE TABLE IF NOT EXISTS personal_data_scrub (id INTEGER PRIMARY KEY CHECK (id = 1), pending INTEGER NOT NULL)`);
    this.db.exec('INSERT OR IGNORE INTO personal_data_scrub (id, pending) VALUES (1, 1)');
    this.keysTableOnce();
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
      this.db.prepare('INSERT OR IGNORE INTO personal_data_keys (key_id, case_id, key, recorded) VALUES (?, ?, ?, 0)').run(keyId, caseId, randomBytes(32));
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

  /** The case's report is recorded: its key is no longer one a refused report left. */
  noteRecorded(caseId: string): void {
    this.db.prepare('UPDATE personal_data_keys SET recorded = 1 WHERE case_id = ?').run(caseId);
  }

  /**
   * Destroys the case's key and its entries in the phone index, then checkpoints the WAL into the
   * file and truncates it, so the key's bytes are in neither. Idempotent: erasing again (a retry
   * after a crash) destroys whatever is left and scrubs again.
   */
  async erase(keyId: string, caseId: string): Promise<void> {
    this.destroy(keyId, caseId);
    try {
      await this.scrub();
    } catch (error) {
      this.scrubPendingSoon();
      throw error;
    }
  }

  /** The first half of `erase`: the key set NULL, the case out of the index and a scrub marked pending, in one transaction. */
  destroy(keyId: string, caseId: string): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE personal_data_keys SET key = NULL WHERE key_id = ?').run(keyId);
      this.db.prepare('DELETE FROM reporter_phone_index WHERE case_id = ?').run(caseId);
      this.markScrubPending();
    })();
  }

  /**
   * Removes the key and index entries of a report that was not recorded (refused, or failed): no
   * event holds their ciphertext, and the number's hash must not stay findable. The answer does not
   * wait for the scrub (`scrubPendingSoon`). A key already marked recorded is kept.
   */
  discard(caseId: string): void {
    if (this.remove(caseId)) this.scrubPendingSoon();
  }

  /**
   * At start, the keys not known to be recorded (sealed by an earlier version, or left by a crash
   * between sealing and deciding): those whose case the store holds are marked recorded, the others
   * removed, to be scrubbed by `scrubPendingSoon`. Nothing is removed while the store holds no case at
   * all: that is another store than the one these keys were sealed for (a wrong setting), and
   * destroying them could not be undone.
   */
  settleUnrecorded(recordedCase: (caseId: string) => boolean, storeHoldsCases: boolean): void {
    const unrecorded = this.db.prepare('SELECT case_id FROM personal_data_keys WHERE recorded IS NOT 1').all() as { case_id: string }[];
    for (const { case_id: caseId } of unrecorded) {
      if (recordedCase(caseId)) this.noteRecorded(caseId);
      else if (storeHoldsCases) this.remove(caseId);
    }
  }

  /**
   * The scrub left pending (at start: by a crash, by what the start removed or destroyed), tried
   * now and, while a reader keeps the WAL busy, again every SCRUB_RETRY_MS until it is done or the
   * vault is closed: neither a start nor a refused report waits for a reader to let go.
   */
  scrubPendingSoon(): void {
    if (this.retrying || !this.scrubPending() || this.checkpointed()) return;
    this.retrying = setInterval(() => {
      if (this.scrubPending() && !this.checkpointed()) return;
      this.stopRetrying();
    }, SCRUB_RETRY_MS);
    this.retrying.unref();
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
    this.stopRetrying();
    this.db.close();
  }

  /**
   * Copies the WAL into the file and truncates it. A reader of the file (the audit, another
   * connection's long read) can hold it up: each try gives way at once and the next comes 100 ms
   * later, and the erasure fails, to be carried out again, if the WAL could not be emptied within
   * SCRUB_WITHIN_MS. The scrub stays pending until it succeeds.
   */
  private async scrub(): Promise<void> {
    const until = Date.now() + SCRUB_WITHIN_MS;
    while (!this.checkpointed()) {
      if (Date.now() >= until) throw new Error(`the personal-data vault could not empty its WAL within ${SCRUB_WITHIN_MS} ms: a reader kept it busy; the erased key stays in the WAL until the next try`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private scrubPending(): boolean {
    return (this.db.prepare('SELECT pending FROM personal_data_scrub WHERE id = 1').get() as { pending: number }).pending === 1;
  }

  /** A report's key and index entries, unless its report is recorded, with the scrub marked pending. */
  private remove(caseId: string): boolean {
    return this.db.transaction(() => {
      if (this.db.prepare('DELETE FROM personal_data_keys WHERE case_id = ? AND recorded IS NOT 1').run(caseId).changes === 0) return false;
      this.db.prepare('DELETE FROM reporter_phone_index WHERE case_id = ?').run(caseId);
      this.markScrubPending();
      return true;
    })();
  }

  /** One try at emptying the WAL, without waiting for readers; on success the pending scrub is done. */
  private checkpointed(): boolean {
    this.db.pragma('busy_timeout = 0');
    try {
      const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      if (result?.busy !== 0) return false;
    } catch (error) {
      // Another connection holds the write lock: the next try may find it free.
      if ((error as { code?: unknown }).code === 'SQLITE_BUSY') return false;
      throw error;
    } finally {
      this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
    this.db.exec('UPDATE personal_data_scrub SET pending = 0 WHERE id = 1');
    return true;
  }

  private stopRetrying(): void {
    if (this.retrying) clearInterval(this.retrying);
    this.retrying = null;
  }

  private markScrubPending(): void {
    this.db.exec('UPDATE personal_data_scrub SET pending = 1 WHERE id = 1');
  }

  /**
   * The keys' table, with the mark of whether each key's report is recorded. A table from before the
   * mark is rewritten once, on this secure_delete connection, in one transaction with the pending
   * scrub: vaults made before secure_delete was on keep stale copies of key cells in the free space
   * of its pages (left there as the table's pages split), which an erasure does not reach; the
   * rewrite frees those pages, zeroed, and copies the live keys once. Only the vault's tables are
   * rewritten: the events beside them in the same file are not touched.
   */
  private keysTableOnce(): void {
    this.db.transaction(() => {
      const columns = this.db.prepare(`SELECT name FROM pragma_table_info('personal_data_keys')`).all() as { name: string }[];
      if (columns.some((c) => c.name === 'recorded')) return;
      const create = (name: string) => this.db.exec(`CREATE TABLE ${name} (key_id TEXT PRIMARY KEY, case_id TEXT NOT NULL, key BLOB, recorded INTEGER)`);
      if (columns.length === 0) {
        create('personal_data_keys');
        return;
      }
      create('personal_data_keys_rewritten');
      this.db.exec('INSERT INTO personal_data_keys_rewritten (key_id, case_id, key, recorded) SELECT key_id, case_id, key, NULL FROM personal_data_keys');
      this.db.exec('DROP TABLE personal_data_keys');
      this.db.exec('ALTER TABLE personal_data_keys_rewritten RENAME TO personal_data_keys');
      this.markScrubPending();
    }).immediate();
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
