export * from './whistle/whistle.state';
export * from './whistle/whistle.decide';
export * from './whistle/whistle.reactions';
export * from './escalation.context';
