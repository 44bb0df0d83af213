import { signToken } from '../sign-token';
import { InvalidTokenOptions } from '../token-errors';
import { DEVELOPMENT_JWT_SECRET } from '../token-options';
import { parseTokenArgs, TOKEN_USAGE, UsageError } from './token-args';

interface TokenEnvironment {
  readonly secret: string;
  readonly issuer?: string;
  readonly audience?: string;
}

/** The CLI's only reading of the environment. */
function readEnvironment(): TokenEnvironment {
  const { JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE } = process.env;
  return {
    secret: JWT_SECRET || DEVELOPMENT_JWT_SECRET,
    ...(JWT_ISSUER ? { issuer: JWT_ISSUER } : {}),
    ...(JWT_AUDIENCE ? { audience: JWT_AUDIENCE } : {}),
  };
}

function main(argv: readonly string[]): number {
  try {
    const request = parseTokenArgs(argv);
    if (request.help) {
      process.stdout.write(`${TOKEN_USAGE}\n`);
      return 0;
    }
    const environment = readEnvironment();
    const token = signToken(request.principal, { ...environment, expiresIn: request.ttl });
    const secretSource = environment.secret === DEVELOPMENT_JWT_SECRET ? 'the development secret' : 'JWT_SECRET';
    // The description goes to stderr so that stdout's last line is the token alone, ready for $(…).
    console.error(`# ${JSON.stringify(request.principal)}, valid ${request.ttl}, signed with ${secretSource}`);
    process.stdout.write(`${token}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof InvalidTokenOptions) {
      console.error(`token: ${error.message}\n${TOKEN_USAGE}`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2));
