import type Database from 'better-sqlite3';
import type { Actor, EventEnvelope } from '@whistle/kernel';
import type { PersonalDataAccessed } from '@whistle/contracts';
import { boundLimit } from '@whistle/event-store';

const ACCESSED: PersonalDataAccessed['type'] = 'intake.PersonalDataAccessed.v1';

/** Kept in the audit's ledger file beside the heads: filled by the same consumer and bootstrap, in the same transaction. */
export const ACCESS_LOG_SCHEMA = `
CREATE TABLE IF NOT EXISTS ledger_personal_data_access (
  event_id    TEXT    PRIMARY KEY,
  case_id     TEXT    NOT NULL,
  stream_id   TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  actor_id    TEXT    NOT NULL,
  actor       TEXT    NOT NULL,
  reason      TEXT    NOT NULL,
  accessed_at TEXT    NOT NULL,
  accessed_ms INTEGER NOT NULL,
  hash        TEXT    NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ledger_personal_data_access_case ON ledger_personal_data_access (case_id, accessed_ms);
CREATE INDEX IF NOT EXISTS ledger_personal_data_access_actor ON ledger_personal_data_access (actor_id, accessed_ms);
CREATE INDEX IF NOT EXISTS ledger_personal_data_access_time ON ledger_personal_data_access (accessed_ms);
`;

/** One read of a reporter's personal data in full, as the auditors see it: who, when, why, and where its record is sealed. */
export interface PersonalDataAccess {
  readonly eventId: string;
  readonly caseId: string;
  readonly accessedAt: string;
  readonly actor: Actor;
  readonly reason: string;
  readonly streamId: string;
  readonly revision: number;
  readonly hash: string;
}

/** Which accesses: any of a case, of an accessor (the token's subject), in a period (from inclusive, to exclusive). */
export interface AccessFilter {
  readonly caseId?: string;
  readonly actor?: string;
  readonly from?: string;
  readonly to?: string;
}

interface AccessRow {
  readonly event_id: string;
  readonly case_id: string;
  readonly stream_id: string;
  readonly revision: number;
  readonly actor: string;
  readonly reason: string;
  readonly accessed_at: string;
  readonly hash: string;
}

/**
 * 个人信息查阅记录 as the audit lists it: each intake.PersonalDataAccessed the audit hears is filed
 * by case, accessor and time, so a list by any of them costs its own rows, not a read of intake's
 * store. The record itself stays the store's sealed event (its hash is given, and the case's
 * verification covers its stream); this is the audit's index of it.
 */
export class PersonalDataAccessLog {
  private readonly insert: Database.Statement<[Record<string, unknown>]>;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(
      `INSERT OR IGNORE INTO ledger_personal_data_access (event_id, case_id, stream_id, revision, actor_id, actor, reason, accessed_at, accessed_ms, hash)
       VALUES (@eventId, @caseId, @streamId, @revision, @actorId, @actor, @reason, @accessedAt, @accessedMs, @hash)`,
    );
  }

  /** Files the event if it is an access; any other event, and a redelivered access, change nothing. */
  note(event: EventEnvelope): void {
    if (event.type !== ACCESSED) return;
    const data = event.data as Partial<PersonalDataAccessed['data']>;
    const accessedAt = typeof data.accessedAt === 'string' ? data.accessedAt : event.recordedAt;
    const ms = Date.parse(accessedAt);
    this.insert.run({
      eventId: event.eventId,
      caseId: typeof data.caseId === 'string' ? data.caseId : event.caseId,
      streamId: event.streamId,
      revision: event.revision,
      actorId: event.actor.id,
      actor: JSON.stringify(event.actor),
      reason: typeof data.reason === 'string' ? data.reason : '',
      accessedAt,
      accessedMs: Number.isNaN(ms) ? Date.parse(event.recordedAt) : ms,
      hash: event.hash,
    });
  }

  /** Newest first. */
  list(filter: AccessFilter, offset: number, limit: number): { items: PersonalDataAccess[]; total: number } {
    const conditions: [string, unknown][] = [
      ['case_id = @caseId', filter.caseId],
      ['actor_id = @actor', filter.actor],
      ['accessed_ms >= @from', filter.from === undefined ? undefined : Date.parse(filter.from)],
      ['accessed_ms < @to', filter.to === undefined ? undefined : Date.parse(filter.to)],
    ];
    const given = conditions.filter(([, value]) => value !== undefined);
    const clauses = given.map(([clause]) => clause);
    const params = Object.fromEntries(given.map(([clause, value]) => [clause.slice(clause.indexOf('@') + 1), value]));
    const where = clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`;
    const rows = this.db
      .prepare(`SELECT * FROM ledger_personal_data_access ${where} ORDER BY accessed_ms DESC, event_id DESC ${boundLimit('@limit')} OFFSET @offset`)
      .all({ ...params, limit, offset }) as AccessRow[];
    const { total } = this.db.prepare(`SELECT count(*) AS total FROM ledger_personal_data_access ${where}`).get(params) as { total: number };
    return { items: rows.map(accessOf), total };
  }
}

function accessOf(row: AccessRow): PersonalDataAccess {
  return {
    eventId: row.event_id,
    caseId: row.case_id,
    accessedAt: row.accessed_at,
    actor: JSON.parse(row.actor) as Actor,
    reason: row.reason,
    streamId: row.stream_id,
    revision: row.revision,
    hash: row.hash,
  };
}
