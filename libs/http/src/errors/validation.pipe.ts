import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { NotFound } from '@whistle/application';
import { CATALOGUE_ENTRY_NOUNS } from '@whistle/contracts';
import { type CatalogueIds, catalogueListOf, unknownCatalogueIds } from '../validation/catalogue-ids';
import { bodyTextProblems, queryTextProblems } from '../validation/request-text';
import { type FieldError, InvalidRequest } from './http-errors';

/**
 * Validates request DTOs: unknown fields are refused, every bad field is named by its full path.
 * Before the DTO's own rules, every string of a body or query is checked once for all of them
 * (control characters, lone surrogates, text of nothing visible, empty query parameters), so
 * that no DTO has to remember to, and so is every id a member names of the running catalogue
 * (validation/catalogue-ids.ts); all kinds of problem are named in one answer.
 */
class RequestValidationPipe extends ValidationPipe {
  constructor(
    options: ConstructorParameters<typeof ValidationPipe>[0],
    private readonly catalogueIds: CatalogueIds | undefined,
  ) {
    super(options);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    this.assertPathNamesKnown(value, metadata);
    const text = [...textProblemsOf(value, metadata), ...this.catalogueProblemsOf(value, metadata)];
    try {
      const transformed: unknown = await super.transform(value, metadata);
      if (text.length > 0) throw new InvalidRequest(text);
      return transformed;
    } catch (error) {
      if (text.length === 0 || !(error instanceof InvalidRequest) || error.details === text) throw error;
      throw new InvalidRequest(merged(text, error.details));
    }
  }

  private catalogueProblemsOf(value: unknown, metadata: ArgumentMetadata): FieldError[] {
    if (this.catalogueIds === undefined) return [];
    if (metadata.type === 'body' || metadata.type === 'query') return unknownCatalogueIds(metadata.data ? { [metadata.data]: value } : value, this.catalogueIds);
    return [];
  }

  /** A path names a resource: a catalogue id there that the catalogue lacks is a 404 naming it, as any unknown resource is. */
  private assertPathNamesKnown(value: unknown, metadata: ArgumentMetadata): void {
    if (this.catalogueIds === undefined || metadata.type !== 'param' || !metadata.data || typeof value !== 'string') return;
    const list = catalogueListOf(metadata.data);
    if (list !== undefined && !this.catalogueIds[list].includes(value)) throw new NotFound(CATALOGUE_ENTRY_NOUNS[list], value);
  }
}

function textProblemsOf(value: unknown, metadata: ArgumentMetadata): FieldError[] {
  if (metadata.type === 'body') return bodyTextProblems(value, metadata.data ?? '');
  if (metadata.type === 'query') return queryTextProblems(value, metadata.data);
  return [];
}

/** The text problems first; the DTO's rules after them, but none on a field already named for its text. */
function merged(text: readonly FieldError[], rules: readonly FieldError[]): FieldError[] {
  const named = new Set(text.map((problem) => problem.field));
  return [...text, ...rules.filter((rule) => !named.has(rule.field))];
}

/** `catalogueIds`: the running catalogue's, when the app checks ids against one. */
export function createValidationPipe(catalogueIds?: CatalogueIds): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InvalidRequest(fieldErrorsOf(errors)),
  }, catalogueIds);
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
