import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { eventLeafHash, EMPTY_ROOT, nodeHash, rangeHash, type SubtreeSource } from '@whistle/transparency';
import { openSqlite, START, type GlobalPosition, type PositionedEvent } from '@whistle/event-store';

/** A leaf of a log: the event it stands for and where the store held it. */
export interface Leaf {
  readonly log: string;
  readonly leafIndex: number;
  readonly position: GlobalPosition;
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: number;
  /** the event's chain hash, hex: the leaf's input */
  readonly eventHash: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS merkle_leaves (
  log        TEXT    NOT NULL,
  leaf_index INTEGER NOT NULL,
  position   TEXT    NOT NULL,
  event_id   TEXT    NOT NULL,
  stream_id  TEXT    NOT NULL,
  revision   INTEGER NOT NULL,
  case_id    TEXT    NOT NULL,
  event_hash TEXT    NOT NULL,
  PRIMARY KEY (log, leaf_index)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS merkle_leaves_event ON merkle_leaves (event_id);
CREATE INDEX IF NOT EXISTS merkle_leaves_stream ON merkle_leaves (stream_id, revision);
CREATE INDEX IF NOT EXISTS merkle_leaves_case ON merkle_leaves (case_id);
CREATE TABLE IF NOT EXISTS merkle_nodes (
  log   TEXT    NOT NULL,
  level INTEGER NOT NULL,
  idx   INTEGER NOT NULL,
  hash  BLOB    NOT NULL,
  PRIMARY KEY (log, level, idx)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS merkle_heads (
  log      TEXT    PRIMARY KEY,
  size     INTEGER NOT NULL,
  position TEXT    NOT NULL
) WITHOUT ROWID;
`;

interface LeafRow {
  readonly log: string;
  readonly leaf_index: number;
  readonly position: string;
  readonly event_id: string;
  readonly stream_id: string;
  readonly revision: number;
  readonly event_hash: string;
}

/**
 * The audit's Merkle logs (RFC 9162), one per store, in `audit-merkle.db`: each leaf with the
 * event it stands for, and the hash of every perfect subtree, so a root, an inclusion proof or a
 * consistency proof costs O(log² n) lookups. It is the audit's copy, built by following the
 * stores; it is trusted only as far as the signed checkpoints vouch for it.
 */
export class MerkleStore {
  private readonly insertLeaf: Database.Statement;
  private readonly insertNode: Database.Statement;
  private readonly selectNode: Database.Statement<[string, number, number]>;
  private readonly upsertHead: Database.Statement;
  private readonly selectLeafHash: Database.Statement<[string, number]>;
  /** per log, per level: the hash of the last perfect subtree still waiting for its right sibling */
  private readonly waiting = new Map<string, Map<number, Buffer>>();

  private constructor(
    private readonly db: Database.Database,
    /** whether the file was there before this open */
    readonly existed: boolean,
  ) {
    this.insertLeaf = db.prepare(
      'INSERT INTO merkle_leaves (log, leaf_index, position, event_id, stream_id, revision, case_id, event_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertNode = db.prepare('INSERT INTO merkle_nodes (log, level, idx, hash) VALUES (?, ?, ?, ?)');
    this.selectNode = db.prepare('SELECT hash FROM merkle_nodes WHERE log = ? AND level = ? AND idx = ?');
    this.selectLeafHash = db.prepare('SELECT event_hash FROM merkle_leaves WHERE log = ? AND leaf_index = ?');
    this.upsertHead = db.prepare('INSERT INTO merkle_heads (log, size, position) VALUES (?, ?, ?) ON CONFLICT (log) DO UPDATE SET size = excluded.size, position = excluded.position');
  }

  static open(file: string): MerkleStore {
    const existed = existsSync(file);
    const db = openSqlite(file, { synchronous: 'NORMAL' });
    db.exec(SCHEMA);
    return new MerkleStore(db, existed);
  }

  size(log: string): number {
    return this.head(log).size;
  }

  /** The store position of the log's last leaf: where following the store resumes. */
  position(log: string): GlobalPosition {
    return this.head(log).position;
  }

  /**
   * Appends the events as leaves, in the order given (the store's), in one transaction. A leaf's
   * hash is not stored (it is made again from the event's hash when asked for); each perfect
   * subtree it completes is. The left siblings still waiting for their right half are kept in
   * memory, so an append writes and reads nothing else.
   */
  append(log: string, events: readonly PositionedEvent[]): number {
    if (events.length === 0) return this.size(log);
    try {
      return this.db.transaction(() => {
        let { size, position } = this.head(log);
        const waiting = this.waiting.get(log) ?? new Map<number, Buffer>();
        this.waiting.set(log, waiting);
        for (const { position: at, event } of events) {
          if (at <= position) continue; // a page read again after a retry
          this.insertLeaf.run(log, size, at.toString(), event.eventId, event.streamId, event.revision, event.caseId, event.hash);
          // Each perfect subtree the leaf completes on its way up.
          let level = 0;
          let index = size;
          let hash = leafOfHash(event.hash);
          while (index % 2 === 1) {
            const left = waiting.get(level) ?? this.node(log, level, index - 1);
            waiting.delete(level);
            hash = nodeHash(left, hash);
            level += 1;
            index = (index - 1) / 2;
            this.insertNode.run(log, level, index, hash);
          }
          waiting.set(level, hash);
          size += 1;
          position = at;
        }
        this.upsertHead.run(log, size, position.toString());
        return size;
      })();
    } catch (error) {
      // What was kept in memory may be ahead of what the rolled-back transaction left: read it again.
      this.waiting.delete(log);
      throw error;
    }
  }

  node(log: string, level: number, index: number): Buffer {
    if (level === 0) {
      const leaf = this.selectLeafHash.get(log, index) as { event_hash: string } | undefined;
      if (!leaf) throw new RangeError(`the ${log} log has no leaf ${index}`);
      return leafOfHash(leaf.event_hash);
    }
    const row = this.selectNode.get(log, level, index) as { hash: Buffer } | undefined;
    if (!row) throw new RangeError(`the ${log} log has no complete subtree at level ${level}, index ${index}`);
    return row.hash;
  }

  source(log: string): SubtreeSource {
    return { node: (level, index) => this.node(log, level, index) };
  }

  root(log: string, treeSize: number): Buffer {
    if (treeSize > this.size(log)) throw new RangeError(`the ${log} log holds ${this.size(log)} leaves, not ${treeSize}`);
    return treeSize === 0 ? EMPTY_ROOT : rangeHash(this.source(log), 0, treeSize);
  }

  /** The leaf an event is, by its id (an id in two logs, which no store makes, gives the first). */
  leafOf(eventId: string): Leaf | null {
    const row = this.db.prepare('SELECT * FROM merkle_leaves WHERE event_id = ? ORDER BY log, leaf_index LIMIT 1').get(eventId) as LeafRow | undefined;
    return row ? leafOf(row) : null;
  }

  /** The leaves of these events, by id. */
  leavesOf(eventIds: readonly string[]): Map<string, Leaf> {
    if (eventIds.length === 0) return new Map();
    const rows = this.db.prepare('SELECT * FROM merkle_leaves WHERE event_id IN (SELECT value FROM json_each(?))').all(JSON.stringify(eventIds)) as LeafRow[];
    return new Map(rows.map((row) => [row.event_id, leafOf(row)]));
  }

  /** Every leaf of these streams, and of events filed under the case (its envelope's case id), in each log's order. */
  leavesOfCase(caseId: string, streamIds: readonly string[]): Leaf[] {
    const rows = this.db
      .prepare('SELECT * FROM merkle_leaves WHERE case_id = ? OR stream_id IN (SELECT value FROM json_each(?)) ORDER BY log, leaf_index')
      .all(caseId, JSON.stringify(streamIds)) as LeafRow[];
    return rows.map(leafOf);
  }

  leafAt(log: string, leafIndex: number): Leaf | null {
    const row = this.db.prepare('SELECT * FROM merkle_leaves WHERE log = ? AND leaf_index = ?').get(log, leafIndex) as LeafRow | undefined;
    return row ? leafOf(row) : null;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private head(log: string): { size: number; position: GlobalPosition } {
    const row = this.db.prepare('SELECT size, position FROM merkle_heads WHERE log = ?').get(log) as { size: number; position: string } | undefined;
    return row ? { size: row.size, position: BigInt(row.position) } : { size: 0, position: START };
  }
}

/**
 * The leaf of an event by its stored hash. A hash column edited into something that is not a
 * SHA-256 still makes a leaf (of its text), so the log shows the change instead of failing.
 */
export function leafOfHash(hash: string): Buffer {
  try {
    return eventLeafHash(hash);
  } catch {
    return eventLeafHash(createHashHex(hash));
  }
}

function createHashHex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function leafOf(row: LeafRow): Leaf {
  return {
    log: row.log,
    leafIndex: row.leaf_index,
    position: BigInt(row.position),
    eventId: row.event_id,
    streamId: row.stream_id,
    revision: row.revision,
    eventHash: row.event_hash,
  };
}
