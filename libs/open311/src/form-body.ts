import { PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { Request } from 'express';
import { InvalidRequest } from '@whistle/http';

/** Open311 forms are a few fields; the API's own default body limit. */
export const FORM_BODY_LIMIT = 64 * 1024;

const FORM = 'application/x-www-form-urlencoded';
/** `attribute[compound]`: a service's attribute, as the specification names them in a form. */
const BRACKETED = /^([A-Za-z_][A-Za-z0-9_]*)\[([^\]]+)\]$/;

type FormValue = string | string[];
export type FormBody = Record<string, FormValue | Record<string, FormValue>>;

/**
 * Names that reach a prototype (`body['__proto__']` is Object.prototype, `constructor[x]` writes
 * onto Object). The form is read before the api_key guard, so anyone could send one: refused as
 * names and as members, and fields are held in objects without a prototype besides.
 */
const FORBIDDEN_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

function refuseForbidden(field: string, name: string): void {
  if (FORBIDDEN_NAMES.has(name)) throw new InvalidRequest([{ field, message: `${field} is not a field a service request has` }]);
}

/** A form's fields; a repeated one becomes a list (which the DTO then refuses, naming it), `a[b]` an object under `a`. */
export function parseForm(text: string): FormBody {
  const body = Object.create(null) as FormBody;
  const put = (target: Record<string, FormValue>, key: string, value: string) => {
    const seen = Object.hasOwn(target, key) ? target[key] : undefined;
    target[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  };
  for (const [key, value] of new URLSearchParams(text)) {
    const bracketed = BRACKETED.exec(key);
    if (bracketed === null) {
      refuseForbidden(key, key);
      if (Object.hasOwn(body, key) && typeof body[key] === 'object' && !Array.isArray(body[key])) throw new InvalidRequest([{ field: key, message: `${key} is given both alone and as ${key}[…]` }]);
      put(body as Record<string, FormValue>, key, value);
      continue;
    }
    const [, name, member] = bracketed as unknown as [string, string, string];
    refuseForbidden(name, name);
    refuseForbidden(key, member);
    const group = Object.hasOwn(body, name) ? body[name] : undefined;
    if (group !== undefined && (typeof group === 'string' || Array.isArray(group))) throw new InvalidRequest([{ field: name, message: `${name} is given both alone and as ${name}[…]` }]);
    const members = (group ?? Object.create(null)) as Record<string, FormValue>;
    body[name] = members;
    put(members, member, value);
  }
  return body;
}

/**
 * GeoReport v2 posts service requests as forms (application/x-www-form-urlencoded), which the
 * API's own body parser (JSON only) leaves unread: this reads one, in UTF-8 and within
 * FORM_BODY_LIMIT, into `request.body`, before the Idempotency-Key interceptor hashes it and the
 * validation pipe checks it. A JSON body the parser read already passes; any other type is a 415.
 */
export async function readFormBody(request: Request): Promise<void> {
  const header = request.headers['content-type'] ?? '';
  const type = header.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === '' || type === 'application/json') return;
  if (type !== FORM) throw new UnsupportedMediaTypeException(`a service request is a form (${FORM}) or JSON; got ${type}`);
  const charset = /charset=([^;]+)/i.exec(header)?.[1]?.trim().replace(/"/g, '').toLowerCase();
  if (charset !== undefined && charset !== 'utf-8') throw new UnsupportedMediaTypeException(`a form must be UTF-8; got charset ${charset}`);
  request.body = await readForm(request);
}

async function readForm(request: Request): Promise<FormBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > FORM_BODY_LIMIT) throw new PayloadTooLargeException(`the form is larger than ${FORM_BODY_LIMIT} bytes`);
    chunks.push(chunk);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new InvalidRequest([{ field: 'body', message: 'the form is not valid UTF-8' }]);
  }
  return parseForm(text);
}
