import type { SpawnSyncReturns, StdioOptions } from 'node:child_process';

/** The local servers the suites and the bench bring up on first use, in the order to stop them. */
export declare const SERVERS: readonly string[];
/** Those of SERVERS running now. */
export declare function running(): string[];
/** Runs `deploy/local/<name>.sh <command>`. */
export declare function script(name: string, command: string, stdio: StdioOptions): SpawnSyncReturns<Buffer>;
