import {
  ReadModelConflict,
  type FindQuery,
  type FindResult,
  type PutOptions,
  type ReadModelCollection,
  type ReadModelDocument,
  type ReadModelStore,
  type TallyQuery,
  type TallyRow,
  type VersionedWrite,
} from '../read-model-store.port';
import { compileWhere, sortedBy } from './document-query';
import { tallyOf } from './tally';

/** A copy through JSON: what a document database could not hold (undefined, functions, class instances) is lost. */
function copyOf<T>(doc: T): T {
  return JSON.parse(JSON.stringify(doc)) as T;
}

/**
 * Each document kept as a private copy, and each one handed out as a copy, so a caller never
 * shares an object with the store. Queries read the kept copies and copy only what they return,
 * so filtering, paging and tallying 100,000 cases parses nothing.
 */
class InMemoryCollection<D extends ReadModelDocument> implements ReadModelCollection<D> {
  private readonly docs = new Map<string, D>();

  constructor(private readonly name: string) {}

  async get(id: string): Promise<D | undefined> {
    const doc = this.docs.get(id);
    return doc === undefined ? undefined : copyOf(doc);
  }

  async getMany(ids: readonly string[]): Promise<D[]> {
    return [...new Set(ids)].flatMap((id) => {
      const doc = this.docs.get(id);
      return doc === undefined ? [] : [copyOf(doc)];
    });
  }

  async putMany(writes: readonly VersionedWrite<D>[]): Promise<ReadonlySet<string>> {
    const conflicts = new Set<string>();
    for (const { doc, expectedVersion } of writes) {
      if (this.storedVersion(doc.id) === expectedVersion) this.docs.set(doc.id, copyOf(doc));
      else conflicts.add(doc.id);
    }
    return conflicts;
  }

  async put(doc: D, options?: PutOptions): Promise<void> {
    // Checked and written with no await in between, so the condition holds when the write happens.
    if (options && this.storedVersion(doc.id) !== options.expectedVersion) {
      throw new ReadModelConflict(this.name, doc.id, options.expectedVersion);
    }
    this.docs.set(doc.id, copyOf(doc));
  }

  async find(query: FindQuery = {}): Promise<FindResult<D>> {
    const { where = {}, sort = [], skip = 0, limit } = query;
    if (!Number.isInteger(skip) || skip < 0) throw new RangeError(`skip must be a whole number of at least 0; got ${skip}`);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
      throw new RangeError(`limit must be a whole number of at least 1; got ${limit}`);
    }
    const found = sortedBy([...this.docs.values()].filter(compileWhere(where)), sort);
    return { items: found.slice(skip, limit === undefined ? undefined : skip + limit).map(copyOf), total: found.length };
  }

  async tally(query: TallyQuery): Promise<TallyRow[]> {
    return tallyOf(this.docs.values(), query);
  }

  async clear(): Promise<void> {
    this.docs.clear();
  }

  private storedVersion(id: string): number {
    return this.docs.get(id)?.version ?? 0;
  }
}

export class InMemoryReadModelStore implements ReadModelStore {
  private readonly collections = new Map<string, InMemoryCollection<ReadModelDocument>>();

  collection<D extends ReadModelDocument>(name: string): ReadModelCollection<D> {
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new InMemoryCollection(name);
      this.collections.set(name, collection);
    }
    return collection as unknown as ReadModelCollection<D>;
  }
}
