import { SettingProblem, type Setting } from './settings';

export type ConfigSpec<T> = { readonly [K in keyof T]: Setting<T[K]> };

/** Bad configuration stops the start: the message names every setting that is wrong. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

/**
 * Reads one typed configuration object from the environment, the only place that does: each
 * key of the spec is the environment variable's name.
 */
export function loadConfig<T>(spec: ConfigSpec<T>, env: Readonly<Record<string, string | undefined>> = process.env): T {
  const problems: string[] = [];
  const config: Partial<T> = {};
  for (const name of Object.keys(spec) as (keyof T & string)[]) {
    try {
      config[name] = spec[name].read(env[name], name);
    } catch (error) {
      if (!(error instanceof SettingProblem)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config as T;
}

/** The settings table for a README: name, meaning, default. */
export function describeConfig<T>(spec: ConfigSpec<T>): { name: string; describe: string }[] {
  return (Object.keys(spec) as (keyof T & string)[]).map((name) => ({ name, describe: spec[name].describe }));
}
