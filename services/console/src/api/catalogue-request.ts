import { api } from './client';
import type { Catalogue } from './types';

/** A promise that never settles: what the pages wait on while the provider shows why the catalogue did not come. */
const never = new Promise<never>(() => undefined);

export interface CatalogueRequest {
  readonly token: string;
  readonly answer: Promise<Catalogue>;
  /** the same, except that it never rejects: what the pages read */
  readonly forPages: Promise<Catalogue>;
}

export function requestCatalogue(token: string): CatalogueRequest {
  const answer = api<Catalogue>('GET', '/api/catalogue', { token });
  const forPages = answer.catch(() => never);
  // React reads a promise marked fulfilled at once (react.dev/reference/react/use): a page that
  // renders after the catalogue came does not suspend.
  void forPages.then((value) => Object.assign(forPages, { status: 'fulfilled', value }));
  return { token, answer, forPages };
}

let prefetched: CatalogueRequest | null = null;

/** Asks for the catalogue as the console starts, before its code has come (main.tsx). */
export function prefetchCatalogue(token: string): void {
  prefetched = requestCatalogue(token);
}

/** The request sent as the console started, once, if it was for `token`; else a new one. */
export function catalogueRequestFor(token: string): CatalogueRequest {
  const taken = prefetched;
  prefetched = null;
  return taken?.token === token ? taken : requestCatalogue(token);
}
