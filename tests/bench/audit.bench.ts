/**
 * The auditor's reads of one case (history, state at a moment, verification, dossier) over the
 * audit's HTTP routes, with the stores filled to each count of BENCH_AUDIT_CASES (10,000 and
 * 100,000 unless set), beside the raw floor: the store's own reads of that case's streams
 * (readStream of each), in the same run. The stores are SQLite files, as in the embedded mode,
 * and, with BENCH_AUDIT_STORES naming `postgres` (the default names both), the same rows in
 * PostgreSQL schemas, as in the distributed mode.
 *
 * The cases are copies of two cases the domains themselves recorded (the town simulator): a
 * report that was only routed (3 events, as the console bench's reports) and, every 1,000th, a
 * level-4 case tabled at its own meeting, resolved, worked by two units and closed (36 events in
 * 6 streams). Each copy gets its own ids and is appended through the store, which seals it; many
 * cases are appended at once, so they interleave in the stores as they would in service. The
 * audit's ledger hears every appended event, as its consumer would. The PostgreSQL schemas get
 * the SQLite rows exactly as sealed (body, hash, order), inserted in bulk as the superuser: its
 * store takes appends one at a time under a lock, which would make filling 100,000 cases take
 * most of an hour, and reads are what is measured here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Principal } from '@whistle/auth';
import { CatalogueIndex, loadCatalogue } from '@whistle/catalogue';
import { SERVICES, type WriteService } from '@whistle/contracts';
import { InMemoryEventStore, PostgresEventStore, SqliteEventStore, ensureDatabase, withAdmin, type EventStore } from '@whistle/event-store';
import { requirePostgres } from '@whistle/event-store/testing';
import { startModuleApp, type ModuleApp } from '@whistle/http/testing';
import { ManualClock, type Clock, type EventEnvelope, type EventToAppend } from '@whistle/kernel';
import { HOUR, T0, Town } from '@whistle/testing';
import { AuditIntegrity, AuditModule, auditLedgerConsumer, type AuditDependencies } from '@whistle/audit-service';
import { printTable, type BenchSection } from './report';

const CASE_COUNTS = (process.env['BENCH_AUDIT_CASES'] ?? '10000,100000').split(',').map(Number);
const STORE_KINDS = (process.env['BENCH_AUDIT_STORES'] ?? 'sqlite,postgres').split(',');
/** Each read is timed at least MIN_ROUNDS times, and more (up to MAX_ROUNDS) while they take under a second in all. */
const MIN_ROUNDS = 3;
const MAX_ROUNDS = 21;
/** Every RICH_EVERY-th case is a level-4 case with its meeting; the others are routed reports. */
const RICH_EVERY = 1000;
/** Cases appended at once: their appends share the stores' group commits and interleave. */
const CONCURRENT_CASES = 200;
const DATABASE = 'whistle_audit_bench';
const AUDITOR: Principal = { sub: 'auditor-bench', role: 'auditor' };

/** One event of a template case: where it goes, and what was appended, as JSON to copy with new ids. */
interface TemplateEvent {
  readonly service: WriteService;
  readonly json: string;
  readonly revision: number;
}

type OwnedStream = readonly [streamId: string, service: WriteService];

/** A template case's appends, batch by batch, in the order the town recorded them. */
type Template = TemplateEvent[][];

interface Templates {
  readonly reported: Template;
  readonly rich: Template;
  /** the streams of each and the service whose store holds each, with the template's ids */
  readonly streams: { readonly reported: OwnedStream[]; readonly rich: OwnedStream[] };
}

/** The ids of a template case that a copy replaces: the case, its meeting, whistle and resolution, and every uuid. */
const IDS = /\b(?:tplcase|tplmeeting|w\d+)\b|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const copyOf = (text: string, n: number): string => text.replace(IDS, (id) => `${id}-${n}`);
export const caseIdOf = (n: number): string => `tplcase-${n}`;

async function recordTemplates(): Promise<Templates> {
  const record = async (script: (town: Town) => Promise<unknown>): Promise<{ template: Template; streams: OwnedStream[] }> => {
    const clock = new ManualClock(T0);
    const stores = Object.fromEntries(SERVICES.map((s): [WriteService, EventStore] => [s, new InMemoryEventStore({ clock })])) as Record<WriteService, EventStore>;
    const town = new Town(stores, clock);
    await script(town);
    const template: Template = [];
    const owners = new Map<string, WriteService>();
    let batch: TemplateEvent[] = [];
    let previous: EventEnvelope | undefined;
    for (const e of town.recorded) {
      // The town appends each command's events to one stream at once, with one record time.
      if (previous && (previous.streamId !== e.streamId || previous.recordedAt !== e.recordedAt || previous.revision + 1 !== e.revision)) {
        template.push(batch);
        batch = [];
      }
      const service = SERVICES.find((s) => e.type.startsWith(`${s}.`)) as WriteService;
      owners.set(e.streamId, service);
      const { eventId, type, data, caseId, occurredAt, actor, correlationId, causationId } = e;
      const toAppend: EventToAppend = { eventId, type, data, caseId, occurredAt, actor, correlationId, causationId };
      batch.push({ service, json: JSON.stringify({ streamId: e.streamId, toAppend }), revision: e.revision });
      previous = e;
    }
    if (batch.length > 0) template.push(batch);
    return { template, streams: [...owners].sort(([a], [b]) => a.localeCompare(b)) };
  };
  const reported = await record((town) => town.report('tplcase', 'compound-wanghu-1', 'late_night_noise'));
  const rich = await record(async (town) => {
    await town.report('tplcase', 'compound-xinghua-2', 'existing_illegal_building');
    await town.whistle('tplcase');
    await town.scheduleMeeting('tplmeeting', ['unit-chengguan', 'unit-zhujian', 'unit-ziran-ziyuan']);
    town.advance(HOUR);
    await town.openMeeting('tplmeeting', ['unit-chengguan', 'unit-zhujian']);
    await town.resolve('tplmeeting', 'tplcase', 'unit-chengguan', ['unit-zhujian']);
    await town.closeMeeting('tplmeeting');
    town.advance(HOUR);
    await town.work('tplcase');
    await town.callback('tplcase', 'basically_satisfied');
  });
  return { reported: reported.template, rich: rich.template, streams: { reported: reported.streams, rich: rich.streams } };
}

/** A clock that moves a millisecond at each reading: every batch has its own record time, in append order. */
function tickingClock(): Clock & { readonly last: () => string } {
  let at = Date.parse(T0);
  return { now: () => new Date((at += 1)).toISOString(), last: () => new Date(at).toISOString() };
}

/** Appends copies `from` … `to - 1`, CONCURRENT_CASES at a time; the ledger hears every appended event. */
async function fill(stores: Record<WriteService, EventStore>, templates: Templates, from: number, to: number, heard: (events: EventEnvelope[]) => Promise<void>): Promise<number> {
  let next = from;
  let events = 0;
  const copy = async (n: number): Promise<EventEnvelope[]> => {
    const appended: EventEnvelope[] = [];
    for (const batch of n % RICH_EVERY === 0 ? templates.rich : templates.reported) {
      const first = batch[0] as TemplateEvent;
      const parsed = batch.map((e) => JSON.parse(copyOf(e.json, n)) as { streamId: string; toAppend: EventToAppend });
      const streamId = (parsed[0] as { streamId: string }).streamId;
      const result = await stores[first.service].append(
        streamId,
        parsed.map((p) => p.toAppend),
        first.revision === 0 ? 'no_stream' : first.revision - 1,
      );
      appended.push(...result.events);
    }
    return appended;
  };
  await Promise.all(
    Array.from({ length: CONCURRENT_CASES }, async () => {
      while (next < to) {
        const n = next;
        next += 1;
        const appended = await copy(n);
        events += appended.length;
        await heard(appended);
      }
    }),
  );
  return events;
}

/** The SQLite rows after `after`, inserted as they are into the PostgreSQL schema of the same service. */
async function copyToPostgres(file: string, url: string, schema: string, after: number): Promise<number> {
  const db = new Database(file, { readonly: true });
  try {
    const page = db.prepare<[number], { position: number; stream_id: string; revision: number; event_id: string; type: string; case_id: string; body: string; hash: string }>(
      'SELECT position, stream_id, revision, event_id, type, case_id, body, hash FROM events WHERE position > ? ORDER BY position LIMIT 5000',
    );
    let last = after;
    await withAdmin(url, async (admin) => {
      for (let rows = page.all(last); rows.length > 0; rows = page.all(last)) {
        await admin.query(
          `INSERT INTO "${schema}".events (stream_id, revision, event_id, type, case_id, prev_hash, body, hash)
           SELECT * FROM unnest($1::text[], $2::integer[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])`,
          [
            rows.map((r) => r.stream_id),
            rows.map((r) => r.revision),
            rows.map((r) => r.event_id),
            rows.map((r) => r.type),
            rows.map((r) => r.case_id),
            rows.map((r) => (JSON.parse(r.body) as { prevHash: string }).prevHash),
            rows.map((r) => r.body),
            rows.map((r) => r.hash),
          ],
        );
        last = (rows.at(-1) as { position: number }).position;
      }
    });
    return last;
  } finally {
    db.close();
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function timeMs(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** The auditor's reads of the case and the store's own reads of its streams, each timed as MIN_ROUNDS says: the medians. */
async function measureCase(app: ModuleApp, stores: Record<WriteService, EventStore>, caseId: string, streams: readonly OwnedStream[], at: string): Promise<string[]> {
  const ok = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const answer = await app.send(method, path, AUDITOR, body);
    if (answer.status !== 200) throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const reads: [string, () => Promise<unknown>][] = [
    ['history', () => ok('GET', `/api/audit/cases/${caseId}/history`)],
    ['state', () => ok('GET', `/api/audit/cases/${caseId}/state?at=${encodeURIComponent(at)}`)],
    ['verify', () => ok('POST', '/api/audit/verify', { caseId })],
    ['dossier', () => ok('GET', `/api/audit/cases/${caseId}/dossier?format=json`)],
    // The floor: each stream of the case read from the store that holds it, all at once.
    ['raw', () => Promise.all(streams.map(([id, service]) => stores[service].readStream(id)))],
  ];
  const history = await ok('GET', `/api/audit/cases/${caseId}/history`);
  const verified = await ok('POST', '/api/audit/verify', { caseId });
  if (!verified.ok) throw new Error(`case ${caseId} does not verify: ${JSON.stringify(verified.breaks)}`);
  const cells = [String(history.events.length), String(verified.checkedStreams)];
  for (const [, read] of reads) {
    const times: number[] = [];
    while (times.length < MIN_ROUNDS || (times.length < MAX_ROUNDS && times.reduce((a, b) => a + b, 0) < 1000)) times.push(await timeMs(read));
    cells.push(median(times).toFixed(1));
  }
  return cells;
}

interface StoreSet {
  readonly kind: string;
  readonly stores: Record<WriteService, EventStore>;
  close(): Promise<void>;
}

export const auditBench: BenchSection = {
  name: 'audit: one case’s history, state, verification and dossier over filled stores',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'audit-bench-'));
    const clock = tickingClock();
    const catalogue = new CatalogueIndex(loadCatalogue());
    const files = Object.fromEntries(SERVICES.map((s) => [s, join(dir, `${s}.db`)])) as Record<WriteService, string>;
    const writers = Object.fromEntries(SERVICES.map((s): [WriteService, EventStore] => [s, new SqliteEventStore({ file: files[s], clock })])) as Record<WriteService, EventStore>;
    const ledgerFile = join(dir, 'audit.db');
    const ledger = auditLedgerConsumer({ ledgerFile, clock });
    const templates = await recordTemplates();
    const sets: StoreSet[] = [];
    if (STORE_KINDS.includes('sqlite')) sets.push({ kind: 'sqlite', stores: writers, close: async () => undefined });
    let postgres: { url: string; schemas: Record<WriteService, string>; copied: Record<WriteService, number> } | undefined;
    if (STORE_KINDS.includes('postgres')) {
      const cluster = requirePostgres();
      await withAdmin(cluster.adminUrl('postgres'), (admin) => ensureDatabase(admin, DATABASE));
      const url = cluster.adminUrl(DATABASE);
      const run = randomUUID().replace(/-/g, '').slice(0, 8);
      const schemas = Object.fromEntries(SERVICES.map((s) => [s, `audit_bench_${run}_${s}`])) as Record<WriteService, string>;
      const stores = {} as Record<WriteService, EventStore>;
      for (const s of SERVICES) stores[s] = await PostgresEventStore.connect({ connectionString: url, schema: schemas[s], clock });
      postgres = { url, schemas, copied: Object.fromEntries(SERVICES.map((s) => [s, 0])) as Record<WriteService, number> };
      const dropped = postgres;
      sets.push({
        kind: 'postgres',
        stores,
        close: async () => {
          for (const s of SERVICES) await stores[s].close();
          await withAdmin(url, (admin) => admin.query(SERVICES.map((s) => `DROP SCHEMA "${dropped.schemas[s]}" CASCADE;`).join(' ')));
        },
      });
    }
    // The measured cases: a level-4 case and a report, both among the first 10,000, so the same cases at every count.
    const rich = Math.min(5 * RICH_EVERY, Math.max(0, Math.floor((CASE_COUNTS[0] ?? RICH_EVERY) / RICH_EVERY / 2) * RICH_EVERY));
    const measured = [
      { label: 'level 4, meeting', caseId: caseIdOf(rich), streams: templates.streams.rich.map(([s, owner]): OwnedStream => [copyOf(s, rich), owner]) },
      { label: 'report', caseId: caseIdOf(rich + 1), streams: templates.streams.reported.map(([s, owner]): OwnedStream => [copyOf(s, rich + 1), owner]) },
    ];
    const apps = new Map<string, ModuleApp>();
    const integrities: AuditIntegrity[] = [];
    try {
      for (const set of sets) {
        // The tree follows each set's stores, in a folder of its own; checkpoints as a dossier asks.
        const integrity = AuditIntegrity.open({ stores: set.stores, dataDir: join(dir, `integrity-${set.kind}`), ledgerFile, checkpointEvents: 1_000_000, checkpointSeconds: 86_400, clock });
        integrity.start();
        integrities.push(integrity);
        const deps: AuditDependencies = { stores: set.stores, ledgerFile, catalogue, clock, integrity };
        apps.set(set.kind, await startModuleApp(`audit-bench-${set.kind}`, [AuditModule.register(deps)]));
      }
      let cases = 0;
      let events = 0;
      for (const target of CASE_COUNTS) {
        const started = process.hrtime.bigint();
        events += await fill(writers, templates, cases, target, (appended) => ledger.handleBatch(appended));
        cases = target;
        const filled = Number(process.hrtime.bigint() - started) / 1e9;
        if (postgres) {
          for (const s of SERVICES) postgres.copied[s] = await copyToPostgres(files[s], postgres.url, postgres.schemas[s], postgres.copied[s]);
        }
        console.log(`filled ${cases.toLocaleString('en-US')} cases, ${events.toLocaleString('en-US')} events (SQLite, ${filled.toFixed(0)} s${postgres ? '; copied to PostgreSQL' : ''})`);
        const rows: string[][] = [];
        for (const set of sets) {
          const app = apps.get(set.kind) as ModuleApp;
          for (const m of measured) rows.push([set.kind, m.label, ...(await measureCase(app, set.stores, m.caseId, m.streams, clock.last()))]);
          const everything = await timeMs(async () => {
            const answer = await app.send('POST', '/api/audit/verify', AUDITOR, {});
            if (answer.status !== 200 || !answer.body.ok) throw new Error(`the whole record does not verify: ${JSON.stringify(answer.body).slice(0, 500)}`);
          });
          rows.push([set.kind, 'every case (verify only)', '', '', '', '', everything.toFixed(0), '', '']);
        }
        printTable(
          `${cases.toLocaleString('en-US')} cases, ${events.toLocaleString('en-US')} events: ms per request over HTTP (median of ${MIN_ROUNDS} to ${MAX_ROUNDS}); raw = the store's own readStream of the case's streams`,
          ['store', 'case', 'events', 'streams', 'history', 'state', 'verify', 'dossier', 'raw'],
          rows,
        );
      }
    } finally {
      for (const app of apps.values()) await app.close();
      for (const integrity of integrities) await integrity.close();
      ledger.close();
      for (const set of sets) await set.close();
      for (const s of SERVICES) await writers[s].close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
