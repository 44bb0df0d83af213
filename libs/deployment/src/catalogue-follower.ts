import type { Logger } from 'pino';
import { canonicalJson } from '@whistle/kernel';
import { catalogueAfter, isCatalogueEvent, streams, NO_REMOVED_ENTRIES, type CatalogueInForce } from '@whistle/contracts';
import type { CatalogueIndex } from '@whistle/catalogue';
import type { EventStore } from '@whistle/event-store';

/**
 * Keeps a process's catalogue (目录) in force as the catalogue's changes are recorded: reads the
 * supervision service's stream of changes (`catalogue-<town>`) from the revision in force on, folds
 * what is new and puts it in force. The supervision service refreshes after each change it records;
 * every other process of the distributed mode follows the stream, read only, as the read sides read
 * the writers' stores (a process needs the whole catalogue before it serves, which a topic gives
 * only by replaying it from its start). The embedded process shares one index with the service.
 *
 * The store is opened when first needed (`openStore`): a fresh deployment's supervision store may
 * not be there yet, and is tried again at each refresh.
 */
export class CatalogueFollower {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<boolean> | null = null;
  private store: EventStore | null = null;
  private read = false;
  private lastProblem: string | null = null;

  constructor(
    private readonly openStore: EventStore | (() => Promise<EventStore>),
    private readonly catalogue: CatalogueIndex,
    private readonly logger?: Logger,
  ) {}

  /** The stream of the town's changes. */
  get streamId(): string {
    return streams.catalogue(this.catalogue.town.id);
  }

  /** Puts in force what was recorded since the revision in force; whether anything changed. One refresh at a time. */
  refresh(): Promise<boolean> {
    this.running ??= this.readChanges().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /**
   * Refreshes now and then every `intervalMs` until `close`. A failed read is logged once (until
   * one succeeds again) and tried again; `ready` fails until one read succeeded.
   */
  async follow(intervalMs: number): Promise<void> {
    await this.tryRefresh();
    this.timer = setInterval(() => void this.tryRefresh(), intervalMs);
    this.timer.unref();
  }

  /** Throws until the changes were read once: until then the catalogue in force may be one a change replaced. */
  async ready(): Promise<void> {
    if (!this.read) throw new Error(`the catalogue's recorded changes (${this.streamId}) have not been read yet: ${this.lastProblem ?? 'not tried yet'}`);
  }

  /** Stops following; closes the store when the follower opened it. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (typeof this.openStore === 'function') await this.store?.close();
  }

  private async tryRefresh(): Promise<void> {
    try {
      await this.refresh();
      this.read = true;
      this.lastProblem = null;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (this.lastProblem === null) this.logger?.warn({ err: error }, `the catalogue's recorded changes (${this.streamId}) cannot be read; the catalogue in force stays until they can`);
      this.lastProblem = message;
    }
  }

  private async storeOf(): Promise<EventStore> {
    if (typeof this.openStore !== 'function') return this.openStore;
    this.store ??= await this.openStore();
    return this.store;
  }

  private async readChanges(): Promise<boolean> {
    const from = this.catalogue.revision + 1;
    const events = await (await this.storeOf()).readStream(this.streamId, { fromRevision: from });
    if (events.length === 0) return false;
    let inForce: CatalogueInForce = from === 0 ? { catalogue: this.catalogue.catalogue, removed: NO_REMOVED_ENTRIES } : { catalogue: this.catalogue.catalogue, removed: this.catalogue.removed };
    let revision = this.catalogue.revision;
    for (const envelope of events) {
      const event = { type: envelope.type, data: envelope.data };
      if (!isCatalogueEvent(event)) throw new Error(`${this.streamId} holds ${envelope.type} at revision ${envelope.revision}, not a change of the catalogue`);
      if (event.type === 'supervision.CatalogueAdopted.v1' && canonicalJson(event.data.catalogue) !== canonicalJson(this.catalogue.starting)) {
        // The file only starts a system: once changes are recorded they are the catalogue, and an edit of the file does nothing.
        this.logger?.warn(
          `CATALOGUE_FILE differs from the catalogue the first recorded change adopted (${envelope.recordedAt}): the recorded changes are in force and the file is not read for them; change the catalogue through /api/catalogue (目录管理)`,
        );
      }
      inForce = catalogueAfter(inForce, event);
      revision = envelope.revision;
    }
    const changed = this.catalogue.replace(inForce, revision);
    if (changed) this.logger?.info({ revision }, `the catalogue in force is now revision ${revision} of ${this.streamId}`);
    return changed;
  }
}
