import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, DECORATORS, getSchemaPath, type SchemaObject } from '@nestjs/swagger';
import type { ErrorStatus } from './error-body';
import { integer, list, nullable, object, text } from './schema';

/*
 * What an operation answers travels from these decorators to the document as two operation
 * extensions, which completeResponses (api-document.ts) turns into responses and removes. Nest
 * Swagger drops its own success response (with the status @HttpCode set) as soon as a handler
 * declares any response itself, so these never declare one: the success keeps the status the
 * route really answers with, and the errors every route of a kind can give are added in one place.
 */
export const ANSWER_EXTENSION = 'x-whistle-answer';
export const ERRORS_EXTENSION = 'x-whistle-errors';
export const NO_TOKEN_EXTENSION = 'x-whistle-no-token';

/** A response object, or the description of an error answered in the error shape (null: the usual one). */
export type ErrorDeclaration = string | null | { readonly description: string; readonly content: Record<string, { schema: SchemaObject }> };

export interface Answer {
  readonly description: string;
  readonly content: Record<string, { schema: SchemaObject }>;
}

type AnswerSchema = SchemaObject | Type<unknown>;

export interface AnswerOptions {
  readonly description?: string;
  /** Other media types the operation answers with besides JSON (a printable page, a workbook, a stream). */
  readonly alternatives?: Record<string, SchemaObject>;
  /** Only these media types, no JSON (a stream of server-sent events). */
  readonly only?: Record<string, SchemaObject>;
}

/** Merges `value` into the extension `key` of a handler, or of every handler of a controller. */
function extend(key: string, value: Record<string, unknown>) {
  const onto = (method: object) => {
    const extensions = (Reflect.getMetadata(DECORATORS.API_EXTENSION, method) ?? {}) as Record<string, Record<string, unknown>>;
    Reflect.defineMetadata(DECORATORS.API_EXTENSION, { ...extensions, [key]: { ...extensions[key], ...value } }, method);
  };
  return (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (descriptor) {
      onto(descriptor.value as object);
      return descriptor;
    }
    const prototype = (target as Type<unknown>).prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      if (name !== 'constructor' && typeof prototype[name] === 'function') onto(prototype[name] as object);
    }
    return target;
  };
}

// A reference where a schema goes: what Nest Swagger itself writes for a class.
const schemaOf = (answer: AnswerSchema): SchemaObject => (typeof answer === 'function' ? ({ $ref: getSchemaPath(answer) } as SchemaObject) : answer);

/**
 * The success response's body: a schema, or a class with @ApiProperty members. Its status is
 * the route's own (201 for a POST, or what @HttpCode says).
 */
export function ApiAnswer(answer: AnswerSchema, options: AnswerOptions = {}) {
  const content = options.only
    ? Object.fromEntries(Object.entries(options.only).map(([type, schema]) => [type, { schema }]))
    : {
        'application/json': { schema: schemaOf(answer) },
        ...Object.fromEntries(Object.entries(options.alternatives ?? {}).map(([type, schema]) => [type, { schema }])),
      };
  const declared: Answer = { description: options.description ?? 'Done', content };
  const decorators = [extend(ANSWER_EXTENSION, declared as unknown as Record<string, unknown>)];
  if (typeof answer === 'function') decorators.push(ApiExtraModels(answer));
  return applyDecorators(...decorators);
}

/** What every command answers (API.md): its stream's id and revision, the event types recorded and its position. */
export const COMMAND_RESPONSE: Record<string, SchemaObject> = {
  id: text('the id of the stream the command ran on (the case, task, meeting, …)'),
  revision: integer('the stream’s revision after the command: send it as If-Match to make the next command conditional'),
  events: list(text(), 'the types of the events recorded, in order (empty when the command changed nothing)'),
  position: nullable(text('send it as After-Position to read what the command did; also the Position header; null only when the stream has no event')),
};

/** A command's answer, with the members it adds to the usual four (the id of what it created, …). */
export const ApiCommandAnswer = (extra: Record<string, SchemaObject> = {}, optional: Record<string, SchemaObject> = {}) =>
  ApiAnswer(object({ ...COMMAND_RESPONSE, ...extra }, optional), { description: 'The command ran: what it recorded' });

/**
 * The errors of this operation's own (not found, refused, …), beside those every route of its
 * kind can give, which the document adds itself (400 for input, 401/403 behind a token, …).
 */
export const ApiErrors = (...statuses: ErrorStatus[]) => extend(ERRORS_EXTENSION, Object.fromEntries(statuses.map((status) => [status, null])));

/** An error status with what it means for this operation. */
export const ApiError = (status: ErrorStatus, declaration: ErrorDeclaration) => extend(ERRORS_EXTENSION, { [status]: declaration });

/** The operation needs no token: the document lifts its bearer requirement and declares no 401 or 403 (applied by @Public). */
export const ApiNoToken = () => extend(NO_TOKEN_EXTENSION, { public: true });
