import { SERVICES, TOPICS } from '@whistle/contracts';
import { InProcessBus } from '@whistle/messaging';
import { CASE_VIEWS, InMemoryReadModelStore } from '@whistle/read-models';
import { readSideLookups } from './read-side-lookups';

/**
 * A catalogue change asks the read side which open cases it concerns; the read side follows the
 * writers by a moment. On a real in-process bus with a read side that has not applied a case yet,
 * the question waits for it.
 */
/**
 * A real in-process bus whose read side holds the one event published to it until released; with
 * `applies`, it then puts the summoned case in the read models.
 */
async function readSideHolding(applies: boolean) {
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
      if (applies) await readModels.collection(CASE_VIEWS).put(summoned);
    },
  });
  // In process a publish resolves once every group has handled it: the read side is still at it after this.
  const published = bus.publish(TOPICS.escalation, [{ key: 'c-1', value: { whistle: 'blown' } }]);
  return {
    bus,
    readModels,
    release,
    close: async () => {
      release();
      await published;
      await consumer.stop();
      await bus.close();
    },
  };
}

const summoned = { id: 'c-1', version: 1, status: 'in_progress', compoundId: 'compound-a', involvedUnits: ['unit-x'], reportedAt: '2026-12-05T08:00:00.000Z' };

describe('readSideLookups', () => {
  it('asks once the read side has applied what the bus holds for it', async () => {
    const side = await readSideHolding(true);
    const asked = readSideLookups(side.bus, async () => side.readModels).openCasesUsing('units', 'unit-x');
    setTimeout(side.release, 100);
    expect(await asked).toEqual({ caseIds: ['c-1'], total: 1 });
    await side.close();
  });

  it('asks the read side as it is once the wait is over', async () => {
    const side = await readSideHolding(false);
    const started = Date.now();
    expect(await readSideLookups(side.bus, async () => side.readModels, { waitMs: 150 }).openCasesUsing('units', 'unit-x')).toEqual({ caseIds: [], total: 0 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    await side.close();
  });
});
