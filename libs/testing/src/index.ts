export * from './town.fixture';
export * from './infra';
