export * from './command-loop';
export * from './deadline-table';
export * from './deadline-scheduler';
