export * from './message-bus.port';
export { silentLogger, type Logger } from './logger';
export { envelopeProblem, isEventEnvelope } from './envelope-guard';
export { InProcessBus } from './in-process/in-process-bus';
export { startRelay, type Relay, type RelayOptions } from './relay';
export { createEventConsumer, ConsumerStopped, type EventConsumerOptions } from './event-consumer';
export type { ProcessedLog } from './processed-log/processed-log.port';
export { InMemoryProcessedLog } from './processed-log/in-memory-processed-log';
export { SqliteProcessedLog, type SqliteProcessedLogOptions } from './processed-log/sqlite-processed-log';
