/** Those of the local servers (Kafka, FerretDB, PostgreSQL) running now. */
export declare function running(): string[];
/** Stops the servers running now that were not in `before`, the set running when `who` began. */
export declare function stopStartedSince(before: ReadonlySet<string>, who: string): void;
