import type Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type { Checkpoint } from '@whistle/transparency';
import { BOUND_LIMIT, boundLimit, openSqlite } from '@whistle/event-store';

/**
 * What the audit found wrong with the record (完整性发现): a chain break, a store that no longer
 * extends what the audit signed, a file of its own that went missing, a Kafka copy that differs.
 */
export type FindingKind =
  | 'hash_mismatch'
  | 'prev_hash_mismatch'
  | 'revision_gap'
  | 'missing_events'
  | 'missing_stream'
  | 'head_mismatch'
  | 'log_inconsistent'
  | 'log_truncated'
  | 'checkpoint_signature'
  | 'key_changed'
  | 'unanchored'
  | 'ledger_missing'
  | 'checkpoints_missing'
  | 'topic_missing'
  | 'topic_extra'
  | 'topic_altered';

export interface FindingInput {
  readonly kind: FindingKind;
  /** the log (writing service) it concerns, if one */
  readonly log: string | null;
  readonly streamId: string | null;
  readonly revision: number | null;
  readonly eventId: string | null;
  readonly message: string;
}

export interface Finding extends FindingInput {
  readonly id: number;
  readonly detectedAt: string;
  /** when it was last seen again by a check */
  readonly lastSeenAt: string;
  readonly acknowledged: { readonly at: string; readonly by: string; readonly reason: string } | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS checkpoints (
  log             TEXT    NOT NULL,
  tree_size       INTEGER NOT NULL,
  root_hash       TEXT    NOT NULL,
  timestamp       TEXT    NOT NULL,
  key_fingerprint TEXT    NOT NULL,
  signature       TEXT    NOT NULL,
  PRIMARY KEY (log, tree_size, key_fingerprint)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS signing_keys (
  fingerprint   TEXT PRIMARY KEY,
  public_pem    TEXT NOT NULL,
  first_used_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS integrity_findings (
  id          INTEGER PRIMARY KEY,
  identity    TEXT    NOT NULL,
  kind        TEXT    NOT NULL,
  log         TEXT,
  stream_id   TEXT,
  revision    INTEGER,
  event_id    TEXT,
  message     TEXT    NOT NULL,
  detected_at TEXT    NOT NULL,
  last_seen_at TEXT   NOT NULL,
  acknowledged_at TEXT,
  acknowledged_by TEXT,
  ack_reason  TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS integrity_findings_open ON integrity_findings (identity) WHERE acknowledged_at IS NULL;
CREATE TABLE IF NOT EXISTS checkpoint_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
`;

interface CheckpointRow {
  readonly log: string;
  readonly tree_size: number;
  readonly root_hash: string;
  readonly timestamp: string;
  readonly key_fingerprint: string;
  readonly signature: string;
}

interface FindingRow {
  readonly id: number;
  readonly kind: FindingKind;
  readonly log: string | null;
  readonly stream_id: string | null;
  readonly revision: number | null;
  readonly event_id: string | null;
  readonly message: string;
  readonly detected_at: string;
  readonly last_seen_at: string;
  readonly acknowledged_at: string | null;
  readonly acknowledged_by: string | null;
  readonly ack_reason: string | null;
}

/**
 * The audit's signed checkpoints and its findings, in a file of their own beside the ledger
 * (`audit-checkpoints.db`): append only, each write on disk before it is acknowledged. Checkpoints
 * are the anchor the stores are held against; the tree (`audit-merkle.db`) can be rebuilt from the
 * stores, these cannot, so copy them off the machine (the dossiers carry them, and the distributed
 * mode publishes each on Kafka).
 */
export class CheckpointStore {
  private readonly listeners = new Set<(finding: Finding) => void>();

  private constructor(
    private readonly db: Database.Database,
    /** whether the file was there before this open */
    readonly existed: boolean,
  ) {}

  static open(file: string): CheckpointStore {
    const existed = existsSync(file);
    const db = openSqlite(file, { synchronous: 'FULL' });
    db.exec(SCHEMA);
    return new CheckpointStore(db, existed);
  }

  add(checkpoint: Checkpoint): void {
    this.db
      .prepare(
        `INSERT INTO checkpoints (log, tree_size, root_hash, timestamp, key_fingerprint, signature)
         VALUES (@log, @treeSize, @rootHash, @timestamp, @keyFingerprint, @signature)
         ON CONFLICT (log, tree_size, key_fingerprint) DO NOTHING`,
      )
      .run(checkpoint);
  }

  /** The log's newest checkpoint (the largest, the last signed of that size), or the newest by one key. */
  latest(log: string, keyFingerprint?: string): Checkpoint | null {
    const row = this.db
      .prepare(`SELECT * FROM checkpoints WHERE log = @log ${keyFingerprint === undefined ? '' : 'AND key_fingerprint = @keyFingerprint'} ORDER BY tree_size DESC, timestamp DESC LIMIT 1`)
      .get({ log, keyFingerprint }) as CheckpointRow | undefined;
    return row ? checkpointOf(row) : null;
  }

  /** The log's checkpoints newest first, a few at a time: for finding the newest that still verifies. */
  newest(log: string, limit: number): Checkpoint[] {
    return (this.db.prepare(`SELECT * FROM checkpoints WHERE log = ? ORDER BY tree_size DESC, timestamp DESC ${BOUND_LIMIT}`).all(log, limit) as CheckpointRow[]).map(checkpointOf);
  }

  /** The earliest checkpoint of the log by this key covering at least `treeSize` leaves. */
  firstCovering(log: string, treeSize: number, keyFingerprint: string): Checkpoint | null {
    const row = this.db.prepare('SELECT * FROM checkpoints WHERE log = ? AND tree_size >= ? AND key_fingerprint = ? ORDER BY tree_size LIMIT 1').get(log, treeSize, keyFingerprint) as
      | CheckpointRow
      | undefined;
    return row ? checkpointOf(row) : null;
  }

  /** The checkpoint of that size, by the preferred key when there are two (a key change signs the same size again). */
  at(log: string, treeSize: number, preferredKey = ''): Checkpoint | null {
    const row = this.db.prepare('SELECT * FROM checkpoints WHERE log = ? AND tree_size = ? ORDER BY key_fingerprint = ? DESC, timestamp DESC LIMIT 1').get(log, treeSize, preferredKey) as
      | CheckpointRow
      | undefined;
    return row ? checkpointOf(row) : null;
  }

  /** Remembers a signing key's public half (PEM), the first time it is used. */
  rememberKey(fingerprint: string, publicPem: string, at: string): void {
    this.db.prepare('INSERT INTO signing_keys (fingerprint, public_pem, first_used_at) VALUES (?, ?, ?) ON CONFLICT (fingerprint) DO NOTHING').run(fingerprint, publicPem, at);
  }

  /** The public half (PEM) of a key this audit has signed with, by fingerprint. */
  keyOf(fingerprint: string): string | null {
    const row = this.db.prepare('SELECT public_pem FROM signing_keys WHERE fingerprint = ?').get(fingerprint) as { public_pem: string } | undefined;
    return row?.public_pem ?? null;
  }

  /** Newest first. */
  page(log: string | undefined, offset: number, limit: number): { items: Checkpoint[]; total: number } {
    const where = log === undefined ? '' : 'WHERE log = @log';
    const rows = this.db.prepare(`SELECT * FROM checkpoints ${where} ORDER BY timestamp DESC, log, tree_size DESC ${boundLimit('@limit')} OFFSET @offset`).all({ log, limit, offset }) as CheckpointRow[];
    const { total } = this.db.prepare(`SELECT count(*) AS total FROM checkpoints ${where}`).get({ log }) as { total: number };
    return { items: rows.map(checkpointOf), total };
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM checkpoints').get() as { n: number }).n;
  }

  /**
   * Records a finding, or notes that an open one like it was seen again. Returns it, and tells the
   * listeners (the log and the metrics) about a new one only.
   */
  report(input: FindingInput, at: string): Finding {
    const identity = [input.kind, input.log, input.streamId, input.revision, input.eventId].map((v) => v ?? '').join('|');
    const existing = this.db.prepare('SELECT * FROM integrity_findings WHERE identity = ? AND acknowledged_at IS NULL').get(identity) as FindingRow | undefined;
    if (existing) {
      this.db.prepare('UPDATE integrity_findings SET last_seen_at = ? WHERE id = ?').run(at, existing.id);
      return findingOf({ ...existing, last_seen_at: at });
    }
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO integrity_findings (identity, kind, log, stream_id, revision, event_id, message, detected_at, last_seen_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(identity, input.kind, input.log, input.streamId, input.revision, input.eventId, input.message, at, at);
    const finding = findingOf(this.db.prepare('SELECT * FROM integrity_findings WHERE id = ?').get(lastInsertRowid) as FindingRow);
    for (const listener of this.listeners) listener(finding);
    return finding;
  }

  /** Told of every new finding. */
  onFinding(listener: (finding: Finding) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  open(): Finding[] {
    return (this.db.prepare('SELECT * FROM integrity_findings WHERE acknowledged_at IS NULL ORDER BY id').all() as FindingRow[]).map(findingOf);
  }

  /** Newest first. */
  findings(offset: number, limit: number): { items: Finding[]; total: number; open: number } {
    const items = (this.db.prepare(`SELECT * FROM integrity_findings ORDER BY id DESC ${BOUND_LIMIT} OFFSET ?`).all(limit, offset) as FindingRow[]).map(findingOf);
    const { total, open } = this.db.prepare('SELECT count(*) AS total, count(*) FILTER (WHERE acknowledged_at IS NULL) AS open FROM integrity_findings').get() as { total: number; open: number };
    return { items, total, open };
  }

  /** An auditor has seen the open findings and says why they may close: recorded, never removed. */
  acknowledge(by: string, reason: string, at: string): Finding[] {
    const open = this.open();
    this.db.prepare('UPDATE integrity_findings SET acknowledged_at = ?, acknowledged_by = ?, ack_reason = ? WHERE acknowledged_at IS NULL').run(at, by, reason);
    return open.map((f) => ({ ...f, acknowledged: { at, by, reason } }));
  }

  meta(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM checkpoint_meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.db.prepare('INSERT INTO checkpoint_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function checkpointOf(row: CheckpointRow): Checkpoint {
  return { log: row.log, treeSize: row.tree_size, rootHash: row.root_hash, timestamp: row.timestamp, keyFingerprint: row.key_fingerprint, signature: row.signature };
}

function findingOf(row: FindingRow): Finding {
  return {
    id: row.id,
    kind: row.kind,
    log: row.log,
    streamId: row.stream_id,
    revision: row.revision,
    eventId: row.event_id,
    message: row.message,
    detectedAt: row.detected_at,
    lastSeenAt: row.last_seen_at,
    acknowledged: row.acknowledged_at === null ? null : { at: row.acknowledged_at, by: row.acknowledged_by ?? '', reason: row.ack_reason ?? '' },
  };
}
