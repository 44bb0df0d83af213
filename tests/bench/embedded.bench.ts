import { readFileSync } from 'node:fs';
import { ApiClient, roles } from '../e2e/support/api-client';
import { SystemProcess } from '../e2e/support/system-process';
import { formatRate, printTable, type BenchSection } from './report';

const COMPOUNDS = ['compound-xinghua-1', 'compound-xinghua-2', 'compound-xinghua-3', 'compound-wutong-1', 'compound-wutong-2'];
const CATEGORIES = ['fire_lane_blocked', 'late_night_noise', 'common_area_clutter', 'flying_wire_charging', 'uncivil_dog_keeping'];

let serial = 0;
/** Reports spread over compounds and categories; each report names a distinct place so few are duplicates. */
function report(station: ApiClient): Promise<number> {
  serial += 1;
  const body = {
    compoundId: COMPOUNDS[serial % COMPOUNDS.length],
    category: CATEGORIES[Math.floor(serial / COMPOUNDS.length) % CATEGORIES.length],
    description: `bench report ${serial}`,
    location: `building ${serial}`,
    channel: 'branch',
  };
  return station.post('/api/intake/cases', body).then((r) => r.status);
}

/** `total` reports sent by `clients` concurrent callers; returns reports per second. */
async function throughput(station: ApiClient, clients: number, total: number): Promise<{ perSecond: number; failures: number }> {
  let next = 0;
  let failures = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) {
        next += 1;
        if ((await report(station)) !== 201) failures += 1;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { perSecond: total / seconds, failures };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** From sending a report to the case answering in the read side, sequentially, one at a time. */
async function reportToList(station: ApiClient, office: ApiClient, samples: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const started = process.hrtime.bigint();
    serial += 1;
    const response = await station.post('/api/intake/cases', {
      compoundId: COMPOUNDS[serial % COMPOUNDS.length],
      category: 'late_night_noise',
      description: `latency probe ${serial}`,
      channel: 'branch',
    });
    const id = (response.body as { id: string }).id;
    while ((await office.get(`/api/query/cases/${id}`)).status !== 200) {
      // poll without pause: the read side is in the same process and answers within milliseconds
    }
    latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return latencies.sort((a, b) => a - b);
}

function rssMiB(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

export const embeddedBench: BenchSection = {
  name: 'embedded system over HTTP (npm start as a separate process, SQLite files, in-process bus)',
  async run() {
    const system = await SystemProcess.start({ env: { LOG_LEVEL: 'error' } });
    try {
      const station = new ApiClient(system.baseUrl, roles.station('station-north'));
      const office = new ApiClient(system.baseUrl, roles.office());
      await throughput(station, 8, 200);

      const rows: string[][] = [];
      for (const [clients, total] of [[1, 500], [8, 1500], [32, 2000]] as const) {
        const { perSecond, failures } = await throughput(station, clients, total);
        rows.push([String(clients), String(total), formatRate(perSecond), String(failures)]);
      }
      printTable('cases reported through POST /api/intake/cases', ['clients', 'reports', 'reports/s', 'non-201'], rows);

      const latencies = await reportToList(station, office, 300);
      printTable('from a report to its case view on the read side (300 sequential reports)', ['p50 ms', 'p99 ms', 'max ms'], [
        [percentile(latencies, 50).toFixed(1), percentile(latencies, 99).toFixed(1), (latencies.at(-1) ?? 0).toFixed(1)],
      ]);

      const reported = 200 + 500 + 1500 + 2000 + 300;
      const { perSecond } = await throughput(station, 8, Math.max(0, 10_000 - reported));
      const list = await office.get('/api/query/cases?pageSize=1');
      printTable('memory', ['cases in the system', 'resident MiB', 'filling rate reports/s'], [
        [String((list.body as { total: number }).total), rssMiB(system.pid).toFixed(0), formatRate(perSecond)],
      ]);
    } finally {
      await system.dispose();
    }
  },
};
