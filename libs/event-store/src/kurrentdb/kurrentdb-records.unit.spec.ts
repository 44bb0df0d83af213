import type { JSONEventData, RecordedEvent } from '@kurrent/kurrentdb-client';
import { sealBatch, verifyStream, type EventToAppend } from '@whistle/kernel';
import { claimStream, idempotencyStream, isVisible, keyData, kurrentIdOf, toEnvelope, toEventData, toKeyRecord } from './kurrentdb-records';

/** The mapping between envelopes and KurrentDB records, checked without a server. */
describe('kurrentdb records', () => {
  const event = (eventId: string, causationId: string | null): EventToAppend => ({
    eventId,
    type: 'enforcement.TaskAccepted.v1',
    data: { taskId: 't-1', units: ['housing-bureau'], note: '已接单' },
    caseId: 'c-3',
    occurredAt: '2026-11-21T09:00:00.000Z',
    actor: { id: 'unit-officer-2', role: 'unit', unitId: 'housing-bureau' },
    correlationId: 'k-3',
    causationId,
  });
  const sealed = sealBatch(
    'task-1',
    [event('3f0c8a56-1d2e-4b7a-9c61-0a1b2c3d4e5f', null), event('task-1.accepted', 'cause-1')],
    null,
    '2026-11-21T09:00:01.000Z',
  );

  /** What the client hands back for a JSON event it wrote: data and metadata parsed from JSON. */
  const recorded = (data: JSONEventData, revision: number, streamId = 'task-1'): RecordedEvent => ({
    streamId,
    id: data.id,
    isJson: true,
    revision: BigInt(revision),
    type: data.type,
    created: new Date(),
    data: JSON.parse(JSON.stringify(data.data)) as JSONEventData['data'],
    metadata: JSON.parse(JSON.stringify(data.metadata)) as JSONEventData['metadata'],
  });

  it('carries an Idempotency-Key in the events’ metadata without changing the envelope, and keeps the key’s batch in a hidden stream of its own', () => {
    const mark = { scope: '["u-1","unit",null,"housing-bureau",null]', key: 'k/1 with spaces' };
    // Whatever else a caller's object carries, only scope and key reach the record kept for ever.
    const withMore = { ...mark, requestHash: 'hash-1' };
    const data = toEventData(sealed[0]!, withMore) as JSONEventData;
    expect(data.metadata).toMatchObject({ idempotencyScope: mark.scope, idempotencyKey: mark.key });
    expect(JSON.stringify(data.metadata)).not.toContain('hash-1');
    expect(toEnvelope(recorded(data, 0))).toEqual(sealed[0]);

    const stream = idempotencyStream(mark.scope, mark.key);
    expect(stream).toMatch(/^event-store\.idempotency-[0-9a-f]{64}$/);
    expect(idempotencyStream(mark.scope, 'k/2')).not.toBe(stream);
    const record = { ...mark, streamId: 'task-1', firstRevision: 0, count: 2 };
    const stored = recorded({ ...(keyData(record) as JSONEventData), metadata: {} }, 0, stream);
    expect(isVisible(stored)).toBe(false);
    expect(toKeyRecord(stored)).toEqual(record);
  });

  it('gives back each envelope exactly as sealed, so the chain still verifies', () => {
    const stored = sealed.map((e, i) => recorded(toEventData(e) as JSONEventData, i));
    const envelopes = stored.map(toEnvelope);
    expect(envelopes).toEqual(sealed);
    expect(verifyStream('task-1', sealed)).toMatchObject({ ok: true, checked: 2 });
  });

  it('keeps the envelope apart from the data, one string per metadata member', () => {
    const [first] = sealed;
    if (!first) throw new Error('nothing sealed');
    const data = toEventData(first) as JSONEventData;
    expect(data).toMatchObject({ id: first.eventId, type: first.type, contentType: 'application/json', data: first.data });
    expect(data.metadata).toEqual({
      eventId: first.eventId,
      caseId: 'c-3',
      occurredAt: '2026-11-21T09:00:00.000Z',
      actor: '{"id":"unit-officer-2","role":"unit","unitId":"housing-bureau"}',
      correlationId: 'k-3',
      streamId: 'task-1',
      revision: '0',
      recordedAt: '2026-11-21T09:00:01.000Z',
      prevHash: first.prevHash,
      hash: first.hash,
    });
  });

  it('maps any event id to a stable UUID, keeping ids that are UUIDs already', () => {
    expect(kurrentIdOf('3F0C8A56-1D2E-4B7A-9C61-0A1B2C3D4E5F')).toBe('3f0c8a56-1d2e-4b7a-9c61-0a1b2c3d4e5f');
    const derived = kurrentIdOf('task-1.accepted');
    expect(derived).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(kurrentIdOf('task-1.accepted')).toBe(derived);
    expect(kurrentIdOf('task-1.declined')).not.toBe(derived);
  });

  it('hides system and bookkeeping records and does not take foreign events for envelopes', () => {
    const [first] = sealed;
    if (!first) throw new Error('nothing sealed');
    const data = toEventData(first) as JSONEventData;
    expect(isVisible(recorded(data, 0))).toBe(true);
    expect(isVisible(recorded(data, 0, '$ce-task'))).toBe(false);
    expect(isVisible(recorded(data, 0, claimStream(first.eventId)))).toBe(false);
    expect(isVisible({ ...recorded(data, 0), type: '$metadata' })).toBe(false);
    expect(toEnvelope({ ...recorded(data, 0), metadata: { source: 'another app' } })).toBeNull();
  });
});
