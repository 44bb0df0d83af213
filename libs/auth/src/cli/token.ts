import { lifetimeSeconds } from '../duration';
import { signToken } from '../sign-token';
import { InvalidTokenOptions } from '../token-errors';
import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, DEVELOPMENT_JWT_SECRET } from '../token-options';
import { parseTokenArgs, TOKEN_USAGE, UsageError } from './token-args';

interface TokenEnvironment {
  readonly secret: string;
  readonly issuer?: string;
  readonly audience?: string;
  /** The server's JWT_MAX_TOKEN_LIFETIME, in seconds. */
  readonly maxLifetime: number;
}

/** The CLI's only reading of the environment. */
function readEnvironment(): TokenEnvironment {
  const { JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE, JWT_MAX_TOKEN_LIFETIME } = process.env;
  return {
    secret: JWT_SECRET || DEVELOPMENT_JWT_SECRET,
    ...(JWT_ISSUER ? { issuer: JWT_ISSUER } : {}),
    ...(JWT_AUDIENCE ? { audience: JWT_AUDIENCE } : {}),
    maxLifetime: JWT_MAX_TOKEN_LIFETIME ? lifetimeSeconds(JWT_MAX_TOKEN_LIFETIME) : DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
  };
}

function main(argv: readonly string[]): number {
  try {
    const request = parseTokenArgs(argv);
    if (request.help) {
      process.stdout.write(`${TOKEN_USAGE}\n`);
      return 0;
    }
    const { maxLifetime, ...environment } = readEnvironment();
    // A token the server would refuse is no use to anyone: say so here rather than with a 401 there.
    if (lifetimeSeconds(request.ttl) > maxLifetime) {
      throw new UsageError(`--ttl ${request.ttl} is longer than the ${maxLifetime} s the server accepts (JWT_MAX_TOKEN_LIFETIME)`);
    }
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
