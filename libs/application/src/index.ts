export * from './command-loop';
export * from './deadline-table';
export * from './deadline-scheduler';
export * from './state-index';
export * from './reactions';
export * from './sqlite-idempotency.store';
export * from './service-runtime';
export * from './http-commands';
