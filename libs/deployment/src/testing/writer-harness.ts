import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Principal } from '@whistle/auth';
import { CatalogueIndex, loadCatalogue, loadWorkingCalendar } from '@whistle/catalogue';
import { TOPICS, ownerOf, type AnyEvent } from '@whistle/contracts';
import { ManualClock, uuidIds, type EventEnvelope } from '@whistle/kernel';
import { startModuleApp, type Answer } from '@whistle/http/testing';
import { InProcessBus, isEventEnvelope, silentLogger, type RunningConsumer } from '@whistle/messaging';
import { Writer, type WriterDefinition } from '../writer';

export const T0 = '2026-11-23T08:00:00.000Z';

/** One writing service started from its definition, as a host starts it, on a real SQLite file, an in-process bus and a real HTTP server. */
export interface WriterUnderTest {
  readonly writer: Writer;
  readonly clock: ManualClock;
  readonly catalogue: CatalogueIndex;
  /** What the service published on its own topic, in order. */
  readonly published: EventEnvelope[];
  /** Without `as`, no token: a public route. */
  send(method: 'GET' | 'POST', path: string, as?: Principal, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  /**
   * Another service's event arrives on that service's topic, as its relay would publish it (with
   * `eventId` when given); resolves with the envelope once the service has handled it.
   */
  deliver(event: AnyEvent, streamId: string, eventId?: string): Promise<EventEnvelope>;
  /** Waits until the service has published `count` events of `type` (its relay runs on its own), and gives them. */
  publishedOf(type: string, count?: number): Promise<EventEnvelope[]>;
  close(): Promise<void>;
}

/** `dataDir`: a directory of the caller's, kept by `close` (to start the service again on its data); by default a fresh one, removed. */
export async function startWriterUnderTest(definition: WriterDefinition, options: { readonly dataDir?: string } = {}): Promise<WriterUnderTest> {
  const dir = options.dataDir ?? mkdtempSync(join(tmpdir(), `writer-${definition.context.service}-`));
  const clock = new ManualClock(T0);
  const catalogue = new CatalogueIndex(loadCatalogue());
  const bus = new InProcessBus();
  const writer = await Writer.open(definition, {
    catalogue,
    calendar: loadWorkingCalendar(),
    clock,
    ids: uuidIds,
    runtimeOptions: async () => ({ dataDir: dir, bus, logger: silentLogger, schedulerTickMs: 20, pollIntervalMs: 10 }),
  });
  const published: EventEnvelope[] = [];
  const observer: RunningConsumer = await bus.consume({
    groupId: 'observer',
    topics: [TOPICS[writer.service]],
    handle: async (message) => void (isEventEnvelope(message.value) && published.push(message.value)),
  });
  await writer.consume();
  writer.relay();

  const app = await startModuleApp(writer.service, [writer.module]);
  let delivered = 0;

  const publishedOf = async (type: string, count = 1): Promise<EventEnvelope[]> => {
    const until = Date.now() + 5_000;
    for (;;) {
      const found = published.filter((e) => e.type === type);
      if (found.length >= count) return found;
      if (Date.now() > until) throw new Error(`${writer.service} published ${found.length} ${type}, not ${count}, within 5 s; it published ${published.map((e) => e.type).join(', ') || 'nothing'}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  return {
    writer,
    clock,
    catalogue,
    published,
    send: (method, path, as, body, headers) => app.send(method, path, as, body, headers),
    async deliver(event, streamId, eventId) {
      const owner = ownerOf(event.type);
      if (!owner) throw new Error(`no service owns ${event.type}`);
      delivered += 1;
      const caseId = (event.data as { caseId?: string }).caseId ?? streamId;
      const envelope: EventEnvelope = {
        eventId: eventId ?? `delivered-${delivered}-${uuidIds.next()}`,
        type: event.type,
        data: event.data,
        caseId,
        streamId,
        revision: 0,
        occurredAt: clock.now(),
        recordedAt: clock.now(),
        actor: { id: `system:${owner}`, role: 'system' },
        correlationId: `corr-${delivered}`,
        causationId: null,
        prevHash: '0'.repeat(64),
        hash: 'f'.repeat(64),
      };
      await bus.publish(TOPICS[owner], [{ key: caseId, value: envelope }]);
      return envelope;
    },
    publishedOf,
    async close() {
      await app.close();
      await observer.stop();
      await writer.close();
      await bus.close();
      if (options.dataDir === undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}
