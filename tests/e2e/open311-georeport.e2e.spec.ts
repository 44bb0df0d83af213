import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiKeyHash } from '@whistle/open311';
import { SystemProcess } from './support/system-process';

/**
 * The Open311 endpoint as a maintained client library sees it: georeport (PyPI), installed once
 * into a cached virtual environment by deploy/local/tools.sh, reads the services and follows a
 * filed request in JSON and XML (open311/georeport_client.py). Where PyPI cannot be reached and
 * the library is not cached yet, the test says so and checks nothing else.
 */
jest.setTimeout(180_000);

const ROOT = join(__dirname, '..', '..');
const API_KEY = 'georeport-test-key-fedcba9876543210';

/** georeport's python, or why it cannot be had here (tools.sh exits 3 when PyPI is unreachable). */
function georeportPython(): { python: string } | { unavailable: string } {
  const run = spawnSync('bash', [join(ROOT, 'deploy', 'local', 'tools.sh'), 'georeport'], { cwd: ROOT, encoding: 'utf8' });
  if (run.status === 3) return { unavailable: run.stderr.trim() };
  if (run.status !== 0) throw new Error(`deploy/local/tools.sh georeport failed (${run.status}): ${run.stderr}`);
  return { python: run.stdout.trim().split('\n').pop() ?? '' };
}

test('georeport reads the services and follows a filed request, in JSON and XML', async () => {
  const found = georeportPython();
  if ('unavailable' in found) {
    console.warn(`SKIP the georeport client check: ${found.unavailable}`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'open311-georeport-'));
  const clients = join(dir, 'clients.json');
  writeFileSync(clients, JSON.stringify([{ id: 'georeport-test', name: 'georeport', apiKeySha256: apiKeyHash(API_KEY), channel: 'resident_app' }]));
  const system = await SystemProcess.start({ env: { OPEN311_CLIENTS_FILE: clients } });
  try {
    const run = spawnSync(found.python, [join(__dirname, 'open311', 'georeport_client.py'), system.baseUrl, API_KEY], { encoding: 'utf8', timeout: 120_000 });
    const checks = run.stdout.split('\n').filter((line) => line.startsWith('ok '));
    if (run.status !== 0) throw new Error(`georeport_client.py exited ${run.status}:\n${run.stdout}\n${run.stderr}`);
    // Every check the script makes, each in both formats where it reads.
    expect(checks).toHaveLength(16);
  } finally {
    await system.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});
