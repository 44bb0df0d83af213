import type { Logger } from 'pino';
import { catalogueAfter, isCatalogueEvent, streams, NO_REMOVED_ENTRIES, type CatalogueInForce } from '@whistle/contracts';
import type { CatalogueIndex } from '@whistle/catalogue';
import type { EventStore } from '@whistle/event-store';

/**
 * Keeps a process's catalogue (目录) in force as the catalogue's changes are recorded: reads the
 * supervision service's stream of changes (`catalogue-<town>`) from the revision in force on, folds
 * what is new and puts it in force. The supervision service refreshes after each change it records;
 * every other process of the distributed mode polls the stream, read only, as the read sides read
 * the writers' stores (a process needs the whole catalogue before it serves, which a topic gives
 * only by replaying it from its start). The embedded process shares one index with the service.
 */
export class CatalogueFollower {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<boolean> | null = null;
  private lastError: string | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly catalogue: CatalogueIndex,
    private readonly logger?: Logger,
  ) {}

  /** The stream of the town's changes. */
  get streamId(): string {
    return streams.catalogue(this.catalogue.town.id);
  }

  /** Puts in force what was recorded since the revision in force; whether anything changed. One refresh at a time. */
  refresh(): Promise<boolean> {
    this.running ??= this.read().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Refreshes every `intervalMs` until `stop`; a failed read is logged once and tried again. */
  follow(intervalMs: number): void {
    this.timer = setInterval(() => {
      this.refresh().then(
        () => {
          this.lastError = null;
        },
        (error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          if (message !== this.lastError) this.logger?.warn({ err: error }, `could not read the catalogue's changes (${this.streamId}); the catalogue in force stays until it can`);
          this.lastError = message;
        },
      );
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async read(): Promise<boolean> {
    const from = this.catalogue.revision + 1;
    const events = await this.store.readStream(this.streamId, { fromRevision: from });
    if (events.length === 0) return false;
    let inForce: CatalogueInForce = from === 0 ? { catalogue: this.catalogue.catalogue, removed: NO_REMOVED_ENTRIES } : { catalogue: this.catalogue.catalogue, removed: this.catalogue.removed };
    let revision = this.catalogue.revision;
    for (const envelope of events) {
      const event = { type: envelope.type, data: envelope.data };
      if (!isCatalogueEvent(event)) throw new Error(`${this.streamId} holds ${envelope.type} at revision ${envelope.revision}, not a change of the catalogue`);
      inForce = catalogueAfter(inForce, event);
      revision = envelope.revision;
    }
    const changed = this.catalogue.replace(inForce, revision);
    if (changed) this.logger?.info({ revision }, `the catalogue in force is now revision ${revision} of ${this.streamId}`);
    return changed;
  }
}
