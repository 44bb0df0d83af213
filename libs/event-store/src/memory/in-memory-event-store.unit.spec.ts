import { describeEventStoreContract } from '../event-store.contract';
import { InMemoryEventStore } from './in-memory-event-store';

describeEventStoreContract('in-memory', async (clock) => {
  const store = new InMemoryEventStore({ clock });
  return { store, cleanup: () => store.close() };
});
