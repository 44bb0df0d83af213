import type * as client from '@kurrent/kurrentdb-client';

/**
 * The KurrentDB client (with gRPC under it), loaded on first use, so that a process whose stores
 * are not on KurrentDB never loads it: it cost the embedded server about 30 MB resident. Node keeps
 * the module once loaded.
 */
export function kurrent(): typeof client {
  return require('@kurrent/kurrentdb-client') as typeof client;
}
