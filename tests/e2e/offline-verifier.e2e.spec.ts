import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient, eventually, roles } from './support/api-client';
import { CaseSteps } from './support/case-steps';
import { SystemProcess } from './support/system-process';

/**
 * The offline verifier on the system's own dossier: a case driven through the public API of the
 * system started as `npm start` starts it, its dossier and the audit's public key fetched as an
 * auditor would, and `npm run verify` run in a fresh directory holding only those two files.
 */
jest.setTimeout(180_000);

const ROOT = join(__dirname, '..', '..');

let system: SystemProcess;
let steps: CaseSteps;
let dir: string;

beforeAll(async () => {
  system = await SystemProcess.start();
  steps = new CaseSteps(system.baseUrl);
  dir = mkdtempSync(join(tmpdir(), 'whistle-offline-'));
});
afterAll(async () => {
  await system?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** `npm run verify -- dossier.json --key public.pem`, typed in the clean directory. */
const verify = () => spawnSync('npm', ['--prefix', ROOT, 'run', '-s', 'verify', '--', 'dossier.json', '--key', 'public.pem'], { cwd: dir, encoding: 'utf8' });

it('verifies a case’s dossier from a clean directory with only the public key, and names the event when one byte changed', async () => {
  const caseId = await steps.closedLevel2Case();
  // The two tasks' ends open their evaluations in supervision, whose log the dossier then proves too.
  await eventually(async () => {
    const evaluations = await steps.station.get(`/api/query/evaluations?caseId=${caseId}`);
    expect(evaluations.body.items).toHaveLength(2);
  }, 20_000, 'both evaluations open');

  const auditor = new ApiClient(system.baseUrl, roles.auditor());
  const dossier = await auditor.get(`/api/audit/cases/${caseId}/dossier`);
  expect(dossier.status).toBe(200);
  const key = await auditor.get<{ publicKeyPem: string; fingerprint: string }>('/api/audit/public-key');
  expect(key.status).toBe(200);
  const text = JSON.stringify(dossier.body, null, 2);
  writeFileSync(join(dir, 'dossier.json'), text);
  writeFileSync(join(dir, 'public.pem'), key.body.publicKeyPem);

  const run = verify();
  expect({ status: run.status, stderr: run.stderr.includes('verify:') ? run.stderr : '' }).toEqual({ status: 0, stderr: '' });
  const lines = run.stdout.split('\n');
  expect(lines[0]).toMatch(new RegExp(`^verified: case ${caseId}, ${dossier.body.history.length} events, checkpoints( [a-z]+@\\d+){4}$`));
  expect(lines[0]!.match(/[a-z]+(?=@)/g)!.sort()).toEqual(['enforcement', 'escalation', 'intake', 'supervision']);
  expect(run.stdout).toContain(`signed by the Ed25519 key ${key.body.fingerprint}`);
  expect(readdirSync(dir).sort()).toEqual(['dossier.json', 'public.pem']);

  // One byte of the case's first event as sealed (its report's description), in the proof section.
  const bytes = Buffer.from(text);
  const at = bytes.lastIndexOf('fire_lane_blocked 测试') + 'fire_lane_'.length;
  bytes[at] = bytes[at] === 0x62 ? 0x63 : 0x62;
  writeFileSync(join(dir, 'dossier.json'), bytes);
  const tampered = verify();
  expect(tampered.status).toBe(1);
  const reported = (dossier.body.history as { type: string; eventId: string }[]).find((e) => e.type === 'intake.CaseReported.v1')!;
  expect(tampered.stdout).toMatch(new RegExp(`^NOT VERIFIED: event ${reported.eventId} \\(case-${caseId} revision 0, intake leaf \\d+\\): `));
});

it('serves the printable page of the dossier in either language', async () => {
  const caseId = await steps.report('late_night_noise');
  const auditor = new ApiClient(system.baseUrl, roles.auditor());
  for (const [lang, title] of [
    ['zh-CN', '案卷'],
    ['en', 'Case dossier'],
  ] as const) {
    const page = await auditor.get<string>(`/api/audit/cases/${caseId}/dossier?format=html&lang=${lang}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.body).toContain(`<html lang="${lang}">`);
    expect(page.body).toContain(`<title>${title} · ${caseId}</title>`);
  }
});
