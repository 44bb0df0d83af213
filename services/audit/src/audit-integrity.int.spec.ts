import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Principal } from '@whistle/auth';
import { digest, sealedBody, type EventEnvelope } from '@whistle/kernel';
import { SERVICES } from '@whistle/contracts';
import { eventLeafHash, fromHex, generateSigningKeys, loadPrivateKey, loadPublicKey, signCheckpoint, verifyDossier, verifyCheckpoint, verifyConsistency, verifyInclusion, type Checkpoint } from '@whistle/transparency';
import { bootstrapLedger } from './audit-ledger';
import type { Dossier } from './audit-queries';
import { openAudit } from './open-audit';
import { startAuditApp, type AuditApp } from './testing/audit-app.fixture';
import { auditScenario, type AuditScenario } from './testing/audit-scenario.fixture';

const AUDITOR: Principal = { sub: 'auditor-1', role: 'auditor' };
const OFFICE: Principal = { sub: 'office-1', role: 'office' };

describe('signed checkpoints, proofs and the stores held against them', () => {
  let scenario: AuditScenario;
  let app: AuditApp;

  const find = (type: string, caseId: string): EventEnvelope => scenario.town.recorded.find((e) => e.type === type && e.caseId === caseId) as EventEnvelope;
  const signAll = async (): Promise<Checkpoint[]> => {
    await scenario.deps.integrity.caughtUp();
    return scenario.deps.integrity.checkpointAll();
  };
  const kinds = (findings: readonly { kind: string }[]) => findings.map((f) => f.kind);

  beforeEach(async () => {
    scenario = await auditScenario();
    await bootstrapLedger(scenario.deps);
    app = await startAuditApp(scenario.deps);
  });
  afterEach(async () => {
    await app.close();
    await scenario.cleanup();
  });

  it('signs a checkpoint of each store’s log and serves the key, the checkpoints and proofs that check out', async () => {
    const first = await signAll();
    expect(first.map((c) => c.log).sort()).toEqual([...SERVICES].sort());
    const key = (await app.get('/api/audit/public-key', OFFICE)).body as { fingerprint: string; publicKeyPem: string; algorithm: string };
    const publicKey = loadPublicKey(key.publicKeyPem);
    expect(key.algorithm).toBe('Ed25519');
    for (const c of first) {
      expect(c.keyFingerprint).toBe(key.fingerprint);
      expect(verifyCheckpoint(c, publicKey)).toBe(true);
      expect(c.treeSize).toBe(scenario.town.recorded.filter((e) => e.type.startsWith(`${c.log}.`)).length);
    }

    // The intake log grows; the next checkpoint extends the first, and the server proves it.
    await scenario.town.report('c9', 'compound-xinghua-1', 'fire_lane_blocked');
    const second = await signAll();
    expect(second.map((c) => c.log)).toContain('intake');
    const [before, after] = [first.find((c) => c.log === 'intake')!, second.find((c) => c.log === 'intake')!];
    const consistency = await app.get(`/api/audit/checkpoints/consistency?log=intake&from=${before.treeSize}&to=${after.treeSize}`, AUDITOR);
    expect(consistency.status).toBe(200);
    const { proof } = consistency.body as { proof: string[] };
    expect(verifyConsistency(before.treeSize, after.treeSize, fromHex(before.rootHash), fromHex(after.rootHash), proof.map((p) => fromHex(p)))).toBe(true);
    const latest = (await app.get('/api/audit/checkpoints/latest', AUDITOR)).body as Record<string, Checkpoint>;
    expect(latest['intake']).toEqual(after);
    const listed = (await app.get('/api/audit/checkpoints?log=intake', AUDITOR)).body as { items: Checkpoint[]; total: number };
    expect(listed.total).toBe(2);
    expect(listed.items.map((c) => c.treeSize)).toEqual([after.treeSize, before.treeSize]);

    // Any event's inclusion, against the latest checkpoint or an earlier one.
    const whistle = find('escalation.WhistleBlown.v1', 'c1');
    const proved = (await app.get(`/api/audit/events/${whistle.eventId}/proof`, AUDITOR)).body as { log: string; leafIndex: number; checkpoint: Checkpoint; proof: string[] };
    expect(proved.log).toBe('escalation');
    expect(verifyInclusion(eventLeafHash(whistle.hash), proved.leafIndex, proved.checkpoint.treeSize, proved.proof.map((p) => fromHex(p)), fromHex(proved.checkpoint.rootHash))).toBe(true);
    const reported = find('intake.CaseReported.v1', 'c1');
    const atFirst = (await app.get(`/api/audit/events/${reported.eventId}/proof?treeSize=${before.treeSize}`, AUDITOR)).body as { checkpoint: Checkpoint; leafIndex: number; proof: string[] };
    expect(atFirst.checkpoint).toEqual(before);
    expect(verifyInclusion(eventLeafHash(reported.hash), atFirst.leafIndex, before.treeSize, atFirst.proof.map((p) => fromHex(p)), fromHex(before.rootHash))).toBe(true);

    // Bad asks are named.
    expect((await app.get('/api/audit/checkpoints/consistency?log=intake&from=1&to=2', AUDITOR)).status).toBe(404);
    const badLog = await app.get('/api/audit/checkpoints/consistency?log=nobody&from=1&to=x', AUDITOR);
    expect(badLog.status).toBe(400);
    expect(JSON.stringify(badLog.body)).toMatch(/log/);
    expect(JSON.stringify(badLog.body)).toMatch(/to must be a whole number/);
    const backwards = await app.get('/api/audit/checkpoints/consistency?log=intake&from=2&to=1', AUDITOR);
    expect(backwards.status).toBe(400);
    expect((backwards.body as { details: { field: string }[] }).details.map((d) => d.field)).toEqual(['to']);
    expect((await app.get('/api/audit/events/no-such-event/proof', AUDITOR)).status).toBe(404);
    expect((await app.get('/api/audit/public-key', { sub: 'u', role: 'unit', unitId: 'unit-chengguan' })).status).toBe(403);
  });

  it('puts every event of the case’s streams in the dossier with its proof, under checkpoints signed for it', async () => {
    const answer = await app.get('/api/audit/cases/c1/dossier', AUDITOR);
    expect(answer.status).toBe(200);
    const dossier = answer.body as Dossier;
    const publicKey = loadPublicKey(((await app.get('/api/audit/public-key', AUDITOR)).body as { publicKeyPem: string }).publicKeyPem);
    const { proof } = dossier;
    expect(proof.format).toBe('whistle-dossier-proof/v1');
    const checkpointOf = new Map(proof.checkpoints.map((c) => [c.log, c]));
    for (const c of proof.checkpoints) expect(verifyCheckpoint(c, publicKey)).toBe(true);
    const caseStreams = new Set(dossier.history.map((h) => h.streamId));
    expect(new Set(proof.events.map((e) => e.streamId))).toEqual(caseStreams);
    for (const e of proof.events) {
      // the body as stored gives the hash, and the hash is a leaf of the signed log
      const body = JSON.parse(e.body) as { prevHash: string; eventId: string };
      expect(digest(body.prevHash, e.body)).toBe(e.hash);
      expect(body.eventId).toBe(e.eventId);
      const checkpoint = checkpointOf.get(e.log)!;
      expect(e.inclusion?.treeSize).toBe(checkpoint.treeSize);
      expect(verifyInclusion(eventLeafHash(e.hash), e.leafIndex!, checkpoint.treeSize, e.inclusion!.path.map((p) => fromHex(p)), fromHex(checkpoint.rootHash))).toBe(true);
    }
    expect(proof.events.length).toBe(scenario.town.recorded.filter((e) => caseStreams.has(e.streamId)).length);
  });

  it('names an event edited in the file with its hash made again, shows it on /api/ready until an auditor acknowledges it, and counts it', async () => {
    await signAll();
    // The last event of a stream, edited and its hash recomputed: the chain still holds.
    const victim = scenario.town.recorded.filter((e) => e.streamId === 'case-c3').at(-1)!;
    const edited = { ...victim, data: { ...(victim.data as object), description: 'rewritten' } };
    const body = sealedBody(edited);
    expect(scenario.tamper('intake', 'UPDATE events SET body = ?, hash = ? WHERE event_id = ?', body, digest(victim.prevHash, body), victim.eventId)).toBe(1);

    const check = await scenario.deps.integrity.check();
    expect(check.ok).toBe(false);
    expect(check.findings).toEqual([expect.objectContaining({ kind: 'log_inconsistent', log: 'intake', streamId: 'case-c3', revision: victim.revision, eventId: victim.eventId })]);
    expect(check.findings[0]!.message).toMatch(/edited \(its hash changed\)/);

    // The whole verification says it too, and one case's names it against its leaf.
    const whole = (await app.post('/api/audit/verify', {}, AUDITOR)).body as { ok: boolean; breaks: { kind: string; eventId: string }[] };
    expect(whole.ok).toBe(false);
    expect(whole.breaks).toContainEqual(expect.objectContaining({ kind: 'log_inconsistent', eventId: victim.eventId }));
    const one = (await app.post('/api/audit/verify', { caseId: 'c3' }, AUDITOR)).body as { ok: boolean; breaks: { kind: string; eventId: string; message: string }[] };
    expect(one.breaks).toContainEqual(expect.objectContaining({ kind: 'log_inconsistent', eventId: victim.eventId, message: expect.stringMatching(/changed after the audit saw it/) }));

    // Shown on /api/ready, which stays ready: the office works on, and the auditor can reach the audit to look.
    const ready = await app.get('/api/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', attention: ['integrity'] });
    expect(JSON.stringify(ready.body)).toMatch(/attention: 1 integrity finding\(s\) not acknowledged: log_inconsistent \(intake case-c3@/);
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(/whistle_integrity_findings_total\{kind="log_inconsistent"\} [1-9]/);
    const listed = (await app.get('/api/audit/findings', OFFICE)).body as { open: number; items: { kind: string }[] };
    expect(listed.open).toBeGreaterThanOrEqual(1);

    expect((await app.post('/api/audit/findings/acknowledge', { reason: '' }, AUDITOR)).status).toBe(400);
    expect((await app.post('/api/audit/findings/acknowledge', { reason: 'seen' }, OFFICE)).status).toBe(403);
    const acknowledged = await app.post('/api/audit/findings/acknowledge', { reason: '已报告并封存被改动的文件' }, AUDITOR);
    expect(acknowledged.status).toBe(200);
    expect((acknowledged.body as { acknowledged: { acknowledged: { by: string } }[] }).acknowledged[0]!.acknowledged.by).toBe('auditor-1');
    expect((await app.get('/api/ready')).body).toEqual({ status: 'ready', checks: { integrity: 'ok' } });
    // the record of it stays
    expect(((await app.get('/api/audit/findings', AUDITOR)).body as { open: number; total: number }).open).toBe(0);
  });

  it('names two events of different streams swapped in the store’s order, which every chain alone still passes', async () => {
    await signAll();
    // Two neighbours in the store's order from different streams: swapped, each chain stays whole.
    const rows = readRows(scenario);
    const at = rows.findIndex((row, i) => i > 0 && rows[i - 1]!.stream_id !== row.stream_id);
    const [a, b] = [rows[at - 1]!, rows[at]!];
    const [pa, pb] = [a.position, b.position];
    scenario.tamper('intake', 'UPDATE events SET position = -1 WHERE position = ?', pa);
    scenario.tamper('intake', 'UPDATE events SET position = ? WHERE position = ?', pa, pb);
    scenario.tamper('intake', 'UPDATE events SET position = ? WHERE position = -1', pb);
    const check = await scenario.deps.integrity.check();
    expect(kinds(check.findings)).toEqual(['log_inconsistent']);
    expect(check.findings[0]).toMatchObject({ log: 'intake', eventId: b.event_id });
    // the chains and the ledger's heads alone see nothing wrong
    const chains = (await app.post('/api/audit/verify', {}, AUDITOR)).body as { breaks: { kind: string }[] };
    expect(kinds(chains.breaks)).toEqual(['log_inconsistent']);
    expect(check.findings[0]!.message).toMatch(/deleted, inserted or reordered/);
  });

  it('names events cut off the end of a store', async () => {
    await signAll();
    const lastOfEnforcement = scenario.town.recorded.filter((e) => e.type.startsWith('enforcement.')).at(-1)!;
    expect(scenario.tamper('enforcement', 'DELETE FROM events WHERE event_id = ?', lastOfEnforcement.eventId)).toBe(1);
    const check = await scenario.deps.integrity.check();
    expect(check.findings).toEqual([expect.objectContaining({ kind: 'log_truncated', log: 'enforcement', eventId: lastOfEnforcement.eventId })]);
    // A dossier of the case, made now, carries the leaf the store lost, and fails offline naming it.
    const dossier = (await app.get(`/api/audit/cases/${lastOfEnforcement.caseId}/dossier`, AUDITOR)).body as Dossier;
    expect(dossier.proof.absent).toEqual([expect.objectContaining({ eventId: lastOfEnforcement.eventId, log: 'enforcement' })]);
    const key = ((await app.get('/api/audit/public-key', AUDITOR)).body as { publicKeyPem: string }).publicKeyPem;
    const offline = verifyDossier(dossier, key);
    expect(offline.ok).toBe(false);
    expect(offline.ok ? '' : `${offline.failure.where}: ${offline.failure.why}`).toMatch(new RegExp(`event ${lastOfEnforcement.eventId} .*it was removed from the store`));
  });

  it('names a checkpoint whose file was edited', async () => {
    await signAll();
    const file = join(scenario.ledgerFile, '..', 'audit-checkpoints.db');
    const db = new Database(file);
    db.prepare("UPDATE checkpoints SET root_hash = ? WHERE log = 'adjudication'").run('ab'.repeat(32));
    db.close();
    const check = await scenario.deps.integrity.check();
    expect(kinds(check.findings)).toEqual(['checkpoint_signature']);
    expect(check.findings[0]!.log).toBe('adjudication');
  });
});

describe('the audit’s own files going missing', () => {
  let scenario: AuditScenario;
  let dir: string;

  beforeEach(async () => {
    scenario = await auditScenario();
    dir = mkdtempSync(join(tmpdir(), 'audit-files-'));
  });
  afterEach(async () => {
    await scenario.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const settings = { AUDIT_SIGNING_KEY_FILE: undefined, AUDIT_CHECKPOINT_EVENTS: 1_000_000, AUDIT_CHECKPOINT_SECONDS: 86_400 };
  const start = async () => {
    const deps = await openAudit({ stores: scenario.deps.stores, ledgerFile: join(dir, 'audit.db'), catalogue: scenario.deps.catalogue, clock: scenario.clock }, settings);
    deps.integrity.start();
    await deps.integrity.caughtUp();
    return deps;
  };
  /** The first start over the story's stores, its 'unanchored' finding acknowledged as an auditor would. */
  const firstStart = async () => {
    const deps = await start();
    deps.integrity.checkpoints.acknowledge('auditor-1', 'first start', scenario.clock.now());
    return deps;
  };

  it('takes stores that already hold events on trust only with an auditor’s word, the first time it meets them', async () => {
    const first = await start();
    expect(first.integrity.checkpoints.open()).toEqual([expect.objectContaining({ kind: 'unanchored', message: expect.stringMatching(/taken on trust/) })]);
    expect(first.integrity.readiness()?.attention).toMatch(/unanchored/);
    first.integrity.checkpoints.acknowledge('auditor-1', 'first start over the records kept before', scenario.clock.now());
    await first.integrity.close();
    // The next start has its ledger: nothing to say.
    const second = await start();
    expect(second.integrity.checkpoints.open()).toEqual([]);
    await second.integrity.close();
  });

  it('sees the ledger deleted while checkpoints remain, and does not trust the new one silently', async () => {
    const first = await firstStart();
    expect(await first.integrity.checkpointAll()).toHaveLength(5);
    await first.integrity.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, `audit.db${suffix}`), { force: true });
    const second = await start();
    expect(second.integrity.checkpoints.open()).toEqual([expect.objectContaining({ kind: 'ledger_missing' })]);
    expect(second.integrity.readiness()?.attention).toMatch(/ledger_missing/);
    await second.integrity.close();
  });

  it('goes on signing after its key is changed, and asks an auditor to confirm the change', async () => {
    const first = await firstStart();
    const old = await first.integrity.checkpointAll();
    await first.integrity.close();
    const keys = generateSigningKeys();
    writeFileSync(join(dir, 'new-key.pem'), keys.privatePem, { mode: 0o600 });
    const second = await openAudit(
      { stores: scenario.deps.stores, ledgerFile: join(dir, 'audit.db'), catalogue: scenario.deps.catalogue, clock: scenario.clock },
      { ...settings, AUDIT_SIGNING_KEY_FILE: join(dir, 'new-key.pem') },
    );
    second.integrity.start();
    await second.integrity.caughtUp();
    expect(second.integrity.fingerprint).toBe(keys.fingerprint);
    expect(second.integrity.checkpoints.open()).toEqual([expect.objectContaining({ kind: 'key_changed', message: expect.stringContaining(old[0]!.keyFingerprint) })]);
    // The old checkpoints still hold under the key they name; the new key signs the same sizes again.
    expect((await second.integrity.check()).findings).toEqual([]);
    const again = await second.integrity.checkpointAll();
    expect(again.map((c) => [c.log, c.treeSize, c.keyFingerprint]).sort()).toEqual(old.map((c) => [c.log, c.treeSize, keys.fingerprint]).sort());
    const app = await startAuditApp(second);
    try {
      // Until an auditor confirms the change, a dossier says the audit doubts; then it verifies with the new key.
      const doubted = verifyDossier((await app.get('/api/audit/cases/c1/dossier', AUDITOR)).body, keys.publicPem);
      expect(doubted.ok ? '' : doubted.failure.why).toMatch(/no auditor had acknowledged: key_changed/);
      second.integrity.checkpoints.acknowledge('auditor-1', '按计划更换签名密钥', scenario.clock.now());
      expect(second.integrity.readiness()).toBeUndefined();
      expect(verifyDossier((await app.get('/api/audit/cases/c1/dossier', AUDITOR)).body, keys.publicPem)).toMatchObject({ ok: true });
    } finally {
      await app.close();
    }
    await second.integrity.close();
  });

  it('is held again to the checkpoints it published when every file of its own was deleted', async () => {
    const first = await firstStart();
    const published = await first.integrity.checkpointAll();
    await first.integrity.close();
    // Everything of the audit's gone but its key, and the enforcement store cut short.
    for (const name of ['audit.db', 'audit-merkle.db', 'audit-checkpoints.db']) for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, `${name}${suffix}`), { force: true });
    const lastOfEnforcement = scenario.town.recorded.filter((e) => e.type.startsWith('enforcement.')).at(-1)!;
    expect(scenario.tamper('enforcement', 'DELETE FROM events WHERE event_id = ?', lastOfEnforcement.eventId)).toBe(1);
    const second = await openAudit({ stores: scenario.deps.stores, ledgerFile: join(dir, 'audit.db'), catalogue: scenario.deps.catalogue, clock: scenario.clock }, settings);
    // what the distributed mode reads back from Kafka at start; a message that is not a checkpoint is passed over
    second.integrity.anchorTo([...published, { not: 'a checkpoint' }], 'copy');
    second.integrity.start();
    const check = await second.integrity.check();
    // Its tree was made again from the store as it is, so the event gone cannot be named; that events were cut off can.
    expect(check.findings).toEqual([expect.objectContaining({ kind: 'log_truncated', log: 'enforcement', message: expect.stringMatching(/holds 19 events, but the audit signed its log at 20/) })]);
    const kinds = second.integrity.checkpoints.open().map((f) => `${f.kind} ${f.log ?? ''}`).sort();
    expect(kinds).toEqual(['checkpoints_missing adjudication', 'checkpoints_missing enforcement', 'checkpoints_missing escalation', 'checkpoints_missing intake', 'checkpoints_missing supervision', 'log_truncated enforcement', 'unanchored ']);
    await second.integrity.close();
  });

  it('names a copy of a checkpoint signed by a key it does not know, or a second root for one size', async () => {
    const first = await firstStart();
    const [one] = await first.integrity.checkpointAll();
    const stranger = signCheckpoint({ log: one!.log, treeSize: one!.treeSize + 1, rootHash: 'ab'.repeat(32), timestamp: one!.timestamp }, loadPrivateKey(generateSigningKeys().privatePem));
    first.integrity.anchorTo([stranger], 'copy');
    expect(first.integrity.checkpoints.open()).toEqual([expect.objectContaining({ kind: 'checkpoint_signature', message: expect.stringMatching(/does not sign with or know/) })]);
    first.integrity.checkpoints.acknowledge('auditor-1', 'seen', scenario.clock.now());
    // the same size again under this audit's own key, another root: a fork
    const fork = { ...one!, rootHash: 'cd'.repeat(32) };
    first.integrity.anchorTo([fork], 'copy');
    expect(first.integrity.checkpoints.open().map((f) => f.kind)).toEqual(['checkpoint_signature']);
    await first.integrity.close();
  });

  it('sees the checkpoints deleted while the ledger says they were kept', async () => {
    const first = await firstStart();
    await first.integrity.checkpointAll();
    await first.integrity.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, `audit-checkpoints.db${suffix}`), { force: true });
    const second = await start();
    expect(second.integrity.checkpoints.open()).toEqual([expect.objectContaining({ kind: 'checkpoints_missing' })]);
    await second.integrity.close();
  });

  it('sees a store replaced by an older copy of its file', async () => {
    const first = await firstStart();
    await first.integrity.checkpointAll();
    const file = join(scenario.ledgerFile, '..', '..', 'intake.db');
    expect(existsSync(file)).toBe(true);
    copyFileSync(file, join(dir, 'intake-old.db'));
    await scenario.town.report('c9', 'compound-xinghua-1', 'fire_lane_blocked');
    await first.integrity.caughtUp();
    await first.integrity.checkpointAll();
    await first.integrity.close();
    // The old copy in place of the file (through SQL, as the store keeps its file open).
    scenario.tamper('intake', 'DELETE FROM events WHERE case_id = ?', 'c9');
    const second = await start();
    const check = await second.integrity.check();
    expect(check.findings).toEqual([expect.objectContaining({ kind: 'log_truncated', log: 'intake' })]);
    await second.integrity.close();
  });
});

/** The intake store's rows in its order, read from the file. */
function readRows(scenario: AuditScenario): { position: number; stream_id: string; event_id: string }[] {
  const file = join(scenario.ledgerFile, '..', '..', 'intake.db');
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT position, stream_id, event_id FROM events ORDER BY position').all() as { position: number; stream_id: string; event_id: string }[];
  } finally {
    db.close();
  }
}
