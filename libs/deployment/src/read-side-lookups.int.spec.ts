import { SERVICES, TOPICS } from '@whistle/contracts';
import { InProcessBus } from '@whistle/messaging';
import { CASE_VIEWS, InMemoryReadModelStore } from '@whistle/read-models';
import { readSideLookups } from './read-side-lookups';

/**
 * A catalogue change asks the read side which open cases it concerns; the read side follows the
 * writers by a moment. On a real in-process bus with a read side that has not applied a case yet,
 * the question waits for it.
 */
describe('readSideLookups', () => {
  const summoned = { id: 'c-1', version: 1, status: 'in_progress', compoundId: 'compound-a', involvedUnits: ['unit-x'], reportedAt: '2026-12-05T08:00:00.000Z' };

  it('asks once the read side has applied what the bus holds for it', async () => {
    const bus = new InProcessBus();
    await bus.createTopics(SERVICES.map((s) => TOPICS[s]));
    const readModels = new InMemoryReadModelStore();
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const consumer = await bus.consume({
      groupId: 'query',
      topics: [TOPICS.escalation],
      handle: async () => {
        await held;
        await readModels.collection(CASE_VIEWS).put(summoned);
      },
    });
    // In process a publish resolves once every group has handled it: the read side is still at it here.
    const published = bus.publish(TOPICS.escalation, [{ key: 'c-1', value: { whistle: 'blown' } }]);
    const asked = readSideLookups(bus, async () => readModels).openCasesUsing('units', 'unit-x');
    setTimeout(release, 100);
    expect(await asked).toEqual({ caseIds: ['c-1'], total: 1 });
    await published;
    await consumer.stop();
    await bus.close();
  });

  it('asks the read side as it is once the wait is over', async () => {
    const bus = new InProcessBus();
    await bus.createTopics(SERVICES.map((s) => TOPICS[s]));
    const readModels = new InMemoryReadModelStore();
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const consumer = await bus.consume({ groupId: 'query', topics: [TOPICS.escalation], handle: () => held });
    const published = bus.publish(TOPICS.escalation, [{ key: 'c-1', value: { whistle: 'blown' } }]);
    const started = Date.now();
    expect(await readSideLookups(bus, async () => readModels, { waitMs: 150 }).openCasesUsing('units', 'unit-x')).toEqual({ caseIds: [], total: 0 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    release();
    await published;
    await consumer.stop();
    await bus.close();
  });
});
