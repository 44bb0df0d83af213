import type { NestExpressApplication } from '@nestjs/platform-express';
import { join } from 'node:path';
import type { Clock, IdSource } from '@whistle/kernel';
import { SERVICES, TOPICS, type WriteService } from '@whistle/contracts';
import type { EventStore } from '@whistle/event-store';
import { CatalogueIndex, loadCatalogue, loadWorkingCalendar } from '@whistle/catalogue';
import type { ServiceRuntime } from '@whistle/application';
import { SqliteIdempotencyStore, createLogger } from '@whistle/http';
import { CatalogueFollower, Writer, readSideLookups, reloadCalendarOnHangUp, serveHttp, type WriterHost } from '@whistle/deployment';
import { serveConsole } from '@whistle/console';
import { InMemoryProcessedLog, InProcessBus, SqliteProcessedLog, createEventConsumer, type RunningConsumer } from '@whistle/messaging';
import { DocumentCache, SqliteReadModelStore } from '@whistle/read-models';
import { QueryModule, ReadSideProgress, queryBatchProjection, queryProjection, rebuildReadModels } from '@whistle/query-service';
import { AuditModule, auditLedgerConsumer, openAudit } from '@whistle/audit-service';
import { intakeWriter } from '@whistle/intake-service';
import { escalationWriter } from '@whistle/escalation-service';
import { enforcementWriter } from '@whistle/enforcement-service';
import { adjudicationWriter } from '@whistle/adjudication-service';
import { supervisionWriter } from '@whistle/supervision-service';
import { NotificationsModule, concernsNotifier, openNotifier } from '@whistle/notifications-service';
import type { EmbeddedConfig } from './embedded.config';
import { readModelStamp, storeHeads } from './read-model-stamp';

/** The five writing services, in the order they open. */
const WRITERS = [intakeWriter, escalationWriter, enforcementWriter, adjudicationWriter, supervisionWriter];

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
  const calendar = loadWorkingCalendar(config.WORKING_CALENDAR_FILE);
  const uncovered = calendar.coverageWarning(deps.clock.now());
  if (uncovered) logger.warn(uncovered);
  const stopReloadingCalendar = reloadCalendarOnHangUp(calendar, config.WORKING_CALENDAR_FILE, logger, deps.clock);
  const bus = new InProcessBus();
  // The read side opens after the writers; a catalogue change asks it which open cases it concerns only once it serves.
  const opened: { readModels?: SqliteReadModelStore } = {};
  const host: WriterHost = {
    readSide: readSideLookups(bus, async () => {
      if (!opened.readModels) throw new Error('the read side is not open yet');
      return opened.readModels;
    }),
    settings: config,
    catalogue,
    calendar,
    clock: deps.clock,
    ids: deps.ids,
    runtimeOptions: async (service) => ({ dataDir: config.DATA_DIR, bus, logger: logger.child({ service }), schedulerTickMs: config.SCHEDULER_TICK_MS }),
  };
  // Every consumer subscribes before any relay publishes: the in-process bus keeps nothing for latecomers.
  const writers: Writer[] = [];
  for (const definition of WRITERS) writers.push(await Writer.open(definition, host));
  const runtimes = writers.map((w) => w.runtime);
  const storeOf = (service: ServiceRuntime['service']) => {
    const runtime = runtimes.find((r) => r.service === service);
    if (!runtime) throw new Error(`the embedded system has no ${service} writer`);
    return runtime.store;
  };
  const allTopics = SERVICES.map((service) => TOPICS[service]);

  // The read side, in a SQLite file of its own so that memory stays bounded and list pages are
  // indexed queries however many cases there are; kept by the bus. The last run's file is kept when
  // that run closed it cleanly (below: the relays stopped first, so it holds everything their
  // checkpoints say was published, and they publish the rest) and the same code and catalogue made
  // it; otherwise, after a crash or an upgrade, it is rebuilt from the stores.
  const stamp = readModelStamp(catalogue.catalogue);
  const stores = runtimes.map((r) => r.store);
  const readModels = SqliteReadModelStore.open(join(config.DATA_DIR, 'read-models.db'), { keepIf: `${stamp}|${await storeHeads(stores)}` });
  // One progress for the projection and the HTTP side: After-Position waits and live updates hear of each write.
  opened.readModels = readModels;
  // The catalogue's recorded changes (目录变更) in force from here on; the read models' stamp above is the starting catalogue's, which a change does not alter.
  await new CatalogueFollower(storeOf('supervision'), catalogue, logger).refresh();
  const query = { readModels, catalogue, stores, clock: deps.clock, progress: new ReadSideProgress(readModels, catalogue) };
  if (readModels.kept) logger.info('read models kept from the last run, which closed them cleanly');
  else logger.info(await rebuildReadModels(query), 'read models rebuilt from the event stores');
  // A projection that failed even once may have left a view short of an event (dead-lettered after
  // its retries): such read models are not kept, and the next start rebuilds them.
  let projectionFailed = false;
  const noting =
    <A extends unknown[]>(project: (...args: A) => Promise<void>) =>
    async (...args: A): Promise<void> => {
      try {
        await project(...args);
      } catch (error) {
        projectionFailed = true;
        throw error;
      }
    };
  const readSide: RunningConsumer[] = [
    await createEventConsumer({
      bus,
      groupId: 'query',
      topics: allTopics,
      processed: new InMemoryProcessedLog(),
      handle: noting(queryProjection(query)),
      // A read here is a local SQLite read, not a round trip: 2,000 recent documents serve the
      // batches as well as the distributed default of 10,000 did (within the bench's noise) and
      // hold about 15 MB less for the life of the process.
      handleBatch: noting(queryBatchProjection(query, new DocumentCache(2_000))),
      logger,
    }),
  ];
  const auditStores = Object.fromEntries(SERVICES.map((service) => [service, storeOf(service)])) as Record<WriteService, EventStore>;
  const audit = await openAudit({ stores: auditStores, ledgerFile: join(config.DATA_DIR, 'audit.db'), catalogue, clock: deps.clock }, config, { logger: logger.child({ service: 'audit' }) });
  const auditProcessed = new SqliteProcessedLog({ file: audit.ledgerFile, clock: deps.clock });
  const auditLedger = auditLedgerConsumer(audit);
  readSide.push(await createEventConsumer({ bus, groupId: 'audit', topics: allTopics, processed: auditProcessed, handle: auditLedger.handle, handleBatch: auditLedger.handleBatch, logger }));
  // The notifier's outbox and its processed log share a file: what it recorded survives a restart, and nothing is recorded twice.
  const notifier = openNotifier(config, { catalogue, clock: deps.clock, logger: logger.child({ service: 'notifications' }) });
  const notifierProcessed = new SqliteProcessedLog({ file: notifier.file, clock: deps.clock });
  readSide.push(await createEventConsumer({ bus, groupId: 'notifications', topics: allTopics, processed: notifierProcessed, handle: notifier.handle, handleBatch: notifier.handleBatch, concerns: concernsNotifier, logger }));
  for (const writer of writers) await writer.consume();
  for (const writer of writers) writer.relay();
  audit.integrity.start();
  notifier.start();

  const idempotencyStore = new SqliteIdempotencyStore({ file: join(config.DATA_DIR, 'http.db'), clock: deps.clock });
  const app = await serveHttp({
    settings: config,
    logger,
    idempotencyStore,
    // Ready means every service's store answers and has caught up its own index.
    // A year ahead the working calendar does not cover calls for attention: its deadlines in working days would count weekends only.
    readiness: Object.assign({ 'working-calendar': () => calendar.readiness(deps.clock.now()) }, ...writers.map((w) => w.readiness())),
    modules: [...writers.map((w) => w.module), QueryModule.register(query), AuditModule.register(audit), NotificationsModule.register(notifier)],
    // How the console signs in: the development sign-in with the development secret, else the identity provider.
    signIn: { catalogue, clock: deps.clock },
    // The web console at `/`, beside the API (services/console; `npm start` builds it first).
    beforeListen: (app) => serveConsole(app),
  });
  logger.info({ port: config.PORT, dataDir: config.DATA_DIR }, 'four-level whistle is serving (embedded)');

  return {
    app,
    runtimes,
    async close() {
      stopReloadingCalendar();
      await app.close();
      // Nothing is published once the read side stops listening, or the kept read models would miss it.
      for (const writer of writers) await writer.stopPublishing();
      for (const consumer of readSide) await consumer.stop();
      auditLedger.close();
      await audit.integrity.close();
      if (projectionFailed) readModels.close();
      else readModels.closeCleanly(`${stamp}|${await storeHeads(stores)}`);
      for (const writer of writers) await writer.close();
      auditProcessed.close();
      await notifier.close();
      notifierProcessed.close();
      idempotencyStore.close();
      await bus.close();
    },
  };
}
