export * from './world';
export * from './town.fixture';
export * from './infra';
