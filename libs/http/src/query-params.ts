import { Transform } from 'class-transformer';
import { ValidateBy, buildMessage } from 'class-validator';

/*
 * Query parameters arrive as text. An empty one (`?status=`) never reaches these: the validation
 * pipe refuses it, naming the parameter (a parameter not meant is left out). Text that is not
 * what the parameter takes is kept as it is, so that the validator names the parameter instead of
 * a conversion hiding the mistake.
 */

/** Text as it came; a marker beside the typed ones, so every query field says how it is read. */
export const QueryText = () => Transform(({ value }: { value: unknown }) => value);

/** Text of values separated by commas (`triaged,reopened`), each validated on its own; a repeated parameter counts the same. */
export const QueryList = () =>
  Transform(({ value }: { value: unknown }) => {
    const parts = Array.isArray(value) ? value : [value];
    return parts.every((part) => typeof part === 'string') ? parts.flatMap((part: string) => part.split(',')) : value;
  });

export const QueryInt = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value));

export const QueryBoolean = () => Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

/** A whole number in [min, max]: one check, so a bad value is named once. */
export function IsWholeNumber(min: number, max?: number): PropertyDecorator {
  const range = max === undefined ? `of at least ${min}` : `from ${min} to ${max}`;
  return ValidateBy({
    name: 'isWholeNumber',
    // Kept on the rule so the API document can say the bounds (docs/validation-constraints.ts).
    constraints: [min, max],
    validator: {
      validate: (value: unknown) => Number.isInteger(value) && (value as number) >= min && (max === undefined || (value as number) <= max),
      defaultMessage: buildMessage(() => `$property must be a whole number ${range}`),
    },
  });
}
