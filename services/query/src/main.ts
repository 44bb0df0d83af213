import 'reflect-metadata';
import { runServiceProcess } from '@whistle/deployment';
import { InMemoryProcessedLog } from '@whistle/messaging';
import { MongoReadModelStore } from '@whistle/read-models';
import { QueryModule } from './query.module';
import { queryBatchProjection, queryProjection } from './query.projection';
import { ReadSideProgress } from './read-side-progress';

/**
 * The read side (读侧) alone, in the distributed mode: `npm run start:query`. Its read models live
 * in MongoDB and are fed from every topic by its own consumer group; the projections are guarded by
 * stream revision, so a redelivery changes nothing and no processed log is needed. `npm run
 * rebuild` drops and rebuilds them from the stores.
 */
runServiceProcess('query', async (ctx) => {
  const readModels = await MongoReadModelStore.connect(ctx.settings.MONGODB_URL);
  await readModels.ensureIndexes();
  // The stores are the rebuild command's business (`npm run rebuild`), not the running service's.
  // One progress for the consumer's projection and the HTTP side: After-Position waits and the live stream hear of each write.
  const deps = { readModels, catalogue: ctx.catalogue, stores: [], clock: ctx.clock, progress: new ReadSideProgress(readModels, ctx.catalogue) };
  // A Kafka batch is projected at once, and one event at a time only when the batch fails.
  const consumer = await ctx.consumeEveryTopic('query', new InMemoryProcessedLog(), queryProjection(deps), queryBatchProjection(deps));
  return {
    modules: [QueryModule.register(deps)],
    readiness: { 'read-models': () => readModels.ping() },
    close: async () => {
      await consumer.stop();
      await readModels.close();
    },
  };
});
