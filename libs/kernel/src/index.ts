export * from './decider';
export * from './errors';
export * from './canonical-json';
export * from './envelope';
export * from './hash-chain';
export * from './time';
export * from './clock';
export * from './working-days';
