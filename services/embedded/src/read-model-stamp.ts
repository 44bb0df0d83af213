import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sourceDirOf } from '@whistle/config';
import type { Catalogue } from '@whistle/contracts';
import { START, type EventStore } from '@whistle/event-store';

const ROOT = join(sourceDirOf(__dirname), '..', '..', '..');

/** What the read models are made by: the events, the projections and queries over them, and what they build on. */
const MADE_BY = ['libs/kernel/src', 'libs/contracts/src', 'libs/read-models/src', 'services/query/src'];

function* sourcesUnder(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourcesUnder(path);
    else if (entry.name.endsWith('.ts') && !/\.(spec|test)\.ts$/.test(entry.name)) yield path;
  }
}

/**
 * The stamp of the read models this program makes from the stores with this catalogue: a digest of
 * the code that makes them and of the catalogue. The embedded read models' file is kept from one
 * run to the next only under the same stamp, so an upgrade or a changed catalogue (names,
 * deadlines the views show) rebuilds them from the stores instead of serving views an older
 * program made. Any change to that code counts, whether or not it changes a view: a needless
 * rebuild costs a slower start, a missed one would cost wrong answers.
 */
export function readModelStamp(catalogue: Catalogue): string {
  const hash = createHash('sha256').update(JSON.stringify(catalogue)).update('\0');
  try {
    for (const dir of MADE_BY) {
      for (const file of sourcesUnder(join(ROOT, dir))) hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  } catch {
    // Sources that cannot be read (an image without them) make a stamp nothing matches: a rebuild.
    hash.update(randomUUID());
  }
  return hash.digest('hex');
}

/**
 * Where each store's log ends (position, and the id and hash of its last event): read models are
 * kept only with the stores they were made from, not beside a store restored from a backup,
 * replaced or emptied since, whose new events their revision guard would take as already seen.
 */
export async function storeHeads(stores: readonly EventStore[]): Promise<string> {
  const heads: string[] = [];
  for (const store of stores) {
    const head = await store.headPosition();
    const last = head === START ? undefined : (await store.readAll({ from: head - 1n, maxCount: 1 }))[0];
    heads.push(last ? `${last.position}:${last.event.eventId}:${last.event.hash}` : 'empty');
  }
  return heads.join(',');
}
