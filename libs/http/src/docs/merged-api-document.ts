import type { OpenAPIObject } from '@nestjs/swagger';
import type { Logger } from 'pino';
import { API_DOCUMENT_PATH } from './api-docs';

/** How long one service's document may take to come; the merged one is served without it after that. */
const FETCH_TIMEOUT_MS = 2_000;

type Paths = OpenAPIObject['paths'];

/**
 * The document of the distributed mode's one base URL: the serving service's own, merged with
 * every other service's (`API_DOCS_SOURCES`, their base URLs), each fetched when the document is
 * asked for, so that a service started, restarted or upgraded after this one is in it as it runs
 * now. A service that does not answer in time is merged from the last document it gave, and
 * until it gave one the description names it as missing. The services run the same code, so a
 * path two of them serve (health, sign-in) and a schema of the same name are the same: the
 * serving service's own is kept.
 */
export function mergedApiDocument(sources: readonly string[], logger: Pick<Logger, 'warn'>): (own: OpenAPIObject) => Promise<OpenAPIObject> {
  const lastGood = new Map<string, OpenAPIObject>();
  const fetchOne = async (source: string): Promise<OpenAPIObject | undefined> => {
    try {
      const response = await fetch(new URL(API_DOCUMENT_PATH, source), { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      if (!response.ok) throw new Error(`it answered ${response.status}`);
      const document = (await response.json()) as OpenAPIObject;
      lastGood.set(source, document);
      return document;
    } catch (error) {
      logger.warn({ source, error: (error as Error).message }, 'a service’s API document could not be fetched: merged from its last one, if any');
      return lastGood.get(source);
    }
  };
  return async (own) => {
    const others = await Promise.all(sources.map(async (source) => ({ source, document: await fetchOne(source) })));
    const missing = others.filter((o) => o.document === undefined).map((o) => o.source);
    const merged = mergeApiDocuments(own, others.flatMap((o) => (o.document ? [o.document] : [])));
    if (missing.length === 0) return merged;
    return { ...merged, info: { ...merged.info, description: `${merged.info.description ?? ''}\n\nNot merged (no answer yet): ${missing.join(', ')}` } };
  };
}

/** `own` with every path, operation, component and tag of `others` it lacks. */
export function mergeApiDocuments(own: OpenAPIObject, others: readonly OpenAPIObject[]): OpenAPIObject {
  const paths: Paths = structuredClone(own.paths);
  const components = structuredClone(own.components ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const tags = [...(own.tags ?? [])];
  for (const other of others) {
    for (const [path, item] of Object.entries(other.paths)) paths[path] = { ...structuredClone(item), ...paths[path] };
    for (const [kind, entries] of Object.entries(other.components ?? {}) as [string, Record<string, unknown>][]) {
      components[kind] = { ...structuredClone(entries), ...components[kind] };
    }
    for (const tag of other.tags ?? []) if (!tags.some((t) => t.name === tag.name)) tags.push(tag);
  }
  return { ...own, paths, components, ...(tags.length > 0 ? { tags } : {}) };
}
