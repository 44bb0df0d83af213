import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Principal } from '@whistle/auth';
import { ManualClock } from '@whistle/kernel';
import { SERVICES, type WriteService } from '@whistle/contracts';
import { CatalogueIndex, loadCatalogue } from '@whistle/catalogue';
import { SqliteEventStore } from '@whistle/event-store';
import { T0, Town } from '@whistle/testing';
import { generateSigningKeys, largestPerLog, readHeldCheckpoints, sinceParameter, verifyDossier, type Checkpoint } from '@whistle/transparency';
import { npmRun } from '@whistle/transparency/testing';
import type { Dossier } from './audit-queries';
import { openAudit } from './open-audit';
import { startAuditApp, type AuditApp } from './testing/audit-app.fixture';
import { tellTheStory } from './testing/audit-scenario.fixture';

/**
 * A dossier held to the checkpoints an auditor already holds (`?since=`, `npm run verify --
 * --since`): the defence against someone who deletes every file of the audit (or puts back older
 * copies), changes a store, and lets the audit sign the new history again with the same key.
 * Real SQLite stores, the audit opened as its hosts open it with a key file kept apart from its
 * data, its HTTP side, and the verifier run as an auditor runs it, from a directory holding only
 * the dossiers and the public key.
 */

const AUDITOR: Principal = { sub: 'auditor-since', role: 'auditor' };

describe('a dossier asked for since the checkpoints the auditor holds', () => {
  const dir = mkdtempSync(join(tmpdir(), 'audit-since-'));
  const auditDir = join(dir, 'audit');
  const auditorDir = join(dir, 'auditor');
  const keyFile = join(dir, 'keys', 'audit-signing-key.pem');
  const clock = new ManualClock(T0);
  const file = (s: WriteService) => join(dir, `${s}.db`);
  const stores = Object.fromEntries(SERVICES.map((s) => [s, new SqliteEventStore({ file: file(s), clock })])) as Record<WriteService, SqliteEventStore>;
  const town = new Town(stores, clock);
  let deps: Awaited<ReturnType<typeof openAudit>>;
  let app: AuditApp;

  const openTheAudit = async () => {
    mkdirSync(auditDir, { recursive: true });
    deps = await openAudit(
      { stores, ledgerFile: join(auditDir, 'audit.db'), catalogue: new CatalogueIndex(loadCatalogue()), clock },
      { AUDIT_SIGNING_KEY_FILE: keyFile, AUDIT_CHECKPOINT_EVENTS: 1_000_000, AUDIT_CHECKPOINT_SECONDS: 86_400 },
    );
    deps.integrity.start();
    await deps.integrity.caughtUp();
    // Stores met for the first time are taken on trust once acknowledged; a server in a forger's
    // hands would acknowledge its own findings too, so its dossiers would verify alone: the
    // auditor's defence here is only what they hold (--since).
    deps.integrity.checkpoints.acknowledge('auditor-1', 'taken on trust', clock.now());
    app = await startAuditApp(deps);
  };
  const closeTheAudit = async () => {
    await app.close();
    await deps.integrity.close();
  };
  /** The dossier as the auditor saves it. */
  const dossier = async (path: string, as: string): Promise<Dossier> => {
    const answer = await app.get(path, AUDITOR);
    expect(answer.status).toBe(200);
    writeFileSync(join(auditorDir, as), JSON.stringify(answer.body, null, 2));
    return answer.body as Dossier;
  };
  const verify = (...args: string[]) => npmRun(auditorDir, 'verify', ...args, '--key', 'public.pem');

  beforeAll(async () => {
    mkdirSync(join(dir, 'keys'));
    mkdirSync(auditorDir);
    const keys = generateSigningKeys();
    writeFileSync(keyFile, keys.privatePem, { mode: 0o600 });
    writeFileSync(join(auditorDir, 'public.pem'), keys.publicPem);
    await tellTheStory(town);
    await openTheAudit();
  });
  afterAll(async () => {
    await closeTheAudit();
    for (const store of Object.values(stores)) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a since that does not name signed checkpoints by log and size (400 naming since)', async () => {
    for (const since of ['nope@3', 'intake@0', 'intake@-1', 'intake@1.5', 'intake', 'intake@3,intake@4', 'intake@3,,escalation@2', 'intake@12345678901234567']) {
      const answer = await app.get(`/api/audit/cases/c1/dossier?since=${encodeURIComponent(since)}`, AUDITOR);
      expect({ since, status: answer.status }).toEqual({ since, status: 400 });
      expect(answer.body.details).toEqual([expect.objectContaining({ field: 'since', message: expect.stringContaining('since must be <log>@<treeSize>') })]);
    }
    expect((await app.get('/api/audit/cases/c1/dossier?since=intake@1,adjudication@1', AUDITOR)).status).toBe(200);
  });

  it('without tampering, a later dossier proves its logs extend the checkpoints of the earlier one, also where the case has no event', async () => {
    const old = await dossier('/api/audit/cases/c1/dossier', 'old.json');
    expect(verify('old.json')).toMatchObject({ status: 0 });
    // The record goes on, and is signed again; the adjudication log (no event of c1) is held too, as the latest checkpoints give it.
    await town.whistle('c3');
    await deps.integrity.caughtUp();
    await deps.integrity.checkpointAll();
    const latest = (await app.get('/api/audit/checkpoints/latest', AUDITOR)).body as Record<WriteService, Checkpoint>;
    expect(old.proof.checkpoints.map((c) => c.log)).not.toContain('adjudication');
    const kept = { ...Object.fromEntries(largestPerLog(old.proof.checkpoints).map((c) => [c.log, c])), adjudication: latest.adjudication };
    writeFileSync(join(auditorDir, 'latest.json'), JSON.stringify(kept));
    const held = readHeldCheckpoints(kept);
    const later = await dossier(`/api/audit/cases/c1/dossier?since=${sinceParameter(held)}`, 'new.json');
    expect(later.proof.since).toEqual(held.map((c) => ({ log: c.log, treeSize: c.treeSize, found: true })));
    expect(later.proof.checkpoints.map((c) => c.log)).toContain('adjudication');
    const run = verify('new.json', '--since', 'latest.json');
    expect(run).toMatchObject({ status: 0, stderr: '' });
    expect(run.stdout).toMatch(/^verified: case c1, \d+ events, /);
    expect(run.stdout).toMatch(/\n {2}escalation@\d+ extends escalation@\d+, the checkpoint you hold \(consistency proof\)\n/);
    expect(run.stdout).toContain(`\n  adjudication@${latest.adjudication.treeSize} is the checkpoint you hold\n`);
    // an earlier dossier is a file of held checkpoints too
    expect(verify('new.json', '--since', 'old.json')).toMatchObject({ status: 0 });
  });

  it('after every file of the audit was deleted and a store cut short, the new history verifies alone but not since the checkpoints held', async () => {
    const old = await dossier('/api/audit/cases/c1/dossier', 'old.json');
    const enforcement = old.proof.checkpoints.filter((c) => c.log === 'enforcement').at(-1)!;
    await closeTheAudit();
    rmSync(auditDir, { recursive: true, force: true });
    const raw = new Database(file('enforcement'));
    try {
      const cut = raw.prepare('DELETE FROM events WHERE position IN (SELECT position FROM events ORDER BY position DESC LIMIT 2)').run().changes;
      expect(cut).toBe(2);
    } finally {
      raw.close();
    }
    await openTheAudit();

    // Asked without since, the rewritten record makes a dossier that verifies on its own, signed by the same key.
    await dossier('/api/audit/cases/c1/dossier', 'alone.json');
    expect(verify('alone.json')).toMatchObject({ status: 0 });

    const since = sinceParameter(old.proof.checkpoints);
    const answer = await dossier(`/api/audit/cases/c1/dossier?since=${since}`, 'new.json');
    expect(answer.proof.since).toContainEqual({ log: 'enforcement', treeSize: enforcement.treeSize, found: false });
    const run = verify('new.json', '--since', 'old.json');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(
      `NOT VERIFIED: the checkpoint you hold, enforcement@${enforcement.treeSize}: the dossier's checkpoint enforcement@${enforcement.treeSize - 2} is smaller: the log was rewritten or put back from an older copy since the checkpoint you hold\n`,
    );
    // Without --since, the audit's own word that it lost the checkpoint asked for fails it too, naming it.
    expect(verify('new.json').stdout).toMatch(/^NOT VERIFIED: checkpoint enforcement@\d+, which the dossier was asked to extend: the audit holds no signed checkpoint of that size/);
    // The library says the same as the command.
    const held = readHeldCheckpoints(old);
    expect(verifyDossier(answer, deps.integrity.publicKey.export({ type: 'spki', format: 'pem' }).toString(), held)).toMatchObject({ ok: false, failure: { what: 'held', where: `the checkpoint you hold, enforcement@${enforcement.treeSize}` } });
  });
});
