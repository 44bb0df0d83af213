import { InvalidTokenOptions } from './token-errors';

const SECONDS_PER_UNIT: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** A token lifetime in whole seconds, from seconds or `<n>s|m|h|d`. */
export function lifetimeSeconds(value: number | string): number {
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value > 0) return value;
    throw new InvalidTokenOptions(`expiresIn must be a positive whole number of seconds, got ${value}`);
  }
  const match = /^(\d+)([smhd])$/.exec(value.trim());
  const amount = match?.[1];
  const unit = match?.[2];
  const perUnit = unit === undefined ? undefined : SECONDS_PER_UNIT[unit];
  if (amount === undefined || perUnit === undefined || Number(amount) === 0) {
    throw new InvalidTokenOptions(`expiresIn must look like 90s, 30m, 12h or 7d, got "${value}"`);
  }
  return Number(amount) * perUnit;
}
