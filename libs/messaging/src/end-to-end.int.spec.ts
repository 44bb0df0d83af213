import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ManualClock } from '@whistle/kernel';
import { SqliteEventStore, START } from '@whistle/event-store';
import { createEventConsumer } from './event-consumer';
import { InProcessBus } from './in-process/in-process-bus';
import { SqliteProcessedLog } from './processed-log/sqlite-processed-log';
import { startRelay } from './relay';
import { newEvent, tempDir, TOPIC } from './test-support';

const clock = new ManualClock('2026-11-21T08:00:00.000Z');
const pollIntervalMs = 10;

describe('intake store → relay → in-process bus → escalation consumer → escalation store', () => {
  let temp: ReturnType<typeof tempDir>;
  let intakeFile: string;
  let escalationFile: string;
  const handled: string[] = [];

  /** One start of the embedded process: stores, bus, consumer, then relay. */
  const boot = async () => {
    const bus = new InProcessBus();
    await bus.createTopics([TOPIC]);
    const intake = new SqliteEventStore({ file: intakeFile, clock, pollIntervalMs });
    const escalation = new SqliteEventStore({ file: escalationFile, clock, pollIntervalMs });
    const processed = new SqliteProcessedLog({ file: escalationFile, clock });
    const consumer = await createEventConsumer({
      bus,
      groupId: 'escalation',
      topics: [TOPIC],
      processed,
      handle: async (event) => {
        handled.push(event.eventId);
        // A fresh id each call, so handling twice would show as two recorded events.
        await escalation.append(
          `whistle-${event.caseId}`,
          [
            {
              eventId: randomUUID(),
              type: 'escalation.WhistleBlown.v1',
              data: { cause: event.eventId },
              caseId: event.caseId,
              occurredAt: event.recordedAt,
              actor: { id: 'escalation', role: 'system' },
              correlationId: event.correlationId,
              causationId: event.eventId,
            },
          ],
          'any',
        );
      },
    });
    // Consumers before relays: the in-process bus keeps nothing for a group not yet subscribed.
    const relay = startRelay({ store: intake, bus, topic: TOPIC, pollIntervalMs });
    const shutdown = async () => {
      await relay.stop();
      await consumer.stop();
      await bus.close();
      await processed.close();
      await intake.close();
      await escalation.close();
    };
    return { bus, intake, escalation, relay, shutdown };
  };

  beforeEach(() => {
    temp = tempDir();
    intakeFile = join(temp.dir, 'intake.sqlite');
    escalationFile = join(temp.dir, 'escalation.sqlite');
    handled.length = 0;
  });

  afterEach(() => temp.cleanup());

  it('handles every event once in effect across a stop, appends while down, a restart and a relay replaying history', async () => {
    const first = await boot();
    await first.intake.append('case-c-1', [newEvent('c-1', 0), newEvent('c-1', 1)], 'no_stream');
    await first.intake.append('case-c-2', [newEvent('c-2', 0)], 'no_stream');
    await first.relay.caughtUp();
    await first.shutdown();

    const whileDown = new SqliteEventStore({ file: intakeFile, clock });
    await whileDown.append('case-c-1', [newEvent('c-1', 2)], 1);
    await whileDown.close();

    const second = await boot();
    // As if the relay had died between publishing and checkpointing: every event comes again.
    const replay = startRelay({ store: second.intake, bus: second.bus, topic: TOPIC, subscriptionId: 'relay:lost-checkpoint', pollIntervalMs });
    await second.intake.append('case-c-2', [newEvent('c-2', 1)], 0);
    await Promise.all([second.relay.caughtUp(), replay.caughtUp()]);
    await replay.stop();
    const recorded = await second.escalation.readAll({ from: START, maxCount: 100 });
    await second.shutdown();

    const expected = ['evt-c-1-0', 'evt-c-1-1', 'evt-c-2-0', 'evt-c-1-2', 'evt-c-2-1'];
    expect(handled).toEqual(expected);
    expect(recorded.map(({ event }) => [event.streamId, event.causationId, event.correlationId])).toEqual([
      ['whistle-c-1', 'evt-c-1-0', 'corr-c-1'],
      ['whistle-c-1', 'evt-c-1-1', 'corr-c-1'],
      ['whistle-c-2', 'evt-c-2-0', 'corr-c-2'],
      ['whistle-c-1', 'evt-c-1-2', 'corr-c-1'],
      ['whistle-c-2', 'evt-c-2-1', 'corr-c-2'],
    ]);
  });
});
