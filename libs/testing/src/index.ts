export * from './town.fixture';
