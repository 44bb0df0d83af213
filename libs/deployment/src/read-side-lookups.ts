import { SERVICES, TOPICS } from '@whistle/contracts';
import type { ReadSideLookups } from '@whistle/application';
import type { MessageBus } from '@whistle/messaging';
import { openCasesUsing, type ReadModelStore } from '@whistle/read-models';

/** The read side's consumer group, in both modes. */
const READ_SIDE_GROUP = 'query';

/**
 * What a writer asks the read side (the open cases a catalogue change concerns), asked once the
 * read side has applied what the bus holds for it, or `waitMs` has passed: the read side follows
 * the writers by a moment, and a unit summoned a moment before its removal must not be missed for
 * that moment. A read side further behind (stopped, rebuilding) is asked as it is once the wait is over.
 */
export function readSideLookups(bus: MessageBus, readModels: () => Promise<ReadModelStore>, options: { readonly waitMs?: number; readonly pollMs?: number } = {}): ReadSideLookups {
  const { waitMs = 5_000, pollMs = 50 } = options;
  const topics = SERVICES.map((service) => TOPICS[service]);
  // A bus that cannot tell its backlog (a broker away) leaves the read side to be asked as it is.
  const behind = (): Promise<boolean> => bus.backlog(READ_SIDE_GROUP, topics).then((n) => n > 0, () => false);
  const caughtUp = async (): Promise<void> => {
    const deadline = Date.now() + waitMs;
    while ((await behind()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, pollMs));
  };
  return {
    openCasesUsing: async (list, id) => {
      await caughtUp();
      return openCasesUsing(await readModels(), list, id);
    },
  };
}
