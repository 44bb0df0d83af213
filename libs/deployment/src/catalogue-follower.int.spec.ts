import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogueIndex, loadCatalogue } from '@whistle/catalogue';
import { NO_REMOVED_ENTRIES, streams, type Catalogue, type CatalogueEvent } from '@whistle/contracts';
import { SqliteEventStore } from '@whistle/event-store';
import { ManualClock, type EventToAppend } from '@whistle/kernel';
import { CatalogueFollower } from './catalogue-follower';

/**
 * A process following the supervision service's catalogue stream as the distributed mode does:
 * the writer appends to a SQLite file, the follower reads the same file read only.
 */
describe('CatalogueFollower on a SQLite event store file', () => {
  const clock = new ManualClock('2026-12-05T08:00:00.000Z');
  const starting = loadCatalogue();
  const stream = streams.catalogue(starting.town.id);
  let dir: string;
  let writer: SqliteEventStore;
  let reader: SqliteEventStore;
  let index: CatalogueIndex;
  let follower: CatalogueFollower;

  const waterSupply = { id: 'unit-gongshui', name: { zh: '供水所', en: 'Water supply office' } };
  const change = (event: CatalogueEvent | { type: string; data: unknown }): EventToAppend => ({
    eventId: randomUUID(),
    type: event.type,
    data: event.data,
    caseId: stream,
    occurredAt: clock.now(),
    actor: { id: 'admin-1', role: 'admin' },
    correlationId: randomUUID(),
    causationId: null,
  });
  const adopted = (catalogue: Catalogue = starting): CatalogueEvent => ({ type: 'supervision.CatalogueAdopted.v1', data: { catalogue, adoptedAt: clock.now() } });
  const unitPut = (): CatalogueEvent => ({ type: 'supervision.CatalogueEntryPut.v1', data: { list: 'units', entry: waterSupply, previous: null, reason: 'a new unit', changedAt: clock.now() } });
  const policies = (maxDeferrals: number): CatalogueEvent => ({
    type: 'supervision.CataloguePoliciesRevised.v1',
    data: { policies: { ...starting.policies, maxDeferrals }, previous: starting.policies, reason: 'the office decided', changedAt: clock.now() },
  });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'catalogue-follower-'));
    const file = join(dir, 'supervision.sqlite');
    writer = new SqliteEventStore({ file, clock });
    await writer.append('some-other-stream', [change({ type: 'supervision.NoticePublished.v1', data: {} })], 'no_stream');
    reader = new SqliteEventStore({ file, clock, readOnly: true });
    index = new CatalogueIndex(starting);
    follower = new CatalogueFollower(reader, index);
  });

  afterEach(async () => {
    await follower.close();
    await reader.close();
    await writer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the starting catalogue while no change is recorded', async () => {
    expect(follower.streamId).toBe(stream);
    await expect(follower.refresh()).resolves.toBe(false);
    expect(index.revision).toBe(-1);
    expect(index.catalogue).toBe(starting);
  });

  it('puts the recorded changes in force, and a second refresh changes nothing', async () => {
    await writer.append(stream, [change(adopted()), change(unitPut())], 'no_stream');
    await expect(follower.refresh()).resolves.toBe(true);
    expect(index.revision).toBe(1);
    expect(index.unit('unit-gongshui')?.name.zh).toBe('供水所');
    expect(index.ids('units')).toContain('unit-gongshui');
    const inForce = index.catalogue;
    await expect(follower.refresh()).resolves.toBe(false);
    expect(index.catalogue).toBe(inForce);
    expect(index.revision).toBe(1);
  });

  it('folds only the revisions after the one in force, onto the catalogue in force', async () => {
    await writer.append(stream, [change(adopted()), change(unitPut())], 'no_stream');
    // A process with revision 1 in force carrying a mark no recorded change made: a follower that
    // re-read the stream from its start would lose it.
    const marked = { ...starting, town: { ...starting.town, name: { zh: '已生效', en: 'in force' } } };
    expect(index.replace({ catalogue: marked, removed: NO_REMOVED_ENTRIES }, 1)).toBe(true);
    expect(index.replace({ catalogue: starting, removed: NO_REMOVED_ENTRIES }, 1)).toBe(false); // not newer: ignored
    await expect(follower.refresh()).resolves.toBe(false);
    await writer.append(stream, [change(policies(5))], 1);
    await expect(follower.refresh()).resolves.toBe(true);
    expect(index.revision).toBe(2);
    expect(index.policies.maxDeferrals).toBe(5);
    expect(index.town.name.en).toBe('in force');
    expect(index.unit('unit-gongshui')).toBeUndefined();
  });

  it('refuses a stream holding an event that is not a change of the catalogue, leaving the catalogue in force', async () => {
    await writer.append(stream, [change(adopted()), change({ type: 'supervision.NoticePublished.v1', data: { noticeId: 'n-1' } })], 'no_stream');
    await expect(follower.refresh()).rejects.toThrow(`${stream} holds supervision.NoticePublished.v1 at revision 1, not a change of the catalogue`);
    expect(index.revision).toBe(-1);
    expect(index.catalogue).toBe(starting);
  });

  it('warns when the file it started with differs from the catalogue the first change adopted', async () => {
    const warnings: string[] = [];
    const logger = { warn: (message: string) => warnings.push(message), info: () => undefined } as unknown as ConstructorParameters<typeof CatalogueFollower>[2];
    await writer.append(stream, [change(adopted({ ...starting, policies: { ...starting.policies, maxDeferrals: 9 } }))], 'no_stream');
    await new CatalogueFollower(reader, index, logger).refresh();
    expect(warnings).toEqual([expect.stringMatching(/^CATALOGUE_FILE differs from the catalogue the first recorded change adopted/)]);
    const quiet: string[] = [];
    const same = { warn: (message: string) => quiet.push(message), info: () => undefined } as unknown as ConstructorParameters<typeof CatalogueFollower>[2];
    await new CatalogueFollower(reader, new CatalogueIndex({ ...starting, policies: { ...starting.policies, maxDeferrals: 9 } }), same).refresh();
    expect(quiet).toEqual([]);
  });

  it('follows the stream by polling until closed, ready once it has read it', async () => {
    await expect(follower.ready()).rejects.toThrow(`the catalogue's recorded changes (${stream}) have not been read yet`);
    await follower.follow(20);
    await follower.ready();
    await writer.append(stream, [change(adopted()), change(unitPut())], 'no_stream');
    await waitFor(() => index.revision === 1);
    await follower.close();
    await writer.append(stream, [change(policies(4))], 1);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(index.revision).toBe(1);
  });

  it('opens a store that is not there yet when it is, not ready until then', async () => {
    const later = join(dir, 'not-yet.sqlite');
    const lateIndex = new CatalogueIndex(starting);
    const late = new CatalogueFollower(async () => new SqliteEventStore({ file: later, clock, readOnly: true }), lateIndex);
    await late.follow(20);
    await expect(late.ready()).rejects.toThrow('have not been read yet');
    const created = new SqliteEventStore({ file: later, clock });
    await created.append(stream, [change(adopted()), change(unitPut())], 'no_stream');
    await waitFor(() => lateIndex.revision === 1);
    await late.ready();
    await late.close();
    await created.close();
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
