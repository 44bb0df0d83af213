import { Transform } from 'class-transformer';
import { ValidateBy, buildMessage } from 'class-validator';
import { isInstant } from '@whistle/kernel';

/** An ISO-8601 instant with an offset (`2026-11-21T08:00:00Z`, `…+08:00`), as the API's times are. */
export function IsInstant(): PropertyDecorator {
  return ValidateBy({
    name: 'isInstant',
    validator: {
      validate: (value: unknown) => isInstant(value),
      defaultMessage: buildMessage(() => '$property must be an ISO-8601 instant with an offset, e.g. 2026-11-21T08:00:00+08:00'),
    },
  });
}

/**
 * A query parameter holding an instant: a `+` of an offset left unencoded in the URL arrives as a
 * space, read as the `+` it was.
 */
export const QueryInstant = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/ (\d{2}:\d{2})$/, '+$1') : value));
