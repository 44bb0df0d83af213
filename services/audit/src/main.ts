import 'reflect-metadata';
import { join } from 'node:path';
import { SERVICES } from '@whistle/contracts';
import { runServiceProcess } from '@whistle/deployment';
import { SqliteProcessedLog } from '@whistle/messaging';
import { AuditModule } from './audit.module';
import { auditLedgerConsumer, bootstrapLedger } from './audit-ledger';

/**
 * The audit (审计) alone, in the distributed mode: `npm run start:audit`. It reads the four stores
 * read only and keeps its head ledger, fed from every topic, in its own file under DATA_DIR.
 */
runServiceProcess('audit', async (ctx) => {
  const stores = await ctx.readStores();
  const deps = { stores, ledgerFile: join(ctx.settings.DATA_DIR, 'audit.db'), catalogue: ctx.catalogue, clock: ctx.clock };
  const bootstrapped = await bootstrapLedger(deps);
  ctx.logger.info(bootstrapped, 'audit head ledger');
  const processed = new SqliteProcessedLog({ file: deps.ledgerFile, clock: ctx.clock });
  const ledger = auditLedgerConsumer(deps);
  const consumer = await ctx.consumeEveryTopic('audit', processed, ledger.handle, ledger.handleBatch);
  return {
    modules: [AuditModule.register(deps)],
    readiness: Object.fromEntries(SERVICES.map((s) => [`${s}-store`, async () => void (await stores[s].headPosition())])),
    close: async () => {
      await consumer.stop();
      ledger.close();
      for (const s of SERVICES) await stores[s].close();
      processed.close();
    },
  };
});
