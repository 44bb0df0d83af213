import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Principal } from '@whistle/auth';
import { GENESIS_HASH, ManualClock, seal, sealedBody, type EventEnvelope } from '@whistle/kernel';
import { SERVICES, type WriteService } from '@whistle/contracts';
import { CatalogueIndex, loadCatalogue } from '@whistle/catalogue';
import { SqliteEventStore, type EventStore } from '@whistle/event-store';
import { postgresFixture, type PostgresFixture } from '@whistle/event-store/testing';
import { T0, Town } from '@whistle/testing';
import { verifyDossier } from '@whistle/transparency';
import type { AuditDependencies } from './audit.dependencies';
import type { Dossier } from './audit-queries';
import { openAudit } from './open-audit';
import { startAuditApp, type AuditApp } from './testing/audit-app.fixture';
import { tellTheStory } from './testing/audit-scenario.fixture';

/**
 * The tamper matrix (篡改矩阵) of issue 10: for each store kind and each way someone with the
 * servers' files could change the record, whether the audit's three detectors name it: the
 * in-service verification (POST /api/audit/verify), the start-up check (the audit opened again
 * over the same files), and the offline verifier on a dossier made afterwards. The matrix is
 * printed; a cell is "detected" with what named it, and the test fails on any miss or on a
 * detector naming something other than what the tampering did. Offline, a change a case's record
 * shows must fail the dossier's proofs (the audit's findings acknowledged first); one no case's
 * record shows (the store's order, the audit's own ledger) fails on the open findings the dossier
 * carries.
 */

const AUDITOR: Principal = { sub: 'auditor-matrix', role: 'auditor' };
const SETTINGS = { AUDIT_SIGNING_KEY_FILE: undefined, AUDIT_CHECKPOINT_EVENTS: 1_000_000, AUDIT_CHECKPOINT_SECONDS: 86_400 };

type Kind = 'sqlite' | 'postgres';

/** Four stores of one kind, and SQL on them behind their back (`%events` names the events table; `$1`… the parameters, in order). */
interface Stores {
  readonly kind: Kind;
  readonly stores: Record<WriteService, EventStore>;
  sql(service: WriteService, statement: string, ...params: unknown[]): Promise<number>;
  rows(service: WriteService): Promise<{ position: number; stream_id: string; event_id: string; case_id: string; body: string; hash: string }[]>;
  /** A copy of the service's store as it is now, and putting it back in place of the store later (the audit closed meanwhile). */
  snapshot(service: WriteService): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

async function sqliteStores(clock: ManualClock): Promise<Stores> {
  const dir = mkdtempSync(join(tmpdir(), 'matrix-sqlite-'));
  const file = (s: WriteService) => join(dir, `${s}.db`);
  const open = (s: WriteService) => new SqliteEventStore({ file: file(s), clock });
  const stores = Object.fromEntries(SERVICES.map((s) => [s, open(s)])) as unknown as Record<WriteService, EventStore>;
  const raw = <T>(s: WriteService, use: (db: Database.Database) => T): T => {
    const db = new Database(file(s));
    try {
      return use(db);
    } finally {
      db.close();
    }
  };
  return {
    kind: 'sqlite',
    stores,
    sql: async (s, statement, ...params) => raw(s, (db) => db.prepare(statement.replace('%events', 'events').replace(/\$\d+/g, '?')).run(...params).changes),
    rows: async (s) => raw(s, (db) => db.prepare('SELECT position, stream_id, event_id, case_id, body, hash FROM events ORDER BY position').all() as never),
    snapshot: async (s) => {
      raw(s, (db) => db.pragma('wal_checkpoint(TRUNCATE)'));
      copyFileSync(file(s), join(dir, `${s}.old`));
      return async () => {
        await stores[s].close();
        for (const suffix of ['-wal', '-shm']) rmSync(`${file(s)}${suffix}`, { force: true });
        copyFileSync(join(dir, `${s}.old`), file(s));
        stores[s] = open(s);
      };
    },
    close: async () => {
      for (const s of SERVICES) await stores[s].close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresStores(clock: ManualClock): Promise<Stores> {
  const fixtures = {} as Record<WriteService, PostgresFixture>;
  for (const s of SERVICES) fixtures[s] = await postgresFixture(clock);
  const stores = Object.fromEntries(SERVICES.map((s) => [s, fixtures[s].current()])) as unknown as Record<WriteService, EventStore>;
  // The append-only trigger stops even a superuser's UPDATE and DELETE, so a tamperer turns triggers off for the session.
  const sql = (s: WriteService, statement: string, ...params: unknown[]) =>
    fixtures[s].admin(async (client) => {
      await client.query('SET session_replication_role = replica');
      const table = `"${fixtures[s].schema}".events`;
      // Positions are an identity column PostgreSQL keeps from updates; the owner can lift that.
      if (/SET position/.test(statement)) await client.query(`ALTER TABLE ${table} ALTER COLUMN position SET GENERATED BY DEFAULT`);
      return (await client.query(statement.replace('%events', table), params)).rowCount ?? 0;
    });
  return {
    kind: 'postgres',
    stores,
    sql,
    rows: (s) =>
      fixtures[s].admin(async (client) => (await client.query(`SELECT position::int AS position, stream_id, event_id, case_id, body, hash FROM "${fixtures[s].schema}".events ORDER BY position`)).rows as never),
    snapshot: async (s) => {
      // A dump restored later leaves the rows up to here and nothing after.
      const [last] = (await fixtures[s].admin((client) => client.query(`SELECT max(position)::int AS p FROM "${fixtures[s].schema}".events`))).rows as { p: number }[];
      return async () => void (await sql(s, 'DELETE FROM %events WHERE position > $1', last!.p));
    },
    close: async () => {
      for (const s of SERVICES) await fixtures[s].cleanup();
    },
  };
}

/** One run: stores of a kind with the story in them, the audit over them with every event under a signed checkpoint, and its HTTP side. */
interface Run {
  readonly town: Town;
  readonly st: Stores;
  readonly dir: string;
  deps: AuditDependencies & { bootstrapped: unknown };
  app: AuditApp;
}

async function startRun(kind: Kind): Promise<Run> {
  const clock = new ManualClock(T0);
  const st = kind === 'sqlite' ? await sqliteStores(clock) : await postgresStores(clock);
  const town = new Town(st.stores, clock);
  await tellTheStory(town);
  const dir = mkdtempSync(join(tmpdir(), 'matrix-audit-'));
  const run = { town, st, dir } as Run;
  await openRun(run);
  // The audit first meets stores that hold the story: an auditor takes them on trust once.
  expect(run.deps.integrity.checkpoints.open().map((f) => f.kind)).toEqual(['unanchored']);
  run.deps.integrity.checkpoints.acknowledge('auditor-matrix', 'first start over the story', run.town.now);
  await run.deps.integrity.checkpointAll();
  return run;
}

async function openRun(run: Run): Promise<void> {
  run.deps = await openAudit({ stores: run.st.stores, ledgerFile: join(run.dir, 'audit.db'), catalogue: new CatalogueIndex(loadCatalogue()), clock: run.town.clock }, SETTINGS);
  run.deps.integrity.start();
  await run.deps.integrity.caughtUp();
  run.app = await startAuditApp(run.deps);
}

async function closeRun(run: Run): Promise<void> {
  await run.app.close();
  await run.deps.integrity.close();
}

/** What a tampering does, and the case whose dossier's proofs should show it (null: every case's record is untouched; the dossier then carries the audit's open findings). */
interface Tampering {
  readonly name: string;
  readonly caseId: string | null;
  /** what each detector must name: the finding kinds (service, start-up), the verifier's reason (offline) */
  readonly named: { readonly inService: RegExp; readonly startUp: RegExp; readonly offline: RegExp };
  /** before the audit signs its last checkpoint (a copy kept to be put back later) */
  readonly prepare?: (run: Run) => Promise<unknown>;
  readonly apply: (run: Run, prepared: unknown) => Promise<void>;
  /** it happens while the audit is stopped (a file put back): the in-service check runs after the restart */
  readonly whileStopped?: boolean;
}

const eventOf = (run: Run, type: string, caseId: string): EventEnvelope => run.town.recorded.find((e) => e.type === type && e.caseId === caseId)!;

const TAMPERINGS: Tampering[] = [
  {
    name: 'edit payload',
    named: { inService: /hash_mismatch/, startUp: /hash_mismatch/, offline: /SHA-256 of its prevHash and body is not its hash/ },
    caseId: 'c1',
    apply: async ({ town, st }) => {
      const victim = eventOf({ town } as Run, 'escalation.WhistleBlown.v1', 'c1');
      const body = sealedBody(victim);
      expect(body).toContain('"level":2');
      expect(await st.sql('escalation', 'UPDATE %events SET body = $1 WHERE event_id = $2', body.replace('"level":2', '"level":3'), victim.eventId)).toBe(1);
    },
  },
  {
    name: 'edit metadata',
    named: { inService: /hash_mismatch/, startUp: /hash_mismatch/, offline: /SHA-256 of its prevHash and body is not its hash/ },
    caseId: 'c1',
    apply: async ({ town, st }) => {
      const victim = eventOf({ town } as Run, 'intake.CaseReported.v1', 'c1');
      const body = sealedBody(victim);
      expect(await st.sql('intake', 'UPDATE %events SET body = $1 WHERE event_id = $2', body.replace(`"recordedAt":"${victim.recordedAt}"`, '"recordedAt":"2026-11-20T08:00:00.000Z"'), victim.eventId)).toBe(1);
    },
  },
  {
    name: 'delete an event',
    named: { inService: /prev_hash_mismatch/, startUp: /prev_hash_mismatch/, offline: /revision 1 is left out/ },
    caseId: 'c2',
    apply: async ({ town, st }) => {
      const stream = town.recorded.filter((e) => e.streamId === 'whistle-c2');
      expect(stream.length).toBeGreaterThan(2);
      expect(await st.sql('escalation', 'DELETE FROM %events WHERE event_id = $1', stream[1]!.eventId)).toBe(1);
    },
  },
  {
    name: 'insert an event',
    // At the start after, PostgreSQL's store may give the shifted rows so the log reads short of its last checkpoint: named as cut short.
    named: { inService: /log_inconsistent/, startUp: /log_inconsistent|log_truncated/, offline: /log does not hold it/ },
    caseId: 'c1',
    apply: async ({ town, st }) => {
      // A well-formed event with its own chain, slipped in after c1's report: the positions after it moved up one.
      const rows = await st.rows('intake');
      const after = rows.find((r) => r.case_id === 'c1')!.position;
      const forged = seal(
        { eventId: randomUUID(), type: 'intake.CaseWithdrawn.v1', data: { reason: '反映人撤回' }, caseId: 'c1', occurredAt: town.now, actor: { id: 'r-1', role: 'reporter' }, correlationId: randomUUID(), causationId: null },
        { streamId: 'case-c1-withdrawal', revision: 0, recordedAt: rows[0]!.body.match(/"recordedAt":"([^"]+)"/)![1]!, prevHash: GENESIS_HASH },
      );
      await st.sql('intake', 'UPDATE %events SET position = position + 1000000 WHERE position > $1', after);
      await st.sql('intake', 'UPDATE %events SET position = position - 999999 WHERE position > 1000000');
      const columns = st.kind === 'postgres' ? 'position, stream_id, revision, event_id, type, case_id, prev_hash, body, hash' : 'position, stream_id, revision, event_id, type, case_id, body, hash';
      const values = [after + 1, forged.streamId, 0, forged.eventId, forged.type, 'c1', ...(st.kind === 'postgres' ? [GENESIS_HASH] : []), sealedBody(forged), forged.hash];
      const marks = values.map((_, i) => `$${i + 1}`).join(', ');
      expect(await st.sql('intake', `INSERT INTO %events (${columns}) ${st.kind === 'postgres' ? 'OVERRIDING SYSTEM VALUE ' : ''}VALUES (${marks})`, ...values)).toBe(1);
    },
  },
  {
    name: 'reorder events',
    named: { inService: /log_inconsistent/, startUp: /log_inconsistent/, offline: /while the audit held 1 integrity finding\(s\) no auditor had acknowledged: log_inconsistent \(intake/ },
    caseId: null,
    apply: async ({ st }) => {
      const rows = await st.rows('intake');
      const at = rows.findIndex((r, i) => i > 0 && rows[i - 1]!.stream_id !== r.stream_id);
      const [a, b] = [rows[at - 1]!.position, rows[at]!.position];
      await st.sql('intake', 'UPDATE %events SET position = -1 WHERE position = $1', a);
      await st.sql('intake', 'UPDATE %events SET position = $1 WHERE position = $2', a, b);
      await st.sql('intake', 'UPDATE %events SET position = $1 WHERE position = -1', b);
    },
  },
  {
    name: 'truncate the log',
    named: { inService: /missing_events.*log_truncated/, startUp: /log_truncated/, offline: /removed from the store/ },
    caseId: 'c2',
    apply: async ({ town, st }) => {
      const rows = await st.rows('enforcement');
      const last = rows.at(-1)!;
      expect(last.case_id).toBe('c2');
      expect(town.recorded.some((e) => e.eventId === last.event_id)).toBe(true);
      expect(await st.sql('enforcement', 'DELETE FROM %events WHERE position >= $1', rows.at(-2)!.position)).toBe(2);
    },
  },
  {
    name: 'delete a stream',
    named: { inService: /missing_stream.*log_truncated/, startUp: /log_truncated/, offline: /removed from the store/ },
    caseId: 'c1',
    apply: async ({ st }) => {
      expect(await st.sql('escalation', 'DELETE FROM %events WHERE stream_id = $1', 'whistle-c1')).toBeGreaterThan(0);
    },
  },
  {
    name: 'delete the ledger',
    named: { inService: /ledger_missing/, startUp: /ledger_missing/, offline: /while the audit held 1 integrity finding\(s\) no auditor had acknowledged: ledger_missing/ },
    caseId: null,
    apply: async ({ dir }) => {
      for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, `audit.db${suffix}`), { force: true });
    },
  },
  {
    name: 'restore an older copy',
    named: { inService: /log_truncated/, startUp: /log_truncated/, offline: /removed from the store/ },
    caseId: 'c9',
    whileStopped: true,
    prepare: async (run) => {
      const putBack = await run.st.snapshot('intake');
      // A case recorded and signed after the copy was taken.
      await run.town.report('c9', 'compound-xinghua-1', 'fire_lane_blocked');
      await run.deps.integrity.caughtUp();
      await run.deps.integrity.checkpointAll();
      return putBack;
    },
    apply: async (_run, putBack) => (putBack as () => Promise<void>)(),
  },
];

type Cell = string;

async function detectors(kind: Kind, t: Tampering): Promise<{ inService: Cell; startUp: Cell; offline: Cell }> {
  const run = await startRun(kind);
  try {
    const prepared = t.prepare ? await t.prepare(run) : undefined;
    const inService = async (): Promise<Cell> => {
      const report = (await run.app.post('/api/audit/verify', {}, AUDITOR)).body as { ok: boolean; breaks: { kind: string; streamId: string; revision: number }[] };
      if (report.ok) return 'MISSED';
      return `detected (${[...new Set(report.breaks.map((b) => b.kind))].join(', ')})`;
    };
    const offline = async (): Promise<Cell> => {
      const dossier = (await run.app.get(`/api/audit/cases/${t.caseId ?? 'c1'}/dossier`, AUDITOR)).body as Dossier;
      const key = ((await run.app.get('/api/audit/public-key', AUDITOR)).body as { publicKeyPem: string }).publicKeyPem;
      const result = verifyDossier(dossier, key);
      return result.ok ? 'MISSED' : `detected (${result.failure.why})`;
    };
    const acknowledge = async () => {
      expect((await run.app.post('/api/audit/findings/acknowledge', { reason: 'seen in the matrix' }, AUDITOR)).status).toBe(200);
    };
    let service: Cell;
    let offlineCell: Cell;
    if (t.whileStopped) {
      await closeRun(run);
      await t.apply(run, prepared);
      await openRun(run);
      const startUp = await run.deps.integrity.check();
      const startCell = startUp.findings.length > 0 || run.deps.integrity.checkpoints.open().length > 0 ? `detected (${[...new Set(run.deps.integrity.checkpoints.open().map((f) => f.kind))].join(', ')})` : 'MISSED';
      await acknowledge();
      service = await inService();
      await acknowledge();
      offlineCell = await offline();
      return { inService: service, startUp: startCell, offline: offlineCell };
    }
    await t.apply(run, prepared);
    service = await inService();
    // A change the case's record shows must fail the proofs themselves: the findings the service
    // now holds are acknowledged first (a dossier made while any is open fails on them alone).
    // One the record cannot show is caught by those open findings, which the dossier carries.
    if (t.caseId !== null) await acknowledge();
    offlineCell = await offline();
    // What the service found is acknowledged, so the start-up check must find it anew.
    await acknowledge();
    await closeRun(run);
    await openRun(run);
    await run.deps.integrity.check();
    const open = run.deps.integrity.checkpoints.open();
    const startCell = open.length > 0 ? `detected (${[...new Set(open.map((f) => f.kind))].join(', ')})` : 'MISSED';
    return { inService: service, startUp: startCell, offline: offlineCell };
  } finally {
    await closeRun(run).catch(() => undefined);
    await run.st.close();
    rmSync(run.dir, { recursive: true, force: true });
  }
}

describe('the tamper matrix', () => {
  const matrix: string[][] = [];
  afterAll(() => {
    if (matrix.length === 0) return;
    const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...[['store', 'tampering', 'in-service', 'start-up', 'offline dossier'], ...matrix].map((r) => (r[i] ?? '').length)));
    const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
    console.log(['tamper matrix (issue 10)', line(['store', 'tampering', 'in-service', 'start-up', 'offline dossier']), ...matrix.map(line)].join('\n'));
  });

  for (const kind of ['sqlite', 'postgres'] as const) {
    for (const t of TAMPERINGS) {
      it(`${kind}: ${t.name} is named by every detector that can see it`, async () => {
        const cells = await detectors(kind, t);
        matrix.push([kind, t.name, cells.inService, cells.startUp, cells.offline.length > 90 ? `${cells.offline.slice(0, 89)}…` : cells.offline]);
        expect(cells.inService).toMatch(/^detected/);
        expect(cells.inService).toMatch(t.named.inService);
        expect(cells.startUp).toMatch(/^detected/);
        expect(cells.startUp).toMatch(t.named.startUp);
        expect(cells.offline).toMatch(/^detected/);
        expect(cells.offline).toMatch(t.named.offline);
      }, 60_000);
    }
  }
});
