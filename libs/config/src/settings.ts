import { parseDuration } from '@whistle/kernel';

/** One environment setting: how to read it, and its default when it is unset or empty. */
export interface Setting<T> {
  readonly describe: string;
  read(raw: string | undefined, name: string): T;
}

export class SettingProblem extends Error {}

function fromRaw<T>(describe: string, fallback: T | undefined, parse: (text: string, name: string) => T): Setting<T> {
  return {
    describe,
    read(raw, name) {
      const text = raw?.trim() ?? '';
      if (text === '') {
        if (fallback === undefined) throw new SettingProblem(`${name} is required (${describe})`);
        return fallback;
      }
      return parse(text, name);
    },
  };
}

export const setting = {
  string: (describe: string, fallback?: string): Setting<string> => fromRaw(describe, fallback, (text) => text),
  optionalString: (describe: string): Setting<string | undefined> => ({
    describe,
    read: (raw) => (raw?.trim() ? raw.trim() : undefined),
  }),
  int: (describe: string, fallback: number | undefined, range: { min: number; max: number }): Setting<number> =>
    fromRaw(describe, fallback, (text, name) => {
      const value = Number(text);
      if (!Number.isInteger(value) || value < range.min || value > range.max) {
        throw new SettingProblem(`${name}: "${text}" is not a whole number from ${range.min} to ${range.max} (${describe})`);
      }
      return value;
    }),
  port: (describe: string, fallback?: number): Setting<number> => setting.int(describe, fallback, { min: 0, max: 65535 }),
  duration: (describe: string, fallback?: string): Setting<string> =>
    fromRaw(describe, fallback, (text, name) => {
      try {
        parseDuration(text);
      } catch {
        throw new SettingProblem(`${name}: "${text}" is not an ISO-8601 duration such as PT30S (${describe})`);
      }
      return text;
    }),
  oneOf: <const V extends string>(describe: string, values: readonly V[], fallback?: V): Setting<V> =>
    fromRaw(describe, fallback, (text, name) => {
      if (!(values as readonly string[]).includes(text)) {
        throw new SettingProblem(`${name}: "${text}" is not one of ${values.join(', ')} (${describe})`);
      }
      return text as V;
    }),
  bool: (describe: string, fallback?: boolean): Setting<boolean> =>
    fromRaw(describe, fallback, (text, name) => {
      if (/^(1|true|yes|on)$/i.test(text)) return true;
      if (/^(0|false|no|off)$/i.test(text)) return false;
      throw new SettingProblem(`${name}: "${text}" is not true or false (${describe})`);
    }),
  byteSize: (describe: string, fallback?: string): Setting<string> =>
    fromRaw(describe, fallback, (text, name) => {
      if (!/^\d+(b|kb|mb)$/i.test(text)) throw new SettingProblem(`${name}: "${text}" is not a size such as 64kb or 1mb (${describe})`);
      return text.toLowerCase();
    }),
  /**
   * An optional URL of a server this one trusts (an identity provider): https, or http on this
   * machine alone (localhost, 127.0.0.1, [::1]), where no one else can stand in for it.
   */
  optionalTrustedUrl: (describe: string): Setting<string | undefined> => ({
    describe,
    read: (raw, name) => {
      const text = raw?.trim() ?? '';
      if (text === '') return undefined;
      let url: URL;
      try {
        url = new URL(text);
      } catch {
        throw new SettingProblem(`${name}: "${text}" is not a URL (${describe})`);
      }
      const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
      if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
        throw new SettingProblem(`${name}: "${text}" is not an https:// URL (plain http:// only on this machine: localhost, 127.0.0.1) (${describe})`);
      }
      if (url.search || url.hash) throw new SettingProblem(`${name}: "${text}" has a query or fragment, which an issuer never has (${describe})`);
      return text;
    },
  }),
  hostPorts: (describe: string, fallback?: string): Setting<readonly string[]> =>
    fromRaw(describe, fallback === undefined ? undefined : fallback.split(','), (text, name) => {
      const list = text.split(',').map((item) => item.trim());
      if (list.some((item) => !/^[A-Za-z0-9.-]+:\d{1,5}$/.test(item))) {
        throw new SettingProblem(`${name}: "${text}" is not a comma-separated list of host:port (${describe})`);
      }
      return list;
    }),
};
