import type { SchemaObject } from '@nestjs/swagger';

export type { SchemaObject };

/*
 * Small builders for the response schemas of views that are TypeScript types, not classes: the
 * read models' views, the audit's reports. A schema says what the server always sends (required)
 * and what it may (the rest), and leaves further members allowed, so that a view that grows a
 * member does not break its contract.
 */

export const text = (description?: string): SchemaObject => ({ type: 'string', ...(description ? { description } : {}) });
export const integer = (description?: string): SchemaObject => ({ type: 'integer', ...(description ? { description } : {}) });
export const number = (description?: string): SchemaObject => ({ type: 'number', ...(description ? { description } : {}) });
export const boolean = (description?: string): SchemaObject => ({ type: 'boolean', ...(description ? { description } : {}) });
/** An ISO-8601 instant as the API writes its times. */
export const instant = (description?: string): SchemaObject => ({ type: 'string', format: 'date-time', ...(description ? { description } : {}) });
export const oneOf = <T extends string | number>(values: readonly T[], description?: string): SchemaObject => ({
  type: typeof values[0] === 'number' ? 'integer' : 'string',
  enum: [...values],
  ...(description ? { description } : {}),
});
export const list = (items: SchemaObject, description?: string): SchemaObject => ({ type: 'array', items, ...(description ? { description } : {}) });
/** An object whose members are not fixed (a map keyed by ids, a payload of any event). */
export const anyObject = (description?: string): SchemaObject => ({ type: 'object', additionalProperties: true, ...(description ? { description } : {}) });
export const mapOf = (values: SchemaObject, description?: string): SchemaObject => ({ type: 'object', additionalProperties: values, ...(description ? { description } : {}) });
/** Any JSON value: what a member holds when its shape depends on something else. */
export const anything = (description?: string): SchemaObject => (description ? { description } : {});

/** `null` or the schema (OpenAPI 3.0's `nullable`). */
export const nullable = (schema: SchemaObject): SchemaObject => ({ ...schema, nullable: true });

/**
 * An object with `required` members always sent and `optional` ones sent when they apply.
 * Members left out of both may be sent too.
 */
export function object(required: Record<string, SchemaObject>, optional: Record<string, SchemaObject> = {}, description?: string): SchemaObject {
  const names = Object.keys(required);
  return {
    type: 'object',
    properties: { ...required, ...optional },
    ...(names.length > 0 ? { required: names } : {}),
    ...(description ? { description } : {}),
  };
}

/** `{ items, page, pageSize, total }`, as every list answers. */
export const page = (items: SchemaObject, extra: Record<string, SchemaObject> = {}): SchemaObject =>
  object({ items: list(items), page: integer(), pageSize: integer(), total: integer('how many match, over every page'), ...extra });
