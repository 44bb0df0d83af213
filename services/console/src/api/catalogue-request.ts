import { api } from './client';
import type { Catalogue } from './types';

export interface CatalogueRequest {
  readonly token: string;
  readonly answer: Promise<Catalogue>;
  /**
   * What the pages read: the same, marked fulfilled the moment it came (React's `use` reads such a
   * promise at once, react.dev/reference/react/use, so a page rendered after it came does not
   * suspend), and never rejected (the provider shows the failure in the pages' place).
   */
  readonly forPages: Promise<Catalogue>;
  /** Settles once the answer came (and `forPages` is marked) or failed. */
  readonly settled: Promise<void>;
}

export function requestCatalogue(token: string): CatalogueRequest {
  const answer = api<Catalogue>('GET', '/api/catalogue', { token });
  const forPages: Promise<Catalogue> = new Promise((resolve) => {
    answer.then(
      (value) => {
        Object.assign(forPages, { status: 'fulfilled', value });
        resolve(value);
      },
      () => undefined,
    );
  });
  // Registered after the marking above, so it runs after it.
  const settled = answer.then(
    () => undefined,
    () => undefined,
  );
  return { token, answer, forPages, settled };
}

let prefetched: CatalogueRequest | null = null;

/** Asks for the catalogue as the console starts, before its code has come (main.tsx); settles once it came or failed. */
export function prefetchCatalogue(token: string): Promise<void> {
  prefetched = requestCatalogue(token);
  return prefetched.settled;
}

/** The request sent as the console started, once, if it was for `token`; else a new one. */
export function catalogueRequestFor(token: string): CatalogueRequest {
  const taken = prefetched;
  prefetched = null;
  return taken?.token === token ? taken : requestCatalogue(token);
}
