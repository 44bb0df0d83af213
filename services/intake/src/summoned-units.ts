import type Database from 'better-sqlite3';
import type { EventEnvelope } from '@whistle/kernel';
import { eventOf, type AnyEvent } from '@whistle/contracts';
import { openSqlite } from '@whistle/event-store';

/**
 * The units ever summoned to each case, as escalation's events tell intake: by a whistle, or by a
 * joint-meeting resolution (its lead and supporting units), the same units the read side counts
 * as involved. A summoned unit may see the reporter masked; any other unit is outside the case.
 * Kept in the service's file beside its processed log, so what was noted and what was consumed
 * stay together.
 */
export class SummonedUnits {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = openSqlite(file);
    this.db.exec('CREATE TABLE IF NOT EXISTS summoned_units (case_id TEXT NOT NULL, unit_id TEXT NOT NULL, PRIMARY KEY (case_id, unit_id)) WITHOUT ROWID');
  }

  /** Notes the units an escalation event summons; any other event is none of its concern. Idempotent. */
  note(envelope: EventEnvelope): void {
    const summons = summonsOf(eventOf(envelope));
    if (!summons) return;
    const insert = this.db.prepare('INSERT OR IGNORE INTO summoned_units (case_id, unit_id) VALUES (?, ?)');
    this.db.transaction(() => summons.units.forEach((unitId) => insert.run(summons.caseId, unitId)))();
  }

  of(caseId: string): string[] {
    return (this.db.prepare('SELECT unit_id FROM summoned_units WHERE case_id = ? ORDER BY unit_id').all(caseId) as { unit_id: string }[]).map((row) => row.unit_id);
  }

  close(): void {
    this.db.close();
  }
}

function summonsOf(event: AnyEvent): { readonly caseId: string; readonly units: readonly string[] } | undefined {
  switch (event.type) {
    case 'escalation.WhistleBlown.v1':
      return { caseId: event.data.caseId, units: event.data.units.map((u) => u.unitId) };
    case 'escalation.ResolutionNoted.v1':
      return { caseId: event.data.caseId, units: [event.data.leadUnit, ...event.data.supportingUnits] };
    default:
      return undefined;
  }
}
