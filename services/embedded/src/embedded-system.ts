import type { NestExpressApplication } from '@nestjs/platform-express';
import { join } from 'node:path';
import type { Clock, IdSource } from '@whistle/kernel';
import { SERVICES, TOPICS } from '@whistle/contracts';
import { CatalogueIndex, loadCatalogue } from '@whistle/catalogue';
import { ServiceRuntime, SqliteIdempotencyStore } from '@whistle/application';
import { createLogger } from '@whistle/http';
import { serveHttp } from '@whistle/deployment';
import { InMemoryProcessedLog, InProcessBus, SqliteProcessedLog, createEventConsumer, type RunningConsumer } from '@whistle/messaging';
import { InMemoryReadModelStore } from '@whistle/read-models';
import { QueryModule, queryProjection, rebuildReadModels } from '@whistle/query-service';
import { AuditModule, auditLedgerConsumer, bootstrapLedger } from '@whistle/audit-service';

import { IntakeModule, PersonalDataVault, intakeAggregates, intakeConsumer, intakeConsumes } from '@whistle/intake-service';
import {
  EscalationModule,
  escalationAggregates,
  escalationConsumer,
  escalationConsumes,
  escalationDeadlineSources,
  escalationDeadlines,
} from '@whistle/escalation-service';
import {
  AdjudicationModule,
  adjudicationAggregates,
  adjudicationConsumer,
  adjudicationConsumes,
  adjudicationDeadlineSources,
  adjudicationDeadlines,
} from '@whistle/adjudication-service';
import {
  EnforcementModule,
  enforcementAggregates,
  enforcementConsumer,
  enforcementConsumes,
  enforcementDeadlineSources,
  enforcementDeadlines,
} from '@whistle/enforcement-service';
import type { EmbeddedConfig } from './embedded.config';

export interface EmbeddedSystem {
  readonly app: NestExpressApplication;
  readonly runtimes: readonly ServiceRuntime[];
  close(): Promise<void>;
}

/**
 * Every service in one process on one port (the embedded default): each keeps its own SQLite
 * file under DATA_DIR and talks to the others only through events on the in-process bus, with
 * the same relay, consumer and dead-letter code as the distributed mode.
 */
export async function startEmbeddedSystem(config: EmbeddedConfig, deps: { clock: Clock; ids: IdSource }): Promise<EmbeddedSystem> {
  const logger = createLogger({ level: config.LOG_LEVEL, service: 'embedded' });
  const catalogue = new CatalogueIndex(loadCatalogue(config.CATALOGUE_FILE));
  const bus = new InProcessBus();
  const runtime = (service: 'intake' | 'escalation' | 'adjudication' | 'enforcement', aggregates: ServiceRuntime['options']['aggregates'], extra = {}) =>
    new ServiceRuntime({
      service,
      dataDir: config.DATA_DIR,
      bus,
      clock: deps.clock,
      ids: deps.ids,
      logger: logger.child({ service }),
      aggregates,
      schedulerTickMs: config.SCHEDULER_TICK_MS,
      ...extra,
    });

  const intakeRuntime = runtime('intake', intakeAggregates);
  const vault = new PersonalDataVault(intakeRuntime.file);
  const intake = { runtime: intakeRuntime, catalogue, vault, clock: deps.clock, ids: deps.ids };
  const escalationRuntime = runtime('escalation', escalationAggregates, { deadlineSources: escalationDeadlineSources });
  const escalation = { runtime: escalationRuntime, catalogue, clock: deps.clock, ids: deps.ids };
  const enforcementRuntime = runtime('enforcement', enforcementAggregates, { deadlineSources: enforcementDeadlineSources });
  const enforcement = { runtime: enforcementRuntime, catalogue, clock: deps.clock, ids: deps.ids };
  const adjudicationRuntime = runtime('adjudication', adjudicationAggregates, { deadlineSources: adjudicationDeadlineSources });
  const adjudication = { runtime: adjudicationRuntime, catalogue, clock: deps.clock, ids: deps.ids };
  const runtimes = [intakeRuntime, escalationRuntime, enforcementRuntime, adjudicationRuntime];

  // Every consumer subscribes before any relay publishes: the in-process bus keeps nothing for latecomers.
  for (const r of runtimes) await r.open();
  const allTopics = SERVICES.map((service) => TOPICS[service]);

  // The read side: rebuilt from the stores at each start, then kept by the bus.
  const query = { readModels: new InMemoryReadModelStore(), catalogue, stores: runtimes.map((r) => r.store), clock: deps.clock };
  const rebuilt = await rebuildReadModels(query);
  logger.info(rebuilt, 'read models rebuilt from the event stores');
  const readSide: RunningConsumer[] = [
    await createEventConsumer({ bus, groupId: 'query', topics: allTopics, processed: new InMemoryProcessedLog(), handle: queryProjection(query), logger }),
  ];
  const stores = { intake: intakeRuntime.store, escalation: escalationRuntime.store, adjudication: adjudicationRuntime.store, enforcement: enforcementRuntime.store };
  const audit = { stores, ledgerFile: join(config.DATA_DIR, 'audit.db'), catalogue, clock: deps.clock };
  await bootstrapLedger(audit);
  const auditProcessed = new SqliteProcessedLog({ file: audit.ledgerFile, clock: deps.clock });
  readSide.push(await createEventConsumer({ bus, groupId: 'audit', topics: allTopics, processed: auditProcessed, handle: auditLedgerConsumer(audit), logger }));
  await intakeRuntime.consume(intakeConsumes, intakeConsumer(intake));
  await escalationRuntime.consume(escalationConsumes, escalationConsumer(escalation));
  await enforcementRuntime.consume(enforcementConsumes, enforcementConsumer(enforcement));
  await adjudicationRuntime.consume(adjudicationConsumes, adjudicationConsumer(adjudication));
  intakeRuntime.relay();
  escalationRuntime.relay(escalationDeadlines(escalation));
  enforcementRuntime.relay(enforcementDeadlines(enforcement));
  adjudicationRuntime.relay(adjudicationDeadlines(adjudication));

  const idempotencyStore = new SqliteIdempotencyStore({ file: join(config.DATA_DIR, 'http.db'), clock: deps.clock });
  // Ready means every service's store answers and has caught up its own index.
  const readiness = Object.fromEntries(
    runtimes.map((r) => [`${r.options.service}-store`, async () => {
      await r.store.headPosition();
      await r.index.settled();
    }]),
  );

  const app = await serveHttp({
    settings: config,
    logger,
    idempotencyStore,
    readiness,
    modules: [
      IntakeModule.register(intake),
      EscalationModule.register(escalation),
      EnforcementModule.register(enforcement),
      AdjudicationModule.register(adjudication),
      QueryModule.register(query),
      AuditModule.register(audit),
    ],
  });
  logger.info({ port: config.PORT, dataDir: config.DATA_DIR }, 'four-level whistle is serving (embedded)');

  return {
    app,
    runtimes,
    async close() {
      await app.close();
      for (const consumer of readSide) await consumer.stop();
      for (const r of runtimes) await r.close();
      auditProcessed.close();
      vault.close();
      idempotencyStore.close();
      await bus.close();
    },
  };
}
