import type * as client from '@kurrent/kurrentdb-client';

let loaded: typeof client | undefined;

/**
 * The KurrentDB client (with gRPC under it), loaded on first use, so that a process whose stores
 * are not on KurrentDB never loads it: it cost the embedded server about 30 MB resident. Kept once
 * loaded, since appends ask for it per event.
 */
export function kurrent(): typeof client {
  return (loaded ??= require('@kurrent/kurrentdb-client') as typeof client);
}
