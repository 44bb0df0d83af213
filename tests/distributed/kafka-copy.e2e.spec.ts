import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { GENESIS_HASH, hashOf, type EventEnvelope, type EventToAppend } from '@whistle/kernel';
import { CHECKPOINT_TOPIC, TOPICS } from '@whistle/contracts';
import { PostgresEventStore } from '@whistle/event-store';
import type { DistributedSystem } from '@whistle/deployment';
import { TopicCopyRecord, withHeadLedger, type Finding } from '@whistle/audit-service';
import type { Infra } from '@whistle/testing';
import { CaseSteps } from '../e2e/support/case-steps';
import { ApiClient, eventually, roles } from '../e2e/support/api-client';
import { consumeAll, produce, type KcatMessage } from './kcat';
import { groupCaughtUp } from './kafka-lag';
import { DistributedRun } from './distributed-run';

/**
 * The Kafka copy held against the stores in the distributed mode: one process per service over
 * the real broker, PostgreSQL stores, kcat as the outside client a forger would use. The findings
 * are read as an auditor reads them (GET /api/audit/findings); how far the audit's sweep went, from its file.
 */
jest.setTimeout(300_000);

const GRACE_SECONDS = 5;
let distributed: DistributedRun | undefined;
let infra: Infra;
let namespace: string;
let run: string;
let system: DistributedSystem;
let steps: CaseSteps;

beforeAll(async () => {
  distributed = await DistributedRun.start('kafkacopy', { AUDIT_TOPIC_GRACE_SECONDS: String(GRACE_SECONDS) });
  ({ infra, namespace, system, id: run } = distributed);
  steps = new CaseSteps(system.baseUrl, 60_000);
}, 20 * 60_000);

afterAll(async () => {
  await distributed?.stop();
});

/** A test body whose failure carries what every process printed (the audit's and nginx's above all), to say why. */
const logged = (body: () => Promise<void>) => () => (distributed ? distributed.withLogs(body) : body());

const intakeTopic = () => `${namespace}${TOPICS.intake}`;

const auditor = () => new ApiClient(system.baseUrl, roles.auditor());

/** The audit's open findings about the topics, oldest first, as it serves them. */
async function topicFindings(): Promise<Finding[]> {
  const listed = await auditor().get('/api/audit/findings?pageSize=200');
  expect(listed.status).toBe(200);
  return (listed.body.items as Finding[]).filter((finding) => finding.acknowledged === null && finding.kind.startsWith('topic_')).reverse();
}

const named = ({ kind, log, streamId, revision, eventId }: Finding) => ({ kind, log, streamId, revision, eventId });

/** The message kcat finds on the topic with exactly this value. */
function onTopic(payload: string): KcatMessage {
  const message = consumeAll(infra.kafkaBrokers, intakeTopic()).find((m) => m.payload === payload);
  if (!message) throw new Error('the produced message is not on the topic');
  return message;
}

/** Resolves once the audit's sweep has looked at every event the intake store holds now. */
async function sweptThroughIntake(): Promise<void> {
  const store = await system.openStore('intake');
  const head = await store.headPosition().finally(() => store.close());
  await eventually(async () => {
    const record = TopicCopyRecord.open(join(system.dataDir, 'audit.db'));
    const swept = (() => {
      try {
        return record.swept('intake');
      } finally {
        record.close();
      }
    })();
    if (swept === null || swept < head) throw new Error(`swept to ${swept}, the store's head is ${head}`);
  }, 60_000, 'the sweep through the intake store');
}

it('kcat as a forger: a message the store never recorded and an altered copy are named by topic, partition, offset, stream, revision and event; a duplicate is not; the ledger takes neither', logged(async () => {
  const caseId = await steps.report('fire_lane_blocked');
  const genuine = await eventually(async () => {
    const found = consumeAll(infra.kafkaBrokers, intakeTopic()).find((m) => m.key === caseId && (JSON.parse(m.payload ?? '{}') as EventEnvelope).type === 'intake.CaseReported.v1');
    if (!found?.payload) throw new Error('the report is not on the topic yet');
    return { key: caseId, payload: found.payload };
  }, 30_000, 'the report on its topic');
  // The audit's consumer is at work before the forger writes: what it then fails to flag is its fault, not a slow start's.
  await eventually(() => groupCaughtUp(infra.kafkaBrokers, namespace, 'audit'), 120_000, 'the audit consumed the genuine report');
  const reported = JSON.parse(genuine.payload) as EventEnvelope;
  const data = reported.data as Record<string, unknown>;

  // (a) a case the store never had, hashed by the chain's own rule; (b) the genuine report with its
  // description changed, id and hash kept; (c) the genuine message again, byte for byte.
  const forgedCase = `forged-${run}`;
  const { hash: _, ...unsealed } = { ...reported, eventId: randomUUID(), caseId: forgedCase, streamId: `case-${forgedCase}`, prevHash: GENESIS_HASH, data: { ...data, caseId: forgedCase } };
  const stray = JSON.stringify({ ...unsealed, hash: hashOf(unsealed) });
  const altered = JSON.stringify({ ...reported, data: { ...data, description: '伪造：现场已处理，无需出动' } });
  produce(infra.kafkaBrokers, intakeTopic(), forgedCase, stray);
  produce(infra.kafkaBrokers, intakeTopic(), caseId, altered);
  produce(infra.kafkaBrokers, intakeTopic(), genuine.key, genuine.payload);
  const [strayAt, alteredAt] = [onTopic(stray), onTopic(altered)];
  await eventually(() => groupCaughtUp(infra.kafkaBrokers, namespace, 'audit'), 120_000, 'the audit consumed the forger’s messages');
  // Past the grace, the sweep has held every stored event against the topic: nothing is missing.
  await sweptThroughIntake();

  // The two are on the partitions of their keys, consumed in no set order: each is found by its kind.
  const found = new Map((await topicFindings()).map((finding) => [finding.kind, finding]));
  expect([...found.values()].map(named).sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
    { kind: 'topic_altered', log: 'intake', streamId: `case-${caseId}`, revision: 0, eventId: reported.eventId },
    { kind: 'topic_extra', log: 'intake', streamId: `case-${forgedCase}`, revision: 0, eventId: unsealed.eventId },
  ]);
  expect(found.get('topic_extra')?.message).toBe(
    `${TOPICS.intake} partition ${strayAt.partition} offset ${strayAt.offset}: event ${unsealed.eventId} at stream case-${forgedCase} revision 0 is not in the intake store: a message its store never recorded`,
  );
  expect(found.get('topic_altered')?.message).toBe(
    `${TOPICS.intake} partition ${alteredAt.partition} offset ${alteredAt.offset}: event ${reported.eventId} at stream case-${caseId} revision 0 differs from the intake store's sealed event in data`,
  );

  // Neither moved a head in the ledger: the case still verifies, and the forged stream is unknown to it.
  const store = await system.openStore('intake');
  const last = await store.readStream(`case-${caseId}`).finally(() => store.close());
  const heads = withHeadLedger(join(system.dataDir, 'audit.db'), (ledger) => ledger.headsOf([`case-${caseId}`, `case-${forgedCase}`]));
  expect(heads.map(({ streamId, revision, hash }) => ({ streamId, revision, hash }))).toEqual([{ streamId: `case-${caseId}`, revision: last.at(-1)?.revision, hash: last.at(-1)?.hash }]);
  const verified = await auditor().post('/api/audit/verify', { caseId });
  expect(verified.body).toMatchObject({ ok: true, caseId });

  // The whole verification names them beside the stores' own checks, which hold: the record itself is intact.
  const whole = (await auditor().post('/api/audit/verify', {})).body as { ok: boolean; breaks: { kind: string; eventId: string }[] };
  expect(whole.ok).toBe(false);
  expect(whole.breaks.filter((b) => b.kind.startsWith('topic_')).map((b) => `${b.kind} ${b.eventId}`).sort()).toEqual([`topic_altered ${reported.eventId}`, `topic_extra ${unsealed.eventId}`]);
  // They outlive a restart of the audit, and are shown where every finding is until an auditor acknowledges them.
  await system.relaunch('audit');
  const ready = await fetch(`${system.serviceUrl('audit')}/api/ready`);
  expect(ready.status).toBe(200);
  const shown = await ready.text();
  expect(shown).toContain('"attention":["integrity"]');
  expect(shown).toContain('2 integrity finding(s) not acknowledged');
  expect(shown).toContain(`topic_extra (intake case-${forgedCase}@0)`);
  expect(shown).toContain(`topic_altered (intake case-${caseId}@0)`);
  const metrics = await (await fetch(`${system.serviceUrl('audit')}/metrics`)).text();
  expect(metrics).toMatch(/whistle_integrity_findings_total\{kind="topic_extra"\} 1\b/);
  expect(metrics).toMatch(/whistle_integrity_findings_total\{kind="topic_altered"\} 1\b/);
  expect((await auditor().post('/api/audit/findings/acknowledge', { reason: '伪造的消息已报告，来源已封堵' })).status).toBe(200);
  expect(await (await fetch(`${system.serviceUrl('audit')}/api/ready`)).text()).not.toContain('attention');
}));

it('an event its store holds that never reached its topic is named once the grace is past', logged(async () => {
  const caseId = await steps.report('group_renting', 'compound-xinghua-2');
  const reported = (await system.openStore('intake').then((store) => store.readStream(`case-${caseId}`).finally(() => store.close())))[0];
  if (!reported) throw new Error('the report is not in the store');

  // Intake is down; its store gets an event its relay will never send: the relay's checkpoint moves past it.
  await system.kill('intake');
  const lostCase = `lost-${run}`;
  const lost: EventToAppend = {
    eventId: randomUUID(),
    type: reported.type,
    data: { ...(reported.data as object), caseId: lostCase },
    caseId: lostCase,
    occurredAt: new Date().toISOString(),
    actor: reported.actor,
    correlationId: randomUUID(),
    causationId: null,
  };
  const url = system.storeSettings('intake')['POSTGRES_URL_INTAKE'];
  if (!url) throw new Error('the intake store has no URL');
  const writer = await PostgresEventStore.connect({ connectionString: url, schema: 'intake', maxConnections: 2 });
  try {
    await writer.append(`case-${lostCase}`, [lost], 'no_stream');
    const skipping = writer.subscribe({ subscriptionId: `relay:${TOPICS.intake}`, handleBatch: async () => undefined, pollIntervalMs: 50 });
    await skipping.caughtUp();
    await skipping.stop();
  } finally {
    await writer.close();
  }
  await system.relaunch('intake');

  const missing = await eventually(async () => {
    const found = (await topicFindings()).find((f) => f.kind === 'topic_missing' && f.eventId === lost.eventId);
    if (!found) throw new Error('not named yet');
    return found;
  }, 60_000, 'the lost event named missing');
  expect(named(missing)).toEqual({ kind: 'topic_missing', log: 'intake', streamId: `case-${lostCase}`, revision: 0, eventId: lost.eventId });
  expect(missing.message).toMatch(new RegExp(`^event ${lost.eventId} at stream case-${lostCase} revision 0 \\(position \\d+ of the intake store, recorded \\S+\\) had not appeared on ${TOPICS.intake.replace(/\./g, '\\.')} within ${GRACE_SECONDS} s of being recorded$`));
  // Nothing else: the report before it was relayed and seen.
  await sweptThroughIntake();
  expect((await topicFindings()).map(named)).toEqual([named(missing)]);
  expect(system.process('audit').running).toBe(true);
}));

it('the audit’s files deleted while it is down: at its restart it reads back the checkpoints it published on Kafka, restores them and says so', logged(async () => {
  expect((await auditor().post('/api/audit/findings/acknowledge', { reason: '前面的测试已查看' })).status).toBe(200);
  // A dossier makes the audit sign (and publish) a checkpoint of each log its case touches.
  const caseId = await steps.report('late_night_noise', 'compound-xinghua-2');
  await steps.waitFor(caseId, (v) => v.status === 'triaged', 'triaged');
  const signed = ((await auditor().get(`/api/audit/cases/${caseId}/dossier`)).body as { proof: { checkpoints: { log: string; treeSize: number }[] } }).proof.checkpoints;
  const latest = new Map(signed.map((c) => [c.log, c.treeSize]));
  await eventually(async () => {
    const onKafka = consumeAll(infra.kafkaBrokers, `${namespace}${CHECKPOINT_TOPIC}`).map((m) => JSON.parse(m.payload ?? 'null') as { log: string; treeSize: number });
    for (const [log, size] of latest) if (!onKafka.some((c) => c.log === log && c.treeSize === size)) throw new Error(`${log}@${size} not on Kafka yet`);
  }, 30_000, 'the checkpoints on Kafka');

  await system.kill('audit');
  for (const name of ['audit.db', 'audit-merkle.db', 'audit-checkpoints.db']) for (const suffix of ['', '-wal', '-shm']) rmSync(join(system.dataDir, `${name}${suffix}`), { force: true });
  await system.relaunch('audit');

  const restored = (await topicFindingsOf('checkpoints_missing')).filter((f) => f.message.includes(`Kafka topic ${CHECKPOINT_TOPIC}`));
  for (const [log, size] of latest) expect(restored.map((f) => f.message)).toContainEqual(expect.stringContaining(`checkpoint ${log}@${size} (`));
  expect(await topicFindingsOf('unanchored')).toHaveLength(1);
  // Held to the restored checkpoints, the untouched stores check out, and the case still verifies.
  const verified = await auditor().post('/api/audit/verify', { caseId });
  expect(verified.body).toMatchObject({ ok: true, caseId });
  expect((await auditor().post('/api/audit/findings/acknowledge', { reason: '审计文件被删除后已从 Kafka 副本恢复检查点' })).status).toBe(200);
}));

async function topicFindingsOf(kind: string): Promise<Finding[]> {
  const listed = (await auditor().get('/api/audit/findings?pageSize=200')).body as { items: Finding[] };
  return listed.items.filter((f) => f.kind === kind && f.acknowledged === null);
}
