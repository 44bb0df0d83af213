import type { Connection } from 'mongoose';
import { mongooseDriver } from './mongoose-driver';
import {
  ReadModelConflict,
  type Condition,
  type FindQuery,
  type FindResult,
  type PutOptions,
  type ReadModelCollection,
  type ReadModelDocument,
  type ReadModelStore,
  type Scalar,
  type TallyQuery,
  type TallyRow,
  type VersionedWrite,
  type Where,
} from '../read-model-store.port';
import { READ_MODEL_INDEXES } from '../read-model-indexes';
import { scalarOf } from '../memory/tally';

type Stored = Record<string, unknown> & { _id: string };

/**
 * Statements per `bulkWrite`. FerretDB's PostgreSQL backend takes a pooled connection per
 * statement (50 by default) and wedges for good when a bulk write needs more than the pool holds;
 * a third of that leaves room for the queries served meanwhile.
 */
export const WRITE_CHUNK = 16;

/**
 * The read models on MongoDB (or FerretDB) through mongoose: each collection of the port is a
 * Mongo collection whose `_id` is the document's id. Only what both servers support: no
 * transactions, `$lookup`, `$facet`, TTL or partial indexes; optimistic writes on `version`.
 */
export class MongoReadModelStore implements ReadModelStore {
  private constructor(private readonly connection: Connection) {}

  static async connect(uri: string): Promise<MongoReadModelStore> {
    const connection = mongooseDriver().createConnection(uri, { serverSelectionTimeoutMS: 10_000 });
    await connection.asPromise();
    return new MongoReadModelStore(connection);
  }

  collection<D extends ReadModelDocument>(name: string): ReadModelCollection<D> {
    return new MongoReadModelCollection<D>(this.connection, name);
  }

  async ensureIndexes(): Promise<void> {
    for (const [name, indexes] of Object.entries(READ_MODEL_INDEXES)) {
      for (const keys of indexes) await this.connection.collection(name).createIndex(keys);
    }
  }

  /** Readiness: the server answers a ping. */
  async ping(): Promise<void> {
    await this.connection.db?.command({ ping: 1 });
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}

class MongoReadModelCollection<D extends ReadModelDocument> implements ReadModelCollection<D> {
  constructor(
    private readonly connection: Connection,
    private readonly name: string,
  ) {}

  private get raw() {
    return this.connection.collection<Stored>(this.name);
  }

  async get(id: string): Promise<D | undefined> {
    const stored = await this.raw.findOne({ _id: id });
    return stored ? fromStored<D>(stored) : undefined;
  }

  async getMany(ids: readonly string[]): Promise<D[]> {
    if (ids.length === 0) return [];
    const stored = await this.raw.find({ _id: { $in: [...new Set(ids)] } }).toArray();
    return stored.map((item) => fromStored<D>(item));
  }

  async putMany(writes: readonly VersionedWrite<D>[]): Promise<ReadonlySet<string>> {
    const unconfirmed = new Set<string>();
    for (let from = 0; from < writes.length; from += WRITE_CHUNK) {
      for (const id of await this.putChunk(writes.slice(from, from + WRITE_CHUNK))) unconfirmed.add(id);
    }
    return unconfirmed;
  }

  /**
   * Inserts for new documents, conditional replaces for the others, unordered. A failed insert is
   * named by its index; a replace that matched nothing is only seen in the sum, so then every
   * replace of the chunk is unconfirmed.
   */
  private async putChunk(writes: readonly VersionedWrite<D>[]): Promise<string[]> {
    const operations = writes.map(({ doc, expectedVersion }) => {
      const stored = toStored(doc);
      return expectedVersion === 0
        ? { insertOne: { document: stored } }
        : { replaceOne: { filter: { _id: stored._id, version: expectedVersion }, replacement: stored } };
    });
    const replaces = writes.filter((w) => w.expectedVersion !== 0).map((w) => w.doc.id);
    let failedIndexes: number[] = [];
    let matched: number;
    try {
      matched = (await this.raw.bulkWrite(operations, { ordered: false })).matchedCount;
    } catch (error) {
      const bulk = error as { code?: number; writeErrors?: readonly { index: number; code: number }[] | { index: number; code: number }; result?: { matchedCount?: number } };
      const writeErrors = bulk.writeErrors === undefined ? [] : Array.isArray(bulk.writeErrors) ? bulk.writeErrors : [bulk.writeErrors];
      // Anything but duplicate ids of inserts leaves the chunk's outcome unknown.
      if (writeErrors.length === 0 || writeErrors.some((e) => e.code !== 11000 || !('insertOne' in (operations[e.index] ?? {})))) {
        return writes.map((w) => w.doc.id);
      }
      failedIndexes = writeErrors.map((e) => e.index);
      matched = bulk.result?.matchedCount ?? 0;
    }
    const failed = failedIndexes.map((i) => writes[i]?.doc.id).filter((id): id is string => id !== undefined);
    return matched === replaces.length ? failed : [...failed, ...replaces];
  }

  async put(doc: D, options?: PutOptions): Promise<void> {
    const stored = toStored(doc);
    if (options === undefined) {
      await this.raw.replaceOne({ _id: stored._id }, stored, { upsert: true });
      return;
    }
    if (options.expectedVersion === 0) {
      try {
        await this.raw.insertOne(stored);
      } catch (error) {
        if ((error as { code?: number }).code === 11000) throw new ReadModelConflict(this.name, doc.id, 0);
        throw error;
      }
      return;
    }
    const result = await this.raw.replaceOne({ _id: stored._id, version: options.expectedVersion }, stored);
    if (result.matchedCount === 0) throw new ReadModelConflict(this.name, doc.id, options.expectedVersion);
  }

  async find(query: FindQuery = {}): Promise<FindResult<D>> {
    const filter = toFilter(query.where ?? {});
    const sort: Record<string, 1 | -1> = {};
    for (const key of query.sort ?? []) sort[fieldOf(key.field)] = key.order === 'asc' ? 1 : -1;
    sort['_id'] = 1;
    let cursor = this.raw.find(filter).sort(sort);
    if (query.skip) cursor = cursor.skip(query.skip);
    if (query.limit !== undefined) cursor = cursor.limit(query.limit);
    const [items, total] = await Promise.all([cursor.toArray(), this.raw.countDocuments(filter)]);
    return { items: items.map((item) => fromStored<D>(item)), total };
  }

  /**
   * `$match`, `$unwind`, `$match`, then a `$group` with one accumulator, the only one FerretDB
   * computes right (FerretDB#4616): grouped by the `by` fields and the summed fields' values,
   * counted, and multiplied out here. One pipeline per bucket, each matching its interval.
   */
  async tally(query: TallyQuery): Promise<TallyRow[]> {
    const { buckets } = query;
    if (buckets === undefined) return this.tallyOnce(query, null, {});
    const rows: TallyRow[] = [];
    for (let i = 0; i + 1 < buckets.bounds.length; i += 1) {
      const interval = { [buckets.field]: { $gte: buckets.bounds[i] as string, $lt: buckets.bounds[i + 1] as string } };
      rows.push(...(await this.tallyOnce(query, i, interval)));
    }
    return rows;
  }

  private async tallyOnce(query: TallyQuery, bucket: number | null, interval: Where): Promise<TallyRow[]> {
    const { where = {}, unwind, rowWhere = {}, by, sum = [] } = query;
    const underUnwind = (path: string) => unwind !== undefined && (path === unwind || path.startsWith(`${unwind}.`));
    const intervalOnRows = Object.keys(interval).some(underUnwind);
    const pipeline: Record<string, unknown>[] = [{ $match: toFilter({ ...where, ...(intervalOnRows ? {} : interval) }) }];
    if (unwind !== undefined) pipeline.push({ $unwind: `$${unwind}` }, { $match: toFilter({ ...rowWhere, ...(intervalOnRows ? interval : {}) }) });
    const id: Record<string, string> = {};
    by.forEach((path, i) => (id[`k${i}`] = `$${fieldOf(path)}`));
    sum.forEach((path, i) => (id[`v${i}`] = `$${fieldOf(path)}`));
    pipeline.push({ $group: { _id: id, n: { $sum: 1 } } });
    const groups = new Map<string, { key: Scalar[]; bucket: number | null; count: number; sums: number[] }>();
    for (const row of await this.raw.aggregate<{ _id: Record<string, unknown>; n: number }>(pipeline).toArray()) {
      const key = by.map((_, i) => scalarOf(row._id[`k${i}`]));
      const keyId = JSON.stringify(key);
      let group = groups.get(keyId);
      if (!group) {
        group = { key, bucket, count: 0, sums: sum.map(() => 0) };
        groups.set(keyId, group);
      }
      group.count += row.n;
      const { sums } = group;
      sum.forEach((_, i) => {
        const value = row._id[`v${i}`];
        if (typeof value === 'number') sums[i] = (sums[i] ?? 0) + value * row.n;
      });
    }
    return [...groups.values()];
  }

  /**
   * Drops the collection, its indexes with it: one statement whatever it holds, where FerretDB's
   * deleteMany removes document by document (130 ms for two collections of 150 documents). The
   * rebuild then writes without keeping indexes up, and `ensureIndexes` builds them once at the end
   * (`npm run rebuild` calls it), as a bulk load is best done.
   */
  async clear(): Promise<void> {
    try {
      await this.raw.drop();
    } catch (error) {
      // 26, NamespaceNotFound: there was nothing to drop.
      if ((error as { code?: number }).code !== 26) throw error;
    }
  }
}


function fieldOf(path: string): string {
  return path === 'id' ? '_id' : path;
}

function toFilter(where: Where): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  for (const [path, condition] of Object.entries(where)) filter[fieldOf(path)] = toCondition(condition);
  return filter;
}

function toCondition(condition: Condition): unknown {
  if (condition === null || typeof condition !== 'object') return condition;
  // An array field contains a value: Mongo's plain equality on the array does exactly that.
  if ('$contains' in condition) return condition.$contains;
  return condition;
}

function toStored(doc: ReadModelDocument): Stored {
  const { id, ...rest } = doc as ReadModelDocument & Record<string, unknown>;
  return { _id: id, ...rest };
}

function fromStored<D>(stored: Stored): D {
  const { _id, ...rest } = stored;
  return { id: _id, ...rest } as D;
}
