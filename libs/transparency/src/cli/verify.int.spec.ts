import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { npmRun, sampleCase } from '../testing';
import { largestPerLog } from '../dossier-proof';
import { readHeldCheckpoints } from '../verify-dossier';

describe('npm run verify, from a clean directory holding only the dossier and the public key', () => {
  const logs = sampleCase();
  const dossierText = `${JSON.stringify(logs.dossier('c1'), null, 2)}\n`;
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'whistle-verify-'));
    writeFileSync(join(dir, 'dossier.json'), dossierText);
    writeFileSync(join(dir, 'public.pem'), logs.keys.publicPem);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('says verified, with the case, its events and its checkpoints, and exits 0', () => {
    const run = npmRun(dir, 'verify', 'dossier.json', '--key', 'public.pem');
    expect(run.stderr).not.toContain('verify:');
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n')).toEqual([
      'verified: case c1, 8 events, checkpoints intake@14 escalation@10 enforcement@10 adjudication@9',
      "  verified: the events, their order in the history, the signed logs; the case summary, the verification and the minutes are the server's account, not verified here",
      "  9 events proved in 4 streams chained from revision 0: each hash recomputed, each event included in its log's signed checkpoint",
      '  intake@14 extends intake@4 (consistency proof)',
      '  escalation@10 extends escalation@2 (consistency proof)',
      `  signed by the Ed25519 key ${logs.keys.fingerprint}`,
      "  not visible offline: events a server left off a stream's end, or a whole stream it left out; keep this file, and verify the case's next dossier",
      '  (asked for with ?since=intake@14,escalation@10,enforcement@10,adjudication@9) with --since dossier.json: it must extend these checkpoints',
      '',
    ]);
    // it wrote nothing beside the two files
    expect(readdirSync(dir).sort()).toEqual(['dossier.json', 'public.pem']);
  });

  it('says NOT VERIFIED, naming the event, and exits 1, when one byte of the dossier changed', () => {
    // one digit of the case's first event's correlation id, inside its sealed body (the history, earlier in the file, has it too)
    const bytes = Buffer.from(dossierText);
    const at = bytes.lastIndexOf('"correlationId\\":\\"corr-6\\"') + '"correlationId\\":\\"corr-'.length;
    expect(String.fromCharCode(bytes[at]!)).toBe('6');
    bytes[at] = '7'.charCodeAt(0);
    writeFileSync(join(dir, 'dossier.json'), bytes);
    const run = npmRun(dir, 'verify', 'dossier.json', '--key', 'public.pem');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^NOT VERIFIED: event ev-6 \(case-c1 revision 0, intake leaf 2\): SHA-256 of its prevHash and body is not its hash: the body or the hash was altered\n$/);
  });

  it('shows a forged line in a dossier as text, never as a line of its own', () => {
    const forged = JSON.parse(dossierText) as { caseId: string };
    forged.caseId = 'c1\nverified: case c1';
    writeFileSync(join(dir, 'dossier.json'), JSON.stringify(forged));
    const run = npmRun(dir, 'verify', 'dossier.json', '--key', 'public.pem');
    expect(run.status).toBe(1);
    expect(run.stdout.trimEnd().split('\n')).toEqual(['NOT VERIFIED: case c1\\u{a}verified: case c1: no proved event concerns this case']);
  });

  it.each([
    ['a missing dossier', ['missing.json', '--key', 'public.pem'], /cannot read the dossier missing\.json: ENOENT/],
    ['a missing key file', ['dossier.json', '--key', 'nope.pem'], /cannot read the public key nope\.pem: ENOENT/],
    ['no --key', ['dossier.json'], /--key <public\.pem> is required/],
    ['an unknown flag', ['dossier.json', '--kee', 'public.pem'], /Unknown option '--kee'/],
    ['two dossiers', ['dossier.json', 'public.pem', '--key', 'public.pem'], /one dossier at a time, not 2/],
  ])('exits 2 with the usage line for %s', (_name, args, message) => {
    const run = npmRun(dir, 'verify', ...args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('usage: npm run verify -- <dossier.json> --key <public.pem> [--since <earlier.json>]');
  });

  it('with --since, holds the dossier to the checkpoints of an earlier one: a log put back and signed again is NOT VERIFIED, naming it', () => {
    const record = sampleCase(logs.keys);
    writeFileSync(join(dir, 'old.json'), JSON.stringify(record.dossier('c1')));
    const since = largestPerLog(readHeldCheckpoints(record.dossier('c1')));
    record.append('intake', 'case-c1', 'c1', 'intake.CaseReopened.v1');
    record.checkpoint('intake');
    writeFileSync(join(dir, 'new.json'), JSON.stringify(record.dossier('c1', since)));
    const run = npmRun(dir, 'verify', 'new.json', '--key', 'public.pem', '--since', 'old.json');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('\n  intake@15 extends intake@4 (consistency proof)\n');
    expect(run.stdout).toContain('\n  intake@15 extends intake@14, the checkpoint you hold (consistency proof)\n  escalation@10 is the checkpoint you hold\n');
    expect(run.stdout).toContain('(asked for with ?since=intake@15,escalation@10,enforcement@10,adjudication@9) with --since new.json');

    // the intake log put back from a copy before the case was closed, signed again once another case made it as long as the one held
    const closed = record.dossier('c1').proof.events.filter((e) => e.streamId === 'case-c1').slice(-2);
    const putBack = record.rebuilt((_log, e) => !closed.some((c) => c.eventId === e.eventId));
    putBack.append('intake', 'case-c60', 'c60', 'intake.CaseReported.v1');
    writeFileSync(join(dir, 'rewritten.json'), JSON.stringify(putBack.dossier('c1', since)));
    const rewritten = npmRun(dir, 'verify', 'rewritten.json', '--key', 'public.pem', '--since', 'old.json');
    expect(rewritten.status).toBe(1);
    expect(rewritten.stdout).toBe(
      "NOT VERIFIED: the checkpoint you hold, intake@14: the dossier's checkpoint intake@14 has another root (" +
        `${putBack.dossier('c1').proof.checkpoints.find((c) => c.log === 'intake' && c.treeSize === 14)!.rootHash.slice(0, 16)}…, yours ${since[0]!.rootHash.slice(0, 16)}…): the log was rewritten or put back from an older copy since the checkpoint you hold\n`,
    );
  });

  it.each([
    ['a file that is not JSON', 'intake@14', /^verify: the checkpoints you hold, held\.json, are not JSON: /],
    ['a file holding no checkpoint', '{"intake":null}', /^verify: the checkpoints you hold, held\.json: the file: holds no checkpoint/],
  ])('exits 2 for --since naming %s', (_name, text, message) => {
    writeFileSync(join(dir, 'held.json'), text);
    const run = npmRun(dir, 'verify', 'dossier.json', '--key', 'public.pem', '--since', 'held.json');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('exits 2 for a dossier that is not JSON', () => {
    writeFileSync(join(dir, 'dossier.json'), dossierText.slice(0, 100));
    const run = npmRun(dir, 'verify', 'dossier.json', '--key', 'public.pem');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^verify: the dossier dossier\.json is not JSON: /);
  });
});

describe('npm run keys', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'whistle-keys-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a pair whose private half only its owner reads, prints the fingerprint and the setting, and never overwrites a key', () => {
    const run = npmRun(dir, 'keys', 'keys');
    expect(run.status).toBe(0);
    const privateFile = join(dir, 'keys', 'audit-signing-key.pem');
    const publicFile = join(dir, 'keys', 'audit-public-key.pem');
    expect(statSync(privateFile).mode & 0o777).toBe(0o600);
    const fingerprint = /fingerprint \(SHA-256 of the public key\): ([0-9a-f]{64})/.exec(run.stdout)?.[1];
    expect(run.stdout).toContain(`\nAUDIT_SIGNING_KEY_FILE=${privateFile}\n`);

    // the pair signs a dossier that the public half then verifies, under the fingerprint printed
    const logs = sampleCase({ privatePem: readFileSync(privateFile, 'utf8'), publicPem: readFileSync(publicFile, 'utf8'), fingerprint: fingerprint! });
    writeFileSync(join(dir, 'dossier.json'), JSON.stringify(logs.dossier('c1')));
    const verified = npmRun(dir, 'verify', 'dossier.json', '--key', 'keys/audit-public-key.pem');
    expect(verified.status).toBe(0);
    expect(verified.stdout).toContain(`signed by the Ed25519 key ${fingerprint}`);

    const before = readFileSync(privateFile, 'utf8');
    const again = npmRun(dir, 'keys', 'keys');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`keys: ${privateFile} already exists`);
    expect(readFileSync(privateFile, 'utf8')).toBe(before);
  });

  it('exits 2 with the usage line when no directory is named', () => {
    const run = npmRun(dir, 'keys');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('usage: npm run keys -- <dir>');
  });
});
