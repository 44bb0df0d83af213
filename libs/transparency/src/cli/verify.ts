import { readFileSync } from 'node:fs';
import type { Checkpoint } from '../checkpoint';
import { Refusal, readHeldCheckpoints } from '../dossier-input';
import { sinceParameter } from '../dossier-proof';
import { failureText, verifyDossier, type DossierVerified } from '../verify-dossier';
import { fromCaller, parseCommandLine, printable, UsageError } from './command-line';

const USAGE = `usage: npm run verify -- <dossier.json> --key <public.pem> [--since <earlier.json>]
  checks a case's dossier with nothing but the audit's public key: no server, no network.
  --since: the checkpoints you already hold (an earlier dossier, or what GET /api/audit/checkpoints/latest
  gave): the dossier, asked for with ?since=<log>@<treeSize>,…, must prove its logs extend them.
  exit 0: verified; 1: NOT VERIFIED (the first failure is named); 2: usage, or a file that cannot be read`;

/** A file the command cannot read, or a dossier that is not JSON at all: exit code 2. */
class UnreadableFile extends Error {}

function read(path: string, what: string): string {
  try {
    return readFileSync(fromCaller(path), 'utf8');
  } catch (error) {
    throw new UnreadableFile(`cannot read the ${what} ${path}: ${(error as Error).message}`);
  }
}

function verifiedLines(v: DossierVerified, file: string): string[] {
  const held = (c: { log: string; treeSize: number }) => v.held.some((h) => h.log === c.log && h.treeSize === c.treeSize);
  const name = (c: { log: string; treeSize: number }) => printable(`${c.log}@${c.treeSize}`);
  return [
    `verified: case ${printable(v.caseId)}, ${v.events} events, checkpoints ${v.checkpoints.map(name).join(' ')}`,
    "  verified: the events, their order in the history, the signed logs; the case summary, the verification and the minutes are the server's account, not verified here",
    `  ${v.provedEvents} events proved in ${v.streams} streams chained from revision 0: each hash recomputed, each event included in its log's signed checkpoint`,
    ...v.checkpoints.filter((c) => c.extends !== null && !held({ log: c.log, treeSize: c.extends })).map((c) => `  ${name(c)} extends ${name({ log: c.log, treeSize: c.extends! })} (consistency proof)`),
    ...v.held.map((h) =>
      h.extendedBy === h.treeSize ? `  ${name(h)} is the checkpoint you hold` : `  ${name({ log: h.log, treeSize: h.extendedBy })} extends ${name(h)}, the checkpoint you hold (consistency proof)`,
    ),
    `  signed by the Ed25519 key ${v.keyFingerprint}`,
    "  not visible offline: events a server left off a stream's end, or a whole stream it left out; keep this file, and verify the case's next dossier",
    `  (asked for with ?since=${printable(sinceParameter(v.checkpoints))}) with --since ${printable(file)}: it must extend these checkpoints`,
  ];
}

/** The checkpoints the auditor holds, from the file `--since` names: one that is not such a file is a usage error (exit 2). */
function heldIn(file: string): Checkpoint[] {
  const text = read(file, 'checkpoints you hold,');
  try {
    return readHeldCheckpoints(JSON.parse(text));
  } catch (error) {
    if (error instanceof Refusal) throw new UnreadableFile(`the checkpoints you hold, ${file}: ${error.message}`);
    throw new UnreadableFile(`the checkpoints you hold, ${file}, are not JSON: ${(error as Error).message}`);
  }
}

function main(argv: readonly string[]): number {
  try {
    const { values, positionals } = parseCommandLine(argv, { key: { type: 'string' }, since: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'name the dossier file' : `one dossier at a time, not ${positionals.length}`);
    if (values.key === undefined) throw new UsageError('--key <public.pem> is required');
    const file = positionals[0]!;
    const text = read(file, 'dossier');
    const publicKeyPem = read(values.key, 'public key');
    const held = values.since === undefined ? [] : heldIn(values.since);
    let dossier: unknown;
    try {
      dossier = JSON.parse(text);
    } catch (error) {
      throw new UnreadableFile(`the dossier ${file} is not JSON: ${(error as Error).message}`);
    }
    const result = verifyDossier(dossier, publicKeyPem, held);
    if (!result.ok) {
      process.stdout.write(`NOT VERIFIED: ${printable(failureText(result.failure))}\n`);
      return 1;
    }
    process.stdout.write(`${verifiedLines(result, file).join('\n')}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof UnreadableFile) {
      console.error(`verify: ${printable(error.message)}\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2));
