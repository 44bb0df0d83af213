import { join } from 'node:path';
import type { DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { systemClock, uuidIds, type Clock, type IdSource } from '@whistle/kernel';
import { SERVICES, TOPICS, type WriteService } from '@whistle/contracts';
import { CatalogueIndex, loadCatalogue, loadWorkingCalendar, type OfficeCalendar } from '@whistle/catalogue';
import { KurrentDbEventStore, PostgresEventStore, SqliteEventStore, type EventStore } from '@whistle/event-store';
import { KafkaBus, createEventConsumer, type EventConsumerOptions, type ProcessedLog, type RunningConsumer } from '@whistle/messaging';
import { SqliteIdempotencyStore, createLogger, mergedApiDocument, type ReadinessCheck } from '@whistle/http';
import { ConfigError } from '@whistle/config';
import { MongoReadModelStore } from '@whistle/read-models';
import { runMain } from './process-main';
import { serveHttp } from './serve-http';
import { KURRENTDB_URL_SETTING, POSTGRES_URL_SETTING, loadServiceSettings, type ServiceSettings } from './settings';
import type { DeployedService } from './topology';
import { Writer, type WriterDefinition, type WriterHost } from './writer';
import { reloadCalendarOnHangUp } from './working-calendar-reload';
import { CatalogueFollower } from './catalogue-follower';
import { readSideLookups } from './read-side-lookups';

/** What a service's main gets to build itself from: its settings and the connections they name. */
export interface ServiceContext {
  readonly service: DeployedService;
  readonly settings: ServiceSettings;
  readonly logger: Logger;
  readonly bus: KafkaBus;
  readonly catalogue: CatalogueIndex;
  readonly calendar: OfficeCalendar;
  readonly clock: Clock;
  readonly ids: IdSource;
  /** Where a writing service runs in this mode: its own store (SQLite file or KurrentDB) and Kafka. */
  readonly writerHost: WriterHost;
  /** The five writing services' stores, read only: the read sides' source of truth. */
  readStores(): Promise<Record<WriteService, EventStore>>;
  /** A read side's own consumer group over every writing service's topic, with the settings' retry budget. */
  consumeEveryTopic(
    groupId: DeployedService,
    processed: ProcessedLog,
    handle: EventConsumerOptions['handle'],
    handleBatch?: EventConsumerOptions['handleBatch'],
    admit?: EventConsumerOptions['admit'],
    concerns?: EventConsumerOptions['concerns'],
  ): Promise<RunningConsumer>;
}

/** A service as its main built it: the HTTP modules it serves and how to stop what it started. */
export interface HostedService {
  readonly modules: readonly DynamicModule[];
  readonly readiness: Readonly<Record<string, ReadinessCheck>>;
  close(): Promise<void>;
}

/** The consumers' retry budget the settings give: long enough to ride out a store or database restart. */
function consumerRetryOf(settings: Pick<ServiceSettings, 'CONSUMER_RETRY_ATTEMPTS'>): { attempts: number; initialDelayMs: number; maxDelayMs: number } {
  return { attempts: settings.CONSUMER_RETRY_ATTEMPTS, initialDelayMs: 50, maxDelayMs: 5_000 };
}

/**
 * A writing service's store as the settings name it: its SQLite file under DATA_DIR, its KurrentDB,
 * or its schema (named after the service) in PostgreSQL. The read sides open it read only: a SQLite
 * file read only, a PostgreSQL store through their read-only role with read-only sessions.
 */
export async function openEventStore(settings: ServiceSettings, service: WriteService, clock: Clock, readOnly: boolean): Promise<EventStore> {
  if (settings.EVENT_STORE === 'postgres') {
    const url = settings[POSTGRES_URL_SETTING[service]];
    if (!url) throw new ConfigError([`${POSTGRES_URL_SETTING[service]} is required with EVENT_STORE=postgres`]);
    const readRoles = !readOnly && settings.POSTGRES_READ_ROLE ? [settings.POSTGRES_READ_ROLE] : [];
    // A reader holds five stores' pools; a few connections each are plenty for reads.
    return PostgresEventStore.connect({ connectionString: url, schema: service, clock, readOnly, readRoles, maxConnections: readOnly ? 4 : 10 });
  }
  if (settings.EVENT_STORE === 'kurrentdb') {
    const url = settings[KURRENTDB_URL_SETTING[service]];
    if (!url) throw new ConfigError([`${KURRENTDB_URL_SETTING[service]} is required with EVENT_STORE=kurrentdb`]);
    return KurrentDbEventStore.connect(url, { clock });
  }
  return new SqliteEventStore({ file: join(settings.DATA_DIR, `${service}.db`), clock, readOnly });
}

/**
 * Starts one service of the distributed mode as its own process: reads its settings (a bad one
 * stops the start, named), connects Kafka and its store, lets `build` wire the service, serves
 * its HTTP API on PORT, and stops cleanly on SIGTERM or SIGINT.
 */
export function runServiceProcess(service: DeployedService, build: (context: ServiceContext) => Promise<HostedService>): void {
  runMain(service, async () => {
    const settings = loadServiceSettings(service);
    const clock = systemClock;
    const logger = createLogger({ level: settings.LOG_LEVEL, service });
    const bus = new KafkaBus({
      brokers: settings.KAFKA_BROKERS,
      clientId: `four-level-whistle-${service}`,
      partitions: settings.KAFKA_PARTITIONS,
      namespace: settings.KAFKA_NAMESPACE,
      sessionTimeoutMs: settings.KAFKA_SESSION_TIMEOUT_MS,
      logger,
    });
    const catalogue = new CatalogueIndex(loadCatalogue(settings.CATALOGUE_FILE));
    const calendar = loadWorkingCalendar(settings.WORKING_CALENDAR_FILE);
    const stopReloadingCalendar = reloadCalendarOnHangUp(calendar, settings.WORKING_CALENDAR_FILE, logger, clock);
    // The read models (MONGODB_URL): supervision connects at its start (below) and asks them when a catalogue change is made; no other service does.
    let readModels: Promise<MongoReadModelStore> | null = null;
    const readModelsOnce = (): Promise<MongoReadModelStore> => {
      readModels ??= MongoReadModelStore.connect(settings.MONGODB_URL).catch((error: unknown) => {
        readModels = null;
        throw error;
      });
      return readModels;
    };
    const context: ServiceContext = {
      service,
      settings,
      logger,
      bus,
      catalogue,
      calendar,
      clock,
      ids: uuidIds,
      writerHost: {
        readSide: readSideLookups(bus, readModelsOnce),
        settings,
        catalogue,
        calendar,
        clock,
        ids: uuidIds,
        runtimeOptions: async (own) => ({
          dataDir: settings.DATA_DIR,
          store: await openEventStore(settings, own, clock, false),
          bus,
          logger,
          schedulerTickMs: settings.SCHEDULER_TICK_MS,
          consumerRetry: consumerRetryOf(settings),
        }),
      },
      consumeEveryTopic: async (groupId, processed, handle, handleBatch, admit, concerns) => {
        const topics = SERVICES.map((s) => TOPICS[s]);
        await bus.createTopics(topics);
        return createEventConsumer({
          bus,
          groupId,
          topics,
          processed,
          handle,
          ...(handleBatch ? { handleBatch } : {}),
          ...(admit ? { admit } : {}),
          ...(concerns ? { concerns } : {}),
          logger,
          retry: consumerRetryOf(settings),
        });
      },
      readStores: async () => ({
        intake: await openEventStore(settings, 'intake', clock, true),
        escalation: await openEventStore(settings, 'escalation', clock, true),
        adjudication: await openEventStore(settings, 'adjudication', clock, true),
        enforcement: await openEventStore(settings, 'enforcement', clock, true),
        supervision: await openEventStore(settings, 'supervision', clock, true),
      }),
    };
    // The catalogue's recorded changes (目录变更) in force before the service serves, then followed:
    // supervision records them and puts each in force itself; every other process reads its store.
    // Supervision asks the read models which open cases a catalogue change concerns: an unreachable MONGODB_URL stops its start, named, not its first change.
    if (service === 'supervision') {
      await readModelsOnce().catch((error: unknown) => {
        throw new ConfigError([`MONGODB_URL: the read models cannot be reached (${error instanceof Error ? error.message : String(error)}); supervision asks them which open cases a catalogue change concerns`]);
      });
    }
    const follower = service === 'supervision' ? null : new CatalogueFollower(() => openEventStore(settings, 'supervision', clock, true), catalogue, logger);
    await follower?.follow(settings.CATALOGUE_REFRESH_MS);
    const hosted = await build(context);
    const idempotencyStore = new SqliteIdempotencyStore({ file: join(settings.DATA_DIR, `${service}-http.db`), clock });
    // Behind the one base URL one service answers /api/docs: it serves every service's document merged.
    const docs = settings.API_DOCS_SOURCES.length > 0 ? { docs: { document: mergedApiDocument(settings.API_DOCS_SOURCES, logger) } } : {};
    const app = await serveHttp({ settings, modules: hosted.modules, logger, idempotencyStore, readiness: { ...hosted.readiness, ...(follower ? { 'catalogue-changes': () => follower.ready() } : {}) }, signIn: { catalogue, clock }, ...docs });
    logger.info({ port: settings.PORT, eventStore: settings.EVENT_STORE, brokers: settings.KAFKA_BROKERS }, `the ${service} service is serving`);

    return async () => {
      stopReloadingCalendar();
      await follower?.close();
      await app.close();
      await hosted.close();
      if (readModels) await (await readModels.catch(() => null))?.close();
      await bus.close();
      idempotencyStore.close();
    };
  });
}

/** A writing service as its own process of the distributed mode, started from its one definition. */
export function runWriterProcess(definition: WriterDefinition): void {
  runServiceProcess(definition.context.service, async (ctx) => {
    const writer = await Writer.open(definition, ctx.writerHost);
    // Supervision records the catalogue's changes: what its store holds is in force before it serves.
    if (writer.service === 'supervision') await new CatalogueFollower(writer.runtime.store, ctx.catalogue, ctx.logger).refresh();
    await writer.consume();
    writer.relay();
    // A year ahead the working calendar does not cover calls for attention: its deadlines in working days would count weekends only.
    const uncovered = ctx.calendar.coverageWarning(ctx.clock.now());
    if (uncovered) ctx.logger.warn(uncovered);
    const readiness = { ...writer.readiness(), 'working-calendar': () => ctx.calendar.readiness(ctx.clock.now()) };
    return { modules: [writer.module], readiness, close: () => writer.close() };
  });
}
