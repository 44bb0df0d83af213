import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const COMPOSE_FILE = join(__dirname, '..', '..', '..', 'docker-compose.yml');

/**
 * The token settings a service of docker-compose.yml starts with (its JWT_* and OIDC_* variables),
 * interpolated as compose does from the operator's variables `given`: `${NAME:?message}` needs
 * one, `${NAME:-default}` falls back, anything else is taken as written.
 */
export function composeTokenEnv(given: Readonly<Record<string, string>>, service = 'intake'): Record<string, string> {
  const compose = parse(readFileSync(COMPOSE_FILE, 'utf8')) as { services: Record<string, { environment?: Record<string, string> }> };
  const environment = compose.services[service]?.environment;
  if (!environment) throw new Error(`docker-compose.yml has no environment for ${service}`);
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(environment)) {
    if (!/^(JWT|OIDC)_/.test(name)) continue;
    env[name] = String(value).replace(/\$\{(\w+)(?::([?-])([^}]*))?\}/g, (_, variable: string, kind: string | undefined, rest: string | undefined) => {
      const set = given[variable];
      if (set !== undefined && set !== '') return set;
      if (kind === '?') throw new Error(`compose refuses to start: ${rest ?? `${variable} is not set`}`);
      return kind === '-' ? (rest ?? '') : '';
    });
  }
  return env;
}
