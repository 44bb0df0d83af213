import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { verifyStream, type EventEnvelope } from '@whistle/kernel';
import { CHECKPOINT_TOPIC, SERVICES, TOPICS, dlqOf, messageKeyOf, ownerOf, quarterOf } from '@whistle/contracts';
import { loadPublicKey, verifyCheckpoint, verifyDossier, type Checkpoint } from '@whistle/transparency';
import { withAdmin } from '@whistle/event-store';
import { envelopeProblem } from '@whistle/messaging';
import { CONSOLE_DIST, DEPLOYED_SERVICES, DistributedSystem, REPO_ROOT, type PostgresStores } from '@whistle/deployment';
import { ensureConsoleBuilt } from '@whistle/console';
import { TopicCopyRecord } from '@whistle/audit-service';
import type { Infra } from '@whistle/testing';
import { CaseSteps } from '../e2e/support/case-steps';
import { describeCasePaths } from '../e2e/support/case-paths';
import { describePositions } from '../e2e/support/positions';
import { ApiClient, eventually, roles } from '../e2e/support/api-client';
import { consumeAll, headerOf, produce } from './kcat';
import { groupCaughtUp } from './kafka-lag';
import { DistributedRun } from './distributed-run';
import { launchChromium, screenshot, signIn } from '../e2e/console/browser';
import { SystemProcess } from '../e2e/support/system-process';
import { CATALOGUE_ID_MEMBERS } from '@whistle/http';

/**
 * The distributed mode end to end: one process per service (`npm run start:<service>`), talking
 * only through the real Kafka broker, read models in FerretDB, nginx as the one base URL; all
 * started by the project's own scripts. Tests talk HTTP to the proxy, and read Kafka with kcat.
 */
jest.setTimeout(300_000);

let distributed: DistributedRun | undefined;
let namespace: string;
let infra: Infra;
let mongoUrl: string;
let runDir: string;
let system: DistributedSystem;
let steps: CaseSteps;
let stores: PostgresStores;

/** Runs `check`; when it fails, its error carries what every process printed, to say why. */
const withLogs = <T>(check: () => Promise<T>): Promise<T> => (distributed ? distributed.withLogs(check) : check());

const count = (events: readonly { type: string }[], type: string) => events.filter((e) => e.type === type).length;

beforeAll(async () => {
  // The proxy serves the web console's built files at /.
  ensureConsoleBuilt((line) => console.log(line));
  // A grace short enough that the last test holds most of the run's events against the topics,
  // long enough for the relays to publish again after the broker's outage.
  distributed = await DistributedRun.start('e2e', { AUDIT_TOPIC_GRACE_SECONDS: '60' });
  ({ infra, namespace, mongoUrl, runDir, stores, system } = distributed);
  steps = new CaseSteps(system.baseUrl, 60_000);
}, 20 * 60_000);

afterAll(async () => {
  await distributed?.stop();
});

describe('the case paths, one process per service over Kafka and MongoDB', () => {
  describeCasePaths(() => steps);
});

describe('positions, waits and the live stream, through nginx, over Kafka and MongoDB', () => {
  describePositions(() => system.baseUrl);
});

it('escalation killed while a case is reported, and started again: a whistle while its consumer catches up is taken or not_yet_known, never 404; with the report’s position it waits and is taken', async () => {
  const central = new ApiClient(system.baseUrl, roles.station('station-central'));
  const report = (compoundId: string) => central.post('/api/intake/cases', { compoundId, category: 'common_area_clutter', description: 'escalation down', channel: 'branch' });
  await system.kill('escalation');
  let reported: Record<'first' | 'second', Awaited<ReturnType<typeof report>>>;
  try {
    reported = { first: await report('compound-chuangxin-1'), second: await report('compound-chuangxin-2') };
  } finally {
    await system.relaunch('escalation');
  }
  const { first, second } = reported;
  expect([first.status, second.status]).toEqual([201, 201]);
  // Sent the moment it serves again: its consumer group may still be rejoining, its backlog unread.
  const [blind, positioned] = await Promise.all([
    central.post(`/api/escalation/cases/${first.body.id}/whistle`, { level: 2 }, { prefer: 'wait=1' }),
    central.post(`/api/escalation/cases/${second.body.id}/whistle`, { level: 2 }, { 'after-position': second.body.position, prefer: 'wait=30' }),
  ]);
  expect([
    { status: 200, code: undefined },
    { status: 503, code: 'not_yet_known' },
  ]).toContainEqual({ status: blind.status, code: blind.body.details?.[0]?.code });
  expect(positioned.status).toBe(200);
  expect(positioned.body.events).toEqual(['escalation.WhistleBlown.v1']);
});

it('a consumer service killed with SIGKILL in the middle of a case restarts; the case completes and no effect happens twice', async () => {
  const caseId = await steps.report('fire_lane_blocked');
  // The whistle is recorded and relayed; enforcement dies before (or while) it assigns the tasks.
  const whistleId = await steps.whistle(caseId, { level: 2 });
  await system.kill('enforcement');
  await system.relaunch('enforcement');
  const first = await steps.taskOf(caseId, 'unit-jiaojing', whistleId);
  const second = await steps.taskOf(caseId, 'unit-xiaofang', whistleId);

  // Escalation dies between the two outcomes, with the first one on its topic.
  await steps.work(first, 'unit-jiaojing', 'resolved');
  await system.kill('escalation');
  await steps.work(second, 'unit-xiaofang', 'resolved');
  await system.relaunch('escalation');
  await steps.waitFor(caseId, (v) => v.status === 'resolved', 'resolved');
  expect((await steps.station.post(`/api/intake/cases/${caseId}/callback`, { result: 'satisfied' })).status).toBe(200);
  await steps.waitFor(caseId, (v) => v.status === 'closed', 'closed');

  const history = await steps.history(caseId);
  expect(count(history, 'escalation.WhistleBlown.v1')).toBe(1);
  expect(count(history, 'enforcement.TaskAssigned.v1')).toBe(2);
  expect(count(history, 'enforcement.OutcomeRecorded.v1')).toBe(2);
  expect(count(history, 'escalation.WorkCompleted.v1')).toBe(1);
  expect(count(history, 'intake.CaseClosed.v1')).toBe(1);
  expect(new Set(history.map((e) => e.eventId)).size).toBe(history.length);
  const verified = await new ApiClient(system.baseUrl, roles.auditor()).post('/api/audit/verify', { caseId });
  expect(verified.status).toBe(200);
  expect(verified.body.breaks).toEqual([]);
});

it('the office’s figures, the cases behind them, the cases awaiting a meeting and a case’s verification stream by stream, through the proxy', async () => {
  const caseId = await steps.report('existing_illegal_building', 'compound-xinghua-3');
  await steps.whistle(caseId, { level: 4 });
  await steps.waitFor(caseId, (v) => v.adjudication?.status === 'awaiting_tabling', 'awaiting a meeting');
  const pending = await steps.office.get('/api/adjudication/pending-cases');
  expect(pending.status).toBe(200);
  expect(pending.body.items).toContainEqual(expect.objectContaining({ caseId, units: ['unit-chengguan', 'unit-zhujian', 'unit-ziran-ziyuan'] }));

  const from = new Date(Date.now() - 86_400_000).toISOString();
  const to = new Date(Date.now() + 86_400_000).toISOString();
  const trends = await steps.office.get(`/api/query/stats/trends?groupBy=station&from=${from}&to=${to}`);
  expect(trends.status).toBe(200);
  expect(trends.body.groups.find((g: { id: string }) => g.id === 'station-north')?.totals.cases).toBeGreaterThan(0);
  expect(trends.body.atLevel4.total).toBeGreaterThan(0);
  const behind = await steps.office.get('/api/query/stats/cases?figure=atLevel4&adjudication=awaiting_tabling&pageSize=100');
  expect(behind.status).toBe(200);
  expect(behind.body.items.map((item: { id: string }) => item.id)).toContain(caseId);

  const verified = await new ApiClient(system.baseUrl, roles.auditor()).post('/api/audit/verify', { caseId });
  expect(verified.body).toMatchObject({ ok: true, caseId });
  expect(verified.body.streams.map((s: { streamId: string }) => s.streamId)).toEqual(expect.arrayContaining([`case-${caseId}`, `whistle-${caseId}`, `adjudication-${caseId}`]));
});

it('supervision, its own process, through the proxy: a task’s outcome opens its evaluation over Kafka for the station to rate, and a questionnaire link answers without a token', async () => {
  // A pair no other test of this run leaves open (the positions' paths report noise in 绿洲花园), so it is not linked as a duplicate.
  const caseId = await steps.report('late_night_noise', 'compound-xinghua-2');
  const whistleId = await steps.whistle(caseId, { level: 2 });
  const taskId = await steps.taskOf(caseId, 'unit-gongan', whistleId);
  await steps.work(taskId, 'unit-gongan', 'resolved');
  const rated = await eventually(async () => {
    const response = await steps.station.post(`/api/supervision/tasks/${taskId}/unit-rating`, { timeliness: 4, effectiveness: 4, cooperation: 4, comment: '处置及时' });
    if (response.status !== 200) throw new Error(`the rating answered ${response.status}`);
    return response;
  }, 60_000, 'the evaluation opens in supervision');
  expect(rated.body).toMatchObject({ id: taskId, events: ['supervision.UnitResponseRated.v1'] });

  const firm = await steps.office.post('/api/supervision/firms', { name: '梧桐物业', creditCode: '91310115MA1K4ABC31', contact: { name: '赵经理', phone: '13700000000' }, compoundIds: ['compound-wutong-2'] });
  expect(firm.status).toBe(201);
  const assessment = await steps.office.post('/api/supervision/assessments', { quarter: quarterOf(new Date().toISOString()), firmId: firm.body.id, compoundId: 'compound-wutong-2' });
  expect(assessment.status).toBe(201);
  const issued = await steps.station.post(`/api/supervision/assessments/${assessment.body.id}/questionnaires`, {});
  expect(issued.status).toBe(200);
  const link = await fetch(`${system.baseUrl}/api/public/questionnaires/${issued.body.token}`);
  expect(link.status).toBe(200);
  expect(await link.json()).toMatchObject({ assessmentId: assessment.body.id, firmName: '梧桐物业', open: true });
  // The rest of /api/public/ is the read side's, also without a token.
  const notices = await fetch(`${system.baseUrl}/api/public/notices`);
  expect(notices.status).toBe(200);
  expect(await notices.json()).toMatchObject({ items: [], total: 0 });
});

it('a reporter’s personal data through the proxy: masked for a unit intake learned was summoned over Kafka, read in full by the station with a reason the audit lists, erased by the office, and the erasure in the views FerretDB keeps', async () => {
  const caseId = await steps.report('fire_lane_blocked', 'compound-xinghua-1', { reporter: { name: '张三', phone: '13812345678' } });
  await steps.whistle(caseId, { level: 2 });
  const unit = steps.unit('unit-jiaojing');
  const masked = await eventually(async () => {
    const answer = await unit.get(`/api/intake/cases/${caseId}/reporter`);
    expect(answer.status).toBe(200);
    return answer.body;
  }, 60_000);
  expect(masked).toEqual({ reporter: { name: '张*', phone: '138****5678' }, masked: true, erased: null, fullRequiresReason: false, access: null });
  expect((await steps.unit('unit-chengguan').get(`/api/intake/cases/${caseId}/reporter`)).status).toBe(403);
  // The station reads it in full with a reason; the audit service hears the access over Kafka and lists it.
  const full = await steps.station.post(`/api/intake/cases/${caseId}/reporter/disclosures`, { reason: '回访核实' });
  expect(full.body).toMatchObject({ reporter: { name: '张三', phone: '13812345678' }, masked: false, access: { at: expect.any(String) } });
  const auditor = new ApiClient(system.baseUrl, roles.auditor());
  await eventually(async () => {
    const listed = await auditor.get(`/api/audit/personal-data-access?caseId=${caseId}`);
    expect(listed.body).toMatchObject({ total: 1, items: [{ caseId, reason: '回访核实', actor: { id: 'station-station-north', role: 'station' }, accessedAt: full.body.access.at }] });
  }, 60_000);

  const erased = await steps.office.post('/api/intake/reporters/erasure', { phone: '+86 138 1234 5678', reason: '本人申请删除' });
  expect(erased.body).toMatchObject({ count: 1, cases: [{ id: caseId, events: ['intake.ReporterDataErased.v1'] }] });
  expect((await unit.get(`/api/intake/cases/${caseId}/reporter`)).body).toEqual({ reporter: null, masked: false, erased: { at: expect.any(String), by: { id: 'office-zhang', role: 'office' }, reason: '本人申请删除' }, fullRequiresReason: false, access: null });
  await steps.waitFor(caseId, (v) => v.reporterErasure?.reason === '本人申请删除', 'shows the erasure');
  const verified = await new ApiClient(system.baseUrl, roles.auditor()).post('/api/audit/verify', { caseId });
  expect(verified.body).toMatchObject({ ok: true, caseId });
});

it('a dossier taken through the proxy verifies offline with the audit’s public key, and the checkpoint it leads to is on Kafka as an outside client reads it', async () => {
  // A kind no open case has at that compound (the reporter's case above is still open), so it is not linked as a duplicate.
  const caseId = await steps.report('green_space_vegetables', 'compound-xinghua-1');
  await steps.waitFor(caseId, (v) => v.status === 'triaged', 'triaged');
  const auditor = new ApiClient(system.baseUrl, roles.auditor());
  const dossier = (await auditor.get(`/api/audit/cases/${caseId}/dossier`)).body as { proof: { checkpoints: Checkpoint[] } };
  const { publicKeyPem } = (await auditor.get('/api/audit/public-key')).body as { publicKeyPem: string };
  const offline = verifyDossier(dossier, publicKeyPem);
  expect(offline).toMatchObject({ ok: true, caseId });
  // The checkpoint a dossier needed was signed for it, and published keyed by its log.
  const published = await eventually(async () => {
    const onKafka = consumeAll(infra.kafkaBrokers, `${namespace}${CHECKPOINT_TOPIC}`).map((m) => ({ key: m.key, checkpoint: JSON.parse(m.payload ?? 'null') as Checkpoint }));
    const wanted = dossier.proof.checkpoints.filter((c) => !onKafka.some((m) => m.key === c.log && m.checkpoint.treeSize === c.treeSize && m.checkpoint.rootHash === c.rootHash));
    if (wanted.length > 0) throw new Error(`not on Kafka yet: ${wanted.map((c) => `${c.log}@${c.treeSize}`).join(', ')}`);
    return onKafka;
  }, 30_000, 'the dossier’s checkpoints on Kafka');
  const key = loadPublicKey(publicKeyPem);
  for (const { checkpoint } of published) expect(verifyCheckpoint(checkpoint, key)).toBe(true);
});

it('kcat reads every topic: each message is a valid envelope of its topic’s service, keyed by its case, and the topics hold exactly the stores’ events', async () => {
  for (const service of SERVICES) {
    const messages = consumeAll(infra.kafkaBrokers, `${namespace}${TOPICS[service]}`);
    expect(messages.length).toBeGreaterThan(0);
    const byId = new Map<string, EventEnvelope>();
    for (const message of messages) {
      const envelope = JSON.parse(message.payload ?? 'null') as EventEnvelope;
      expect({ offset: message.offset, problem: envelopeProblem(envelope) }).toEqual({ offset: message.offset, problem: null });
      expect(ownerOf(envelope.type)).toBe(service);
      expect(message.key).toBe(messageKeyOf(envelope));
      // Every case stream is keyed by its case id; a meeting spans cases and is keyed by its stream.
      if (!envelope.streamId.startsWith('meeting-')) expect(message.key).toBe(envelope.caseId);
      // At least once: a redelivered event is the same event, byte for byte in what matters.
      const earlier = byId.get(envelope.eventId);
      if (earlier) expect(envelope.hash).toBe(earlier.hash);
      byId.set(envelope.eventId, envelope);
    }

    // Each stream on the topic is whole and its hash chain verifies, and it is exactly the store's.
    const store = await system.openStore(service);
    try {
      const stored = (await store.readAll({ from: -1n, maxCount: 1_000_000 })).map((p) => p.event);
      expect([...byId.keys()].sort()).toEqual(stored.map((e) => e.eventId).sort());
      const streams = new Map<string, EventEnvelope[]>();
      for (const event of byId.values()) streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event]);
      for (const [streamId, events] of streams) {
        events.sort((a, b) => a.revision - b.revision);
        expect({ streamId, result: verifyStream(streamId, events) }).toEqual({ streamId, result: expect.objectContaining({ ok: true }) });
      }
    } finally {
      await store.close();
    }
  }
});

it('the writers keep their events in PostgreSQL as their own roles; the audit reads them as a role that may only SELECT', async () => {
  // The audit's readiness reads every store, so its pools hold a connection to each for a while.
  expect((await fetch(`${system.serviceUrl('audit')}/api/ready`)).status).toBe(200);
  const sessions = await withAdmin(stores.adminUrl, async (admin) => {
    const activity = await admin.query<{ usename: string; application_name: string }>(
      `SELECT DISTINCT usename, application_name FROM pg_stat_activity WHERE datname = $1 AND application_name LIKE 'event-store %' ORDER BY 1, 2`,
      [stores.database],
    );
    return activity.rows.map((r) => `${r.usename}: ${r.application_name}`);
  });
  for (const service of SERVICES) {
    expect(sessions).toContain(`whistle_${service}: event-store ${service}`);
    expect(sessions).toContain(`whistle_reader: event-store ${service} (read only)`);
  }
  expect(sessions.filter((s) => s.startsWith('whistle_reader:')).every((s) => s.endsWith('(read only)'))).toBe(true);

  const privileges = await withAdmin(infra.postgresAdminUrl(stores.database), async (admin) => {
    const rows = await admin.query<{ service: string; can: string }>(
      `SELECT s AS service, concat_ws(',', CASE WHEN has_table_privilege('whistle_reader', s || '.events', 'SELECT') THEN 'select' END,
                                           CASE WHEN has_table_privilege('whistle_reader', s || '.events', 'INSERT,UPDATE,DELETE,TRUNCATE') THEN 'write' END) AS can
       FROM unnest($1::text[]) AS s`,
      [[...SERVICES]],
    );
    return rows.rows;
  });
  expect(privileges).toEqual(SERVICES.map((service) => ({ service, can: 'select' })));
});

it('the broker stopped and started again: the services recover by themselves', async () => {
  // Intake still records a report with the broker gone: its store is its own.
  const caseId = await infra.whileStopped('kafka', async () => {
    const reported = await steps.station.post('/api/intake/cases', { compoundId: 'compound-xinghua-2', category: 'fire_lane_blocked', description: 'broker down', channel: 'branch' });
    expect(reported.status).toBe(201);
    return reported.body.id as string;
  });
  // Relays, consumers and producers reconnect on their own: the report flows on.
  await steps.waitFor(caseId, (v) => v.status === 'triaged', 'triaged after the broker came back');
  // The read side says triaged only once escalation opened triage, so the whistle is taken at once.
  const whistleId = await steps.whistle(caseId, { level: 2 });
  await steps.taskOf(caseId, 'unit-jiaojing', whistleId);
  await steps.taskOf(caseId, 'unit-xiaofang', whistleId);
  for (const service of DEPLOYED_SERVICES) {
    expect({ service, running: system.process(service).running }).toEqual({ service, running: true });
  }
});

it('MongoDB (FerretDB) stopped and started again: the read side waits for it, dead-letters nothing, and catches up', async () => {
  const caseId = await infra.whileStopped('ferretdb', async () => {
    // The writing services need no read models: the report and the whistle are recorded.
    const reported = await steps.station.post('/api/intake/cases', { compoundId: 'compound-xinghua-1', category: 'flying_wire_charging', description: 'read side down', channel: 'branch' });
    expect(reported.status).toBe(201);
    const id = reported.body.id as string;
    // The read side cannot show the case, so the whistle is tried until escalation has heard of it.
    await eventually(async () => {
      const response = await steps.station.post(`/api/escalation/cases/${id}/whistle`, { level: 2 });
      if (response.status !== 200) throw new Error(`whistle answered ${response.status}`);
    }, 60_000, 'escalation takes the whistle');
    // Long enough for the query service to try its projections against the stopped server and retry.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    return id;
  });
  const view = await steps.waitFor(caseId, (v) => v.level === 2 && v.tasks.length > 0, 'whistled with tasks once MongoDB is back');
  expect(view.level).toBe(2);
  const letters = SERVICES.flatMap((s) => consumeAll(infra.kafkaBrokers, dlqOf(`${namespace}${TOPICS[s]}`))).filter((m) => m.key === caseId);
  expect(letters).toEqual([]);
});

it('PostgreSQL stopped and started again: a report refused meanwhile says so and records nothing, and every service recovers by itself', async () => {
  const before = await steps.station.post('/api/intake/cases', { compoundId: 'compound-wutong-1', category: 'thrown_from_height', description: 'before the database stops', channel: 'branch' });
  expect(before.status).toBe(201);
  const refusedKey = randomUUID();
  await infra.whileStopped('postgres', async () => {
    // The writers' stores are gone: a command is refused as unavailable (never a 500), with its reason.
    const refused = await steps.station.post(
      '/api/intake/cases',
      { compoundId: 'compound-wutong-1', category: 'group_renting', description: 'while the database is down', channel: 'branch' },
      { 'Idempotency-Key': refusedKey },
    );
    expect({ status: refused.status, error: refused.body.error }).toEqual({ status: 503, error: 'Service Unavailable' });
    // Long enough for relays, consumers and pools to hit the stopped server and retry.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
  });
  // The case reported before the outage flows on, and a new one is taken and flows too.
  // (Categories no other test reports at this compound, so no report here is taken as a duplicate.)
  await withLogs(() => steps.waitFor(before.body.id as string, (v) => v.status === 'triaged', 'the earlier case triaged after the database came back'));
  const after = await eventually(async () => {
    const response = await steps.station.post('/api/intake/cases', { compoundId: 'compound-wutong-1', category: 'fire_lane_blocked', description: 'after the database is back', channel: 'branch' });
    if (response.status !== 201) throw new Error(`report answered ${response.status}`);
    return response.body.id as string;
  }, 60_000, 'intake takes reports again');
  // The read side says triaged only once escalation opened triage, so the whistle is taken at once.
  await steps.waitFor(after, (v) => v.status === 'triaged', 'the new case triaged');
  const whistleId = await steps.whistle(after, { level: 2 });
  await steps.taskOf(after, 'unit-jiaojing', whistleId);
  // The refused report left nothing behind: its idempotency key records a case only now.
  const retried = await steps.station.post(
    '/api/intake/cases',
    { compoundId: 'compound-wutong-1', category: 'group_renting', description: 'while the database is down', channel: 'branch' },
    { 'Idempotency-Key': refusedKey },
  );
  expect(retried.status).toBe(201);
  const store = await system.openStore('intake');
  try {
    const reports = (await store.readAll({ from: -1n, maxCount: 1_000_000 })).map((p) => p.event).filter((e) => e.type === 'intake.CaseReported.v1');
    expect(reports.filter((e) => e.caseId === retried.body.id).length).toBe(1);
    // Three reports were taken in this test, and none other than them since the first.
    const taken = reports.slice(reports.findIndex((e) => e.caseId === before.body.id));
    expect(taken.map((e) => e.caseId)).toEqual([before.body.id, after, retried.body.id]);
  } finally {
    await store.close();
  }
  for (const service of SERVICES) {
    expect({ service, running: system.process(service).running }).toEqual({ service, running: true });
  }
});

it('a malformed message published to a topic lands in its dead-letter topic, and the next case still flows', async () => {
  const topic = `${namespace}${TOPICS.intake}`;
  const poison = `{"this is": "not an event", "at": "${randomUUID()}"`;
  produce(infra.kafkaBrokers, topic, 'case-poison', poison);

  // Every group that reads the intake topic gives up on it at once and dead-letters it, with why.
  const dead = await eventually(async () => {
    const letters = consumeAll(infra.kafkaBrokers, dlqOf(topic)).filter((m) => m.payload === poison);
    const groups = new Set(letters.map((m) => headerOf(m, 'dlq-group')));
    if (!['escalation', 'query', 'audit'].every((g) => groups.has(g))) throw new Error(`dead-lettered by ${[...groups].join(', ') || 'nobody'} so far`);
    return letters;
  }, 60_000, 'the poison message in the DLQ');
  for (const letter of dead) {
    expect(letter.key).toBe('case-poison');
    expect(headerOf(letter, 'dlq-error')).toMatch(/not an event envelope/);
    expect(headerOf(letter, 'dlq-source-topic')).toBe(TOPICS.intake);
  }

  const caseId = await steps.report('fire_lane_blocked', 'compound-xinghua-3');
  const whistleId = await steps.whistle(caseId, { level: 2 });
  await steps.taskOf(caseId, 'unit-jiaojing', whistleId);
});

/** The event id of a message's value, or undefined for one that is not an event (the poison message). */
function eventIdOf(payload: string | null): string | undefined {
  try {
    return (JSON.parse(payload ?? 'null') as { eventId?: string } | null)?.eventId;
  } catch {
    return undefined;
  }
}

it('npm run rebuild drops the read models and rebuilds them from the stores, with a progress bar and events/s', async () => {
  const connection = await mongoose.createConnection(mongoUrl).asPromise();
  const snapshot = async () => ({
    cases: await connection.collection('case_views').find({}).sort({ _id: 1 }).toArray(),
    meetings: await connection.collection('meeting_views').find({}).sort({ _id: 1 }).toArray(),
  });
  try {
    // The live read models are complete once every stored event is on its topic and the query
    // group has committed every message.
    await eventually(async () => {
      for (const service of SERVICES) {
        const store = await system.openStore(service);
        const stored = (await store.readAll({ from: -1n, maxCount: 1_000_000 })).length;
        await store.close();
        const ids = new Set(consumeAll(infra.kafkaBrokers, `${namespace}${TOPICS[service]}`).map((m) => eventIdOf(m.payload)));
        if (ids.size < stored) throw new Error(`${service}: ${ids.size} of ${stored} events relayed`);
      }
    }, 60_000, 'the relays drained');
    await eventually(() => groupCaughtUp(infra.kafkaBrokers, namespace, 'query'), 60_000, 'the query consumer group caught up');
    await system.process('query').stop();
    const live = await snapshot();
    expect(live.cases.length).toBeGreaterThan(5);
    // Something the stores never said: the rebuild must drop it.
    await connection.collection<{ _id: string }>('case_views').insertOne({ _id: 'stale-view', status: 'closed' } as never);

    const result = spawnSync('npm', ['run', '--silent', 'rebuild'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, DATA_DIR: system.dataDir, MONGODB_URL: mongoUrl, ...system.storeSettings('query') },
    });
    expect({ status: result.status, stderr: result.stderr }).toMatchObject({ status: 0 });
    let stored = 0;
    for (const service of SERVICES) {
      const store = await system.openStore(service);
      stored += (await store.readAll({ from: -1n, maxCount: 1_000_000 })).length;
      await store.close();
    }
    expect(result.stderr).toContain(`from ${stored.toLocaleString('en')} events of ${SERVICES.length} stores`);
    expect(result.stderr).toMatch(/\[#{30}\] 100% {2}[\d,]+\/[\d,]+ events {2}[\d,]+ events\/s/);
    const summary = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as { events: number; eventsPerSecond: number };
    expect(summary.events).toBe(stored);
    expect(summary.eventsPerSecond).toBeGreaterThan(0);

    expect(await snapshot()).toEqual(live);
  } finally {
    await connection.close();
    await system.relaunch('query');
  }
  // The query service resumes its consumer group on the rebuilt models, and new cases flow.
  // (a kind and place no open case has, so it is not linked as a duplicate)
  const caseId = await steps.report('late_night_noise', 'compound-xinghua-3');
  await steps.whistle(caseId, { level: 2 });
  await steps.waitFor(caseId, (v) => v.tasks.length > 0, 'tasks after the rebuild');
});

it('the one base URL serves the whole API document, merged from the services: every operation of the embedded document with its responses', async () => {
  const operationsOf = (document: { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }) =>
    new Map(Object.entries(document.paths).flatMap(([path, item]) => Object.entries(item).map(([method, o]) => [`${method.toUpperCase()} ${path}`, Object.keys(o.responses).sort()] as const)));
  const embedded = await SystemProcess.start();
  try {
    const whole = operationsOf((await (await fetch(`${embedded.baseUrl}/api/docs-json`)).json()) as Parameters<typeof operationsOf>[0]);
    const merged = operationsOf((await (await fetch(`${system.baseUrl}/api/docs-json`)).json()) as Parameters<typeof operationsOf>[0]);
    expect(whole.size).toBeGreaterThanOrEqual(80);
    expect([...whole.keys()].filter((operation) => !merged.has(operation))).toEqual([]);
    expect([...whole].filter(([operation, statuses]) => JSON.stringify(merged.get(operation)) !== JSON.stringify(statuses)).map(([operation]) => operation)).toEqual([]);
    // Each service declares the catalogue's ids as enums in its own document; the merged one keeps them all.
    const embeddedEnums = catalogueEnumsOf((await (await fetch(`${embedded.baseUrl}/api/docs-json`)).json()) as ApiDocument);
    expect(Object.values(embeddedEnums).filter((ids) => ids !== null).length).toBeGreaterThan(10);
    expect(catalogueEnumsOf((await (await fetch(`${system.baseUrl}/api/docs-json`)).json()) as ApiDocument)).toEqual(embeddedEnums);
  } finally {
    await embedded.dispose();
  }
});

type Schema = { enum?: unknown[]; items?: Schema; properties?: Record<string, Schema> };
type ApiDocument = { paths: Record<string, Record<string, { parameters?: { name: string; schema?: Schema }[] }>>; components?: { schemas?: Record<string, Schema> } };

/** The enum of every parameter and component member that names catalogue ids (null where it has none, as in a response). */
function catalogueEnumsOf(document: ApiDocument): Record<string, unknown[] | null> {
  const named = (member: string) => Object.hasOwn(CATALOGUE_ID_MEMBERS, member);
  const enumOf = (schema: Schema | undefined) => schema?.enum ?? schema?.items?.enum ?? null;
  const parameters = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).flatMap(([method, operation]) => (operation.parameters ?? []).filter((p) => named(p.name)).map((p) => [`${method} ${path} ${p.name}`, enumOf(p.schema)] as const)),
  );
  const members = Object.entries(document.components?.schemas ?? {}).flatMap(([name, schema]) =>
    Object.entries(schema.properties ?? {}).filter(([member]) => named(member)).map(([member, property]) => [`${name}.${member}`, enumOf(property)] as const),
  );
  return Object.fromEntries([...parameters, ...members]);
}

it('a service started with a bad setting stops at once and names it', () => {
  const result = spawnSync('npm', ['run', '--silent', 'start:escalation'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, PORT: '0', DATA_DIR: join(runDir, 'bad'), KAFKA_BROKERS: 'kafka without a port', EVENT_STORE: 'kurrentdb' },
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('KAFKA_BROKERS: "kafka without a port" is not a comma-separated list of host:port');
});

it('the proxy serves the web console at / (index, hashed assets, page paths) and still routes /api; a station works in it through the proxy', async () => {
  const page = async (path: string) => {
    const response = await fetch(`${system.baseUrl}${path}`);
    return { status: response.status, type: response.headers.get('content-type'), cache: response.headers.get('cache-control'), body: await response.text() };
  };
  const index = await page('/');
  expect(index).toMatchObject({ status: 200, type: 'text/html', cache: 'no-cache' });
  const asset = /src="(\/assets\/[^"]+\.js)"/.exec(index.body)?.[1];
  expect(asset).toBeDefined();
  expect(readFileSync(join(CONSOLE_DIST, asset ?? ''), 'utf8')).toBe((await page(asset ?? '')).body);
  expect(await page(asset ?? '')).toMatchObject({ status: 200, type: 'application/javascript', cache: 'public, max-age=31536000, immutable' });
  expect((await page('/cases/not-yet-known')).body).toBe(index.body);
  expect(await page('/api/auth/sign-in')).toMatchObject({ status: 200, body: '{"method":"development"}' });
  expect((await page('/api/nothing')).status).toBe(404);

  // A kind no open case has at that compound, so it is not linked as a duplicate and shows in the station's queue.
  const caseId = await steps.report('clotheslines_and_litter');
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ baseURL: system.baseUrl, viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const tab = await context.newPage();
    const pageErrors: string[] = [];
    tab.on('pageerror', (error) => pageErrors.push(error.message));
    await tab.goto('/');
    // The local run keeps the development secret, so each service offers the development sign-in; the read side's answers it.
    await signIn(tab, { role: '工作站', scope: '杏花综合执法进小区工作站' });
    await tab.locator(`tr:has(a[href="/cases/${caseId}"])`).waitFor({ timeout: 30_000 });
    await screenshot(tab, 'station-queue-distributed');
    expect(pageErrors).toEqual([]);
  } finally {
    await browser.close();
  }
});

it('through all of the above (services killed, the broker and the databases stopped, a poison message), the audit found the Kafka copy to be exactly the stores’ events', async () => {
  const listed = await new ApiClient(system.baseUrl, roles.auditor()).get('/api/audit/findings?pageSize=200');
  expect(listed.status).toBe(200);
  expect((listed.body.items as { kind: string }[]).filter((finding) => finding.kind.startsWith('topic_'))).toEqual([]);
  // And it looked: its sweep went through each store's events older than the grace.
  const record = TopicCopyRecord.open(join(system.dataDir, 'audit.db'));
  try {
    for (const service of SERVICES) expect({ service, swept: (record.swept(service) ?? -1n) > -1n }).toEqual({ service, swept: true });
  } finally {
    record.close();
  }
});
