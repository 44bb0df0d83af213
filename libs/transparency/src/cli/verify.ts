import { readFileSync } from 'node:fs';
import { failureText, verifyDossier, type DossierVerified } from '../verify-dossier';
import { fromCaller, parseCommandLine, printable, UsageError } from './command-line';

const USAGE = `usage: npm run verify -- <dossier.json> --key <public.pem>
  checks a case's dossier with nothing but the audit's public key: no server, no network.
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

function verifiedLines(v: DossierVerified): string[] {
  return [
    `verified: case ${printable(v.caseId)}, ${v.events} events, checkpoints ${v.checkpoints.map((c) => `${c.log}@${c.treeSize}`).join(' ')}`,
    `  ${v.provedEvents} events proved in ${v.streams} streams chained from revision 0: each hash recomputed, each event included in its log's signed checkpoint`,
    ...v.checkpoints.filter((c) => c.extends !== null).map((c) => `  ${c.log}@${c.treeSize} extends ${c.log}@${c.extends} (consistency proof)`),
    `  signed by the Ed25519 key ${v.keyFingerprint}`,
  ];
}

function main(argv: readonly string[]): number {
  try {
    const { values, positionals } = parseCommandLine(argv, { key: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'name the dossier file' : `one dossier at a time, not ${positionals.length}`);
    if (values.key === undefined) throw new UsageError('--key <public.pem> is required');
    const file = positionals[0]!;
    const text = read(file, 'dossier');
    const publicKeyPem = read(values.key, 'public key');
    let dossier: unknown;
    try {
      dossier = JSON.parse(text);
    } catch (error) {
      throw new UnreadableFile(`the dossier ${file} is not JSON: ${(error as Error).message}`);
    }
    const result = verifyDossier(dossier, publicKeyPem);
    if (!result.ok) {
      process.stdout.write(`NOT VERIFIED: ${printable(failureText(result.failure))}\n`);
      return 1;
    }
    process.stdout.write(`${verifiedLines(result).join('\n')}\n`);
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
