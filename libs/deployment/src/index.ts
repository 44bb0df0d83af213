export * from './topology';
export * from './settings';
export { renderNginxConf, type NginxOptions } from './nginx-conf';
export { runMain, type StopProgram } from './process-main';
export { serveHttp, type ServeHttpOptions } from './serve-http';
export { openEventStore, runServiceProcess, runWriterProcess, type HostedService, type ServiceContext } from './service-process';
export { WRITER, Writer, defineWriter, writerModule, type WriterDefinition, type WriterDependencies, type WriterHost, type WriterResources } from './writer';
export { ManagedProcess, freePort, type ManagedProcessOptions } from './launcher/managed-process';
export { DistributedSystem, REPO_ROOT, nginxBinary, serviceStartCommand, type DistributedSystemOptions } from './launcher/distributed-system';
