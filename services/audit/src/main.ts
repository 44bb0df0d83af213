import 'reflect-metadata';
import { join } from 'node:path';
import { SERVICES } from '@whistle/contracts';
import { runServiceProcess } from '@whistle/deployment';
import { SqliteProcessedLog } from '@whistle/messaging';
import { AuditModule } from './audit.module';
import { auditLedgerConsumer, bootstrapLedger } from './audit-ledger';
import { CheckpointStore } from './checkpoint-store';
import { TopicCrossCheck } from './topic-cross-check';

/**
 * The audit (审计) alone, in the distributed mode: `npm run start:audit`. It reads the four stores
 * read only and keeps its head ledger, fed from every topic, in its own file under DATA_DIR; each
 * message is held against its store first, and the stores' events against what came on the topics.
 */
runServiceProcess('audit', async (ctx) => {
  const stores = await ctx.readStores();
  const deps = { stores, ledgerFile: join(ctx.settings.DATA_DIR, 'audit.db'), catalogue: ctx.catalogue, clock: ctx.clock };
  const bootstrapped = await bootstrapLedger(deps);
  ctx.logger.info(bootstrapped, 'audit head ledger');
  const processed = new SqliteProcessedLog({ file: deps.ledgerFile, clock: ctx.clock });
  const ledger = auditLedgerConsumer(deps);
  const findings = CheckpointStore.open(join(ctx.settings.DATA_DIR, 'audit-checkpoints.db'));
  findings.onFinding((finding) => ctx.logger.error({ finding }, finding.message));
  const kafkaCopy = await TopicCrossCheck.start({
    ...deps,
    graceMs: ctx.settings.AUDIT_TOPIC_GRACE_SECONDS * 1_000,
    backlog: (topic) => ctx.bus.backlog('audit', [topic]),
    report: (finding) => void findings.report(finding, ctx.clock.now()),
    logger: ctx.logger,
  });
  const consumer = await ctx.consumeEveryTopic('audit', processed, ledger.handle, ledger.handleBatch, kafkaCopy.admit);
  return {
    modules: [AuditModule.register(deps)],
    readiness: Object.fromEntries(SERVICES.map((s) => [`${s}-store`, async () => void (await stores[s].headPosition())])),
    close: async () => {
      await consumer.stop();
      await kafkaCopy.close();
      ledger.close();
      findings.close();
      for (const s of SERVICES) await stores[s].close();
      processed.close();
    },
  };
});
