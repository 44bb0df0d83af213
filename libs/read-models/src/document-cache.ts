import type { ReadModelDocument } from './read-model-store.port';

/**
 * The documents a projection last wrote or read, so a batch need not read them again. Never
 * trusted for a write: every write is conditional on the cached version, and a conflict drops the
 * entry and reads the document. Least recently used entries go first past `capacity`.
 */
export class DocumentCache {
  private readonly entries = new Map<string, ReadModelDocument>();

  constructor(readonly capacity = 10_000) {}

  get<D extends ReadModelDocument>(collection: string, id: string): D | undefined {
    const key = `${collection}\u0000${id}`;
    const doc = this.entries.get(key);
    if (doc === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, doc);
    return doc as D;
  }

  set(collection: string, doc: ReadModelDocument): void {
    const key = `${collection}\u0000${doc.id}`;
    this.entries.delete(key);
    this.entries.set(key, doc);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  delete(collection: string, id: string): void {
    this.entries.delete(`${collection}\u0000${id}`);
  }

  get size(): number {
    return this.entries.size;
  }
}
