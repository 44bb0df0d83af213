import { ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { type FieldError, InvalidRequest } from './http-errors';

/** Validates request DTOs: unknown fields are refused, every bad field is named by its full path. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InvalidRequest(fieldErrorsOf(errors)),
  });
}

/** Flattens class-validator's tree: `reporter.phone`, `evidence[0].sha256`. */
export function fieldErrorsOf(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = pathOf(parent, error.property);
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message: naming(field, error.property, message) }));
    return [...own, ...fieldErrorsOf(error.children ?? [], field)];
  });
}

function pathOf(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

// class-validator names only the last property ("phone must be a string"); the caller needs the path.
function naming(field: string, property: string, message: string): string {
  const prefix = /^(?:nested )?(?:property )?/.exec(message)?.[0] ?? '';
  const rest = message.slice(prefix.length);
  if (rest === property || rest.startsWith(`${property} `)) return `${prefix}${field}${rest.slice(property.length)}`;
  return `${field}: ${message}`;
}
