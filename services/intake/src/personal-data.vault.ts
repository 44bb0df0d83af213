import type Database from 'better-sqlite3';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SealedPersonalData } from '@whistle/contracts';
import { openSqlite } from '@whistle/event-store';

export interface ReporterDetails {
  readonly name: string;
  readonly phone: string;
}

/**
 * Reporters' personal data, sealed per case with a key kept apart from the events (crypto
 * shredding): the event holds only ciphertext, so erasing the key erases the data while the
 * hash chain over the ciphertext stays verifiable.
 */
export class PersonalDataVault {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = openSqlite(file);
    this.db.exec(`CREATE TABLE IF NOT EXISTS personal_data_keys (
      key_id TEXT PRIMARY KEY,
      case_id TEXT NOT NULL,
      key BLOB
    )`);
  }

  seal(caseId: string, details: ReporterDetails): SealedPersonalData {
    const keyId = `pd-${caseId}`;
    const key = randomBytes(32);
    this.db.prepare('INSERT OR IGNORE INTO personal_data_keys (key_id, case_id, key) VALUES (?, ?, ?)').run(keyId, caseId, key);
    const stored = this.keyOf(keyId) ?? key;
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

  close(): void {
    this.db.close();
  }

  private keyOf(keyId: string): Buffer | undefined {
    const row = this.db.prepare('SELECT key FROM personal_data_keys WHERE key_id = ?').get(keyId) as { key: Buffer | null } | undefined;
    return row?.key ?? undefined;
  }
}

/** 张三 → 张*, 13812345678 → 138****5678: enough to recognise, not to contact. */
export function maskReporter(details: ReporterDetails): ReporterDetails {
  const name = [...details.name];
  return {
    name: name.length <= 1 ? '*' : `${name[0]}${'*'.repeat(name.length - 1)}`,
    phone: details.phone.length >= 7 ? `${details.phone.slice(0, 3)}${'*'.repeat(details.phone.length - 7)}${details.phone.slice(-4)}` : '****',
  };
}
