import { setting, type ConfigSpec } from '@whistle/config';
import { DEVELOPMENT_JWT_SECRET } from '@whistle/auth';

/** Every setting of the embedded mode: all services in one process, one port, one data directory. */
export interface EmbeddedConfig {
  readonly PORT: number;
  readonly DATA_DIR: string;
  readonly CATALOGUE_FILE: string | undefined;
  readonly JWT_SECRET: string;
  readonly JWT_ISSUER: string | undefined;
  readonly JWT_PUBLIC_KEY: string | undefined;
  readonly LOG_LEVEL: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'silent';
  readonly BODY_LIMIT: string;
  readonly SCHEDULER_TICK_MS: number;
  readonly RATE_LIMIT_PER_MINUTE: number;
}

export const embeddedConfigSpec: ConfigSpec<EmbeddedConfig> = {
  PORT: setting.port('the HTTP port', 3000),
  DATA_DIR: setting.string('where the SQLite files live', './data'),
  CATALOGUE_FILE: setting.optionalString('a catalogue replacing the bundled pilot town, in the shape GET /api/catalogue returns'),
  JWT_SECRET: setting.string('the development signing secret for bearer tokens (HS256)', DEVELOPMENT_JWT_SECRET),
  JWT_ISSUER: setting.optionalString('with JWT_PUBLIC_KEY: the issuer whose tokens production accepts'),
  JWT_PUBLIC_KEY: setting.optionalString('a PEM public key: verify tokens of JWT_ISSUER with it instead of JWT_SECRET'),
  LOG_LEVEL: setting.oneOf('how much the JSON logs say', ['trace', 'debug', 'info', 'warn', 'error', 'silent'] as const, 'info'),
  BODY_LIMIT: setting.byteSize('the largest request body (413 beyond it)', '64kb'),
  SCHEDULER_TICK_MS: setting.int('how often due deadlines are looked for, in ms', 1000, { min: 10, max: 60_000 }),
  RATE_LIMIT_PER_MINUTE: setting.int('requests per minute per caller before 429; 0 turns the limit off', 0, { min: 0, max: 1_000_000 }),
};
