/**
 * The embedded system (`npm start`, a process of its own) driven over HTTP, beside the raw anchor:
 * node:http and better-sqlite3 alone doing what a report minimally is (raw-http-server.ts), on
 * the same machine, with the same client, in the same run. Then the system is filled to
 * BENCH_CASES cases (100,000 unless set) and its filling rate, memory and start-up time read off.
 * BENCH_NODE_ARGS (space-separated) are given to the system's node, e.g. a V8 heap flag to weigh
 * its memory against its throughput in one run.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManagedProcess, freePort } from '@whistle/deployment';
import { ApiClient, roles, send } from '../e2e/support/api-client';
import { SystemProcess } from '../e2e/support/system-process';
import { cpuSecondsOf } from './process-cpu';
import { formatRate, formatRatio, printTable, type BenchSection } from './report';

const COMPOUNDS = ['compound-xinghua-1', 'compound-xinghua-2', 'compound-xinghua-3', 'compound-wutong-1', 'compound-wutong-2'];
const CATEGORIES = ['fire_lane_blocked', 'late_night_noise', 'common_area_clutter', 'flying_wire_charging', 'uncivil_dog_keeping'];
const CLIENTS = [1, 8, 32] as const;
const REPORTS_PER_RUN = { 1: 500, 8: 2000, 32: 4000 } as const;
const TARGET_CASES = Number(process.env['BENCH_CASES'] ?? 100_000);
const NODE_ARGS = (process.env['BENCH_NODE_ARGS'] ?? '').split(' ').filter((arg) => arg !== '');
const FILL_SLICE = 10_000;

let serial = 0;
/**
 * A report spread over five compounds and five categories. The duplicate rule compares only the
 * compound and the category, so under the catalogue's window (P3D) every report after the first
 * 25 repeats an open case and is linked as its probable duplicate: recorded and linked, never
 * routed. `newProblems` below turns the window off, so that each report is routed and opens
 * triage at escalation (which the notifications service files under its station): the whole path
 * of a new case up to the station's triage.
 */
export function reportBody(): object {
  serial += 1;
  return {
    compoundId: COMPOUNDS[serial % COMPOUNDS.length],
    category: CATEGORIES[Math.floor(serial / COMPOUNDS.length) % CATEGORIES.length],
    description: `bench report ${serial}`,
    location: `building ${serial}`,
    channel: 'branch',
  };
}

export type Post = () => Promise<{ status: number; body: unknown }>;

/** `total` posts sent by `clients` concurrent callers: posts per second and how many were not 201. */
export async function throughput(post: Post, clients: number, total: number): Promise<{ perSecond: number; failures: number }> {
  let next = 0;
  let failures = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) {
        next += 1;
        if ((await post()).status !== 201) failures += 1;
      }
    }),
  );
  return { perSecond: total / (Number(process.hrtime.bigint() - started) / 1e9), failures };
}

/** One row of a throughput table for the system: its rate beside the raw anchor's, and the system process's CPU per report. */
async function systemRow(system: SystemProcess, post: Post, clients: (typeof CLIENTS)[number], raw: Map<number, number>): Promise<string[]> {
  const cpuBefore = cpuSecondsOf(system.pid ?? Number.NaN);
  const { perSecond, failures } = await throughput(post, clients, REPORTS_PER_RUN[clients]);
  const cpuMs = ((cpuSecondsOf(system.pid ?? Number.NaN) - cpuBefore) * 1000) / REPORTS_PER_RUN[clients];
  const anchor = raw.get(clients) ?? Number.NaN;
  return [String(clients), String(REPORTS_PER_RUN[clients]), formatRate(perSecond), formatRate(anchor), formatRatio(perSecond / anchor), cpuMs.toFixed(2), String(failures)];
}

/** A started system's station and office, warmed up by 300 reports; then its rate at 1, 8 and 32 clients, printed under `title`. */
async function throughputTable(system: SystemProcess, raw: Map<number, number>, title: string): Promise<{ station: ApiClient; office: ApiClient }> {
  const station = new ApiClient(system.baseUrl, roles.station('station-north'));
  const office = new ApiClient(system.baseUrl, roles.office());
  const post: Post = () => station.post('/api/intake/cases', reportBody());
  await throughput(post, 8, 300);
  const rows: string[][] = [];
  for (const clients of CLIENTS) rows.push(await systemRow(system, post, clients, raw));
  printTable(title, ['clients', 'reports', 'system/s', 'raw/s', 'system/raw', 'system CPU ms/report', 'non-201'], rows);
  return { station, office };
}

const LATENCY_HEADER = ['read', 'clients', 'reports', 'p50 ms', 'p99 ms', 'max ms'];
const latencyRow = (read: string, clients: number, sorted: readonly number[]): string[] => [
  read,
  String(clients),
  String(sorted.length),
  percentile(sorted, 50).toFixed(1),
  percentile(sorted, 99).toFixed(1),
  (sorted.at(-1) ?? 0).toFixed(1),
];

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/**
 * `clients` callers each report a case and read it from the read side, `each` times: the time from
 * sending the report to the case answering on the read side, under load. `poll`: ask again at once
 * until it answers (the asking itself loads the server); `after`: one read sent with the report's
 * position as After-Position, which the read side answers once its views hold it, as the console
 * reads after a command.
 */
async function reportToRead(station: ApiClient, office: ApiClient, clients: number, each: number, how: 'poll' | 'after'): Promise<number[]> {
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = 0; i < each; i += 1) {
        const started = process.hrtime.bigint();
        const response = await station.post('/api/intake/cases', reportBody());
        const { id, position } = response.body as { id: string; position: string };
        if (how === 'after') {
          const read = await office.request('GET', `/api/query/cases/${id}`, undefined, { 'After-Position': position });
          if (read.status !== 200) throw new Error(`the read after ${position} answered ${read.status}`);
        } else {
          while ((await office.get(`/api/query/cases/${id}`)).status !== 200) {
            // ask again at once: the read side is in the same process
          }
        }
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}

function rssMiB(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

export async function casesIn(office: ApiClient): Promise<number> {
  return ((await office.get('/api/query/cases?pageSize=1')).body as { total: number }).total;
}

/** The raw anchor's reports/s at each client count. */
async function rawAnchor(): Promise<Map<number, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'raw-http-'));
  const port = await freePort();
  const server = new ManagedProcess({
    name: 'the raw anchor',
    command: `node -r @swc-node/register ${join(__dirname, 'raw-http-server.ts')} ${port} ${join(dir, 'raw.sqlite')}`,
    cwd: join(__dirname, '..', '..'),
    env: process.env as Record<string, string>,
    readyUrl: `http://127.0.0.1:${port}/ready`,
  });
  await server.start();
  const base = `http://127.0.0.1:${port}`;
  const post: Post = () => send(base, 'POST', '/cases', { body: reportBody() });
  const rates = new Map<number, number>();
  try {
    await throughput(post, 8, 500);
    for (const clients of CLIENTS) rates.set(clients, (await throughput(post, clients, REPORTS_PER_RUN[clients])).perSecond);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return rates;
}

/**
 * The same posts on a second system whose duplicate window is off: each report is a new problem,
 * routed to its station, with triage opened at escalation. Its throughput and its report-to-read
 * time at 32 clients, beside the same raw anchor.
 */
async function newProblems(raw: Map<number, number>): Promise<void> {
  const system = await SystemProcess.start({ env: { LOG_LEVEL: 'error' }, nodeArgs: NODE_ARGS, catalogue: { deadlines: { duplicateWindow: 'PT0M' } } });
  try {
    const { station, office } = await throughputTable(system, raw, 'reports that are new problems (duplicate window off): each routed, triage opened at escalation');
    const latencies = await reportToRead(station, office, 32, 20, 'after');
    printTable('new problems, from sending a report to its case answering on the read side', LATENCY_HEADER, [latencyRow('one read with After-Position', 32, latencies)]);
  } finally {
    await system.dispose();
  }
}

export const embeddedBench: BenchSection = {
  name: 'embedded system over HTTP (npm start as a separate process, SQLite files, in-process bus)',
  async run() {
    const raw = await rawAnchor();
    if (NODE_ARGS.length > 0) console.log(`the system's node runs with ${NODE_ARGS.join(' ')}`);
    const system = await SystemProcess.start({ env: { LOG_LEVEL: 'error' }, nodeArgs: NODE_ARGS });
    try {
      const { station, office } = await throughputTable(
        system,
        raw,
        'reports through POST /api/intake/cases that repeat an open case (linked as duplicates), beside the raw anchor (node:http + better-sqlite3, one row per report)',
      );

      const latencyRows: string[][] = [];
      for (const how of ['after', 'poll'] as const) {
        for (const clients of [1, 32]) {
          const latencies = await reportToRead(station, office, clients, clients === 1 ? 300 : 20, how);
          latencyRows.push(latencyRow(how === 'after' ? 'one read with After-Position' : 'asked again at once', clients, latencies));
        }
      }
      printTable('from sending a report to its case answering on the read side', LATENCY_HEADER, latencyRows);
      // The whole path of a new case, on a second system, once the first has been measured and while it waits to be filled.
      await newProblems(raw);

      // Filling: 32 clients, a slice at a time, the rate of each slice and the memory after it.
      const fillRows: string[][] = [];
      const fillPost: Post = () => station.post('/api/intake/cases', reportBody());
      let cases = await casesIn(office);
      const firstSlice = Math.max(0, 1_000 - cases);
      if (firstSlice > 0) await throughput(fillPost, 32, firstSlice);
      cases = await casesIn(office);
      const atStart = await throughput(fillPost, 32, 1_000);
      fillRows.push([String(cases), formatRate(atStart.perSecond), rssMiB(system.pid).toFixed(0)]);
      while ((cases = await casesIn(office)) < TARGET_CASES) {
        // The rest goes into the last slice when under one more slice and a thousand: a slice of a few hundred reports times too roughly to compare.
        const left = TARGET_CASES - cases;
        const slice = left < FILL_SLICE + 1_000 ? left : FILL_SLICE;
        const { perSecond } = await throughput(fillPost, 32, slice);
        fillRows.push([String(cases + slice), formatRate(perSecond), rssMiB(system.pid).toFixed(0)]);
        process.stdout.write(`  filled ${cases + slice} cases at ${formatRate(perSecond)} reports/s\r`);
      }
      printTable('filling the system at 32 clients: the rate of each slice, and resident memory after it', ['cases after', 'reports/s', 'resident MiB'], fillRows);
      const lastRate = Number((fillRows.at(-1)?.[1] ?? 'NaN').replace(/,/g, ''));
      console.log(`rate at ${fillRows.at(-1)?.[0]} cases is ${formatRatio(lastRate / atStart.perSecond)} the rate at ${fillRows[0]?.[0]}`);

      await system.stop();
      const restarted = process.hrtime.bigint();
      await system.relaunch();
      const startSeconds = Number(process.hrtime.bigint() - restarted) / 1e9;
      const total = await casesIn(office);
      printTable('start-up on the filled data (process start to /api/ready answering 200)', ['cases', 'seconds', 'resident MiB after start'], [
        [String(total), startSeconds.toFixed(1), rssMiB(system.pid).toFixed(0)],
      ]);
    } finally {
      await system.dispose();
    }
  },
};
