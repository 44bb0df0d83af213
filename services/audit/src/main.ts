import 'reflect-metadata';
import { join } from 'node:path';
import { CHECKPOINT_TOPIC, SERVICES } from '@whistle/contracts';
import type { Checkpoint } from '@whistle/transparency';
import { runServiceProcess } from '@whistle/deployment';
import { SqliteProcessedLog } from '@whistle/messaging';
import { AuditModule } from './audit.module';
import { auditLedgerConsumer } from './audit-ledger';
import { openAudit } from './open-audit';
import { TopicCrossCheck } from './topic-cross-check';

/**
 * The audit (审计) alone, in the distributed mode: `npm run start:audit`. It reads the five stores
 * read only and keeps its head ledger, fed from every topic, in its own file under DATA_DIR; each
 * message is held against its store first, and the stores' events against what came on the topics.
 */
runServiceProcess('audit', async (ctx) => {
  const stores = await ctx.readStores();
  // Each checkpoint is published too, so a copy lives off this machine (key: the log).
  await ctx.bus.createTopics([CHECKPOINT_TOPIC]);
  const publish = (c: Checkpoint) => ctx.bus.publish(CHECKPOINT_TOPIC, [{ key: c.log, value: c }]);
  const deps = await openAudit({ stores, ledgerFile: join(ctx.settings.DATA_DIR, 'audit.db'), catalogue: ctx.catalogue, clock: ctx.clock }, ctx.settings, { logger: ctx.logger, publish });
  ctx.logger.info(deps.bootstrapped, 'audit head ledger');
  // The copy of its checkpoints kept off this disk: read back, so deleting the audit's files does not start trust over.
  const published = await ctx.bus.readTopic(CHECKPOINT_TOPIC);
  deps.integrity.anchorTo(published.flatMap(({ value }) => parsed(value)), `Kafka topic ${CHECKPOINT_TOPIC}`);
  const processed = new SqliteProcessedLog({ file: deps.ledgerFile, clock: ctx.clock });
  const ledger = auditLedgerConsumer(deps);
  const kafkaCopy = await TopicCrossCheck.start({
    ...deps,
    graceMs: ctx.settings.AUDIT_TOPIC_GRACE_SECONDS * 1_000,
    backlog: (topic) => ctx.bus.backlog('audit', [topic]),
    report: (finding) => void deps.integrity.checkpoints.report(finding, ctx.clock.now()),
    logger: ctx.logger,
  });
  const consumer = await ctx.consumeEveryTopic('audit', processed, ledger.handle, ledger.handleBatch, kafkaCopy.admit);
  deps.integrity.start();
  return {
    modules: [AuditModule.register(deps)],
    readiness: Object.fromEntries(SERVICES.map((s) => [`${s}-store`, async () => void (await stores[s].headPosition())])),
    close: async () => {
      await consumer.stop();
      await kafkaCopy.close();
      ledger.close();
      await deps.integrity.close();
      for (const s of SERVICES) await stores[s].close();
      processed.close();
    },
  };
});

/** A message's JSON, or nothing for one that is not (the anchoring skips what is not a checkpoint). */
function parsed(value: string): unknown[] {
  try {
    return [JSON.parse(value) as unknown];
  } catch {
    return [];
  }
}
