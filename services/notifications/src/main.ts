import 'reflect-metadata';
import { runServiceProcess } from '@whistle/deployment';
import { SqliteProcessedLog } from '@whistle/messaging';
import { NotificationsModule } from './notifications.module';
import { openNotifier } from './open-notifier';
import { concernsNotifier } from './who-is-notified';

/**
 * The notifier (通知) alone, in the distributed mode: `npm run start:notifications`. It opens no
 * store: its own consumer group reads every topic, and its outbox and processed log share one
 * SQLite file under DATA_DIR (a volume of its own), so a restart neither loses nor repeats one.
 */
runServiceProcess('notifications', async (ctx) => {
  const notifier = openNotifier(ctx.settings, { catalogue: ctx.catalogue, clock: ctx.clock, logger: ctx.logger });
  const processed = new SqliteProcessedLog({ file: notifier.file, clock: ctx.clock });
  const consumer = await ctx.consumeEveryTopic('notifications', processed, notifier.handle, notifier.handleBatch, undefined, concernsNotifier);
  notifier.start();
  return {
    modules: [NotificationsModule.register(notifier)],
    // Ready once its outbox answers: what it records is what it will send.
    readiness: { outbox: () => notifier.outbox.nextDue() },
    close: async () => {
      await consumer.stop();
      await notifier.close();
      processed.close();
    },
  };
});
