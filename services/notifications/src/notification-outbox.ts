import type Database from 'better-sqlite3';
import { BOUND_LIMIT, boundLimit, openSqlite } from '@whistle/event-store';
import { notificationId, notificationText, type NotificationDraft, type NotificationKind, type Recipient } from './notification';
import type { Reaction, ReportInWatch } from './who-is-notified';

/**
 * pending: not tried yet; retrying: failed, tried again at `nextAttemptAt`; delivered; dead: every
 * try of its round failed (the office may start another); no_channel: the recipient names no
 * webhook in the catalogue, so it is kept to be seen but not sent.
 */
export const DELIVERY_STATUSES = ['pending', 'retrying', 'delivered', 'dead', 'no_channel'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface DeliveryAttempt {
  readonly number: number;
  readonly at: string;
  readonly channel: string;
  readonly outcome: 'delivered' | 'failed';
  readonly httpStatus: number | null;
  readonly error: string | null;
}

export interface StoredNotification {
  readonly id: string;
  readonly kind: NotificationKind;
  readonly recipient: Recipient;
  readonly caseId: string | null;
  readonly sourceEventId: string;
  readonly sourceEventType: string;
  readonly createdAt: string;
  readonly status: DeliveryStatus;
  readonly nextAttemptAt: string | null;
  readonly deliveredAt: string | null;
  readonly lastError: string | null;
  /** the JSON the recipient is sent, the same bytes on every try */
  readonly body: string;
  readonly attempts: readonly DeliveryAttempt[];
}

export interface NotificationFilter {
  readonly recipient?: Recipient;
  readonly status?: DeliveryStatus;
  readonly caseId?: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS notifications (
  id                TEXT PRIMARY KEY,
  kind              TEXT NOT NULL,
  recipient_kind    TEXT NOT NULL,
  recipient_id      TEXT NOT NULL,
  case_id           TEXT,
  source_event_id   TEXT NOT NULL,
  source_event_type TEXT NOT NULL,
  created_at        TEXT NOT NULL,
  seq               INTEGER NOT NULL,
  body              TEXT NOT NULL,
  status            TEXT NOT NULL,
  round_attempts    INTEGER NOT NULL DEFAULT 0,
  next_attempt_at   TEXT,
  delivered_at      TEXT,
  last_error        TEXT
);
CREATE INDEX IF NOT EXISTS notifications_due ON notifications (status, next_attempt_at);
CREATE INDEX IF NOT EXISTS notifications_seq ON notifications (seq);
CREATE INDEX IF NOT EXISTS notifications_recipient ON notifications (recipient_kind, recipient_id, seq);
CREATE TABLE IF NOT EXISTS delivery_attempts (
  notification_id TEXT NOT NULL,
  number          INTEGER NOT NULL,
  at              TEXT NOT NULL,
  channel         TEXT NOT NULL,
  outcome         TEXT NOT NULL,
  http_status     INTEGER,
  error           TEXT,
  PRIMARY KEY (notification_id, number)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS outbox_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS case_stations (case_id TEXT PRIMARY KEY, station_id TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS report_in_watches (
  whistle_id      TEXT NOT NULL,
  unit_id         TEXT NOT NULL,
  case_id         TEXT NOT NULL,
  from_at         TEXT NOT NULL,
  due_at          TEXT NOT NULL,
  source_event_id TEXT NOT NULL,
  PRIMARY KEY (whistle_id, unit_id)
) WITHOUT ROWID;
`;

interface Row {
  id: string;
  kind: NotificationKind;
  recipient_kind: Recipient['kind'];
  recipient_id: string;
  case_id: string | null;
  source_event_id: string;
  source_event_type: string;
  created_at: string;
  body: string;
  status: DeliveryStatus;
  round_attempts: number;
  next_attempt_at: string | null;
  delivered_at: string | null;
  last_error: string | null;
}

/**
 * The outbox (发件箱): every notification, recorded before any try to send it, with each try's
 * outcome, in a SQLite file of the notifier's own (synchronous=FULL: a notification once recorded
 * survives a power cut). The facts it remembers for later events (each case's station, the
 * report-in deadlines it watches) live beside it, changed in the same transaction.
 */
export class NotificationOutbox {
  private readonly db: Database.Database;
  /** Each statement's text prepared once: preparing costs more than running most of them. */
  private readonly statements = new Map<string, Database.Statement>();

  /** When this outbox was first opened: see `Notifier.handle`. */
  readonly openedFirstAt: string;

  constructor(file: string, now: string) {
    this.db = openSqlite(file, { synchronous: 'FULL' });
    this.db.exec(SCHEMA);
    this.db.prepare("INSERT OR IGNORE INTO outbox_meta (key, value) VALUES ('opened_first_at', ?)").run(now);
    this.openedFirstAt = (this.db.prepare("SELECT value FROM outbox_meta WHERE key = 'opened_first_at'").get() as { value: string }).value;
  }

  /** Runs `work` in one transaction (a savepoint inside another): a batch of events costs one commit. */
  atOnce<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  stationOf(caseId: string): string | undefined {
    return (this.statement('SELECT station_id FROM case_stations WHERE case_id = ?').get(caseId) as { station_id: string } | undefined)?.station_id;
  }

  /** Records what an event asked for, at once; `hasChannel` says whether a recipient can be sent to. Drafts already recorded are left as they are. */
  apply(reaction: Reaction, now: string, hasChannel: (recipient: Recipient) => boolean): number {
    return this.db.transaction(() => {
      if (reaction.caseStation) this.statement('INSERT OR REPLACE INTO case_stations (case_id, station_id) VALUES (?, ?)').run(reaction.caseStation.caseId, reaction.caseStation.stationId);
      for (const w of reaction.watch) {
        this.statement('INSERT OR IGNORE INTO report_in_watches (whistle_id, unit_id, case_id, from_at, due_at, source_event_id) VALUES (?, ?, ?, ?, ?, ?)')
          .run(w.whistleId, w.unitId, w.caseId, w.from, w.dueAt, w.sourceEventId);
      }
      for (const u of reaction.unwatch) {
        if (u.unitId === undefined) this.statement('DELETE FROM report_in_watches WHERE whistle_id = ?').run(u.whistleId);
        else this.statement('DELETE FROM report_in_watches WHERE whistle_id = ? AND unit_id = ?').run(u.whistleId, u.unitId);
      }
      return this.add(reaction.notify, now, hasChannel);
    })();
  }

  /** Records drafts not recorded yet; answers how many were new. */
  add(drafts: readonly NotificationDraft[], now: string, hasChannel: (recipient: Recipient) => boolean): number {
    const insert = this.statement(
      `INSERT OR IGNORE INTO notifications (id, kind, recipient_kind, recipient_id, case_id, source_event_id, source_event_type, created_at, seq, body, status, next_attempt_at)
       VALUES (@id, @kind, @recipientKind, @recipientId, @caseId, @sourceEventId, @sourceEventType, @createdAt, (SELECT COALESCE(MAX(seq), 0) + 1 FROM notifications), @body, @status, @nextAttemptAt)`,
    );
    let added = 0;
    for (const draft of drafts) {
      const id = notificationId(draft);
      const reachable = hasChannel(draft.recipient);
      const body = JSON.stringify({
        id,
        kind: draft.kind,
        recipient: draft.recipient,
        caseId: draft.caseId,
        ...draft.facts,
        text: notificationText(draft),
        sourceEventId: draft.sourceEventId,
        sourceEventType: draft.sourceEventType,
        createdAt: now,
      });
      const { changes } = insert.run({
        id,
        kind: draft.kind,
        recipientKind: draft.recipient.kind,
        recipientId: draft.recipient.id,
        caseId: draft.caseId,
        sourceEventId: draft.sourceEventId,
        sourceEventType: draft.sourceEventType,
        createdAt: now,
        body,
        status: reachable ? 'pending' : 'no_channel',
        nextAttemptAt: reachable ? now : null,
      });
      added += changes;
    }
    return added;
  }

  watches(): ReportInWatch[] {
    const rows = this.statement('SELECT whistle_id, unit_id, case_id, from_at, due_at, source_event_id FROM report_in_watches').all() as {
      whistle_id: string;
      unit_id: string;
      case_id: string;
      from_at: string;
      due_at: string;
      source_event_id: string;
    }[];
    return rows.map((r) => ({ whistleId: r.whistle_id, unitId: r.unit_id, caseId: r.case_id, from: r.from_at, dueAt: r.due_at, sourceEventId: r.source_event_id }));
  }

  /** A watch whose reminder was recorded (or whose deadline passed) is done with. */
  unwatch(watch: Pick<ReportInWatch, 'whistleId' | 'unitId'>): void {
    this.statement('DELETE FROM report_in_watches WHERE whistle_id = ? AND unit_id = ?').run(watch.whistleId, watch.unitId);
  }

  /** Those due for a try, the oldest first. */
  due(now: string, limit: number): StoredNotification[] {
    const rows = this.statement(`SELECT * FROM notifications WHERE status IN ('pending', 'retrying') AND next_attempt_at <= ? ORDER BY next_attempt_at, seq ${BOUND_LIMIT}`)
      .all(now, limit) as Row[];
    return rows.map((r) => this.present(r));
  }

  /** The time of the next try of any notification, to sleep until. */
  nextDue(): string | undefined {
    return (this.statement("SELECT MIN(next_attempt_at) AS at FROM notifications WHERE status IN ('pending', 'retrying')").get() as { at: string | null }).at ?? undefined;
  }

  /** Records a try and where it leaves the notification, in one transaction. */
  recordAttempt(id: string, attempt: Omit<DeliveryAttempt, 'number'>, next: { status: 'delivered' } | { status: 'retrying'; nextAttemptAt: string } | { status: 'dead' }): void {
    this.db.transaction(() => {
      const number = (this.statement('SELECT COUNT(*) AS n FROM delivery_attempts WHERE notification_id = ?').get(id) as { n: number }).n + 1;
      this.statement('INSERT INTO delivery_attempts (notification_id, number, at, channel, outcome, http_status, error) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(id, number, attempt.at, attempt.channel, attempt.outcome, attempt.httpStatus, attempt.error);
      this.statement(
          `UPDATE notifications SET status = ?, round_attempts = round_attempts + 1, next_attempt_at = ?, delivered_at = ?, last_error = ? WHERE id = ?`,
        )
        .run(next.status, next.status === 'retrying' ? next.nextAttemptAt : null, next.status === 'delivered' ? attempt.at : null, attempt.error, id);
    })();
  }

  /** How many tries the notification's current round has had. */
  roundAttempts(id: string): number {
    return (this.statement('SELECT round_attempts AS n FROM notifications WHERE id = ?').get(id) as { n: number } | undefined)?.n ?? 0;
  }

  /** A dead notification starts a new round of tries now; its earlier tries stay in its record. */
  revive(id: string, now: string): boolean {
    return this.statement("UPDATE notifications SET status = 'pending', round_attempts = 0, next_attempt_at = ? WHERE id = ? AND status = 'dead'").run(now, id).changes === 1;
  }

  get(id: string): StoredNotification | undefined {
    const row = this.statement('SELECT * FROM notifications WHERE id = ?').get(id) as Row | undefined;
    return row && this.present(row);
  }

  list(filter: NotificationFilter, offset: number, limit: number): { items: StoredNotification[]; total: number } {
    const where: string[] = [];
    const params: Record<string, string> = {};
    if (filter.recipient) {
      where.push('recipient_kind = @recipientKind AND recipient_id = @recipientId');
      params['recipientKind'] = filter.recipient.kind;
      params['recipientId'] = filter.recipient.id;
    }
    if (filter.status) {
      where.push('status = @status');
      params['status'] = filter.status;
    }
    if (filter.caseId) {
      where.push('case_id = @caseId');
      params['caseId'] = filter.caseId;
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.statement(`SELECT COUNT(*) AS n FROM notifications ${clause}`).get(params) as { n: number }).n;
    const rows = this.statement(`SELECT * FROM notifications ${clause} ORDER BY seq DESC ${boundLimit('@limit')} OFFSET @offset`).all({ ...params, limit, offset }) as Row[];
    return { items: rows.map((r) => this.present(r)), total };
  }

  close(): void {
    this.db.close();
  }

  private statement(sql: string): Database.Statement {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  private present(row: Row): StoredNotification {
    const attempts = this.statement('SELECT number, at, channel, outcome, http_status AS httpStatus, error FROM delivery_attempts WHERE notification_id = ? ORDER BY number')
      .all(row.id) as DeliveryAttempt[];
    return {
      id: row.id,
      kind: row.kind,
      recipient: { kind: row.recipient_kind, id: row.recipient_id },
      caseId: row.case_id,
      sourceEventId: row.source_event_id,
      sourceEventType: row.source_event_type,
      createdAt: row.created_at,
      status: row.status,
      nextAttemptAt: row.status === 'pending' || row.status === 'retrying' ? row.next_attempt_at : null,
      deliveredAt: row.delivered_at,
      lastError: row.last_error,
      body: row.body,
      attempts,
    };
  }
}
