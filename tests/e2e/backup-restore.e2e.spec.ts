import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyDossier } from '@whistle/transparency';
import { ApiClient, eventually, roles } from './support/api-client';
import { CaseSteps } from './support/case-steps';
import { SystemProcess } from './support/system-process';

/**
 * `npm run backup` against the system started as `npm start` starts it, while clients keep
 * reporting and whistling cases; then `npm run restore` into a fresh data directory and a second
 * system started on it: it verifies, it holds everything acknowledged before the backup began, and
 * every case it holds is whole (each report triaged, each whistle's units given their tasks).
 */
jest.setTimeout(300_000);

const ROOT = join(__dirname, '..', '..');
const REPORTER = { name: '王小明', phone: '13812345678' };
const REPORT = { compoundId: 'compound-xinghua-1', category: 'fire_lane_blocked', description: '消防通道被占 备份', channel: 'branch' };

interface Catalogue {
  readonly compounds: { id: string; communityId: string }[];
  readonly communities: { id: string; stationId: string }[];
  readonly categories: { id: string }[];
}
const CATALOGUE = JSON.parse(readFileSync(join(ROOT, 'libs', 'catalogue', 'data', 'default-catalogue.json'), 'utf8')) as Catalogue;
/**
 * Every compound and category, each reported by its station: a report of a pair with no open case
 * is routed (and escalation opens its triage, in another file); one of a pair already open is
 * linked to it as a probable duplicate.
 */
const REPORTS = CATALOGUE.compounds.flatMap((compound) =>
  CATALOGUE.categories.map((category) => ({
    stationId: CATALOGUE.communities.find((c) => c.id === compound.communityId)!.stationId,
    body: { compoundId: compound.id, category: category.id, description: `${category.id} 备份`, channel: 'branch' },
  })),
);

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** An npm script as an operator types it, run asynchronously so that the clients' load goes on meanwhile. */
function npmRun(script: string, args: readonly string[], dataDir: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '-s', script, '--', ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, INIT_CWD: ROOT }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A command the system acknowledged: when it was sent, and when its answer arrived. */
interface Ack {
  readonly caseId: string;
  readonly whistleId?: string;
  readonly sentAt: number;
  readonly at: number;
}

/**
 * Four clients at once: each whistles a triaged case from the pool while there are some (the
 * whistle's tasks are then assigned by enforcement, in another file), and otherwise reports a new
 * case (which escalation then triages, in another file).
 */
async function load(baseUrl: string, pool: string[], running: () => boolean, acks: Ack[]): Promise<void> {
  const stations = new Map(CATALOGUE.communities.map((c) => [c.stationId, new ApiClient(baseUrl, roles.station(c.stationId))]));
  let next = 0;
  const client = async () => {
    while (running()) {
      const caseId = pool.shift();
      const sentAt = Date.now();
      if (caseId) {
        const response = await stations.get('station-north')!.post(`/api/escalation/cases/${caseId}/whistle`, { level: 2 });
        if (response.status === 200) acks.push({ caseId, whistleId: (response.body as any).whistleId, sentAt, at: Date.now() });
      } else {
        const report = REPORTS[next++ % REPORTS.length]!;
        const response = await stations.get(report.stationId)!.post('/api/intake/cases', report.body);
        if (response.status === 201) acks.push({ caseId: (response.body as any).id, sentAt, at: Date.now() });
      }
    }
  };
  await Promise.all([client(), client(), client(), client()]);
}

let original: SystemProcess;
let restored: SystemProcess | undefined;
let dir: string;

beforeAll(async () => {
  original = await SystemProcess.start();
  dir = mkdtempSync(join(tmpdir(), 'whistle-backup-e2e-'));
});
afterAll(async () => {
  await original?.dispose();
  await restored?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

it('a backup taken while cases are written restores into a system that verifies, holds every case acknowledged before it, and only whole cases', async () => {
  const steps = new CaseSteps(original.baseUrl);
  const auditor = new ApiClient(original.baseUrl, roles.auditor());

  // Before the backup: whole cases through every service, a reporter's sealed personal data, an idempotent report, triaged cases to whistle.
  const closed = [await steps.closedLevel2Case(), await steps.closedLevel2Case()];
  const closedHistories = await Promise.all(closed.map(async (caseId) => (await steps.history(caseId)).map((e) => `${e.eventId} ${e.hash}`)));
  const sealed = await steps.station.post('/api/intake/cases', { ...REPORT, reporter: REPORTER }, { 'idempotency-key': 'backup-e2e-report' });
  expect(sealed.status).toBe(201);
  expect(sealed.body.events).toEqual(['intake.CaseReported.v1', 'intake.CaseRouted.v1']);
  const pool: string[] = [];
  for (const compoundId of ['compound-xinghua-2', 'compound-xinghua-3', 'compound-wutong-1', 'compound-wutong-2']) {
    for (const category of ['fire_lane_blocked', 'flying_wire_charging', 'late_night_noise']) pool.push(await steps.report(category, compoundId));
  }
  const key = (await auditor.get('/api/audit/public-key')).body;

  // The backup, with four clients writing before, during and after it.
  const acks: Ack[] = [];
  let writing = true;
  const loading = load(original.baseUrl, pool, () => writing, acks);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const backupDir = join(dir, 'backup');
  const backup = await npmRun('backup', [backupDir], original.dataDir);
  const backedUpAt = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 500));
  writing = false;
  await loading;
  expect({ status: backup.status, stderr: backup.stderr }).toEqual({ status: 0, stderr: '' });
  const manifest = JSON.parse(readFileSync(join(backupDir, 'manifest.json'), 'utf8'));
  const beganAt = Date.parse(manifest.beganAt);
  expect(backup.stdout).toMatch(/^one moment across \d+ databases at .*: the system's writes waited [\d.]+ ms$/m);
  for (const service of ['intake', 'escalation', 'enforcement', 'adjudication', 'supervision']) expect(backup.stdout).toMatch(new RegExp(`^${service}\\.db: .* \\d+ events to position \\d+$`, 'm'));
  expect(backup.stdout).toMatch(/^read-models\.db: left out, the read models: rebuilt from the stores at the next start$/m);
  // Taken by what they are, so a file a later version adds is in it too: these at least, never the read models.
  const paths = manifest.files.map((f: any) => f.path);
  expect(paths).toEqual(
    expect.arrayContaining(['adjudication.db', 'audit-checkpoints.db', 'audit-merkle.db', 'audit-signing-key.pem', 'audit.db', 'enforcement.db', 'escalation.db', 'http.db', 'intake.db', 'supervision.db']),
  );
  expect(paths).not.toContain('read-models.db');
  // The load was running on both sides of the backup: commands were acknowledged before it began and after it ended.
  const before = acks.filter((ack) => ack.at < beganAt);
  // Sent once the backup had ended: recorded after its moment, whatever the answer's delay.
  const after = acks.filter((ack) => ack.sentAt > backedUpAt);
  expect(before.filter((ack) => ack.whistleId).length).toBeGreaterThan(0);
  expect(before.filter((ack) => !ack.whistleId).length).toBeGreaterThan(0);
  expect(after.length).toBeGreaterThan(0);

  // Restore refuses the running system's data directory, even forced.
  const refused = await npmRun('restore', [backupDir, '--force'], original.dataDir);
  expect(refused.status).toBe(1);
  expect(refused.stderr).toMatch(/^restore: a system is running on .* \(\w+\.db is open\): stop it before restoring into its data directory\n$/);

  const restoredRoot = join(dir, 'restored');
  const restoring = await npmRun('restore', [backupDir], join(restoredRoot, 'data'));
  expect({ status: restoring.status, stderr: restoring.stderr }).toEqual({ status: 0, stderr: '' });
  expect(restoring.stdout).toContain('the read models are rebuilt from the restored stores at the next start');
  restored = await SystemProcess.start({ root: restoredRoot });
  const again = new CaseSteps(restored.baseUrl);
  const restoredAuditor = new ApiClient(restored.baseUrl, roles.auditor());

  // It verifies: every chain, every log against its signed checkpoints (no finding), with the same signing key.
  const verified = await restoredAuditor.post('/api/audit/verify', {});
  expect(verified.status).toBe(200);
  expect(verified.body).toMatchObject({ ok: true, breaks: [] });
  expect((await restoredAuditor.get('/api/audit/findings')).body).toMatchObject({ total: 0, open: 0 });
  expect((await restoredAuditor.get('/api/audit/public-key')).body).toEqual(key);

  // Everything acknowledged before the backup began is there.
  for (const [i, caseId] of closed.entries()) {
    await again.waitFor(caseId, (v) => v.status === 'closed', 'closed, as before the backup');
    const history = (await again.history(caseId)).map((e) => `${e.eventId} ${e.hash}`);
    expect(history.slice(0, closedHistories[i]!.length)).toEqual(closedHistories[i]);
    const dossier = await restoredAuditor.get(`/api/audit/cases/${caseId}/dossier`);
    expect(dossier.status).toBe(200);
    expect(verifyDossier(dossier.body, key.publicKeyPem)).toMatchObject({ ok: true });
  }
  for (const ack of before) {
    const history = await again.history(ack.caseId);
    if (ack.whistleId) expect(history.filter((e) => e.type === 'escalation.WhistleBlown.v1').map((e) => e.data.whistleId)).toEqual([ack.whistleId]);
    else expect(history.map((e) => e.type)).toContain('intake.CaseReported.v1');
  }
  // The reporter's sealed details with their key, and the idempotency key with its answer.
  const reporter = await again.office.post(`/api/intake/cases/${sealed.body.id}/reporter/disclosures`, { reason: '备份恢复核对' });
  expect(reporter.status).toBe(200);
  expect(reporter.body.reporter).toEqual(REPORTER);
  const retried = await again.station.post('/api/intake/cases', { ...REPORT, reporter: REPORTER }, { 'idempotency-key': 'backup-e2e-report' });
  expect({ status: retried.status, body: retried.body, replayed: retried.headers.get('idempotent-replayed') }).toEqual({ status: 201, body: sealed.body, replayed: 'true' });

  // One moment: what was acknowledged after the backup ended is not there.
  for (const ack of after.filter((a) => !a.whistleId)) expect((await again.office.get(`/api/query/cases/${ack.caseId}`)).status).toBe(404);

  // Every case it holds is whole: each report triaged, each whistle with a task for every unit it summoned.
  const held: string[] = [];
  for (let page = 1; ; page++) {
    const list = await again.office.get(`/api/query/cases?page=${page}&pageSize=100`);
    expect(list.status).toBe(200);
    held.push(...list.body.items.map((c: any) => c.caseId ?? c.id));
    if (held.length >= list.body.total) break;
  }
  expect(held.length).toBeGreaterThanOrEqual(closed.length + 1 + 12 + before.filter((ack) => !ack.whistleId).length);
  for (const caseId of held) {
    await eventually(async () => {
      const history = await again.history(caseId);
      const types = history.map((e) => e.type);
      expect(types).toContain('intake.CaseReported.v1');
      if (types.includes('intake.CaseRouted.v1')) expect(types).toContain('escalation.TriageOpened.v1');
      for (const whistle of history.filter((e) => e.type === 'escalation.WhistleBlown.v1')) {
        const assigned = history.filter((e) => e.type === 'enforcement.TaskAssigned.v1' && e.data.whistleId === whistle.data.whistleId).map((e) => e.data.unitId);
        expect(assigned.sort()).toEqual(whistle.data.units.map((u: any) => u.unitId).sort());
      }
    }, 20_000, `case ${caseId} whole`);
  }
  // And after the reactions the restore left to the restored system ran, it still verifies.
  expect((await restoredAuditor.post('/api/audit/verify', {})).body).toMatchObject({ ok: true, breaks: [] });
});

it('says how it is used when the command line is wrong (exit 2), and names what it refuses (exit 1)', async () => {
  const wrong = await npmRun('restore', [], join(dir, 'nowhere'));
  expect(wrong.status).toBe(2);
  expect(wrong.stderr).toMatch(/^restore: name the backup directory to restore\nusage: npm run restore -- <backup dir> \[--force\]/);
  const unknown = await npmRun('backup', ['--into', dir], original.dataDir);
  expect(unknown.status).toBe(2);
  expect(unknown.stderr).toMatch(/^backup: Unknown option '--into'/);
  const notBackup = await npmRun('restore', [dir], join(dir, 'nowhere'));
  expect({ status: notBackup.status, stderr: notBackup.stderr }).toEqual({ status: 1, stderr: `restore: ${dir} is not a backup: it has no manifest.json\n` });
  const noData = await npmRun('backup', [join(dir, 'empty-backup')], join(dir, 'nowhere'));
  expect({ status: noData.status, stderr: noData.stderr }).toEqual({ status: 1, stderr: `backup: there is no data directory at ${join(dir, 'nowhere')} (DATA_DIR)\n` });
});
