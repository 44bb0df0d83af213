import { DECORATORS, type OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { NON_BLANK_TEXT_PATTERN, REQUEST_TEXT_PATTERN } from './request-text-pattern';

type Schema = Record<string, unknown>;

/** QueryInt reads a query parameter of at most 15 digits as a number; a longer one is refused (query-params.ts). */
const LARGEST_QUERY_INTEGER = 999_999_999_999_999;

/** A rule of class-validator's, as the schema keywords it enforces; those it cannot say return nothing. */
const KEYWORDS: Record<string, (constraints: readonly unknown[]) => Schema> = {
  isString: () => ({ type: 'string' }),
  isBoolean: () => ({ type: 'boolean' }),
  isNumber: () => ({ type: 'number' }),
  isInt: () => ({ type: 'integer' }),
  isPositive: () => ({ minimum: 0, exclusiveMinimum: true }),
  min: ([min]) => ({ minimum: min }),
  max: ([max]) => ({ maximum: max }),
  minLength: ([min]) => ({ minLength: min }),
  maxLength: ([max]) => ({ maxLength: max }),
  length: ([min, max]) => ({ minLength: min, ...(max === undefined ? {} : { maxLength: max }) }),
  matches: ([pattern]) => {
    const source = pattern instanceof RegExp ? pattern.source : String(pattern);
    // Not blank (/\S/), with the rule every text is held to: something visible, no control character.
    return source === '\\S' ? { minLength: 1, pattern: NON_BLANK_TEXT_PATTERN } : { pattern: source };
  },
  isIn: ([values]) => ({ enum: values, type: typeof (values as unknown[])[0] === 'number' ? 'integer' : 'string' }),
  isArray: () => ({ type: 'array' }),
  arrayMinSize: ([min]) => ({ minItems: min }),
  arrayMaxSize: ([max]) => ({ maxItems: max }),
  arrayUnique: () => ({ uniqueItems: true }),
  // The project's own (libs/http/src/validation, query-params): what each checks, as a schema says it.
  isWholeNumber: ([min, max]) => ({ type: 'integer', ...(min === undefined ? {} : { minimum: min }), maximum: max ?? LARGEST_QUERY_INTEGER }),
  isInstant: () => ({ type: 'string', format: 'date-time' }),
  isQuarter: () => ({ type: 'string', pattern: '^(19[7-9]\\d|[2-9]\\d{3})-Q[1-4]$' }),
  isIso8601: () => ({ type: 'string', format: 'date-time' }),
};

/** A string that must not be empty says so as minLength 1; on anything else isNotEmpty only rules out null. */
const NOT_EMPTY = 'isNotEmpty';

/**
 * Writes what the request DTOs' class-validator rules enforce into their @ApiProperty metadata
 * (type, bounds, lengths, patterns, enums, item counts, required), so that the document declares
 * the constraints the server checks without a second copy of each beside its rule. Members
 * without @ApiProperty are left out of the document as before (the docs test names them).
 * Runs before the document is generated; running it again changes nothing.
 */
export function declareValidationConstraints(): void {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<abstract new (...args: never[]) => unknown, ValidationMetadata[]> };
  for (const [target, rules] of storage.validationMetadatas) {
    const byProperty = new Map<string, ValidationMetadata[]>();
    for (const rule of rules) byProperty.set(rule.propertyName, [...(byProperty.get(rule.propertyName) ?? []), rule]);
    for (const [property, ofProperty] of byProperty) declareProperty(target, property, ofProperty);
  }
}

function declareProperty(target: abstract new (...args: never[]) => unknown, property: string, rules: readonly ValidationMetadata[]): void {
  const prototype = target.prototype as object;
  const declared = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, prototype, property) as Schema | undefined;
  if (declared === undefined) return;
  const own: Schema = {};
  const items: Schema = {};
  let conditional = false;
  let notEmpty = false;
  for (const rule of rules) {
    if (rule.type === ValidationTypes.CONDITIONAL_VALIDATION) conditional = true;
    if (rule.name === NOT_EMPTY) notEmpty = true;
    const keywords = rule.name === undefined ? undefined : KEYWORDS[rule.name]?.(rule.constraints ?? []);
    if (keywords !== undefined) Object.assign(rule.each ? items : own, keywords);
  }
  const isArray = declared['isArray'] === true || own['type'] === 'array' || Array.isArray(declared['type']);
  const merged: Schema = { ...declared, required: !conditional };
  if (isArray) {
    // Nest Swagger builds the array from the item's type with isArray; what is said of each item goes to items.
    const { type: _array, ...arrayKeywords } = own;
    Object.assign(merged, arrayKeywords, { isArray: true });
    const { enum: values, type: itemType, ...itemKeywords } = items;
    if (values !== undefined) merged['enum'] = values;
    if (itemType !== undefined && typeof declared['type'] !== 'function') merged['type'] = itemType;
    // Bounds of each item replace the items Nest Swagger would build: its type goes with them (`type: [Number]` with @IsInt each).
    if (Object.keys(itemKeywords).length > 0) merged['items'] = { ...(itemType === undefined ? {} : { type: itemType }), ...(merged['items'] as Schema | undefined), ...itemKeywords };
  } else {
    Object.assign(merged, own);
    if (notEmpty && (merged['type'] === 'string' || merged['type'] === String) && merged['minLength'] === undefined) merged['minLength'] = 1;
  }
  Reflect.defineMetadata(DECORATORS.API_MODEL_PROPERTIES, merged, prototype, property);
}

/** A free string (no pattern, enum or format of its own) says which characters the server refuses in it. */
function declareRequestText(schema: Schema | undefined, parameter = false): void {
  if (schema === undefined) return;
  if (schema['type'] === 'array') return declareRequestText(schema['items'] as Schema | undefined);
  if (schema['type'] !== 'string' || schema['enum'] !== undefined) return;
  if (schema['pattern'] === undefined && schema['format'] === undefined) schema['pattern'] = REQUEST_TEXT_PATTERN;
  // An empty query or path parameter is refused (`?status=`: leave out a filter not meant).
  if (parameter && schema['minLength'] === undefined) schema['minLength'] = 1;
}

/**
 * The server refuses members a request DTO does not declare (forbidNonWhitelisted): their schemas
 * say so with `additionalProperties: false`. And the text rules every request is held to are
 * declared on the request DTOs' free strings and on every path and query parameter.
 */
export function closeValidatedSchemas(document: OpenAPIObject): OpenAPIObject {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<{ name: string }, ValidationMetadata[]> };
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  for (const target of storage.validationMetadatas.keys()) {
    const schema = schemas[target.name];
    if (schema === undefined || schema['$ref'] !== undefined) continue;
    schema['additionalProperties'] = false;
    for (const property of Object.values((schema['properties'] ?? {}) as Record<string, Schema>)) declareRequestText(property);
  }
  for (const operations of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(operations as Record<string, { parameters?: { in?: string; schema?: Schema }[] }>)) {
      if (typeof operation !== 'object' || operation === null || !Array.isArray(operation.parameters)) continue;
      // Headers are not text the server keeps: one it does not know (a Prefer preference) it ignores, as HTTP asks.
      for (const parameter of operation.parameters) if (parameter.in !== 'header') declareRequestText(parameter.schema, true);
    }
  }
  return document;
}
