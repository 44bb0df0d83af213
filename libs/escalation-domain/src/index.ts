export * from './whistle/whistle.state';
export * from './whistle/whistle.decide';
