import { applyDecorators } from '@nestjs/common';
import { ApiParam, getSchemaPath } from '@nestjs/swagger';
import { ApiAnswer, ApiError, ERROR_MEANINGS, ErrorBodySchema, schema, type ErrorStatus } from '@whistle/http';
import { OPEN311_FORMATS } from './format';

const XML = (what: string) => ({ type: 'string' as const, description: `${what}, as the GeoReport v2 specification writes it in XML` });

/**
 * An id in a path before its extension (`requests/{id}.json`): no dot, as the route takes the text
 * up to the first dot for it (the case ids and category codes have none).
 */
export function ApiOpen311Id(name: string, description: string) {
  return ApiParam({ name, description, schema: { type: 'string', pattern: '^[^./]+$' } });
}

const ERRORS_JSON = schema.list(schema.object({ code: schema.integer('the HTTP status'), description: schema.text('what was wrong, naming the field') }));

/**
 * The routes answer in the specification's format; what is refused before a request reaches them
 * (a body that is not UTF-8 or is nested too deep, the address's rate limit, nginx's own errors)
 * comes in the API's error shape, as on every other path.
 */
const ERRORS_JSON_OR_API = { oneOf: [ERRORS_JSON, { $ref: getSchemaPath(ErrorBodySchema) }] };

/** The `{format}` of a path (`requests.json`, `requests.xml`) and the answer in both. */
export function ApiOpen311Answer(answer: schema.SchemaObject, xmlRoot: string) {
  return applyDecorators(
    ApiParam({ name: 'format', enum: OPEN311_FORMATS, description: 'the answer’s format: the resource’s extension' }),
    ApiAnswer(answer, { alternatives: { 'text/xml': XML(`<${xmlRoot}>`) } }),
  );
}

/** Errors in the specification's format (`[{ code, description }]`, `<errors><error>…`) rather than the API's. */
export function ApiOpen311Errors(...statuses: ErrorStatus[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiError(status, { description: ERROR_MEANINGS[status], content: { 'application/json': { schema: ERRORS_JSON_OR_API }, 'text/xml': { schema: XML('<errors>') } } }),
    ),
  );
}

const nullableText = (description?: string) => schema.nullable(schema.text(description));

export const SERVICES_ANSWER = schema.list(
  schema.object({
    service_code: schema.text('a category of the catalogue'),
    service_name: schema.text('its name in Chinese'),
    description: schema.text(),
    metadata: schema.boolean('true: GET services/{service_code} names the compound attribute'),
    type: schema.oneOf(['realtime']),
    keywords: schema.text(),
    group: schema.text('the level the category proposes'),
  }),
);

export const SERVICE_DEFINITION_ANSWER = schema.object({
  service_code: schema.text(),
  attributes: schema.list(
    schema.object({
      variable: schema.boolean(),
      code: schema.text(),
      datatype: schema.oneOf(['singlevaluelist']),
      required: schema.boolean(),
      datatype_description: schema.text(),
      order: schema.integer(),
      description: schema.text(),
      values: schema.list(schema.object({ key: schema.text('a compound’s id'), name: schema.text('its community and name') })),
    }),
  ),
});

export const FILED_ANSWER = schema.list(
  schema.object({ service_request_id: schema.text('the case’s id'), service_notice: schema.text(), account_id: schema.nullable(schema.text('always null: no accounts here')) }),
);

export const REQUESTS_ANSWER = schema.list(
  schema.object({
    service_request_id: schema.text('the case’s id'),
    status: schema.oneOf(['open', 'closed']),
    status_notes: schema.text('the case’s status in Chinese and English'),
    service_name: nullableText(),
    service_code: nullableText(),
    agency_responsible: nullableText('the units summoned, else the station'),
    service_notice: nullableText('the level of the whistle blown'),
    requested_datetime: schema.nullable(schema.instant()),
    updated_datetime: schema.instant(),
    expected_datetime: schema.nullable(schema.instant('the latest deadline still pending')),
  }),
);
