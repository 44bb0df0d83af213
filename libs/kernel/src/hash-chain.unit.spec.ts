import { canonicalJson } from './canonical-json';
import { GENESIS_HASH, chainHolds, digest, envelopeOfBody, hashOf, sealBatch, sealedBody, verifyStream } from './hash-chain';
import type { EventEnvelope, EventToAppend } from './envelope';

const event = (n: number): EventToAppend => ({
  eventId: `e${n}`,
  type: 'test.Happened.v1',
  data: { n, nested: { b: 2, a: [1, 'x'] } },
  caseId: 'case-1',
  occurredAt: '2026-11-21T08:00:00.000Z',
  actor: { id: 'u1', role: 'station', stationId: 's1' },
  correlationId: 'c1',
  causationId: null,
});

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: undefined, c: [true, null] } })).toBe('{"a":{"c":[true,null]},"b":1}');
  });
  it('gives equal values the same text whatever the key order', () => {
    expect(canonicalJson({ x: 1, y: { p: 'q', o: 2 } })).toBe(canonicalJson({ y: { o: 2, p: 'q' }, x: 1 }));
  });
  it('writes an array as its items even when JSON.stringify would call its toJSON', () => {
    class Tagged extends Array<number> {
      toJSON(): string {
        return 'tampered';
      }
    }
    const own = Object.assign([1, 2], { toJSON: () => 'tampered' });
    expect(canonicalJson({ a: Tagged.from([1]) })).toBe('{"a":[1]}');
    expect(canonicalJson({ a: own })).toBe('{"a":[1,2]}');
  });
  it('refuses values JSON cannot carry, naming where', () => {
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow('$.a[1]');
    expect(() => canonicalJson({ at: new Date() })).toThrow('$.at');
  });
});

describe('hash chain', () => {
  const stream = sealBatch('case-1', [event(0), event(1), event(2)], null, '2026-11-21T08:00:01.000Z');

  it('chains each event to the one before it, starting from the genesis hash', () => {
    expect(stream.map((e) => e.revision)).toEqual([0, 1, 2]);
    expect(stream[0]?.prevHash).toBe(GENESIS_HASH);
    expect(stream[1]?.prevHash).toBe(stream[0]?.hash);
    expect(verifyStream('case-1', stream)).toMatchObject({ ok: true, checked: 3, firstBreak: null });
  });

  it('continues a chain from the last recorded event', () => {
    const more = sealBatch('case-1', [event(3)], stream[2] ?? null, '2026-11-21T08:00:02.000Z');
    expect(more[0]).toMatchObject({ revision: 3, prevHash: stream[2]?.hash });
    expect(verifyStream('case-1', [...stream, ...more]).ok).toBe(true);
  });

  it('keeps the sealed body with the envelope, never with a changed copy of it', () => {
    const [first] = stream;
    if (!first) throw new Error('no event');
    const { hash, ...unsealed } = first;
    expect(sealedBody(first)).toBe(canonicalJson(unsealed));
    expect(hash).toBe(digest(GENESIS_HASH, sealedBody(first)));
    expect(JSON.stringify(first)).not.toContain('sealedBody');
    const copy = { ...first, data: { n: 99 } };
    expect(sealedBody(copy)).toBe(canonicalJson({ ...unsealed, data: { n: 99 } }));
    expect(hashOf(copy)).not.toBe(first.hash);
    const read = envelopeOfBody(sealedBody(first), first.hash, unsealed);
    expect(read).toEqual(first);
    expect(Object.keys(read)).toEqual(Object.keys(first));
    expect(verifyStream('case-1', [read]).ok).toBe(true);
  });

  it('holds on the stored texts alone exactly when nothing was altered, inserted, removed or moved', () => {
    const texts = (events: readonly EventEnvelope[]) => events.map((e) => [sealedBody(e), e.hash] as const);
    expect(chainHolds('case-1', texts(stream))).toEqual({ holds: true, checked: 3 });
    expect(chainHolds('case-1', [])).toEqual({ holds: true, checked: 0 });
    const [first, second, third] = stream;
    if (!first || !second || !third) throw new Error('no events');
    expect(chainHolds('case-1', [texts([first])[0]!, [sealedBody({ ...second, data: { n: 9 } }), second.hash], texts([third])[0]!]).holds).toBe(false);
    expect(chainHolds('case-1', texts([first, third])).holds).toBe(false);
    // The first event of another stream chains from the genesis hash too, but names its own stream.
    const elsewhere = sealBatch('case-2', [event(5)], null, '2026-11-21T08:00:01.000Z');
    expect(chainHolds('case-1', texts(elsewhere)).holds).toBe(false);
    expect(chainHolds('case-2', texts(elsewhere)).holds).toBe(true);
    // Data that spells the members the end must hold cannot stand in for them.
    const spoof = sealBatch('case-2', [{ ...event(6), data: { a: 1, revision: 0, streamId: 'case-1', type: 'x' } }], null, '2026-11-21T08:00:01.000Z');
    expect(chainHolds('case-1', texts(spoof)).holds).toBe(false);
    // A body whose own prevHash was changed, every hash after it made again: the link inside it no longer holds.
    const forged = texts(stream).map(([body, hash]) => [body, hash] as [string, string]);
    forged[1] = [forged[1]![0].replace(`"prevHash":"${first.hash}"`, `"prevHash":"${'f'.repeat(64)}"`), ''];
    let before = GENESIS_HASH;
    for (const row of forged) before = row[1] = digest(before, row[0]);
    expect(chainHolds('case-1', forged).holds).toBe(false);
    // Only an end that reads right, not an object: refused.
    const bare = `,"prevHash":"${GENESIS_HASH}","recordedAt":"x","revision":0,"streamId":"case-1","type":"T"}`;
    expect(chainHolds('case-1', [[bare, digest(GENESIS_HASH, bare)]]).holds).toBe(false);
  });

  it('reads the end of a body by position: escapes inside its strings, the whole revision, nothing after its brace', () => {
    // Sealed bodies whose stream and type need escapes, at revisions 0 … 11, verify.
    const stream = 'case-"quoted"\\1';
    const events = sealBatch(stream, Array.from({ length: 12 }, (_, n) => ({ ...event(n), type: `T"${n}\\\n` })), null, '2026-11-21T08:00:00.000Z');
    const texts = events.map((e) => [sealedBody(e), e.hash] as [string, string]);
    expect(texts[11]![0]).toContain(',"revision":11,');
    expect(chainHolds(stream, texts)).toEqual({ holds: true, checked: 12 });
    // Each body below hashes right after the genesis hash; only its end is wrong.
    const end = (tail: string) => {
      const body = `{"a":1,"prevHash":"${GENESIS_HASH}","recordedAt":"t"${tail}`;
      return chainHolds('case-1', [[body, digest(GENESIS_HASH, body)]]).holds;
    };
    expect(end(',"revision":0,"streamId":"case-1","type":"T"}')).toBe(true);
    expect(end(',"revision":0,"streamId":"case-1","type":"T\\"}"}')).toBe(true);
    expect(end(',"revision":00,"streamId":"case-1","type":"T"}')).toBe(false);
    expect(end(',"revision":0,"streamId":"case-12","type":"T"}')).toBe(false);
    expect(end(',"revision":0,"streamId":"case-1","type":"T"} ')).toBe(false);
    expect(end(',"revision":0,"streamId":"case-1","type":"T"}}')).toBe(false);
    expect(end(',"revision":0,"streamId":"case-1","type":"T\\"}')).toBe(false);
    expect(end(',"revision":0,"streamId":"case-1","type":"T\\\n"}')).toBe(false);
    expect(end(',"revision":0,"streamId":"case-1","type":T}')).toBe(false);
    expect(end(',"revision":0,"streamId":"case-1"}')).toBe(false);
  });

  it('names an altered event as the first break', () => {
    const altered = stream.map((e) => (e.revision === 1 ? { ...e, data: { n: 99 } } : e));
    const result = verifyStream('case-1', altered);
    expect(result.ok).toBe(false);
    expect(result.firstBreak).toMatchObject({ kind: 'hash_mismatch', revision: 1, eventId: 'e1' });
  });

  it('names the event after a removed one', () => {
    const result = verifyStream('case-1', [stream[0]!, stream[2]!]);
    expect(result.firstBreak).toMatchObject({ kind: 'revision_gap', revision: 2, eventId: 'e2' });
    expect(result.breaks.map((b) => b.kind)).toContain('prev_hash_mismatch');
  });

  it('detects an inserted event, even one sealed consistently, at the event it displaced', () => {
    const forged = sealBatch('case-1', [event(7)], stream[0] ?? null, '2026-11-21T09:00:00.000Z')[0]!;
    const result = verifyStream('case-1', [stream[0]!, forged, { ...stream[1]!, revision: 2 }, { ...stream[2]!, revision: 3 }]);
    expect(result.ok).toBe(false);
    // The forged event chains to revision 0 by construction; the displaced event can no longer chain to it.
    expect(result.firstBreak).toMatchObject({ eventId: 'e1', revision: 2 });
    expect(result.breaks.map((b) => b.kind)).toEqual(expect.arrayContaining(['prev_hash_mismatch', 'hash_mismatch']));
  });
});
