import { dirname, join } from 'node:path';
import { GENESIS_HASH, hashOf, type EventEnvelope } from '@whistle/kernel';
import { SERVICES, TOPICS, messageKeyOf, ownerOf, type WriteService } from '@whistle/contracts';
import type { EventStore } from '@whistle/event-store';
import { InProcessBus, SqliteProcessedLog, createEventConsumer, startRelay, type Relay, type RunningConsumer } from '@whistle/messaging';
import { MINUTE } from '@whistle/testing';
import { auditLedgerConsumer, type AuditLedgerConsumer } from './audit-ledger';
import { withHeadLedger } from './head-ledger';
import { auditStores, type AuditStores } from './testing/audit-scenario.fixture';
import { TopicCrossCheck, type TopicCrossCheckOptions } from './topic-cross-check';

/**
 * The cross-check at the consumer: four real SQLite stores written by a town, their relays
 * publishing on the in-process bus (the Kafka bus's counterpart, same consumer code), the audit's
 * ledger consumer behind the cross-check's admit, and the findings in the audit's own CheckpointStore. The
 * test publishes what a forger with access to the broker would; tests/distributed does it on Kafka.
 */
const GRACE = 2 * MINUTE;
const TOPIC_LIST = SERVICES.map((service) => TOPICS[service]);

let audit: AuditStores;
let bus: InProcessBus;
/** the audit's own findings about the topics, oldest first */
const findings = { open: () => audit.deps.integrity.checkpoints.open().filter((finding) => finding.kind.startsWith('topic_')) };
let processed: SqliteProcessedLog;
let ledger: AuditLedgerConsumer;
let check: TopicCrossCheck;
let consumer: RunningConsumer;
const relays = new Map<WriteService, Relay>();
/** the stream ids of each readStreams call the cross-check made, per store */
let reads: Record<WriteService, string[][]>;
/** while set, the audit's handler holds the intake topic's batches: its consumer falls behind */
let intakeGate: { opened: Promise<void>; open: () => void; entered: boolean } | null;

beforeEach(async () => {
  audit = auditStores();
  bus = new InProcessBus();
  await bus.createTopics(TOPIC_LIST);
  processed = new SqliteProcessedLog({ file: audit.ledgerFile, clock: audit.clock });
  ledger = auditLedgerConsumer(audit.deps);
  reads = { intake: [], escalation: [], adjudication: [], enforcement: [], supervision: [] };
  intakeGate = null;
  check = await TopicCrossCheck.open(crossCheckOptions());
  consumer = await consume(check);
});

afterEach(async () => {
  intakeGate?.open();
  for (const relay of relays.values()) await relay.stop();
  relays.clear();
  await consumer.stop();
  await check.close();
  ledger.close();
  processed.close();
  await bus.close();
  await audit.cleanup();
});

function crossCheckOptions(overrides: Partial<TopicCrossCheckOptions> = {}): TopicCrossCheckOptions {
  const counted = Object.fromEntries(SERVICES.map((service) => [service, countingReads(audit.town.stores[service], reads[service])])) as Record<WriteService, EventStore>;
  return {
    ...audit.deps,
    stores: counted,
    graceMs: GRACE,
    backlog: (topic) => bus.backlog('audit', [topic]),
    report: (finding) => void audit.deps.integrity.report(finding),
    ...overrides,
  };
}

/** The store, counting its readStreams calls: the cross-check must cost one per batch. */
function countingReads(store: EventStore, calls: string[][]): EventStore {
  return new Proxy(store, {
    get(target, member) {
      if (member === 'readStreams') {
        return (streamIds: readonly string[]) => {
          calls.push([...streamIds].sort());
          return target.readStreams(streamIds);
        };
      }
      const value: unknown = Reflect.get(target, member, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function consume(crossCheck: TopicCrossCheck): Promise<RunningConsumer> {
  return createEventConsumer({
    bus,
    groupId: 'audit',
    topics: TOPIC_LIST,
    processed,
    retry: { attempts: 2, initialDelayMs: 1, maxDelayMs: 2 },
    handle: ledger.handle,
    handleBatch: async (events) => {
      const gate = intakeGate;
      if (gate && events.some((event) => ownerOf(event.type) === 'intake')) {
        gate.entered = true;
        await gate.opened;
      }
      await ledger.handleBatch(events);
    },
    admit: crossCheck.admit,
  });
}

function startRelays(services: readonly WriteService[] = SERVICES): void {
  for (const service of services) relays.set(service, startRelay({ store: audit.town.stores[service], bus, topic: TOPICS[service], pollIntervalMs: 10 }));
}

async function relaysCaughtUp(): Promise<void> {
  for (const relay of relays.values()) await relay.caughtUp();
}

async function stopRelay(service: WriteService): Promise<void> {
  await relays.get(service)?.stop();
  relays.delete(service);
}

/** The relay's checkpoint moved past what its store holds now, nothing published: those events never reach the topic. */
async function loseFromRelay(service: WriteService): Promise<void> {
  const skipping = audit.town.stores[service].subscribe({ subscriptionId: `relay:${TOPICS[service]}`, handleBatch: async () => undefined, pollIntervalMs: 10 });
  await skipping.caughtUp();
  await skipping.stop();
  // The SQLite store writes a checkpoint with its next group commit, at the next turn of the event loop.
  await new Promise((resolve) => setImmediate(resolve));
}

/** A message on the event's topic, as anyone who can write to the broker could produce it. */
function produce(event: EventEnvelope, key = messageKeyOf(event)): Promise<void> {
  const owner = ownerOf(event.type);
  if (!owner) throw new Error(`no topic for ${event.type}`);
  return bus.publish(TOPICS[owner], [{ key, value: event }]);
}

const recorded = (predicate: (event: EventEnvelope) => boolean): EventEnvelope[] => audit.town.recorded.filter(predicate);
const only = (predicate: (event: EventEnvelope) => boolean): EventEnvelope => {
  const [event, ...more] = recorded(predicate);
  if (!event || more.length > 0) throw new Error('the story recorded not exactly one such event');
  return event;
};
const openFindings = () => findings.open().map(({ kind, log, streamId, revision, eventId }) => ({ kind, log, streamId, revision, eventId }));
const headsOf = (...streamIds: string[]) => withHeadLedger(audit.ledgerFile, (heads) => heads.headsOf(streamIds)).map(({ streamId, revision, hash }) => ({ streamId, revision, hash }));

it('takes the stores’ own events, the relay’s duplicates and redeliveries included, without a finding, at one store read a batch', async () => {
  await audit.town.report('c1', 'compound-xinghua-1', 'fire_lane_blocked');
  await audit.town.report('c2', 'compound-xinghua-2', 'group_renting');
  await audit.town.whistle('c1');
  startRelays();
  await relaysCaughtUp();
  // Everything was in the stores before the relays started: one page, one batch, one read each.
  for (const service of SERVICES) {
    const streams = [...new Set(recorded((e) => ownerOf(e.type) === service).map((e) => e.streamId))].sort();
    expect({ service, reads: reads[service] }).toEqual({ service, reads: streams.length > 0 ? [streams] : [] });
  }

  // At least once: the relay sends a page again, or the bus delivers it again.
  for (const event of audit.town.recorded) await produce(event);
  expect(findings.open()).toEqual([]);
  const last = new Map(audit.town.recorded.map((e) => [e.streamId, { streamId: e.streamId, revision: e.revision, hash: e.hash }]));
  expect(headsOf(...last.keys())).toEqual([...last.values()].sort((a, b) => a.streamId.localeCompare(b.streamId)));

  audit.clock.advance(GRACE + MINUTE);
  const counts = Object.fromEntries(SERVICES.map((s) => [s, { checked: recorded((e) => ownerOf(e.type) === s).length, missing: 0 }]));
  expect(await check.sweep()).toEqual(counts);
  expect(findings.open()).toEqual([]);
});

it('names a message its store never recorded (topic_extra), a chain-valid forgery too, and keeps it from the ledger', async () => {
  await audit.town.report('c1', 'compound-xinghua-1', 'fire_lane_blocked');
  startRelays();
  await relaysCaughtUp();
  const routed = only((e) => e.type === 'intake.CaseRouted.v1');
  // A stream the store never had, and the next revision of a real one, each hashed by the chain's rule.
  const stray = sealedLike({ ...routed, eventId: 'forged-stray', caseId: 'c-forged', streamId: 'case-c-forged', revision: 0, prevHash: GENESIS_HASH });
  const next = sealedLike({ ...routed, eventId: 'forged-next', revision: routed.revision + 1, prevHash: routed.hash, type: 'intake.CaseClosed.v1', data: { caseId: 'c1' } });
  await produce(stray);
  await produce(next);

  expect(openFindings()).toEqual([
    { kind: 'topic_extra', log: 'intake', streamId: 'case-c-forged', revision: 0, eventId: 'forged-stray' },
    { kind: 'topic_extra', log: 'intake', streamId: 'case-c1', revision: 2, eventId: 'forged-next' },
  ]);
  expect(findings.open()[1]?.message).toMatch(/^whistle\.intake\.v1 partition 0 offset \d+: event forged-next at stream case-c1 revision 2 is not in the intake store/);
  // Had the ledger taken it, case-c1's head would say revision 2 and the store would look cut short.
  expect(headsOf('case-c1', 'case-c-forged')).toEqual([{ streamId: 'case-c1', revision: routed.revision, hash: routed.hash }]);
  expect(await processed.processedOf('audit', ['forged-stray', 'forged-next'])).toEqual(new Set());
});

it('names a copy that differs from the store’s event in any member (topic_altered), even one that keeps its id and hash', async () => {
  await audit.town.report('c1', 'compound-xinghua-1', 'fire_lane_blocked');
  await audit.town.whistle('c1');
  startRelays();
  await relaysCaughtUp();
  const reported = only((e) => e.type === 'intake.CaseReported.v1');
  const routed = only((e) => e.type === 'intake.CaseRouted.v1');
  const triage = only((e) => e.type === 'escalation.TriageOpened.v1');
  const [task] = recorded((e) => e.type === 'enforcement.TaskAssigned.v1');
  if (!task) throw new Error('the whistle assigned no task');

  await produce({ ...reported, data: { ...(reported.data as object), description: '已处理，无需出动' } });
  await produce({ ...triage, actor: { id: 'office-forger', role: 'office' }, occurredAt: '2026-11-20T00:00:00.000Z' });
  await produce(sealedLike({ ...routed, eventId: 'forged-in-place' }));
  await produce(task, 'another-case');

  expect(openFindings()).toEqual([
    { kind: 'topic_altered', log: 'intake', streamId: 'case-c1', revision: 0, eventId: reported.eventId },
    { kind: 'topic_altered', log: 'escalation', streamId: triage.streamId, revision: 0, eventId: triage.eventId },
    { kind: 'topic_altered', log: 'intake', streamId: 'case-c1', revision: 1, eventId: 'forged-in-place' },
    { kind: 'topic_altered', log: 'enforcement', streamId: task.streamId, revision: task.revision, eventId: task.eventId },
  ]);
  const [data, actor, inPlace, key] = findings.open().map((f) => f.message);
  expect(data).toMatch(/^whistle\.intake\.v1 partition 0 offset \d+: event \S+ at stream case-c1 revision 0 differs from the intake store's sealed event in data$/);
  expect(actor).toMatch(/differs from the escalation store's sealed event in actor, occurredAt$/);
  expect(inPlace).toContain(`stream case-c1 revision 1 is event ${routed.eventId} with hash ${routed.hash} in the intake store, but the message carries event forged-in-place`);
  expect(key).toContain(`is keyed "another-case", where its relay keys it "c1"`);
});

it('an altered copy that comes before the genuine event does not stand in for it: the genuine one still moves the ledger', async () => {
  await audit.town.report('c1', 'compound-xinghua-1', 'fire_lane_blocked');
  const reported = only((e) => e.type === 'intake.CaseReported.v1');
  await produce({ ...reported, data: { ...(reported.data as object), category: 'late_night_noise' } });
  expect(openFindings()).toEqual([{ kind: 'topic_altered', log: 'intake', streamId: 'case-c1', revision: 0, eventId: reported.eventId }]);
  expect(await processed.processedOf('audit', [reported.eventId])).toEqual(new Set());

  startRelays();
  await relaysCaughtUp();
  expect(await processed.processedOf('audit', [reported.eventId])).toEqual(new Set([reported.eventId]));
  const routed = only((e) => e.type === 'intake.CaseRouted.v1');
  expect(headsOf('case-c1')).toEqual([{ streamId: 'case-c1', revision: routed.revision, hash: routed.hash }]);
  expect(openFindings()).toHaveLength(1);
});

it('names an event never relayed once the grace is past (topic_missing), and not while its consumer is merely behind', async () => {
  startRelays();
  await audit.town.report('c1', 'compound-xinghua-1', 'fire_lane_blocked');
  await relaysCaughtUp();

  // The intake relay loses c2's report: its checkpoint moves on, nothing is published.
  await stopRelay('intake');
  await audit.town.report('c2', 'compound-xinghua-2', 'group_renting');
  await loseFromRelay('intake');
  const lost = recorded((e) => e.caseId === 'c2' && ownerOf(e.type) === 'intake');
  expect(lost.length).toBeGreaterThan(0);
  startRelays(['intake']);
  await relaysCaughtUp();

  audit.clock.advance(GRACE - MINUTE);
  await check.sweep();
  expect(findings.open()).toEqual([]);
  audit.clock.advance(2 * MINUTE);
  expect((await check.sweep()).intake).toEqual({ checked: recorded((e) => ownerOf(e.type) === 'intake').length, missing: lost.length });
  expect(openFindings()).toEqual(lost.map((e) => ({ kind: 'topic_missing', log: 'intake', streamId: e.streamId, revision: e.revision, eventId: e.eventId })));
  const [first] = await audit.town.stores.intake.readStreams(['case-c2']);
  expect(findings.open()[0]?.message).toBe(
    `event ${first?.event.eventId} at stream case-c2 revision 0 (position ${first?.position} of the intake store, recorded ${first?.event.recordedAt}) had not appeared on whistle.intake.v1 within 120 s of being recorded`,
  );

  // The audit's consumer falls behind on the intake topic: c3's report came (and was seen), c4's waits unread.
  let open = (): void => undefined;
  intakeGate = { opened: new Promise<void>((resolve) => (open = resolve)), open: () => open(), entered: false };
  await audit.town.report('c3', 'compound-wanghu-1', 'late_night_noise');
  await until(() => intakeGate?.entered === true);
  await audit.town.report('c4', 'compound-wanghu-2', 'late_night_noise');
  expect(await bus.backlog('audit', [TOPICS.intake])).toBeGreaterThan(0);
  audit.clock.advance(GRACE + MINUTE);
  // Only up to what it saw a grace ago: c3's report; c4's may still come.
  expect((await check.sweep()).intake).toEqual({ checked: recorded((e) => e.caseId === 'c3' && ownerOf(e.type) === 'intake').length, missing: 0 });

  intakeGate.open();
  intakeGate = null;
  await relaysCaughtUp();
  audit.clock.advance(GRACE + MINUTE);
  expect((await check.sweep()).intake).toEqual({ checked: recorded((e) => e.caseId === 'c4' && ownerOf(e.type) === 'intake').length, missing: 0 });
  expect(openFindings().map((f) => f.kind)).toEqual(lost.map(() => 'topic_missing'));
});

it('keeps what it saw and how far it swept across a restart, sweeps a bounded number of events at a time, and takes a store it first meets as it is', async () => {
  startRelays();
  await audit.town.report('c1', 'compound-xinghua-1', 'fire_lane_blocked');
  await audit.town.whistle('c1');
  await relaysCaughtUp();
  await consumer.stop();
  await check.close();

  // The audit starts again, sweeping at most one event of each store at a time.
  check = await TopicCrossCheck.open(crossCheckOptions({ sweepBudget: 1 }));
  consumer = await consume(check);
  audit.clock.advance(GRACE + MINUTE);
  const perStore = Object.fromEntries(SERVICES.map((s) => [s, recorded((e) => ownerOf(e.type) === s).length]));
  const checked = Object.fromEntries(SERVICES.map((s) => [s, 0]));
  for (let sweep = 0; sweep < 10; sweep += 1) {
    const result = await check.sweep();
    for (const s of SERVICES) {
      expect(result[s].checked).toBeLessThanOrEqual(1);
      checked[s] = (checked[s] ?? 0) + result[s].checked;
    }
  }
  expect(checked).toEqual(perStore);
  expect(findings.open()).toEqual([]);

  // A cross-check with a record of its own meets stores it never watched: it holds the topics to what comes next only.
  const newcomer = await TopicCrossCheck.open(crossCheckOptions({ ledgerFile: join(dirname(audit.ledgerFile), 'another-audit.db') }));
  try {
    audit.clock.advance(GRACE + MINUTE);
    expect(await newcomer.sweep()).toEqual(Object.fromEntries(SERVICES.map((s) => [s, { checked: 0, missing: 0 }])));
  } finally {
    await newcomer.close();
  }
});

/** An event rehashed by the chain's own rule, as a forger who knows it would make one. */
function sealedLike(event: EventEnvelope): EventEnvelope {
  const { hash: _, ...unsealed } = event;
  return { ...unsealed, hash: hashOf(unsealed) };
}

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 5_000) throw new Error('the condition did not hold within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
