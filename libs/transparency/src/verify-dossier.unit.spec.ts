import { generateKeyPairSync } from 'node:crypto';
import { digest, envelopeOfBody, sealBatch } from '@whistle/kernel';
import { SampleLogs, redigest, sampleCase, sampleKeys, type DossierJson, type ProvedEventJson } from './testing';
import { loadPrivateKey, signCheckpoint } from './checkpoint';
import { readHeldCheckpoints, verifyDossier, type DossierFailure, type DossierVerification } from './verify-dossier';
import { largestPerLog, type CheckpointAt } from './dossier-proof';

const logs = sampleCase();
const good = logs.dossier('c1');
const { publicPem } = logs.keys;

const copy = (): DossierJson => JSON.parse(JSON.stringify(good)) as DossierJson;
/** The dossier changed, its digest made again (a lying server would), verified. */
const changed = (change: (d: DossierJson) => void, options: { redigest?: boolean } = {}): DossierVerification => {
  const d = copy();
  change(d);
  return verifyDossier(options.redigest === false ? d : redigest(d), publicPem);
};
const failureOf = (result: DossierVerification): DossierFailure => {
  if (result.ok) throw new Error('expected NOT VERIFIED, but the dossier verified');
  return result.failure;
};
const event = (d: DossierJson, streamId: string, revision: number): ProvedEventJson => d.proof.events.find((e) => e.streamId === streamId && e.revision === revision)!;
const nameOf = (e: ProvedEventJson) => `event ${e.eventId} (${e.streamId} revision ${e.revision}, ${e.log} leaf ${e.leafIndex})`;
const flip = (text: string, at: number): string => text.slice(0, at) + (text[at] === 'a' ? 'b' : 'a') + text.slice(at + 1);

describe('verifyDossier', () => {
  it('verifies a dossier made as the audit makes it: every stream whole, every proof, every signature, the digest', () => {
    const result = verifyDossier(good, publicPem);
    expect(result).toEqual({
      ok: true,
      caseId: 'c1',
      events: 8,
      provedEvents: 9,
      streams: 4,
      checkpoints: [
        expect.objectContaining({ log: 'intake', treeSize: 14, extends: 4 }),
        expect.objectContaining({ log: 'escalation', treeSize: 10, extends: 2 }),
        expect.objectContaining({ log: 'enforcement', treeSize: 10, extends: null }),
        expect.objectContaining({ log: 'adjudication', treeSize: 9, extends: null }),
      ],
      held: [],
      keyFingerprint: logs.keys.fingerprint,
    });
    // the same JSON from another realm (structuredClone's, outside the test's sandbox) verifies too
    expect(verifyDossier(structuredClone(good), publicPem)).toEqual(result);
    // the meeting stream is proved whole, with another case's event the history leaves out
    expect(good.proof.events.filter((e) => e.streamId === 'meeting-m1')).toHaveLength(2);
    expect(good.proof.consistency.map((c) => `${c.log}@${c.fromTreeSize}→${c.toTreeSize}`)).toEqual(['intake@4→14', 'escalation@2→10']);
  });

  describe('the key and the checkpoints', () => {
    it('refuses a key other than the one the dossier names, and a key that is not Ed25519', () => {
      expect(failureOf(verifyDossier(good, sampleKeys().publicPem))).toEqual({ what: 'key', where: 'the public key', why: expect.stringMatching(/^has the fingerprint .* but the dossier names/) });
      const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
      expect(failureOf(verifyDossier(good, rsa))).toEqual({ what: 'key', where: 'the public key', why: expect.stringMatching(/is an rsa key/) });
      expect(failureOf(verifyDossier(good, 'not a key'))).toMatchObject({ what: 'key', why: expect.stringMatching(/not a PEM public key/) });
    });

    it('refuses a checkpoint signed by another key, whether it names that key or the dossier’s', () => {
      const other = loadPrivateKey(sampleKeys().privatePem);
      const resigned = (d: DossierJson, i: number) => signCheckpoint(d.proof.checkpoints[i]!, other);
      expect(failureOf(changed((d) => (d.proof.checkpoints[1] = resigned(d, 1))))).toEqual({
        what: 'checkpoint',
        where: 'checkpoint intake@14',
        why: expect.stringMatching(/^is signed by another key/),
      });
      expect(failureOf(changed((d) => (d.proof.checkpoints[1] = { ...resigned(d, 1), keyFingerprint: logs.keys.fingerprint })))).toEqual({
        what: 'checkpoint',
        where: 'checkpoint intake@14',
        why: expect.stringMatching(/signature does not verify/),
      });
    });

    it('refuses a dossier whose checkpoints and fingerprint were all made with another key', () => {
      const keys = sampleKeys();
      const other = loadPrivateKey(keys.privatePem);
      const result = changed((d) => {
        d.proof.checkpoints = d.proof.checkpoints.map((c) => signCheckpoint(c, other));
        d.proof['publicKeyFingerprint'] = keys.fingerprint;
      });
      expect(failureOf(result)).toMatchObject({ what: 'key', why: expect.stringMatching(/not the key this dossier claims/) });
    });

    it('refuses two signed roots for one log and size (a forked log)', () => {
      const key = loadPrivateKey(logs.keys.privatePem);
      const result = changed((d) => d.proof.checkpoints.push(signCheckpoint({ ...d.proof.checkpoints[1]!, rootHash: 'ab'.repeat(32) }, key)));
      expect(failureOf(result)).toEqual({ what: 'checkpoint', where: 'checkpoint intake@14', why: expect.stringMatching(/given twice .*forked log/) });
    });

    it('refuses an earlier checkpoint no consistency proof ties to the latest, and a checkpoint of a log with no event', () => {
      expect(failureOf(changed((d) => d.proof.consistency.splice(0, 1)))).toEqual({
        what: 'checkpoint',
        where: 'checkpoint intake@4',
        why: "no consistency proof ties it to the dossier's checkpoint intake@14",
      });
      const spare = new SampleLogs(logs.keys);
      spare.append('query', 'nothing', 'c9', 'x.Y.v1');
      expect(failureOf(changed((d) => d.proof.checkpoints.push(spare.checkpoint('query'))))).toEqual({
        what: 'checkpoint',
        where: 'checkpoint query@1',
        why: 'no event of the dossier is in that log',
      });
    });
  });

  describe('the events and their streams', () => {
    it('refuses a stream with an event left out, at its start or in its middle', () => {
      const without = (streamId: string, revision: number) => changed((d) => (d.proof.events = d.proof.events.filter((e) => e.streamId !== streamId || e.revision !== revision)));
      expect(failureOf(without('case-c1', 1))).toEqual({ what: 'stream', where: 'stream case-c1', why: 'revision 2 follows revision 0: revision 1 is left out' });
      expect(failureOf(without('whistle-c1', 0))).toEqual({ what: 'stream', where: 'stream whistle-c1', why: 'revision 1 follows nothing: revision 0 is left out' });
    });

    it('refuses the same event twice, and one leaf given for two events', () => {
      expect(failureOf(changed((d) => d.proof.events.push({ ...event(d, "case-c1", 1) })))).toEqual({
        what: 'event',
        where: nameOf(event(good, 'case-c1', 1)),
        why: 'is given twice',
      });
    });

    it('refuses an inclusion proof for another leaf index, or for another event', () => {
      const e = event(good, 'whistle-c1', 1);
      expect(failureOf(changed((d) => (event(d, 'whistle-c1', 1).leafIndex += 1)))).toEqual({
        what: 'event',
        where: nameOf({ ...e, leafIndex: e.leafIndex + 1 }),
        why: `its inclusion proof does not lead to the signed root of checkpoint escalation@10: the event is not at leaf ${e.leafIndex + 1} of that log`,
      });
      const result = changed((d) => (event(d, 'whistle-c1', 1).inclusion.path = event(d, 'whistle-c1', 0).inclusion.path));
      expect(failureOf(result)).toMatchObject({ what: 'event', where: nameOf(e), why: expect.stringMatching(/inclusion proof does not lead to the signed root/) });
    });

    it('names an event the audit’s log does not hold, or holds under no checkpoint', () => {
      const e = event(good, 'whistle-c1', 1);
      const notInLog = changed((d) => Object.assign(event(d, 'whistle-c1', 1) as object, { leafIndex: null, inclusion: null }));
      expect(failureOf(notInLog)).toEqual({
        what: 'event',
        where: `event ${e.eventId} (whistle-c1 revision 1, not in the escalation log)`,
        why: "the audit's escalation log does not hold it: it has no inclusion proof",
      });
      const unsigned = changed((d) => Object.assign(event(d, 'whistle-c1', 1) as object, { inclusion: null }));
      expect(failureOf(unsigned)).toEqual({ what: 'event', where: nameOf(e), why: "the audit's escalation log does not hold it under a signed checkpoint: it has no inclusion proof" });
    });

    it('refuses an event whose proof is for another size than its log’s checkpoint', () => {
      const result = changed((d) => (event(d, 'case-c1', 2).inclusion.treeSize = 13));
      expect(failureOf(result)).toMatchObject({ what: 'event', why: "its inclusion proof is for intake@13, not the dossier's checkpoint intake@14" });
    });

    it('refuses an event whose body names another event, stream or revision than its entry', () => {
      expect(failureOf(changed((d) => (event(d, 'case-c1', 0).eventId = 'ev-999'))).why).toMatch(/its body says eventId "ev-\d+", not "ev-999"/);
      expect(failureOf(changed((d) => (event(d, 'case-c1', 0).streamId = 'case-c2'))).why).toMatch(/its body says streamId "case-c1", not "case-c2"/);
      expect(failureOf(changed((d) => (event(d, 'case-c1', 1).revision = 0))).why).toBe('its body says revision 1, not 0');
    });

    it('refuses a stream whose events stand in the log out of revision order, though every proof holds', () => {
      const reordered = new SampleLogs(logs.keys);
      const [first, second] = sealBatch(
        'case-c5',
        [0, 1].map((i) => ({ eventId: `r${i}`, type: 'intake.CaseReported.v1', data: { caseId: 'c5' }, caseId: 'c5', occurredAt: reordered.now(), actor: { id: 's', role: 'station' as const }, correlationId: 'x', causationId: null })),
        null,
        reordered.now(),
      );
      reordered.appendSealed('intake', second!);
      reordered.appendSealed('intake', first!);
      expect(failureOf(verifyDossier(reordered.dossier('c5'), publicPem))).toEqual({ what: 'stream', where: 'stream case-c5', why: 'revision 1 stands before revision 0 in the intake log' });
    });

    it('refuses a body that hashes right but is not canonical JSON (a member twice reads differently elsewhere)', () => {
      const tricky = new SampleLogs(logs.keys);
      const genuine = tricky.append('intake', 'case-c6', 'c6', 'intake.CaseReported.v1');
      const body = `{"actor":{"id":"s","role":"station"},"caseId":"c6","causationId":null,"correlationId":"x","data":{"caseId":"c6","level":1,"level":4},"eventId":"t1","occurredAt":"${genuine.recordedAt}","prevHash":"${genuine.hash}","recordedAt":"${genuine.recordedAt}","revision":1,"streamId":"case-c6","type":"intake.CaseClosed.v1"}`;
      tricky.appendSealed('intake', envelopeOfBody(body, digest(genuine.hash, body), { eventId: 't1', type: 'intake.CaseClosed.v1', caseId: 'c6', streamId: 'case-c6', revision: 1 }));
      expect(failureOf(verifyDossier(tricky.dossier('c6'), publicPem))).toEqual({
        what: 'event',
        where: 'event t1 (case-c6 revision 1, intake leaf 1)',
        why: 'its body is not the canonical JSON the stores seal',
      });
    });
  });

  describe('one byte changed', () => {
    it('anywhere in a body names that event', () => {
      for (const e of good.proof.events) {
        for (let at = 0; at < e.body.length; at += e === good.proof.events[0] ? 1 : 11) {
          const failure = failureOf(changed((d) => (d.proof.events.find((x) => x.eventId === e.eventId)!.body = flip(e.body, at))));
          expect(failure).toMatchObject({ what: 'event', where: nameOf(e) });
        }
      }
    });

    it('in an event’s hash, a path element or its tree size names that event', () => {
      for (const e of good.proof.events) {
        const at = (d: DossierJson) => d.proof.events.find((x) => x.eventId === e.eventId)!;
        expect(failureOf(changed((d) => (at(d).hash = flip(e.hash, 7))))).toEqual({ what: 'event', where: nameOf(e), why: expect.stringMatching(/is not its hash/) });
        e.inclusion.path.forEach((p, i) => {
          expect(failureOf(changed((d) => (at(d).inclusion.path[i] = flip(p, 40))))).toEqual({ what: 'event', where: nameOf(e), why: expect.stringMatching(/inclusion proof does not lead/) });
        });
        expect(failureOf(changed((d) => (at(d).inclusion.treeSize -= 1)))).toMatchObject({ what: 'event', where: nameOf(e) });
      }
    });

    it('in a checkpoint’s signature, root, size or time names that checkpoint', () => {
      good.proof.checkpoints.forEach((c, i) => {
        const name = `${c.log}@${c.treeSize}`;
        for (let at = 0; at < 86; at += 5) {
          const failure = failureOf(changed((d) => (d.proof.checkpoints[i]!.signature = flip(c.signature, at))));
          expect(failure.where).toContain(`checkpoint ${name}`);
        }
        expect(failureOf(changed((d) => (d.proof.checkpoints[i]!.rootHash = flip(c.rootHash, 3))))).toEqual({ what: 'checkpoint', where: `checkpoint ${name}`, why: expect.stringMatching(/signature does not verify/) });
        expect(failureOf(changed((d) => (d.proof.checkpoints[i]!.timestamp = c.timestamp.replace(/\d(?=\.\d{3}Z$)/, (digit) => String((Number(digit) + 1) % 10)))))).toMatchObject({ what: 'checkpoint', where: `checkpoint ${name}` });
        expect(failureOf(changed((d) => (d.proof.checkpoints[i]!.treeSize += 1)))).toMatchObject({ what: 'checkpoint', where: `checkpoint ${c.log}@${c.treeSize + 1}` });
      });
    });

    it('in a consistency proof, or one that does not end at the dossier’s checkpoint, names that proof', () => {
      expect(failureOf(changed((d) => (d.proof.consistency[0]!.path[1] = flip(d.proof.consistency[0]!.path[1]!, 0))))).toEqual({
        what: 'consistency',
        where: 'consistency proof intake@4→14',
        why: 'does not show that checkpoint intake@14 extends checkpoint intake@4: the log was rewritten between them, or the proof is wrong',
      });
      expect(failureOf(changed((d) => (d.proof.consistency[0]!.toTreeSize = 13)))).toEqual({
        what: 'consistency',
        where: 'consistency proof intake@4→13',
        why: "does not end at the dossier's checkpoint intake@14",
      });
      expect(failureOf(changed((d) => (d.proof.consistency[0]!.fromTreeSize = 3)))).toMatchObject({ what: 'consistency', why: 'starts from no earlier signed checkpoint of intake in the dossier' });
    });

    it('outside the proofs is found by the digest, unless the digest was made again', () => {
      expect(failureOf(changed((d) => ((d['case'] as { status: string }).status = 'rejected'), { redigest: false }))).toEqual({
        what: 'digest',
        where: "the dossier's digest",
        why: expect.stringMatching(/a member outside the proofs was changed/),
      });
    });
  });

  describe('the history', () => {
    it('refuses an entry that is not a proved event, or says other than its sealed body', () => {
      const entry = (d: DossierJson, i: number) => (d['history'] as Record<string, unknown>[])[i]!;
      expect(failureOf(changed((d) => {
        d.proof.events = d.proof.events.filter((e) => e.streamId !== 'task-c1-a');
        d.proof.checkpoints = d.proof.checkpoints.filter((c) => c.log !== 'enforcement');
      }))).toEqual({
        what: 'history',
        where: expect.stringMatching(/^history\[\d\] \(event ev-\d+\)$/),
        why: 'is not among the proved events',
      });
      expect(failureOf(changed((d) => ((entry(d, 0)['data'] as Record<string, unknown>)['description'] = '无事发生')))).toMatchObject({ what: 'history', why: 'its data is not what its sealed body holds' });
      expect(failureOf(changed((d) => (entry(d, 2)['hash'] = entry(d, 1)['hash'])))).toMatchObject({ what: 'history', why: expect.stringMatching(/is not the proved event's/) });
      expect(failureOf(changed((d) => (entry(d, 0)['service'] = 'escalation')))).toMatchObject({ what: 'history', why: 'says it was recorded by "escalation", but its proof is in the intake log' });
      expect(failureOf(changed((d) => (entry(d, 0)['approvedBy'] = 'office-1')))).toMatchObject({ what: 'history', why: 'carries "approvedBy", which its sealed body does not hold' });
      expect(failureOf(changed((d) => (d['history'] as unknown[]).push(entry(d, 3))))).toMatchObject({ what: 'history', why: 'is given twice' });
    });

    it('refuses a dossier whose history holds no event of its case', () => {
      expect(failureOf(changed((d) => (d['caseId'] = 'c9')))).toEqual({ what: 'case', where: 'case c9', why: 'no proved event concerns this case' });
      // c2's one event in these streams is the meeting's scheduling, whose agenda names it: c1's history is not c2's
      expect(failureOf(changed((d) => (d['caseId'] = 'c2')))).toEqual({ what: 'history', where: expect.stringMatching(/^history\[0\] \(event ev-\d+\)$/), why: 'does not concern case c2: its sealed body names case c1' });
    });
  });

  describe('the history held to the proved events of the case', () => {
    type Entry = { eventId: string; type: string };
    const entries = (d: DossierJson) => d['history'] as Entry[];
    const ofType = (d: DossierJson, type: string) => entries(d).find((h) => h.type === type)!;

    it('refuses a history that leaves out a proved event of the case, naming it', () => {
      const reportedIn = ofType(good as DossierJson, 'enforcement.TaskReportedIn.v1');
      const failure = failureOf(changed((d) => (d['history'] = entries(d).filter((h) => h.eventId !== reportedIn.eventId))));
      expect(failure).toEqual({ what: 'history', where: 'the history', why: `leaves out event ${reportedIn.eventId} (task-c1-a revision 1, enforcement leaf 7), which concerns case c1` });
    });

    it('refuses a history out of the audit’s order, naming the first entry out of place', () => {
      const [first, second] = entries(good as DossierJson);
      expect(failureOf(changed((d) => entries(d).reverse()))).toEqual({
        what: 'history',
        where: expect.stringMatching(/^history\[0\] \(event ev-\d+\)$/),
        why: expect.stringMatching(/^is out of order: event ev-\d+ \(case-c1 revision 0, intake leaf 2\) comes first \(the history runs by record time, ties in the stores' order\)$/),
      });
      expect(failureOf(changed((d) => entries(d).splice(0, 2, second!, first!)))).toMatchObject({ what: 'history', where: `history[0] (event ${second!.eventId})` });
    });

    it('refuses an entry given twice, and an entry of another case’s event even where it would stand', () => {
      expect(failureOf(changed((d) => entries(d).splice(1, 0, entries(d)[1]!)))).toMatchObject({ what: 'history', where: expect.stringMatching(/^history\[2\]/), why: 'is given twice' });
      // the meeting's scheduling (c2's agenda) is proved with the meeting stream; put in the history at its time
      const scheduled = logs.dossier('c2');
      const entry = entries(scheduled).find((h) => h.type === 'adjudication.MeetingScheduled.v1')!;
      const failure = failureOf(
        changed((d) => {
          const at = entries(d).findIndex((h) => h.type === 'adjudication.CaseTabled.v1');
          entries(d).splice(at, 0, entry);
        }),
      );
      expect(failure).toEqual({ what: 'history', where: expect.stringMatching(/^history\[\d\] \(event ev-\d+\)$/), why: 'does not concern case c1: its sealed body names case c2' });
    });

    it('counts the proved events of the case, and orders events recorded at one moment by the stores’ order', () => {
      const tied = new SampleLogs(logs.keys);
      tied.append('intake', 'case-c7', 'c7', 'intake.CaseReported.v1');
      // one moment, appended enforcement first: the history has adjudication (the stores' third) before enforcement (the fourth)
      tied.sameMoment(() => {
        tied.append('enforcement', 'task-c7-a', 'c7', 'enforcement.TaskAssigned.v1');
        tied.append('adjudication', 'adjudication-c7', 'c7', 'adjudication.AdjudicationRequested.v1');
        tied.append('adjudication', 'adjudication-c7', 'c7', 'adjudication.TablingNoted.v1');
      });
      const dossier = tied.dossier('c7');
      expect(entries(dossier).map((h) => h.type)).toEqual(['intake.CaseReported.v1', 'adjudication.AdjudicationRequested.v1', 'adjudication.TablingNoted.v1', 'enforcement.TaskAssigned.v1']);
      expect(verifyDossier(dossier, publicPem)).toMatchObject({ ok: true, events: 4 });
      const swapped = JSON.parse(JSON.stringify(dossier)) as DossierJson;
      entries(swapped).splice(1, 3, ...[entries(swapped)[3]!, entries(swapped)[1]!, entries(swapped)[2]!]);
      expect(failureOf(verifyDossier(redigest(swapped), publicPem))).toMatchObject({ what: 'history', where: expect.stringMatching(/^history\[1\]/), why: expect.stringMatching(/^is out of order/) });
    });
  });

  describe('input of the wrong shape', () => {
    it.each<[string, (d: DossierJson) => void, string, RegExp]>([
      ['a leaf index given as text', (d) => ((d.proof.events[2] as unknown as Record<string, unknown>)['leafIndex'] = '17'), 'proof.events[2].leafIndex (event ', /is a string, not a whole number/],
      ['a negative revision', (d) => (d.proof.events[0]!.revision = -1), 'proof.events[0].revision', /is -1, not a whole number/],
      ['a body that is not text', (d) => ((d.proof.events[1] as unknown as Record<string, unknown>)['body'] = { a: 1 }), 'proof.events[1].body', /is an object, not a string/],
      ['a hash in capitals', (d) => (d.proof.events[0]!.hash = d.proof.events[0]!.hash.toUpperCase()), 'proof.events[0].hash', /not 64 lowercase hex/],
      ['a path that is not a list', (d) => ((d.proof.events[0]!.inclusion as Record<string, unknown>)['path'] = 'abc'), 'proof.events[0].inclusion.path', /is a string, not an array/],
      ['no checkpoints', (d) => (d.proof.checkpoints = []), 'proof.checkpoints', /is empty/],
      ['checkpoints as an object', (d) => ((d.proof as Record<string, unknown>)['checkpoints'] = {}), 'proof.checkpoints', /is an object, not an array/],
      ['a checkpoint time that is no time', (d) => (d.proof.checkpoints[0]!.timestamp = 'yesterday'), 'proof.checkpoints[0] (checkpoint intake@4)', /timestamp is not an ISO 8601 time/],
      ['a signature of 65 bytes', (d) => (d.proof.checkpoints[0]!.signature = Buffer.alloc(65).toString('base64')), 'proof.checkpoints[0].signature', /not an Ed25519 signature/],
      ['another proof format', (d) => (d.proof['format'] = 'whistle-dossier-proof/v2'), 'proof.format', /not whistle-dossier-proof\/v1/],
      ['no proof', (d) => delete (d as Record<string, unknown>)['proof'], 'proof', /is missing, not an object/],
      ['a history entry that is a string', (d) => ((d['history'] as unknown[])[0] = 'ev-1'), 'history[0]', /is a string, not an object/],
      ['no digest value', (d) => delete (d['digest'] as Record<string, unknown>)['value'], 'digest.value', /is missing that is not 64 lowercase hex/],
      ['a case id that is a number', (d) => (d['caseId'] = 1), 'caseId', /is a number, not a string/],
    ])('names %s, and never throws', (_name, change, where, why) => {
      const failure = failureOf(changed(change, { redigest: false }));
      expect(failure.what).toBe('input');
      expect(failure.where.startsWith(where)).toBe(true);
      expect(failure.why).toMatch(why);
    });

    it.each([null, 'a dossier', 42, [], { caseId: 'c1' }])('answers %p with a failure, not an exception', (value) => {
      expect(verifyDossier(value, publicPem).ok).toBe(false);
    });
  });

});

describe('verifyDossier on events the signed log holds but the record no longer gives', () => {
  /** The stream's last event taken out of the dossier (as a store cut short would give it), and given as absent with its proof. */
  const cutShort = (d: DossierJson, proofOk = true): ProvedEventJson => {
    const last = d.proof.events.filter((e) => e.streamId === d.proof.events[0]!.streamId).at(-1)!;
    d.proof.events = d.proof.events.filter((e) => e !== last);
    d['history'] = (d['history'] as { eventId: string }[]).filter((h) => h.eventId !== last.eventId);
    const { log, leafIndex, streamId, revision, eventId, hash, inclusion } = last;
    const path = proofOk ? inclusion.path : inclusion.path.map((p, i) => (i === 0 ? flip(p, 0) : p));
    (d.proof as Record<string, unknown>)['absent'] = [{ log, leafIndex, streamId, revision, eventId, hash, inclusion: { treeSize: inclusion.treeSize, path } }];
    return last;
  };

  it('names a removed event once its proof shows the log took it', () => {
    let removed: ProvedEventJson | undefined;
    const failure = failureOf(changed((d) => (removed = cutShort(d))));
    expect(failure.where).toBe(nameOf(removed!));
    expect(failure.why).toMatch(/is in the signed checkpoint \w+@\d+, but the record no longer holds it: it was removed from the store/);
  });

  it('names a removed event when every event of its log is gone from the record, not the log as one it has no event in', () => {
    const failure = failureOf(
      changed((d) => {
        const task = d.proof.events.filter((e) => e.log === 'enforcement');
        d.proof.events = d.proof.events.filter((e) => e.log !== 'enforcement');
        d['history'] = (d['history'] as { eventId: string }[]).filter((h) => !task.some((e) => e.eventId === h.eventId));
        (d.proof as Record<string, unknown>)['absent'] = task.map(({ log, leafIndex, streamId, revision, eventId, hash, inclusion }) => ({ log, leafIndex, streamId, revision, eventId, hash, inclusion }));
      }),
    );
    expect(failure).toEqual({ what: 'event', where: expect.stringMatching(/^event ev-\d+ \(task-c1-a revision 0, enforcement leaf \d+\)$/), why: 'is in the signed checkpoint enforcement@10, but the record no longer holds it: it was removed from the store' });
  });

  it('names an absent entry whose proof does not hold', () => {
    const failure = failureOf(changed((d) => cutShort(d, false)));
    expect(failure.why).toMatch(/is given as absent, but its inclusion proof does not lead to the signed root/);
  });

  it('reads a dossier without the member as one with none absent', () => {
    const d = copy();
    delete (d.proof as Record<string, unknown>)['absent'];
    expect(verifyDossier(redigest(d), publicPem).ok).toBe(true);
  });
});

describe('verifyDossier held to the checkpoints the auditor already holds (--since)', () => {
  const keys = logs.keys;
  /** The case's record, its first dossier (which the auditor keeps), and the checkpoints that dossier gave. */
  const start = () => {
    const record = sampleCase(keys);
    const kept = record.dossier('c1');
    return { record, kept, held: readHeldCheckpoints(kept) };
  };
  const sinceOf = (held: readonly CheckpointAt[]) => largestPerLog(held);
  const lastOf = (record: SampleLogs, log: string) => record.dossier('c1').proof.events.filter((e) => e.log === log).at(-1)!;

  it('verifies a later dossier whose logs extend every checkpoint held, naming each', () => {
    const { record, held } = start();
    record.append('intake', 'case-c1', 'c1', 'intake.CaseReopened.v1');
    record.append('adjudication', 'stream-c40', 'c40', 'intake.CaseReported.v1');
    // the logs that grew are signed again, as the audit signs
    for (const log of ['intake', 'adjudication']) record.checkpoint(log);
    const later = record.dossier('c1', sinceOf(held));
    expect(later.proof['since']).toEqual([
      { log: 'intake', treeSize: 14, found: true },
      { log: 'escalation', treeSize: 10, found: true },
      { log: 'enforcement', treeSize: 10, found: true },
      { log: 'adjudication', treeSize: 9, found: true },
    ]);
    const result = verifyDossier(later, keys.publicPem, held);
    expect(result).toMatchObject({
      ok: true,
      events: 9,
      held: [
        { log: 'intake', treeSize: 14, extendedBy: 15 },
        { log: 'escalation', treeSize: 10, extendedBy: 10 },
        { log: 'enforcement', treeSize: 10, extendedBy: 10 },
        { log: 'adjudication', treeSize: 9, extendedBy: 10 },
      ],
    });
    // the same checkpoints as GET /api/audit/checkpoints/latest gives them, or as a list
    const latest = Object.fromEntries(sinceOf(held).map((c) => [c.log, c]));
    expect(verifyDossier(later, keys.publicPem, readHeldCheckpoints({ ...latest, extra: null }))).toMatchObject({ ok: true });
    expect(verifyDossier(later, keys.publicPem, readHeldCheckpoints(sinceOf(held)))).toMatchObject({ ok: true });
  });

  it('proves a log the case has no event in when asked, and otherwise says to ask', () => {
    const { record, held } = start();
    const noise = new SampleLogs(keys);
    noise.append('intake', 'case-c1', 'c1', 'intake.CaseReported.v1');
    noise.append('escalation', 'stream-c2', 'c2', 'intake.CaseReported.v1');
    const other = noise.checkpoint('escalation');
    // c1 has nothing in this escalation log: held to it, the dossier must carry that log's checkpoint
    expect(failureOf(verifyDossier(noise.dossier('c1'), keys.publicPem, [other]))).toEqual({
      what: 'held',
      where: 'the checkpoint you hold, escalation@1',
      why: 'the dossier signs nothing of the escalation log, so it does not show that the log still extends it (ask for the dossier with ?since=escalation@1)',
    });
    noise.append('escalation', 'stream-c2', 'c2', 'intake.CaseRouted.v1');
    noise.checkpoint('escalation');
    const asked = noise.dossier('c1', [other]);
    expect(verifyDossier(asked, keys.publicPem, [other])).toMatchObject({ ok: true, held: [{ log: 'escalation', treeSize: 1, extendedBy: 2 }] });
    // a dossier not asked with ?since= has no proof from the size held
    record.append('intake', 'case-c1', 'c1', 'intake.CaseReopened.v1');
    record.checkpoint('intake');
    expect(failureOf(verifyDossier(record.dossier('c1'), keys.publicPem, held))).toEqual({
      what: 'held',
      where: 'the checkpoint you hold, intake@14',
      why: "no consistency proof shows that the dossier's checkpoint intake@15 extends it (ask for the dossier with ?since=intake@14): without one, the log was rewritten or put back from an older copy since the checkpoint you hold cannot be ruled out",
    });
  });

  describe('a log rebuilt with the same key after the audit lost its files', () => {
    it('cut short: the new history verifies alone, but not against the checkpoint held', () => {
      const { record, held } = start();
      const closed = lastOf(record, 'intake');
      const rewritten = record.rebuilt((log, e) => e.eventId !== closed.eventId);
      // a dishonest server does not say it was asked: the rewritten log verifies on its own
      expect(verifyDossier(rewritten.dossier('c1'), keys.publicPem)).toMatchObject({ ok: true, checkpoints: expect.arrayContaining([expect.objectContaining({ log: 'intake', treeSize: 13 })]) });
      const answer = rewritten.dossier('c1', sinceOf(held));
      expect(failureOf(verifyDossier(answer, keys.publicPem, held))).toEqual({
        what: 'held',
        where: 'the checkpoint you hold, intake@14',
        why: "the dossier's checkpoint intake@13 is smaller: the log was rewritten or put back from an older copy since the checkpoint you hold",
      });
      // an honest audit says which checkpoints it no longer holds, and that fails without --since too
      expect(answer.proof['since']).toContainEqual({ log: 'intake', treeSize: 14, found: false });
      expect(failureOf(verifyDossier(answer, keys.publicPem))).toEqual({
        what: 'since',
        where: 'checkpoint intake@14, which the dossier was asked to extend',
        why: "the audit holds no signed checkpoint of that size: if you hold one, the audit's checkpoints were deleted, or put back from an older copy, since it was signed",
      });
    });

    it('of the same size with another root, or grown past the size held', () => {
      const { record, held } = start();
      const closed = lastOf(record, 'intake');
      const same = record.rebuilt((log, e) => e.eventId !== closed.eventId);
      same.append('intake', 'stream-c50', 'c50', 'intake.CaseReported.v1');
      expect(failureOf(verifyDossier(same.dossier('c1', sinceOf(held)), keys.publicPem, held))).toEqual({
        what: 'held',
        where: 'the checkpoint you hold, intake@14',
        why: expect.stringMatching(/^the dossier's checkpoint intake@14 has another root \([0-9a-f]{16}…, yours [0-9a-f]{16}…\): the log was rewritten or put back from an older copy since the checkpoint you hold$/),
      });
      // signed at the held size by the rewritten log, then grown: its proof from that size starts from another root
      same.append('intake', 'stream-c50', 'c50', 'intake.CaseRouted.v1');
      same.checkpoint('intake');
      const grown = same.dossier('c1', sinceOf(held));
      expect(grown.proof.consistency.map((c) => `${c.log}@${c.fromTreeSize}→${c.toTreeSize}`)).toContain('intake@14→15');
      expect(failureOf(verifyDossier(grown, keys.publicPem, held))).toMatchObject({ what: 'held', where: 'the checkpoint you hold, intake@14', why: expect.stringMatching(/has another root/) });
      // grown without ever signing that size: no proof from it
      const unsigned = record.rebuilt((log, e) => e.eventId !== closed.eventId);
      for (let i = 0; i < 3; i++) unsigned.append('intake', 'stream-c51', 'c51', 'intake.CaseReported.v1');
      expect(failureOf(verifyDossier(unsigned.dossier('c1', sinceOf(held)), keys.publicPem, held))).toMatchObject({ what: 'held', why: expect.stringMatching(/^no consistency proof shows that the dossier's checkpoint intake@16 extends it/) });
    });
  });

  it('refuses held checkpoints signed by another key, altered, or forked', () => {
    const { record, held } = start();
    const later = record.dossier('c1', sinceOf(held));
    const other = signCheckpoint(held[1]!, loadPrivateKey(sampleKeys().privatePem));
    expect(failureOf(verifyDossier(later, keys.publicPem, [other]))).toMatchObject({ what: 'held', where: 'the checkpoint you hold, intake@14', why: expect.stringMatching(/^is signed by another key/) });
    expect(failureOf(verifyDossier(later, keys.publicPem, [{ ...held[1]!, rootHash: 'ab'.repeat(32) }]))).toMatchObject({ what: 'held', why: expect.stringMatching(/signature does not verify/) });
    const fork = signCheckpoint({ ...held[1]!, rootHash: 'ab'.repeat(32) }, loadPrivateKey(keys.privatePem));
    expect(failureOf(verifyDossier(later, keys.publicPem, [held[1]!, fork]))).toMatchObject({ what: 'held', why: 'you hold two signed roots for this size: the log forked' });
  });

  it('reads what the auditor kept, and refuses a file holding no checkpoint', () => {
    const refusal = (value: unknown) => {
      try {
        readHeldCheckpoints(value);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('read');
    };
    expect(refusal({ intake: null })).toBe('the file: holds no checkpoint: give an earlier dossier, or the checkpoints GET /api/audit/checkpoints/latest gave');
    expect(refusal({ escalation: good.proof.checkpoints[0] })).toBe('escalation: is a checkpoint of the intake log');
    expect(refusal([{ log: 'intake' }])).toBe('[0].treeSize: is missing, not a whole number');
    expect(refusal('intake@14')).toBe('the file: is a string, not an object');
    expect(readHeldCheckpoints({ items: good.proof.checkpoints, total: 6 })).toHaveLength(6);
  });
});

describe('verifyDossier on a dossier made while the audit doubted the record', () => {
  it('does not pass it, naming what the audit had found, once every proof holds', () => {
    const failure = failureOf(
      changed((d) => {
        d['openFindings'] = [{ kind: 'log_inconsistent', log: 'intake', streamId: 'case-c9', revision: 0, eventId: 'e-9', message: 'reordered', detectedAt: '2026-11-21T08:00:00.000Z' }];
      }),
    );
    expect(failure).toEqual({
      what: 'findings',
      where: 'the dossier',
      why: expect.stringMatching(/^was made while the audit held 1 integrity finding\(s\) no auditor had acknowledged: log_inconsistent \(intake case-c9@0\)/),
    });
  });

  it('passes one whose list is empty, and names a list that is not one', () => {
    expect(changed((d) => (d['openFindings'] = [])).ok).toBe(true);
    expect(failureOf(changed((d) => (d['openFindings'] = 'none')))).toMatchObject({ what: 'input', where: 'openFindings' });
  });
});
