export * from './catalogue';
export * from './values';
export * from './intake.events';
export * from './escalation.events';
export * from './adjudication.events';
export * from './enforcement.events';
export * from './topics';
export * from './bounded-context';
