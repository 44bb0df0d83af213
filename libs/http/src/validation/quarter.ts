import { ValidateBy, buildMessage } from 'class-validator';
import { isQuarter } from '@whistle/contracts';

/** A quarter such as `2026-Q4` (Beijing time), as supervision's figures and records are kept by. */
export function IsQuarter(): PropertyDecorator {
  return ValidateBy({
    name: 'isQuarter',
    validator: {
      validate: (value: unknown) => isQuarter(value),
      defaultMessage: buildMessage(() => '$property must be a quarter such as 2026-Q4 (a year from 1970 on)'),
    },
  });
}
