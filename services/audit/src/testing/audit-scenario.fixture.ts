import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ManualClock } from '@whistle/kernel';
import { SERVICES, type WriteService } from '@whistle/contracts';
import { SqliteEventStore } from '@whistle/event-store';
import { CatalogueIndex, loadCatalogue } from '@whistle/catalogue';
import { HOUR, MINUTE, T0, Town } from '@whistle/testing';
import type { AuditDependencies } from '../audit.dependencies';
import { AuditIntegrity } from '../audit-integrity';

/** Four real SQLite stores in a temporary directory, a town recording into them, and what the audit is given over them. */
export interface AuditStores {
  readonly town: Town;
  readonly clock: ManualClock;
  readonly ledgerFile: string;
  /** what the audit is given over these stores and that ledger */
  readonly deps: AuditDependencies;
  /** Runs SQL on a service's store file behind the store's back, as someone with the file would. */
  tamper(service: WriteService, sql: string, ...params: unknown[]): number;
  cleanup(): Promise<void>;
}

export interface AuditScenario extends AuditStores {
  /** c1 as it stood after the whistle, before any unit reported in */
  readonly whistledAt: string;
}

/**
 * Three cases recorded in five real SQLite stores in a temporary directory:
 * - c1 fire lane, 杏花苑: reported with sealed reporter data, whistled at level 2, worked, called back satisfied: closed;
 * - c2 existing illegal building, 锦绣华府: level 4, resolved at meeting m1, the joint enforcement done, closed;
 * - c3 late-night noise, 望湖城: reported only.
 */
export async function auditScenario(): Promise<AuditScenario> {
  const opened = auditStores();
  const whistledAt = await tellTheStory(opened.town);
  return { ...opened, whistledAt };
}

/** The three cases of auditScenario, told through a town over any stores; gives the moment c1 was whistled. */
export async function tellTheStory(town: Town): Promise<string> {
  const clock = town.clock;
  await town.report('c1', 'compound-xinghua-1', 'fire_lane_blocked', { keyId: 'pd-c1', ciphertext: 'c2VhbGVkIGJ5IHRoZSB2YXVsdA==' });
  clock.advance(MINUTE);
  await town.whistle('c1');
  const whistledAt = clock.now();
  clock.advance(10 * MINUTE);
  await town.work('c1');
  clock.advance(HOUR);
  await town.callback('c1', 'satisfied');

  clock.advance(HOUR);
  await town.report('c2', 'compound-xinghua-2', 'existing_illegal_building');
  await town.whistle('c2');
  await town.scheduleMeeting('m1', ['unit-chengguan', 'unit-zhujian', 'unit-ziran-ziyuan']);
  clock.advance(HOUR);
  await town.openMeeting('m1', ['unit-chengguan', 'unit-zhujian']);
  await town.resolve('m1', 'c2', 'unit-chengguan', ['unit-zhujian']);
  await town.closeMeeting('m1');
  clock.advance(HOUR);
  await town.work('c2');
  await town.callback('c2', 'basically_satisfied');

  clock.advance(HOUR);
  await town.report('c3', 'compound-wanghu-1', 'late_night_noise');
  return whistledAt;
}

/** Empty stores for a test's own story, told through `town`. */
export function auditStores(): AuditStores {
  const dir = mkdtempSync(join(tmpdir(), 'audit-'));
  const clock = new ManualClock(T0);
  const files = Object.fromEntries(SERVICES.map((service) => [service, join(dir, `${service}.db`)])) as Record<WriteService, string>;
  const stores = Object.fromEntries(SERVICES.map((service) => [service, new SqliteEventStore({ file: files[service], clock })])) as Record<
    WriteService,
    SqliteEventStore
  >;
  const town = new Town(stores, clock);
  const ledgerFile = join(dir, 'audit', 'ledger.db');
  // The tree follows the stores from the start; checkpoints are signed when a test asks (a dossier, a proof).
  const integrity = AuditIntegrity.open({ stores: town.stores, dataDir: join(dir, 'audit'), ledgerFile, checkpointEvents: 1_000_000, checkpointSeconds: 86_400, clock });
  integrity.start();
  return {
    town,
    clock,
    ledgerFile,
    deps: { stores: town.stores, ledgerFile, catalogue: new CatalogueIndex(loadCatalogue()), clock, integrity },
    tamper(service, sql, ...params) {
      const raw = new Database(files[service]);
      try {
        return raw.prepare(sql).run(...params).changes;
      } finally {
        raw.close();
      }
    },
    async cleanup() {
      await integrity.close();
      for (const store of Object.values(stores)) await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
