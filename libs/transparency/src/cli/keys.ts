import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSigningKeys } from '../checkpoint';
import { fromCaller, parseCommandLine, UsageError } from './command-line';

const PRIVATE_FILE = 'audit-signing-key.pem';
const PUBLIC_FILE = 'audit-public-key.pem';

const USAGE = `usage: npm run keys -- <dir>
  writes a new Ed25519 pair for the audit's checkpoints into <dir>: ${PRIVATE_FILE} (private, mode 0600;
  an existing one is never overwritten) and ${PUBLIC_FILE} (public, for auditors and npm run verify)`;

/** A key file already there: the command will not replace a key checkpoints may already be signed with (exit 1). */
class KeyExists extends Error {}

function main(argv: readonly string[]): number {
  try {
    const { values, positionals } = parseCommandLine(argv, { help: { type: 'boolean', short: 'h' } });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'name the directory to write the keys into' : `one directory, not ${positionals.length}`);
    const dir = fromCaller(positionals[0]!);
    const privateFile = join(dir, PRIVATE_FILE);
    const publicFile = join(dir, PUBLIC_FILE);
    if (existsSync(privateFile)) throw new KeyExists(`${privateFile} already exists: checkpoints may be signed with it, so it is not replaced (move it away first to make a new pair)`);
    const keys = generateSigningKeys();
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // 'wx': made here or not at all, so a file that appeared meanwhile is not overwritten either.
    writeFileSync(privateFile, keys.privatePem, { flag: 'wx', mode: 0o600 });
    writeFileSync(publicFile, keys.publicPem, { mode: 0o644 });
    process.stdout.write(
      [
        `wrote ${privateFile} (private, 0600) and ${publicFile} (public)`,
        `fingerprint (SHA-256 of the public key): ${keys.fingerprint}`,
        'the audit signs its checkpoints with the private key when started with:',
        `AUDIT_SIGNING_KEY_FILE=${privateFile}`,
      ].join('\n') + '\n',
    );
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`keys: ${error.message}\n${USAGE}`);
      return 2;
    }
    if (error instanceof KeyExists || (error as NodeJS.ErrnoException).code !== undefined) {
      console.error(`keys: ${(error as Error).message}`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2));
