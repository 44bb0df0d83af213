/**
 * The read side's document store: named collections of JSON documents keyed by `id`. The
 * in-memory adapter serves unit tests and the embedded mode; a mongoose adapter serves the
 * distributed mode. Everything here must translate to what both MongoDB and FerretDB support
 * (no transactions, no `$lookup`, no `$facet`); README.md gives the translation of each part.
 */

/** Every document has an id and a version, the count of its writes, for optimistic concurrency. */
export interface ReadModelDocument {
  readonly id: string;
  readonly version: number;
}

export type Scalar = string | number | boolean | null;
type Bound = string | number;

/**
 * One field's condition. A field is either a scalar or an array of scalars in every document of
 * a collection: equality, `$in` and ranges are for scalar fields, `$contains` for array fields.
 * `null` (in equality or `$in`) also matches a missing field, as in MongoDB.
 */
export type Condition =
  | Scalar
  | { readonly $in: readonly Scalar[] }
  | { readonly $gte: Bound; readonly $lte?: Bound }
  | { readonly $gte?: Bound; readonly $lte: Bound }
  /** an interval open at its end: `[from, to)` periods */
  | { readonly $gte?: Bound; readonly $lt: Bound }
  | { readonly $contains: Scalar };

/**
 * Every condition must hold. Keys are field paths; a dotted path (`adjudication.status`) walks
 * nested objects and must not cross an array.
 */
export type Where = Readonly<Record<string, Condition>>;

export interface SortKey {
  readonly field: string;
  readonly order: 'asc' | 'desc';
}

export interface FindQuery {
  readonly where?: Where;
  /** One or two keys; ties are always broken by `id` ascending, so pages are stable. */
  readonly sort?: readonly [SortKey] | readonly [SortKey, SortKey];
  readonly skip?: number;
  /** A positive whole number; every match when left out. */
  readonly limit?: number;
}

export interface FindResult<D> {
  readonly items: D[];
  /** Every match, before skip and limit. */
  readonly total: number;
}

export interface PutOptions {
  /** Write only if the stored version is this one; 0 means the document must not exist yet. */
  readonly expectedVersion: number;
}

/** A conditional put found another version stored: someone wrote the document in between. */
export class ReadModelConflict extends Error {
  override readonly name = 'ReadModelConflict';
  constructor(
    readonly collection: string,
    readonly id: string,
    readonly expectedVersion: number,
  ) {
    super(`${collection}/${id}: expected version ${expectedVersion}, but another version is stored`);
  }
}

/** One document of a batch write, written only if the stored version is `expectedVersion` (0: absent). */
export interface VersionedWrite<D extends ReadModelDocument> {
  readonly doc: D;
  readonly expectedVersion: number;
}

/**
 * Counts and sums per group, computed where the documents are (MongoDB's `$group`), so a caller
 * never reads a whole collection to add it up. The rows are the documents matching `where`; with
 * `unwind`, each element of that top-level array of objects is a row of its own, kept if it
 * matches `rowWhere`. A row of an unwound array has the element under the field's name and the
 * document's `id`, nothing else: FerretDB's `$unwind` drops every other field, so the elements
 * must carry what their queries read.
 */
export interface TallyQuery {
  readonly where?: Where;
  readonly unwind?: string;
  readonly rowWhere?: Where;
  /** the fields whose values, taken together, make a group; none: one group of every row */
  readonly by: readonly string[];
  /**
   * Numeric fields added up per group (a missing or non-numeric value adds 0). They must take
   * few distinct values, as counts and flags do: FerretDB computes only the first accumulator of
   * a `$group` (FerretDB#4616), so its adapter groups by them too and multiplies.
   */
  readonly sum?: readonly string[];
  /** Rows split by the interval `[bounds[i], bounds[i + 1])` their `field` falls in; rows outside every interval are left out. */
  readonly buckets?: { readonly field: string; readonly bounds: readonly string[] };
}

export interface TallyRow {
  /** the `by` values, null for a missing one */
  readonly key: readonly Scalar[];
  /** the interval's index with `buckets`, else null */
  readonly bucket: number | null;
  readonly count: number;
  /** in the order of `sum` */
  readonly sums: readonly number[];
}

export interface ReadModelCollection<D extends ReadModelDocument> {
  get(id: string): Promise<D | undefined>;
  /** The stored documents among `ids`, in one query: a batch loads what it touches at once. */
  getMany(ids: readonly string[]): Promise<D[]>;
  /** Inserts or replaces the whole document; with `expectedVersion` throws ReadModelConflict when it does not hold. */
  put(doc: D, options?: PutOptions): Promise<void>;
  /**
   * Writes each document if its stored version is the expected one, in chunks small enough for the
   * server. Returns the ids it could not confirm as written: a conflict, or a chunk whose outcome
   * the server reported only in sum. Those must be read again and redone (projections are
   * idempotent, so redoing one that was written changes nothing).
   */
  putMany(writes: readonly VersionedWrite<D>[]): Promise<ReadonlySet<string>>;
  find(query?: FindQuery): Promise<FindResult<D>>;
  /** Rows counted and summed per group; groups in no particular order. */
  tally(query: TallyQuery): Promise<TallyRow[]>;
  /** Removes every document: read models are rebuilt from the event stores. */
  clear(): Promise<void>;
}

export interface ReadModelStore {
  collection<D extends ReadModelDocument>(name: string): ReadModelCollection<D>;
}
