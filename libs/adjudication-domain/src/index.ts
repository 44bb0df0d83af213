export * from './meeting/meeting.state';
export * from './meeting/meeting.decide';
export * from './meeting/minutes';
export * from './case-adjudication/case-adjudication.state';
export * from './case-adjudication/case-adjudication.decide';
export * from './reactions';
export * from './lookups';
export * from './adjudication.context';
