import type { OpenAPIObject } from '@nestjs/swagger';
import { type CatalogueIds, catalogueListOf } from '../validation/catalogue-ids';

type Schema = Record<string, unknown>;
type Parameter = { name?: string; in?: string; schema?: Schema; example?: unknown };
type Operation = { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } };

const SCHEMA_REF = '#/components/schemas/';

/**
 * Declares the running catalogue's ids as the enums of every request member that names them
 * (CATALOGUE_ID_MEMBERS: body members at any depth, path and query parameters), the very lists
 * the validation pipe checks them against: a deployment's catalogue is its own, so this is done
 * when the document is built, not by the DTOs. Response schemas are left alone.
 */
export function declareCatalogueEnums(document: OpenAPIObject, ids: CatalogueIds): OpenAPIObject {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  const seen = new Set<Schema>();
  const walk = (schema: Schema | undefined): void => {
    const target = resolved(schema, schemas);
    if (target === undefined || seen.has(target)) return;
    seen.add(target);
    for (const [member, property] of Object.entries((target['properties'] ?? {}) as Record<string, Schema>)) {
      const list = catalogueListOf(member);
      if (list === undefined) walk(property);
      else restrict(resolved(property, schemas), ids[list]);
    }
    walk(target['items'] as Schema | undefined);
    for (const key of ['allOf', 'oneOf', 'anyOf']) for (const part of (target[key] ?? []) as Schema[]) walk(part);
  };
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(item as Record<string, Operation>)) {
      if (typeof operation !== 'object' || operation === null) continue;
      for (const parameter of operation.parameters ?? []) {
        const list = parameter.in === 'query' || parameter.in === 'path' ? catalogueListOf(parameter.name ?? '') : undefined;
        if (list === undefined) continue;
        restrict(parameter.schema, ids[list]);
        if (parameter.example !== undefined && !ids[list].includes(String(parameter.example))) delete parameter.example;
      }
      for (const media of Object.values(operation.requestBody?.content ?? {})) walk(media.schema);
    }
  }
  return document;
}

function resolved(schema: Schema | undefined, schemas: Record<string, Schema>): Schema | undefined {
  const ref = schema?.['$ref'];
  return typeof ref === 'string' && ref.startsWith(SCHEMA_REF) ? schemas[ref.slice(SCHEMA_REF.length)] : schema;
}

/** A string, or a list's items, becomes one of `known`; an example the catalogue lacks goes. */
function restrict(schema: Schema | undefined, known: readonly string[]): void {
  if (schema === undefined) return;
  const example = schema['example'];
  const examples = Array.isArray(example) ? (example as unknown[]) : example === undefined ? [] : [example];
  if (!examples.every((id) => known.includes(String(id)))) delete schema['example'];
  if (schema['type'] === 'array') return restrict(schema['items'] as Schema | undefined, known);
  schema['enum'] = [...known];
}
