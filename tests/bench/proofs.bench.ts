/**
 * The transparency library's own rates, each beside the raw node:crypto work it cannot avoid, in
 * the same run: leaves appended to an in-memory Merkle tree (RFC 9162) beside one SHA-256 of each
 * leaf's input; inclusion proofs made and checked at 100,000 and 1,000,000 leaves beside SHA-256
 * of a node's input (a proof is a few node hashes and look-ups); a checkpoint signed (the root of
 * the tree and an Ed25519 signature) beside the bare signature; and the offline verifier's events
 * per second on a dossier of a few thousand events beside the kernel's `digest` of those events'
 * bodies (the hash every event's check recomputes), the fastest of three runs. The audit's trees live
 * in SQLite, and its own bench times them; these are the floors its figures stand on.
 */
import { createHash, randomBytes, sign } from 'node:crypto';
import { digest } from '@whistle/kernel';
import {
  checkpointText,
  inclusionProof,
  leafHash,
  loadPrivateKey,
  MemorySubtrees,
  signCheckpoint,
  toHex,
  verifyDossier,
  verifyInclusion,
} from '@whistle/transparency';
import { SampleLogs, sampleKeys } from '@whistle/transparency/testing';
import { formatRate, formatRatio, printTable, rate, timed, type BenchSection } from './report';

const TREE_SIZES = [100_000, 1_000_000] as const;
const PROOFS = 20_000;
/** Enough single hashes for a steady figure (a few tenths of a second). */
const RAW_HASHES = 200_000;
const SIGNATURES = 2_000;
/** The dossier's case: streams of STREAM_EVENTS events, interleaved with other cases' events in logs of about LOG_EVENTS each. */
const DOSSIER_STREAMS = 40;
const STREAM_EVENTS = 75;
const LOG_EVENTS = 25_000;
const LOGS = ['intake', 'escalation', 'enforcement', 'adjudication'];
/** The verifier's dossier is checked this many times, the fastest counted (the first also compiles the code). */
const VERIFIER_ROUNDS = 3;

interface Row {
  readonly operation: string;
  readonly count: number;
  readonly seconds: number;
  readonly raw: string;
  readonly rawCount: number;
  readonly rawSeconds: number;
}

export const proofsBench: BenchSection = {
  name: 'proofs (Merkle log, checkpoints, offline verifier)',
  async run() {
    // The verifier first: the million-leaf tree kept alive after would slow its every garbage collection.
    const verifier = await verifierRow();
    const rows: Row[] = [];
    let tree = new MemorySubtrees();
    for (const size of TREE_SIZES) {
      const inputs = Array.from({ length: size }, () => randomBytes(32));
      const built = (tree = new MemorySubtrees());
      const seconds = await timed(() => {
        for (const input of inputs) built.push(leafHash(input));
      });
      const rawSeconds = await timed(() => {
        for (const input of inputs) createHash('sha256').update(input).digest();
      });
      rows.push({ operation: `leaves appended (tree of ${size.toLocaleString('en-US')})`, count: size, seconds, raw: 'SHA-256 of each 32-byte input', rawCount: size, rawSeconds });
      rows.push(...(await proofRows(tree, size)));
    }
    rows.push(await checkpointRow(tree), verifier);
    printTable(
      'the transparency library vs raw node:crypto (per second, higher is faster)',
      ['operation', 'work', 'library/s', 'raw', 'raw/s', 'library/raw'],
      rows.map((r) => [
        r.operation,
        r.count.toLocaleString('en-US'),
        formatRate(rate(r.count, r.seconds)),
        r.raw,
        formatRate(rate(r.rawCount, r.rawSeconds)),
        formatRatio(rate(r.count, r.seconds) / rate(r.rawCount, r.rawSeconds)),
      ]),
    );
  },
};

async function fastestOf(rounds: number, work: () => void): Promise<number> {
  let fastest = Infinity;
  for (let i = 0; i < rounds; i++) fastest = Math.min(fastest, await timed(work));
  return fastest;
}

/** Proofs for leaves spread over the whole tree; the raw side hashes as many node inputs (65 bytes). */
async function proofRows(tree: MemorySubtrees, size: number): Promise<Row[]> {
  const indices = Array.from({ length: PROOFS }, (_, i) => Math.floor(((i + 0.5) * size) / PROOFS));
  const root = tree.root(size);
  const proofs: Buffer[][] = [];
  const seconds = await timed(() => {
    for (const i of indices) proofs.push(inclusionProof(tree, i, size));
  });
  let verified = 0;
  const checkSeconds = await timed(() => {
    indices.forEach((index, k) => (verified += verifyInclusion(tree.node(0, index), index, size, proofs[k]!, root) ? 1 : 0));
  });
  if (verified !== PROOFS) throw new Error(`only ${verified} of ${PROOFS} proofs verified`);
  const node = Buffer.alloc(65, 1);
  const rawSeconds = await timed(() => {
    for (let i = 0; i < RAW_HASHES; i++) createHash('sha256').update(node).digest();
  });
  const at = size.toLocaleString('en-US');
  const raw = { raw: 'SHA-256 of a node input (65 bytes)', rawCount: RAW_HASHES, rawSeconds };
  return [
    { operation: `inclusion proofs made (${at} leaves, ${proofs[0]!.length} hashes each)`, count: PROOFS, seconds, ...raw },
    { operation: `inclusion proofs checked (${at} leaves)`, count: PROOFS, seconds: checkSeconds, ...raw },
  ];
}

/** A checkpoint of the whole tree: its root from the perfect subtrees, and the Ed25519 signature over its text. */
async function checkpointRow(tree: MemorySubtrees): Promise<Row> {
  const keys = sampleKeys();
  const key = loadPrivateKey(keys.privatePem);
  const timestamp = new Date(0).toISOString();
  const text = Buffer.from(checkpointText({ log: 'intake', treeSize: tree.size, rootHash: toHex(tree.root()), timestamp, keyFingerprint: keys.fingerprint }));
  const seconds = await timed(() => {
    for (let i = 0; i < SIGNATURES; i++) signCheckpoint({ log: 'intake', treeSize: tree.size, rootHash: toHex(tree.root()), timestamp }, key);
  });
  const rawSeconds = await timed(() => {
    for (let i = 0; i < SIGNATURES; i++) sign(null, text, key);
  });
  const operation = `checkpoints signed (root of ${tree.size.toLocaleString('en-US')} leaves + Ed25519)`;
  return { operation, count: SIGNATURES, seconds, raw: 'Ed25519 signature of its text', rawCount: SIGNATURES, rawSeconds };
}

/**
 * The verifier on one case's dossier (whole streams in the four logs, among other cases' events),
 * from its JSON text as the command has it: parsed and checked. The raw side recomputes each
 * event's chain hash from its body, which every event's check does too.
 */
async function verifierRow(): Promise<Row> {
  const logs = new SampleLogs();
  const noise = Math.round(LOG_EVENTS / ((DOSSIER_STREAMS * STREAM_EVENTS) / LOGS.length)) - 1;
  for (let e = 0; e < STREAM_EVENTS; e++) {
    for (let s = 0; s < DOSSIER_STREAMS; s++) {
      const log = LOGS[s % LOGS.length]!;
      logs.append(log, `stream-${s}`, 'c1', 'escalation.TaskProgressNoted.v1', { note: '整改进展：已清理占道杂物，待复查', step: e });
      for (let n = 0; n < noise; n++) logs.append(log, `other-${log}-${(e * noise + n) % 5000}`, `c-${n}`, 'intake.CaseReported.v1', { n });
    }
  }
  const text = JSON.stringify(logs.dossier('c1'));
  let result: ReturnType<typeof verifyDossier> | undefined;
  const seconds = await fastestOf(VERIFIER_ROUNDS, () => {
    result = verifyDossier(JSON.parse(text), logs.keys.publicPem);
  });
  if (!result?.ok) throw new Error(`the bench's dossier did not verify: ${JSON.stringify(result)}`);
  const bodies = (JSON.parse(text) as { proof: { events: { body: string }[] } }).proof.events.map((e) => [e.body, (JSON.parse(e.body) as { prevHash: string }).prevHash] as const);
  const rawSeconds = await fastestOf(VERIFIER_ROUNDS, () => {
    for (const [body, prevHash] of bodies) digest(prevHash, body);
  });
  return {
    operation: `verifier: events of a ${(text.length / 1e6).toFixed(1)} MB dossier (${result.provedEvents.toLocaleString('en-US')} events; logs of ${LOG_EVENTS.toLocaleString('en-US')})`,
    count: result.provedEvents,
    seconds,
    raw: "kernel digest of each event's body",
    rawCount: bodies.length,
    rawSeconds,
  };
}
