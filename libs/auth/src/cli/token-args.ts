import { parseArgs } from 'node:util';
import { lifetimeSeconds } from '../duration';
import { isPrincipalRole, PRINCIPAL_ROLES, type Principal, SCOPE_CLAIM_OF_ROLE, type ScopeClaim } from '../principal';

export const TOKEN_USAGE = `usage: npm run token -- --role ROLE [--station ID | --unit ID | --compound ID] [--sub NAME] [--ttl 12h]
  roles: ${PRINCIPAL_ROLES.join(', ')}
  station needs --station, unit needs --unit, reporter needs --compound
  signs with JWT_SECRET, or the development secret when it is not set`;

/** The command line asks for something the CLI must refuse (exit code 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type TokenRequest = { readonly help: true } | { readonly help: false; readonly principal: Principal; readonly ttl: string };

const SCOPE_FLAGS = [
  { claim: 'compoundId', flag: 'compound' },
  { claim: 'stationId', flag: 'station' },
  { claim: 'unitId', flag: 'unit' },
] as const;

export function parseTokenArgs(argv: readonly string[]): TokenRequest {
  const { values } = parseFlags(argv);
  if (values.help) return { help: true };
  const role = values.role;
  if (role === undefined) throw new UsageError('--role is required');
  if (!isPrincipalRole(role)) throw new UsageError(`unknown role "${role}"; expected one of ${PRINCIPAL_ROLES.join(', ')}`);

  const required = SCOPE_CLAIM_OF_ROLE[role];
  const scope: Partial<Record<ScopeClaim, string>> = {};
  for (const { claim, flag } of SCOPE_FLAGS) {
    const value = values[flag];
    if (claim === required && !value) throw new UsageError(`role ${role} needs --${flag} ID`);
    // A scope the role does not use would be ignored by every check, so it is most likely a mistake.
    if (claim !== required && value !== undefined) throw new UsageError(`--${flag} does not apply to role ${role}`);
    if (value) scope[claim] = value;
  }
  const sub = values.sub ?? ['dev', role, scope.stationId ?? scope.unitId ?? scope.compoundId].filter(Boolean).join('-');
  if (!sub) throw new UsageError('--sub must not be empty');
  const ttl = values.ttl ?? '12h';
  try {
    lifetimeSeconds(ttl);
  } catch {
    throw new UsageError(`--ttl must look like 90s, 30m, 12h or 7d, got "${ttl}"`);
  }
  return { help: false, principal: { sub, role, ...scope }, ttl };
}

function parseFlags(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        role: { type: 'string' },
        station: { type: 'string' },
        unit: { type: 'string' },
        compound: { type: 'string' },
        sub: { type: 'string' },
        ttl: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
