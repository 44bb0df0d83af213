import { describeEventStoreContract } from '../event-store.contract';
import type { EventStore } from '../event-store.port';
import { KurrentDbEventStore } from './kurrentdb-event-store';

// The only place that reads the variable: tests are not a service with a config object.
const url = process.env['KURRENTDB_URL'];

if (url) {
  describeEventStoreContract('kurrentdb', async (clock) => {
    const store = await KurrentDbEventStore.connect(url, { clock });
    let current: EventStore = store;
    return {
      store,
      shared: true,
      reopen: async () => {
        await current.close();
        current = await KurrentDbEventStore.connect(url, { clock });
        return current;
      },
      cleanup: () => current.close(),
    };
  });
} else {
  // Straight to stdout: Jest's reporter drops console output of a file whose tests are all skipped.
  process.stdout.write(
    'SKIP kurrentdb event-store contract: KURRENTDB_URL is not set and no Docker engine is available here; set KURRENTDB_URL to a KurrentDB server (e.g. kurrentdb://localhost:2113?tls=false) to run it\n',
  );
  describe.skip('kurrentdb event store contract (needs KURRENTDB_URL)', () => {
    it('runs the event store contract against KurrentDB', () => undefined);
  });
}
