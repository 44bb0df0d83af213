import { fetchJson as httpFetchJson, type FetchJson } from './fetch-json';
import { InvalidTokenOptions } from './token-errors';

/** What an OpenID provider says of itself (OpenID Connect Discovery 1.0), as far as this system uses it. */
export interface IssuerMetadata {
  readonly issuer: string;
  readonly jwksUri: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  /** RP-initiated logout, when the provider offers it. */
  readonly endSessionEndpoint?: string;
}

/** Where discovery lives for an issuer: its URL with `/.well-known/openid-configuration` appended. */
export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

/**
 * Reads the issuer's discovery document and checks it names itself exactly as configured: tokens
 * carry that name in `iss`, so a provider known by another name would have every token refused.
 */
export async function discoverIssuer(issuer: string, fetchJson: FetchJson = httpFetchJson): Promise<IssuerMetadata> {
  const url = discoveryUrl(issuer);
  let document: unknown;
  try {
    document = await fetchJson(url);
  } catch (error) {
    throw new InvalidTokenOptions(`OpenID discovery failed: ${(error as Error).message}`);
  }
  const field = (name: string): string | undefined => {
    const value = (document as Record<string, unknown> | null)?.[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const named = field('issuer');
  if (named !== issuer) {
    throw new InvalidTokenOptions(`the provider at ${url} names itself ${JSON.stringify(named ?? null)}, not ${JSON.stringify(issuer)}: set the issuer exactly as the provider names it`);
  }
  const required = (name: string): string => {
    const value = field(name);
    if (value === undefined) throw new InvalidTokenOptions(`the provider's discovery document (${url}) has no ${name}`);
    return value;
  };
  const endSession = field('end_session_endpoint');
  return {
    issuer,
    jwksUri: required('jwks_uri'),
    authorizationEndpoint: required('authorization_endpoint'),
    tokenEndpoint: required('token_endpoint'),
    ...(endSession === undefined ? {} : { endSessionEndpoint: endSession }),
  };
}
