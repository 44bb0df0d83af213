import { XMLBuilder } from 'fast-xml-parser';
import { InvalidRequest } from '@whistle/http';

/** GeoReport v2 answers in the format the resource's extension names: `services.xml`, `requests/{id}.json`. */
export const OPEN311_FORMATS = ['json', 'xml'] as const;
export type Open311Format = (typeof OPEN311_FORMATS)[number];

export function isOpen311Format(value: string): value is Open311Format {
  return (OPEN311_FORMATS as readonly string[]).includes(value);
}

/** The format a path's extension names; another extension is a 400 naming it. */
export function formatOf(extension: string): Open311Format {
  if (isOpen311Format(extension)) return extension;
  throw new InvalidRequest([{ field: 'format', message: `format must be json or xml (the resource's extension); got "${extension}"` }]);
}

/** The format of a path as the error filter reads it before any route parsed it: XML for `.xml`, JSON otherwise. */
export function formatOfPath(path: string): Open311Format {
  return /\.xml$/i.test(path) ? 'xml' : 'json';
}

/**
 * The element each list's items get in XML, as the specification's examples name them: a JSON
 * array of services is `<services><service>…` there, a request's list `<service_requests><request>…`.
 */
const ITEM_OF: Readonly<Record<string, string>> = {
  services: 'service',
  service_requests: 'request',
  attributes: 'attribute',
  values: 'value',
  errors: 'error',
};

/** JSON's shape as the XML builder takes it: each list wrapped in its element, each item named. */
function xmlTree(value: unknown, name: string): unknown {
  if (Array.isArray(value)) {
    const item = ITEM_OF[name];
    if (item === undefined) throw new Error(`no XML element is named for the items of ${name}`);
    return { [item]: value.map((entry) => xmlTree(entry, item)) };
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, xmlTree(entry, key)]));
  }
  // The specification's XML leaves an unknown value an empty element (`<account_id/>`).
  return value === null || value === undefined ? '' : value;
}

const builder = new XMLBuilder({ format: true, suppressEmptyNode: true, indentBy: '  ' });

export interface RenderedAnswer {
  readonly contentType: string;
  readonly body: string;
}

/**
 * An answer in the format asked for. `root` is the XML document's element; in JSON the answer is
 * `value` as it is (a list, or the service definition's object), as the specification shows.
 */
export function render(format: Open311Format, root: string, value: unknown): RenderedAnswer {
  if (format === 'json') return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(value) };
  const xml = builder.build({ [root]: xmlTree(value, root) }) as string;
  return { contentType: 'text/xml; charset=utf-8', body: `<?xml version="1.0" encoding="UTF-8"?>\n${xml}` };
}
