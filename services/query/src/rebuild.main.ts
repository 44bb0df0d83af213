import { performance } from 'node:perf_hooks';
import { systemClock } from '@whistle/kernel';
import { SERVICES } from '@whistle/contracts';
import { loadServiceSettings, openEventStore, runMain } from '@whistle/deployment';
import { MongoReadModelStore } from '@whistle/read-models';
import { countStoredEvents, rebuildReadModels } from './query.projection';
import { RebuildProgress } from './rebuild-progress';

/**
 * `npm run rebuild`: drops every read model in MONGODB_URL and rebuilds it from the four event
 * stores, with a progress bar and the events per second. Configured like the query service
 * (DATA_DIR or EVENT_STORE=kurrentdb with the stores' URLs). Stop the query service first: its
 * consumer would otherwise write into the collections while they are rebuilt.
 */
runMain('rebuild', async () => {
  const settings = loadServiceSettings('query');
  const stores = await Promise.all(SERVICES.map((service) => openEventStore(settings, service, systemClock, true)));
  const readModels = await MongoReadModelStore.connect(settings.MONGODB_URL);
  try {
    const total = await countStoredEvents(stores);
    process.stderr.write(`rebuilding the read models in ${settings.MONGODB_URL.replace(/\/\/[^@/]*@/, '//***@')} from ${total.toLocaleString('en')} events of ${SERVICES.length} stores\n`);
    const progress = new RebuildProgress(total, (text) => process.stderr.write(text), process.stderr.isTTY === true, () => performance.now());
    // The rebuild drops the collections, indexes with them: one that fails partway builds them again for what it left.
    const result = await rebuildReadModels({ readModels, stores }, (done) => progress.update(done)).catch(async (error: unknown) => {
      await readModels.ensureIndexes().catch(() => undefined);
      throw error;
    });
    progress.finish(result.events);
    await readModels.ensureIndexes();
    const perSecond = Math.round(result.events / Math.max(0.001, result.ms / 1000));
    process.stdout.write(`${JSON.stringify({ events: result.events, ms: result.ms, eventsPerSecond: perSecond })}\n`);
  } finally {
    await readModels.close();
    for (const store of stores) await store.close();
  }
});
