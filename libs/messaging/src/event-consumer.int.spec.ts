import { join } from 'node:path';
import { createEventConsumer } from './event-consumer';
import { InProcessBus } from './in-process/in-process-bus';
import { SqliteProcessedLog } from './processed-log/sqlite-processed-log';
import { envelope, tempDir, TOPIC } from './test-support';

describe('event consumer with a SQLite processed log', () => {
  it('skips an event handled before a restart, once the same file is reopened', async () => {
    const temp = tempDir();
    const file = join(temp.dir, 'escalation.sqlite');
    const handled: string[] = [];
    const start = async () => {
      const bus = new InProcessBus();
      await bus.createTopics([TOPIC]);
      const processed = new SqliteProcessedLog({ file });
      const consumer = await createEventConsumer({
        bus,
        groupId: 'escalation',
        topics: [TOPIC],
        processed,
        handle: async (event) => void handled.push(event.eventId),
      });
      const publish = (...ns: number[]) => bus.publish(TOPIC, ns.map((n) => ({ key: 'c-1', value: envelope('c-1', n) })));
      const stop = async () => {
        await consumer.stop();
        await bus.close();
        await processed.close();
      };
      return { publish, stop };
    };
    try {
      const first = await start();
      await first.publish(0, 1);
      await first.stop();

      const second = await start();
      await second.publish(1, 2);
      await second.stop();

      expect(handled).toEqual(['evt-c-1-0', 'evt-c-1-1', 'evt-c-1-2']);
    } finally {
      temp.cleanup();
    }
  });
});
