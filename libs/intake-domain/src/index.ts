export * from './case/case.state';
export * from './case/case.decide';
export * from './case/duplicates';
export * from './case/case.reactions';
export * from './intake.context';
export * from './personal-data/access.decide';
export * from './case/manual-links';
